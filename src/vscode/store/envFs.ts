// The .env target's file access through node:fs (no vscode import, so the unit tests check this
// very adapter: test/unit/envFile/envTarget.test.ts).
import { constants as fsConstants, promises as fsp } from 'node:fs';
import type { EnvFs } from '../../core/envFile';

export const envFs: EnvFs = {
  lstat: (file) => fsp.lstat(file).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : Promise.reject(e))),
  realpath: (file) => fsp.realpath(file),
  readFile: (file) => fsp.readFile(file, 'utf8'),
  // A file marked read-only (no write bit) stays untouched even for root, who could write it anyway.
  canWrite: async (file) => ((await fsp.stat(file)).mode & 0o222) !== 0 && (await fsp.access(file, fsConstants.W_OK).then(() => true, () => false)),
};
