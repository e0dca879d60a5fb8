import * as path from 'node:path';
import { fail, ok, type Problem, type Result } from '../result';

/** The file-system calls the .env checks need (node:fs/promises in the extension, temp dirs in tests). */
export interface EnvFs {
  /** undefined when nothing is at the path. */
  lstat(file: string): Promise<{ isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean } | undefined>;
  realpath(file: string): Promise<string>;
  readFile(file: string): Promise<string>;
  /** Whether this process may write the existing file. */
  canWrite(file: string): Promise<boolean>;
}

export interface EnvTarget {
  /** `<folder>/.env`, as the person sees it. */
  readonly displayPath: string;
  /** Where the text is written: the file itself, or the target of a link that stays inside the folder. */
  readonly writePath: string;
  /** Paths relative to the folder that git must ignore: `.env`, and a link's target. */
  readonly gitPaths: readonly string[];
  readonly exists: boolean;
  /** The current text; '' when the file does not exist yet. */
  readonly text: string;
  /** For a symbolic link: its target, relative to the folder. */
  readonly linkTarget?: string;
}

export type EnvProblemKind = 'env-symlink-outside' | 'env-symlink-broken' | 'env-not-a-file' | 'env-read-only' | 'env-unreadable';

const inside = (root: string, file: string): boolean => {
  const relative = path.relative(root, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
};

/**
 * Where a key for `<folder>/.env` would be written, or why it must not be: a link out of the
 * folder (the key would land in a file nobody looked at), a directory, a read-only file.
 */
export async function inspectEnvFile(fs: EnvFs, folder: string, name = '.env'): Promise<Result<EnvTarget, Problem<EnvProblemKind>>> {
  const displayPath = path.join(folder, name);
  const problem = (kind: EnvProblemKind, message: string) => fail({ kind, message });
  const stat = await fs.lstat(displayPath);
  if (stat === undefined) return ok({ displayPath, writePath: displayPath, gitPaths: [name], exists: false, text: '' });

  let writePath = displayPath;
  let linkTarget: string | undefined;
  const gitPaths = [name];
  if (stat.isSymbolicLink()) {
    let realFolder: string;
    try {
      realFolder = await fs.realpath(folder);
      writePath = await fs.realpath(displayPath);
    } catch {
      return problem('env-symlink-broken', `${name} is a symbolic link to a file that does not exist, so the key was not written through it. Replace the link with a plain file, or remove it, and run the command again.`);
    }
    if (!inside(realFolder, writePath)) {
      return problem('env-symlink-outside', `${name} is a symbolic link to a file outside this folder (${writePath}), so the key was not written there: nothing checks whether git ignores that file. Replace the link with a plain file and run the command again.`);
    }
    linkTarget = path.relative(realFolder, writePath);
    gitPaths.push(linkTarget.split(path.sep).join('/'));
    const target = await fs.lstat(writePath);
    if (!target?.isFile()) return problem('env-not-a-file', `${name} links to ${linkTarget}, which is not a file; nothing was written.`);
  } else if (!stat.isFile()) {
    return problem('env-not-a-file', `${name} in this folder is not a file (a directory?); nothing was written.`);
  }
  if (!(await fs.canWrite(writePath))) {
    return problem('env-read-only', `${linkTarget ?? name} is read-only, so the key was not written. Make it writable (for example chmod u+w ${linkTarget ?? name}) and run the command again.`);
  }
  let text: string;
  try {
    text = await fs.readFile(writePath);
  } catch {
    return problem('env-unreadable', `${linkTarget ?? name} could not be read, so it was not changed. Check its permissions and run the command again.`);
  }
  return ok({ displayPath, writePath, gitPaths, exists: true, text, ...(linkTarget !== undefined ? { linkTarget } : {}) });
}
