import * as assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gitignoreListsAll, nodeEnvWriteFs, sameEnvTarget, writeEnvAtomically, type EnvTarget } from '../../../src/core/envFile';

describe('.env: writing it', () => {
  let dir: string;
  beforeEach(async () => (dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'api2cart-envw-'))));
  afterEach(() => fsp.rm(dir, { recursive: true, force: true }));

  it('a new .env is created with mode 0600 whatever the umask, through a temporary file that does not stay', async () => {
    const file = path.join(dir, '.env');
    const umask = process.umask(0o000);
    try {
      await writeEnvAtomically(nodeEnvWriteFs, { writePath: file, exists: false }, 'A=1\n', 'r1');
    } finally {
      process.umask(umask);
    }
    assert.equal((await fsp.stat(file)).mode & 0o777, 0o600);
    assert.equal(await fsp.readFile(file, 'utf8'), 'A=1\n');
    assert.deepEqual(await fsp.readdir(dir), ['.env']);
  });

  it('an existing file keeps its mode; a link inside the folder stays a link and its target changes', async () => {
    const target = path.join(dir, 'dev.env');
    await fsp.writeFile(target, 'OLD=1\n', { mode: 0o640 });
    await fsp.chmod(target, 0o640);
    await fsp.symlink('dev.env', path.join(dir, '.env'));
    await writeEnvAtomically(nodeEnvWriteFs, { writePath: target, exists: true }, 'NEW=1\n', 'r2');
    assert.equal((await fsp.stat(target)).mode & 0o777, 0o640);
    assert.ok((await fsp.lstat(path.join(dir, '.env'))).isSymbolicLink());
    assert.equal(await fsp.readFile(path.join(dir, '.env'), 'utf8'), 'NEW=1\n');
  });

  it('never writes through something planted at the temporary name, and leaves the file as it was on failure', async () => {
    const file = path.join(dir, '.env');
    await fsp.writeFile(file, 'KEEP=1\n');
    const outside = path.join(dir, 'outside');
    await fsp.symlink(outside, path.join(dir, '..env.r3.tmp'));
    await assert.rejects(writeEnvAtomically(nodeEnvWriteFs, { writePath: file, exists: true }, 'K=secret\n', 'r3'));
    await assert.rejects(fsp.stat(outside), 'nothing written through the planted link');
    assert.equal(await fsp.readFile(file, 'utf8'), 'KEEP=1\n');
    const failing = { ...nodeEnvWriteFs, rename: () => Promise.reject(new Error('EXDEV')) };
    await assert.rejects(writeEnvAtomically(failing, { writePath: file, exists: true }, 'K=secret\n', 'r4'));
    assert.deepEqual((await fsp.readdir(dir)).sort(), ['..env.r3.tmp', '.env'], 'the temporary file was removed');
  });

  it('the target the person was asked about must still be the one written', () => {
    const target: EnvTarget = { displayPath: '/p/.env', writePath: '/p/.env', gitPaths: ['.env'], exists: true, text: 'A=1\n' };
    assert.equal(sameEnvTarget(target, { ...target, text: 'A=2\n' }), true, 'a changed text is edited as it now is');
    assert.equal(sameEnvTarget(target, { ...target, writePath: '/p/config/dev.env', linkTarget: 'config/dev.env', gitPaths: ['.env', 'config/dev.env'] }), false, 'relinked');
    assert.equal(sameEnvTarget(target, { ...target, exists: false }), false, 'removed');
  });

  it('without git, .gitignore must list a link\'s target too', () => {
    assert.equal(gitignoreListsAll('.env\n', ['.env', 'config/dev.env']), false);
    assert.equal(gitignoreListsAll('.env\n/config/dev.env\n', ['.env', 'config/dev.env']), true);
  });
});
