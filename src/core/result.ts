/**
 * Errors are values: every fallible core operation returns a Result whose error carries a
 * user-facing message and, where one exists, the action that fixes it. The VS Code layer maps
 * a FixAction to a command; core never knows command ids.
 */
export type FixAction =
  | 'setApiKey'
  | 'setAppCredentials'
  | 'setPublicKey'
  | 'setInstanceId'
  | 'addStore'
  | 'checkConnection'
  | 'openSettings'
  /** VS Code's own http.proxy setting (a proxy from the environment can be overridden there). */
  | 'openProxySettings'
  | 'retry';

export interface Problem<K extends string = string> {
  /** Stable machine-readable kind, e.g. 'signature-invalid', 'api2cart-2'. */
  readonly kind: K;
  /** One or two sentences a person can act on. Never contains a secret. */
  readonly message: string;
  readonly fix?: FixAction;
}

export type Result<T, E extends Problem = Problem> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const fail = <E extends Problem>(error: E): { ok: false; error: E } => ({ ok: false, error });
