export interface Disposable {
  dispose(): void;
}

/**
 * The slice of VS Code's SecretStorage the extension needs. Core code depends on this so it can
 * run in plain Node; the VS Code adapter forwards to `context.secrets`.
 */
export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  store(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** Fires for every store or delete, including those made by other windows. */
  onDidChange(listener: (key: string) => void): Disposable;
  /**
   * Every key this extension has stored. Optional because it is only needed to sweep up secrets
   * that no readable profile points at any more (see `forgetAll`).
   */
  keys?(): Promise<string[]>;
}
