import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gitIgnoreStatus, inspectEnvFile, type EnvFs, type GitRunner } from '../../../src/core/envFile';
import { envFs } from '../../../src/vscode/store/envFs';

// The shipped adapter: its read-only check holds for root too, so nothing here skips itself.
const nodeFs: EnvFs = envFs;

describe('.env: where the key would go', () => {
  let dir: string;
  let folder: string;
  beforeEach(async () => {
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'api2cart-env-'));
    folder = path.join(dir, 'project');
    await fsp.mkdir(folder);
  });
  afterEach(() => fsp.rm(dir, { recursive: true, force: true }));

  it('no .env yet: written at the folder\'s top', async () => {
    const target = await inspectEnvFile(nodeFs, folder);
    assert.deepEqual(target, { ok: true, value: { displayPath: path.join(folder, '.env'), writePath: path.join(folder, '.env'), gitPaths: ['.env'], exists: false, text: '' } });
  });

  it('an existing .env: its text is read', async () => {
    await fsp.writeFile(path.join(folder, '.env'), 'A=1\r\n');
    const target = await inspectEnvFile(nodeFs, folder);
    assert.ok(target.ok && target.value.exists && target.value.text === 'A=1\r\n');
  });

  it('a link to a file inside the folder: written through, and git must ignore both', async () => {
    await fsp.mkdir(path.join(folder, 'config'));
    await fsp.writeFile(path.join(folder, 'config', 'dev.env'), 'X=1\n');
    await fsp.symlink(path.join('config', 'dev.env'), path.join(folder, '.env'));
    const target = await inspectEnvFile(nodeFs, folder);
    assert.ok(target.ok);
    assert.equal(target.value.writePath, await fsp.realpath(path.join(folder, 'config', 'dev.env')));
    assert.deepEqual(target.value.gitPaths, ['.env', 'config/dev.env']);
    assert.equal(target.value.linkTarget, path.join('config', 'dev.env'));
  });

  it('a link out of the folder, a dangling link, a directory: refused', async () => {
    await fsp.writeFile(path.join(dir, 'elsewhere.env'), '');
    await fsp.symlink(path.join(dir, 'elsewhere.env'), path.join(folder, '.env'));
    const outside = await inspectEnvFile(nodeFs, folder);
    assert.ok(!outside.ok && outside.error.kind === 'env-symlink-outside');
    assert.match(outside.error.message, /symbolic link to a file outside this folder/);
    await fsp.rm(path.join(folder, '.env'));
    await fsp.symlink(path.join(folder, 'missing.env'), path.join(folder, '.env'));
    const dangling = await inspectEnvFile(nodeFs, folder);
    assert.ok(!dangling.ok && dangling.error.kind === 'env-symlink-broken');
    await fsp.rm(path.join(folder, '.env'));
    await fsp.mkdir(path.join(folder, '.env'));
    const directory = await inspectEnvFile(nodeFs, folder);
    assert.ok(!directory.ok && directory.error.kind === 'env-not-a-file');
  });

  it('a read-only .env: refused with how to fix it', async () => {
    const readOnly: EnvFs = { ...nodeFs, canWrite: async () => false };
    await fsp.writeFile(path.join(folder, '.env'), 'A=1\n');
    const target = await inspectEnvFile(readOnly, folder);
    assert.ok(!target.ok && target.error.kind === 'env-read-only');
    assert.match(target.error.message, /chmod u\+w \.env/);
    await fsp.chmod(path.join(folder, '.env'), 0o444);
    const real = await inspectEnvFile(nodeFs, folder);
    assert.ok(!real.ok && real.error.kind === 'env-read-only');
  });
});

describe('.env: what git says', () => {
  const git: GitRunner = (args, cwd) => new Promise((resolve) => {
    try {
      const stdout = execFileSync('git', [...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
      resolve({ code: 0, stdout, stderr: '' });
    } catch (e) {
      const error = e as { status?: number; stderr?: Buffer };
      resolve({ code: error.status ?? 128, stdout: '', stderr: error.stderr?.toString() ?? '' });
    }
  });
  let dir: string;
  const run = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  beforeEach(async () => { dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'api2cart-git-')); });
  afterEach(() => fsp.rm(dir, { recursive: true, force: true }));

  it('not a repository', async () => {
    assert.deepEqual(await gitIgnoreStatus(git, dir, ['.env']), { state: 'no-repo' });
  });

  it('a repository that does not ignore .env, then one that does', async () => {
    run('init', '-q');
    assert.deepEqual(await gitIgnoreStatus(git, dir, ['.env']), { state: 'not-ignored', path: '.env' });
    await fsp.writeFile(path.join(dir, '.gitignore'), '.env\n');
    assert.deepEqual(await gitIgnoreStatus(git, dir, ['.env']), { state: 'ignored' });
    assert.deepEqual(await gitIgnoreStatus(git, dir, ['.env', 'config/dev.env']), { state: 'not-ignored', path: 'config/dev.env' });
  });

  it('a tracked .env: no ignore rule can help', async () => {
    run('init', '-q');
    await fsp.writeFile(path.join(dir, '.env'), 'A=1\n');
    run('add', '.env');
    await fsp.writeFile(path.join(dir, '.gitignore'), '.env\n');
    assert.deepEqual(await gitIgnoreStatus(git, dir, ['.env']), { state: 'tracked', path: '.env' });
  });

  it('git missing or refusing: unchecked, with the reason', async () => {
    assert.deepEqual(await gitIgnoreStatus(async () => 'no-git', dir, ['.env']), { state: 'unchecked', reason: 'git was not found on this machine' });
    const dubious: GitRunner = async () => ({ code: 128, stdout: '', stderr: "fatal: detected dubious ownership in repository at '/x'\n" });
    assert.deepEqual(await gitIgnoreStatus(dubious, dir, ['.env']), { state: 'unchecked', reason: "git said: detected dubious ownership in repository at '/x'" });
  });
});
