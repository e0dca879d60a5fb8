import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { gitignoreListsName } from './envText';
import type { EnvTarget } from './envTarget';

/** The file-system calls writing a .env needs (node:fs/promises in the extension, temp dirs in tests). */
export interface EnvWriteFs {
  /** Creates `file` (it must not exist) with exactly this mode. */
  writeNew(file: string, text: string, mode: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
  /** The permission bits of an existing file. */
  mode(file: string): Promise<number>;
}

/** node:fs. `wx`: a temporary file of the same name (a link planted there) is never written through. */
export const nodeEnvWriteFs: EnvWriteFs = {
  writeNew: async (file, text, mode) => {
    await fsp.writeFile(file, text, { flag: 'wx', mode });
    await fsp.chmod(file, mode); // the umask must not change it
  },
  rename: (from, to) => fsp.rename(from, to),
  unlink: (file) => fsp.unlink(file),
  mode: async (file) => (await fsp.stat(file)).mode,
};

/** A new .env is readable by its owner only. */
export const NEW_ENV_MODE = 0o600;

/**
 * Writes the text to a temporary file next to the target, then renames it over the target: a
 * reader (or a crash) never sees half a file. An existing file keeps its mode; a new one gets 0600.
 */
export async function writeEnvAtomically(fs: EnvWriteFs, target: Pick<EnvTarget, 'writePath' | 'exists'>, text: string, random: string): Promise<void> {
  const mode = target.exists ? (await fs.mode(target.writePath)) & 0o777 : NEW_ENV_MODE;
  const temp = path.join(path.dirname(target.writePath), `.${path.basename(target.writePath)}.${random}.tmp`);
  await fs.writeNew(temp, text, mode);
  try {
    await fs.rename(temp, target.writePath);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** Whether the file to be written is still the one the person was asked about. */
export function sameEnvTarget(before: EnvTarget, now: EnvTarget): boolean {
  return before.writePath === now.writePath && before.exists === now.exists && before.linkTarget === now.linkTarget
    && before.gitPaths.join('\n') === now.gitPaths.join('\n');
}

/** A .gitignore's own lines list every path (`.env` and a link's target): the check when git cannot be asked. */
export function gitignoreListsAll(text: string, paths: readonly string[]): boolean {
  return paths.every((p) => gitignoreListsName(text, p));
}
