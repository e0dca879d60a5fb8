/** A request file found in the workspace. */
export interface RequestFileInput {
  readonly uri: string;
  /** Its path relative to the workspace, as shown. */
  readonly relativePath: string;
}

/** A run the request runner remembers (its RunHistory records fit). */
export interface RunInput {
  readonly id: number;
  readonly requestUri: string;
  readonly title: string;
  readonly storeName: string;
  readonly at: Date;
}

export interface RequestFileRow {
  readonly uri: string;
  readonly name: string;
  readonly folder: string;
  /** Newest first, at most RUNS_PER_FILE. */
  readonly runs: readonly RunInput[];
}

export const RUNS_PER_FILE = 5;

/**
 * The files sorted by path, each with its recent runs; a run of a file no longer in the
 * workspace (an unsaved one) still gets its file row, so no answer becomes unreachable.
 */
export function requestRows(files: readonly RequestFileInput[], newestFirstRuns: readonly RunInput[], perFile = RUNS_PER_FILE): RequestFileRow[] {
  const runsOf = new Map<string, RunInput[]>();
  for (const run of newestFirstRuns) {
    const list = runsOf.get(run.requestUri) ?? [];
    if (list.length < perFile) list.push(run);
    runsOf.set(run.requestUri, list);
  }
  const known = new Map(files.map((f) => [f.uri, f.relativePath]));
  for (const uri of runsOf.keys()) if (!known.has(uri)) known.set(uri, decodeURIComponent(uri.replace(/^[a-z]+:/i, '').split('/').pop() ?? uri));
  return [...known].sort(([, a], [, b]) => a.localeCompare(b)).map(([uri, relativePath]) => {
    const cut = relativePath.lastIndexOf('/');
    return {
      uri,
      name: relativePath.slice(cut + 1),
      folder: cut > 0 ? relativePath.slice(0, cut) : '',
      runs: runsOf.get(uri) ?? [],
    };
  });
}
