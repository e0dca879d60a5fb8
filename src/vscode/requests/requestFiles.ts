/** Request files as the activation code needs them, without the runner (loaded on first use). */
export const REQUEST_FILE_SUFFIX = '.api2cart.json';
export const REQUEST_FILE_GLOB = `**/*${REQUEST_FILE_SUFFIX}`;

/** What the Run command does: its CodeLenses pass `{ uri, action }`; the editor title button passes the file's Uri. */
export type RunAction = 'run' | 'nextPage' | 'curl' | 'history';

/** What the CodeLenses read of the runner, once it has run. */
export interface RunState {
  lastRunOf(uri: { toString(): string }): { readonly nextCursor?: string } | undefined;
  readonly history: { list(): readonly unknown[] };
}
