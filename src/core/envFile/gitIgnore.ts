/** Runs git with these arguments in `cwd`; 'no-git' when git is not installed. */
export type GitRunner = (args: readonly string[], cwd: string) => Promise<{ readonly code: number; readonly stdout: string; readonly stderr: string } | 'no-git'>;

/**
 * ignored: every path is ignored and none is tracked. tracked: git already has the file, so an
 * ignore rule cannot keep changes out of commits. no-repo: not in a git repository. unchecked:
 * git is missing or refused to answer (e.g. "dubious ownership"); `reason` says which.
 */
export type GitIgnoreStatus =
  | { readonly state: 'ignored' }
  | { readonly state: 'not-ignored'; readonly path: string }
  | { readonly state: 'tracked'; readonly path: string }
  | { readonly state: 'no-repo' }
  | { readonly state: 'unchecked'; readonly reason: string };

const firstLine = (text: string): string => text.split(/\r?\n/).find((l) => l.trim() !== '')?.replace(/^fatal:\s*/, '').trim() ?? '';

/** Asks git about each path (relative to `folder`): tracked first, then check-ignore. */
export async function gitIgnoreStatus(git: GitRunner, folder: string, paths: readonly string[]): Promise<GitIgnoreStatus> {
  for (const file of paths) {
    const tracked = await git(['ls-files', '--error-unmatch', '--', file], folder);
    if (tracked === 'no-git') return { state: 'unchecked', reason: 'git was not found on this machine' };
    if (tracked.code === 0) return { state: 'tracked', path: file };
    if (tracked.code !== 1) {
      return /not a git repository/i.test(tracked.stderr) ? { state: 'no-repo' } : { state: 'unchecked', reason: `git said: ${firstLine(tracked.stderr) || `exit code ${tracked.code}`}` };
    }
    const ignored = await git(['check-ignore', '-q', '--', file], folder);
    if (ignored === 'no-git') return { state: 'unchecked', reason: 'git was not found on this machine' };
    if (ignored.code === 1) return { state: 'not-ignored', path: file };
    if (ignored.code !== 0) return { state: 'unchecked', reason: `git said: ${firstLine(ignored.stderr) || `exit code ${ignored.code}`}` };
  }
  return { state: 'ignored' };
}
