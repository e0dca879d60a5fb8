// Issue 13: hand the store key over (clipboard, .env) and remove the store, against the stub.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CommandIds } from '../../src/vscode/commandIds';
import type { Services } from '../../src/vscode/services';
import type { Api2CartStub } from '../support/stubs/api2cartStub';
import { startWixStub, type WixStub } from '../support/stubs/wixStub';
import { appRemoved, generateTestKeys, signWithJose, TEST_APP_ID } from '../support/webhookSigning';
import { connectStore, forgetStore, hex, SITE_NAME, SITE_URL } from './support/connectedStore';
import { readLog } from './support/evidence';
import { extensionApi, waitFor, type TestApi } from './support/extension';
import { ScriptedUser, type PickItem } from './support/scriptedUser';

const ADD_TO_GITIGNORE = 'Add to .gitignore and Write';
const onlyStoreKey = (items: readonly PickItem[]) => items.filter((i) => i.label === 'API2CART_STORE_KEY');
const bothKeys = (items: readonly PickItem[]) => [...items];

describe('store: Copy Store Key, Write Store Key to .env, Remove Store from API2Cart', function () {
  this.timeout(60_000);
  const user = new ScriptedUser({ strictInputs: true });
  let api: TestApi;
  let s: Services;
  let api2cart: Api2CartStub;
  let apiKey: string;
  let storeKey: string;
  let instanceId: string;
  let folder: string;

  const env = () => path.join(folder, '.env');
  const gitignore = () => path.join(folder, '.gitignore');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: folder, stdio: 'ignore' });
  const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined);

  /** Nothing the person saw holds a key. */
  function assertNoKeyShown(): void {
    const shown = user.shownText();
    for (const secret of [apiKey, storeKey]) assert.ok(!shown.includes(secret), 'a key reached a notification, input or pick');
  }

  before(async () => {
    api = await extensionApi();
    s = api.services;
    const first = vscode.workspace.workspaceFolders?.[0];
    assert.ok(first, 'the test workspace is open');
    folder = first.uri.fsPath;
    user.install();
  });

  after(async () => {
    user.restore();
    api.overrideWorkspaceFacts(undefined);
    await forgetStore(s);
  });

  beforeEach(async () => {
    user.reset();
    api.overrideWorkspaceFacts(undefined);
    ({ api2cart, apiKey, storeKey, instanceId } = await connectStore(s));
    await vscode.env.clipboard.writeText('before');
  });

  afterEach(async () => {
    assertNoKeyShown();
    assert.deepEqual(api2cart.violations, []);
    await api2cart.close();
    for (const file of ['.env', '.gitignore', '.git', 'config', 'elsewhere']) fs.rmSync(path.join(folder, file), { recursive: true, force: true });
  });

  describe('Copy Store Key', () => {
    it('puts the active store\'s key on the clipboard and names the store; Clear Clipboard takes it off', async () => {
      await vscode.commands.executeCommand(CommandIds.copyStoreKey);
      assert.equal(await vscode.env.clipboard.readText(), storeKey);
      const info = user.only('info');
      assert.equal(info.message, `The store key of "${SITE_NAME}" is on the clipboard. Paste it where your integration reads it, never into a file git commits.`);
      assert.deepEqual(info.buttons, ['Clear Clipboard']);

      user.reply(/is on the clipboard/, 'Clear Clipboard');
      await vscode.commands.executeCommand(CommandIds.copyStoreKey);
      assert.equal(await vscode.env.clipboard.readText(), '', 'cleared on request');
      const log = await readLog(s);
      assert.match(log, /Copy Store Key: the store key of Canary Crafts was put on the clipboard/);
      assert.ok(!log.includes(storeKey), 'the key is never logged');
    });

    it('no store connected: says so, offers Add Store, copies nothing', async () => {
      assert.ok((await s.profiles.forget([{ kind: 'storeKey', profileId: instanceId }])).ok);
      await vscode.commands.executeCommand(CommandIds.copyStoreKey);
      const error = user.only('error');
      assert.match(error.message, /"Canary Crafts" is not connected: it has not been added to API2Cart yet/);
      assert.deepEqual(error.buttons, ['Add Store to API2Cart']);
      assert.ok((await s.profiles.forget([{ kind: 'profiles' }])).ok);
      await vscode.commands.executeCommand(CommandIds.copyStoreKey);
      assert.match(user.messagesOf('error')[1] ?? '', /No store is connected yet: add a Wix store to API2Cart first/);
      assert.equal(await vscode.env.clipboard.readText(), 'before');
    });

    it('refused in Restricted Mode, with the reason and Manage Workspace Trust', async () => {
      api.overrideWorkspaceFacts({ trusted: false });
      await vscode.commands.executeCommand(CommandIds.copyStoreKey);
      const warning = user.only('warning');
      assert.match(warning.message, /^Copy Store Key is turned off in Restricted Mode: the store key never leaves secret storage in a workspace you have not trusted/);
      assert.deepEqual(warning.buttons, ['Manage Workspace Trust']);
      assert.equal(await vscode.env.clipboard.readText(), 'before');
    });
  });

  describe('Write Store Key to .env', () => {
    it('a folder outside git: offers to add .env to .gitignore; declining writes nothing', async () => {
      user.pick(onlyStoreKey);
      await vscode.commands.executeCommand(CommandIds.writeStoreKeyToEnv);
      const offer = user.messages.find((m) => m.modal);
      assert.ok(offer, 'a modal offer was shown');
      assert.match(offer.message, /is not in a git repository yet, and its \.gitignore does not list \.env/);
      assert.deepEqual(offer.buttons, [ADD_TO_GITIGNORE]);
      assert.equal(read(env()), undefined);
      assert.equal(read(gitignore()), undefined);
      assert.match(user.messagesOf('info').at(-1) ?? '', /Nothing was written/);
    });

    it('accepting adds .env to .gitignore and writes one API2CART_STORE_KEY line, readable by its owner only', async () => {
      user.pick(onlyStoreKey).reply(/\.gitignore/, ADD_TO_GITIGNORE);
      await vscode.commands.executeCommand(CommandIds.writeStoreKeyToEnv);
      assert.equal(read(gitignore()), '# Local secrets (API2Cart keys)\n.env\n');
      const text = read(env())!;
      assert.equal(text.split('\n').filter((l) => l.startsWith('API2CART_STORE_KEY=')).length, 1);
      assert.ok(text.includes(`API2CART_STORE_KEY=${storeKey}\n`));
      assert.ok(!text.includes(apiKey), 'the API key only when ticked');
      assert.equal(fs.statSync(env()).mode & 0o777, 0o600);
      // One short line with Open .env; the rest of what changed is in the log.
      const done = user.messages.filter((m) => m.severity === 'info').at(-1)!;
      assert.equal(done.message, 'Wrote API2CART_STORE_KEY for "Canary Crafts" to .env; its .gitignore lists it (no git repository).');
      assert.deepEqual(done.buttons, ['Open .env']);
      assert.ok(!user.messages.some((m) => /git ignores it/i.test(m.message)), 'git was not asked, so it is not said to ignore it');
      assert.match(await readLog(s), /Write Store Key to \.env: \.env was added to \.gitignore\./);
      const picks = user.picks[0]!;
      assert.equal(picks.options?.canPickMany, true);
      assert.deepEqual(picks.items.map((i) => [i.label, i.picked]), [['API2CART_STORE_KEY', true], ['API2CART_API_KEY', false]]);
    });

    it('a git repository that ignores .env: no question; the API key too when ticked; other lines and CRLF kept', async () => {
      git('init', '-q');
      fs.writeFileSync(gitignore(), 'node_modules\n.env\n');
      fs.writeFileSync(env(), '# my settings\r\nDB_URL=postgres://localhost/db\r\nAPI2CART_STORE_KEY=old\r\n\r\nAPI2CART_STORE_KEY=older\r\n');
      user.pick(bothKeys);
      await vscode.commands.executeCommand(CommandIds.writeStoreKeyToEnv);
      assert.equal(user.messages.filter((m) => m.modal).length, 0, 'nothing to ask');
      assert.equal(read(env()), `# my settings\r\nDB_URL=postgres://localhost/db\r\nAPI2CART_STORE_KEY=${storeKey}\r\n\r\n`
        + `# API2Cart keys for "Canary Crafts", written by API2Cart Wix. Keep this file out of git.\r\nAPI2CART_API_KEY=${apiKey}\r\n`);
      const done = user.messagesOf('info').at(-1) ?? '';
      assert.equal(done, 'Wrote API2CART_STORE_KEY and API2CART_API_KEY for "Canary Crafts" to .env; git ignores it.');
      assert.match(await readLog(s), /The earlier value was replaced; every other line was kept\. Duplicate lines for the same variable were removed\. The file keeps its Windows \(CRLF\) line endings\./);
    });

    it('a repository that does not ignore .env: offers .gitignore, and git confirms the entry before writing', async () => {
      git('init', '-q');
      fs.writeFileSync(gitignore(), 'dist\r\n');
      user.pick(onlyStoreKey).reply(/\.gitignore/, ADD_TO_GITIGNORE);
      await vscode.commands.executeCommand(CommandIds.writeStoreKeyToEnv);
      assert.match(user.messages.find((m) => m.modal)?.message ?? '', /^Git does not ignore \.env in ".*", so the key could be committed/);
      assert.equal(read(gitignore()), 'dist\r\n# Local secrets (API2Cart keys)\r\n.env\r\n', 'in the file\'s own line endings');
      assert.ok(read(env())?.includes(storeKey));
      assert.equal(execFileSync('git', ['status', '--porcelain', '--', '.env'], { cwd: folder }).toString(), '', 'git does not see .env');
    });

    it('a .env git already tracks: refused, nothing written', async () => {
      git('init', '-q');
      fs.writeFileSync(env(), 'A=1\n');
      git('add', '.env');
      fs.writeFileSync(gitignore(), '.env\n');
      user.pick(onlyStoreKey);
      await vscode.commands.executeCommand(CommandIds.writeStoreKeyToEnv);
      assert.match(user.only('error').message, /^Git already tracks \.env in ".*", so a \.gitignore entry cannot keep the key out of the next commit\. Untrack it first \(git rm --cached \.env\)/);
      assert.equal(read(env()), 'A=1\n');
    });

    it('a read-only .env: refused and explained, the file untouched', async () => {
      fs.writeFileSync(gitignore(), '.env\n');
      fs.writeFileSync(env(), 'A=1\n');
      fs.chmodSync(env(), 0o444);
      user.pick(onlyStoreKey);
      await vscode.commands.executeCommand(CommandIds.writeStoreKeyToEnv);
      assert.match(user.only('error').message, /^\.env is read-only, so the key was not written\. Make it writable \(for example chmod u\+w \.env\)/);
      assert.equal(read(env()), 'A=1\n');
    });

    it('a .env linking out of the workspace: refused; a link inside is written through', async () => {
      const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'api2cart-outside-'));
      try {
        fs.writeFileSync(path.join(outside, 'shared.env'), 'X=1\n');
        fs.symlinkSync(path.join(outside, 'shared.env'), env());
        fs.writeFileSync(gitignore(), '.env\n');
        user.pick(onlyStoreKey);
        await vscode.commands.executeCommand(CommandIds.writeStoreKeyToEnv);
        assert.match(user.only('error').message, /^\.env is a symbolic link to a file outside this folder \(.*shared\.env\), so the key was not written there/);
        assert.equal(fs.readFileSync(path.join(outside, 'shared.env'), 'utf8'), 'X=1\n');
      } finally {
        fs.rmSync(outside, { recursive: true, force: true });
      }
      fs.rmSync(env());
      fs.mkdirSync(path.join(folder, 'config'));
      fs.writeFileSync(path.join(folder, 'config', 'dev.env'), 'X=1\n');
      fs.symlinkSync(path.join('config', 'dev.env'), env());
      git('init', '-q');
      fs.writeFileSync(gitignore(), '.env\n');
      user.reset();
      // ".env" does not cover the link's target: the offer adds it by its own path.
      user.pick(onlyStoreKey).reply(/\.gitignore/, ADD_TO_GITIGNORE);
      await vscode.commands.executeCommand(CommandIds.writeStoreKeyToEnv);
      assert.equal(fs.readFileSync(path.join(folder, 'config', 'dev.env'), 'utf8'), `X=1\n# API2Cart keys for "Canary Crafts", written by API2Cart Wix. Keep this file out of git.\nAPI2CART_STORE_KEY=${storeKey}\n`);
      assert.match(user.messagesOf('info').at(-1) ?? '', /to config\/dev\.env; git ignores it\.$/);
      assert.match(user.messages.find((m) => m.modal)?.message ?? '', /^Git does not ignore config\/dev\.env in/);
      assert.equal(read(gitignore()), '.env\n# Local secrets (API2Cart keys)\n/config/dev.env\n');
    });

    it('without git, a .env linking inside the folder is not written through unless .gitignore lists its target too', async () => {
      fs.mkdirSync(path.join(folder, 'config'));
      fs.writeFileSync(path.join(folder, 'config', 'dev.env'), 'X=1\n');
      fs.symlinkSync(path.join('config', 'dev.env'), env());
      fs.writeFileSync(gitignore(), '.env\n');
      user.pick(onlyStoreKey);
      await vscode.commands.executeCommand(CommandIds.writeStoreKeyToEnv);
      assert.ok(user.messages.find((m) => m.modal), 'asked, since .gitignore lists .env but not config/dev.env');
      assert.equal(fs.readFileSync(path.join(folder, 'config', 'dev.env'), 'utf8'), 'X=1\n', 'declined: nothing written');
    });

    it('the .env is looked at again after the question: relinked meanwhile, nothing is written', async () => {
      fs.mkdirSync(path.join(folder, 'elsewhere'));
      user.pick(onlyStoreKey);
      user.replyMatching(/\.gitignore/, /Add to \.gitignore/);
      const original = vscode.window.showWarningMessage;
      (vscode.window as { showWarningMessage: unknown }).showWarningMessage = (...args: Parameters<typeof original>) => {
        // While the modal is open, .env appears as a link to another file.
        fs.writeFileSync(path.join(folder, 'elsewhere', 'x.env'), '');
        fs.symlinkSync(path.join('elsewhere', 'x.env'), env());
        return (original as (...a: unknown[]) => Thenable<unknown>)(...args);
      };
      try {
        await vscode.commands.executeCommand(CommandIds.writeStoreKeyToEnv);
      } finally {
        (vscode.window as { showWarningMessage: unknown }).showWarningMessage = original;
      }
      assert.match(user.only('error').message, /changed \(created, removed or relinked\) while the command was asking, so nothing was written/);
      assert.equal(fs.readFileSync(path.join(folder, 'elsewhere', 'x.env'), 'utf8'), '');
    });

    it('refused in an untrusted workspace and in a virtual one, with the reason', async () => {
      api.overrideWorkspaceFacts({ trusted: false });
      await vscode.commands.executeCommand(CommandIds.writeStoreKeyToEnv);
      assert.match(user.only('warning').message, /^Write Store Key to \.env is turned off in Restricted Mode/);
      const virtual = { uri: vscode.Uri.parse('vscode-vfs://github/acme/shop'), name: 'shop', index: 0 };
      api.overrideWorkspaceFacts({ trusted: true, folders: [virtual] });
      await vscode.commands.executeCommand(CommandIds.writeStoreKeyToEnv);
      assert.match(user.only('error').message, /^"shop" is a virtual folder \(vscode-vfs\): it has no file system that git could ignore a \.env on, so the key is not written there/);
      assert.equal(read(env()), undefined);
      assert.equal(user.picks.length, 0, 'nothing was asked before refusing');
    });

    it('no store connected: says so and offers Add Store', async () => {
      assert.ok((await s.profiles.forget([{ kind: 'storeKey', profileId: instanceId }])).ok);
      await vscode.commands.executeCommand(CommandIds.writeStoreKeyToEnv);
      assert.deepEqual(user.only('error').buttons, ['Add Store to API2Cart']);
      assert.equal(read(env()), undefined);
    });
  });

  describe('Remove Store from API2Cart', () => {
    const REMOVE = 'Remove Store';

    it('asks in a modal naming the store and its URL; declining sends nothing', async () => {
      await vscode.commands.executeCommand(CommandIds.removeStore);
      const modal = user.only('warning');
      assert.equal(modal.modal, true);
      assert.equal(modal.message, `Remove "${SITE_NAME}" (${SITE_URL}) from your API2Cart account?`);
      assert.match(modal.detail ?? '', /API2Cart deletes the store and its store key \(cart\.delete\)/);
      assert.deepEqual(modal.buttons, [REMOVE]);
      assert.equal(api2cart.callsTo('cart.delete').length, 0);
      assert.ok((await s.profiles.getStoreKey(instanceId)).ok);
    });

    it('confirmed: DELETE cart.delete.json with both keys, the key forgotten, the store shown as not added', async () => {
      user.reply(/^Remove "/, REMOVE);
      await vscode.commands.executeCommand(CommandIds.removeStore);
      api2cart.assertCalledOnce('cart.delete');
      const call = api2cart.callsTo('cart.delete')[0]!;
      assert.deepEqual([call.httpMethod, call.headers['x-api-key'], call.headers['x-store-key']], ['DELETE', apiKey, storeKey]);
      assert.equal(api2cart.carts.length, 0);
      const key = await s.profiles.getStoreKey(instanceId);
      assert.ok(key.ok && key.value === undefined, 'the store key is forgotten');
      assert.match(user.messagesOf('info')[0] ?? '', /^"Canary Crafts" was removed from API2Cart\.$/);
      await s.status.refresh();
      assert.notEqual(s.status.presentation?.state, 'connected');
      assert.match(s.status.presentation?.tooltip ?? '', /not added to API2Cart yet/);
    });

    describe('a .env still holding the removed key', () => {
      const OWN = '# mine\nDB_URL=postgres://localhost/db\n';
      const CLEAN_UP = 'Remove from .env';
      const withKey = () => `${OWN}# API2Cart keys for "Canary Crafts", written by API2Cart Wix. Keep this file out of git.\nAPI2CART_STORE_KEY=${storeKey}\n`;
      const removedToast = () => user.messages.find((m) => /was removed from API2Cart/.test(m.message));

      it('the removal\'s toast offers Remove from .env; after a confirm only that line and its comment go, the mode kept', async () => {
        fs.writeFileSync(env(), withKey());
        fs.chmodSync(env(), 0o640);
        user.reply(/^Remove "/, REMOVE).reply(/was removed from API2Cart/, CLEAN_UP).reply(/^Remove API2CART_STORE_KEY of/, CLEAN_UP);
        await vscode.commands.executeCommand(CommandIds.removeStore);
        await waitFor(() => (user.messagesOf('info').some((m) => m.startsWith('Removed API2CART_STORE_KEY')) ? true : undefined), 'the .env to be cleaned up');
        assert.deepEqual(removedToast()?.buttons, [CLEAN_UP]);
        const confirm = user.messages.find((m) => m.modal && /^Remove API2CART_STORE_KEY/.test(m.message));
        assert.equal(confirm?.message, 'Remove API2CART_STORE_KEY of "Canary Crafts" from .env?');
        assert.equal(read(env()), OWN, 'every other line stays byte for byte');
        assert.equal(fs.statSync(env()).mode & 0o777, 0o640, 'written through a temporary file and renamed, its mode kept');
        assert.deepEqual(fs.readdirSync(folder).filter((f) => f.endsWith('.tmp')), []);
        assert.equal(user.messagesOf('info').at(-1), 'Removed API2CART_STORE_KEY of "Canary Crafts" from .env.');
      });

      it('declining the confirm leaves it as it was', async () => {
        fs.writeFileSync(env(), withKey());
        user.reply(/^Remove "/, REMOVE).reply(/was removed from API2Cart/, CLEAN_UP);
        await vscode.commands.executeCommand(CommandIds.removeStore);
        await waitFor(() => (user.messages.some((m) => m.modal && /^Remove API2CART_STORE_KEY/.test(m.message)) ? true : undefined), 'the confirm');
        assert.equal(read(env()), withKey());
      });

      it('a .env holding another key is not offered the button', async () => {
        fs.writeFileSync(env(), `${OWN}API2CART_STORE_KEY=another-stores-key\n`);
        user.reply(/^Remove "/, REMOVE);
        await vscode.commands.executeCommand(CommandIds.removeStore);
        assert.deepEqual(removedToast()?.buttons, []);
      });
    });

    it('looks the URL up in API2Cart when the profile has none', async () => {
      assert.ok((await s.profiles.updateProfile(instanceId, { siteUrl: '' })).ok);
      await vscode.commands.executeCommand(CommandIds.removeStore);
      assert.equal(user.only('warning').message, `Remove "${SITE_NAME}" (${SITE_URL}) from your API2Cart account?`);
      assert.deepEqual(api2cart.requests.map((r) => r.method), ['account.cart.list']);
    });

    it('each return code gets a message and a fix; a store API2Cart no longer has is forgotten here too', async () => {
      user.reply(/^Remove "/, REMOVE);
      api2cart.setResponse('cart.delete', { kind: 'returnCode', code: 2 });
      await vscode.commands.executeCommand(CommandIds.removeStore);
      assert.deepEqual(user.only('error').buttons, ['Set API2Cart API Key…']);
      assert.equal(s.status.presentation?.state, 'error');
      api2cart.setResponse('cart.delete', { kind: 'returnCode', code: 110 });
      await vscode.commands.executeCommand(CommandIds.removeStore);
      assert.deepEqual(user.messages.filter((m) => m.severity === 'error')[1]?.buttons, ['Retry']);
      assert.ok((await s.profiles.getStoreKey(instanceId)).ok);
      api2cart.setResponse('cart.delete', { kind: 'returnCode', code: 101 });
      await vscode.commands.executeCommand(CommandIds.removeStore);
      assert.match(user.messagesOf('info').at(-1) ?? '', /^API2Cart no longer had "Canary Crafts" \(return code 101\)\.$/);
      const key = await s.profiles.getStoreKey(instanceId);
      assert.ok(key.ok && key.value === undefined);
    });

    it('Retry removes the store the removal was started for, not the one active by then, and its modal names it', async () => {
      const otherId = randomUUID();
      assert.ok((await s.profiles.upsertProfileByInstanceId(otherId, { label: 'Other Shop' })).ok);
      assert.ok((await s.profiles.setStoreKey(otherId, `canary-store-key-${hex()}`)).ok);
      assert.ok((await s.profiles.setActiveProfile(instanceId)).ok);
      // The first removal is slow, then fails; the person switches stores meanwhile, then presses Retry.
      api2cart.setResponse('cart.delete', { kind: 'slow', delayMs: 3000, then: { kind: 'returnCode', code: 110 } }, { kind: 'default' });
      user.reply(/^Remove "/, REMOVE).reply(/./, 'Retry');
      const first = vscode.commands.executeCommand(CommandIds.removeStore);
      await waitFor(() => api2cart.callsTo('cart.delete').length === 1 || undefined, 'the first cart.delete');
      assert.ok((await s.profiles.setActiveProfile(otherId)).ok);
      await first;
      await waitFor(() => api2cart.callsTo('cart.delete').length === 2 || undefined, 'the retried cart.delete');
      const modals = user.messages.filter((m) => m.modal).map((m) => m.message);
      assert.deepEqual(modals, [1, 2].map(() => `Remove "${SITE_NAME}" (${SITE_URL}) from your API2Cart account?`));
      assert.deepEqual(api2cart.callsTo('cart.delete').map((c) => c.headers['x-store-key']), [storeKey, storeKey]);
    });

    it('no store connected: says so and offers Add Store, nothing sent', async () => {
      assert.ok((await s.profiles.forget([{ kind: 'storeKey', profileId: instanceId }])).ok);
      await vscode.commands.executeCommand(CommandIds.removeStore);
      assert.deepEqual(user.only('error').buttons, ['Add Store to API2Cart']);
      assert.equal(api2cart.requests.length, 0);
    });

    it('a verified App Removed for a connected store offers "Remove from API2Cart too"', async () => {
      const keys = generateTestKeys();
      assert.ok((await s.profiles.setPublicKey(keys.publicKeyPem)).ok);
      assert.ok((await s.profiles.setAppCredentials(TEST_APP_ID, `canary-app-secret-${hex()}`)).ok);
      const config = vscode.workspace.getConfiguration('api2cartWix');
      await config.update('webhook.port', 0, vscode.ConfigurationTarget.Global);
      user.reply(/^The app was removed from store/, 'Remove from API2Cart too').reply(/^Remove "/, REMOVE);
      try {
        await vscode.commands.executeCommand(CommandIds.startReceiver);
        const started = await user.notification(/^Webhook receiver listening at /);
        const url = /listening at (\S+?)\.(?:\s|$)/.exec(started.message)![1]!;
        const response = await fetch(url, { method: 'POST', body: await signWithJose(appRemoved({ instanceId }), keys) });
        assert.equal(response.status, 200);
        const notice = await user.notification(/^The app was removed from store "Canary Crafts"; it is marked removed\./, 'warning');
        assert.deepEqual(notice.buttons, ['Remove from API2Cart too']);
        await waitFor(() => (api2cart.callsTo('cart.delete').length === 1 ? true : undefined), 'cart.delete after the button');
        await user.notification(/was removed from API2Cart/);
      } finally {
        await vscode.commands.executeCommand(CommandIds.stopReceiver);
        await config.update('webhook.port', undefined, vscode.ConfigurationTarget.Global);
      }
    });
  });

  describe('next steps after connecting', () => {
    it('Add Store\'s success offers Verify Store Permissions on that store, Write Store Key to .env and New API2Cart Request', async () => {
      const app = { appId: randomUUID(), appSecret: `canary-app-secret-${hex()}` };
      const wix: WixStub = await startWixStub({ ...app, instanceId, siteDisplayName: SITE_NAME, siteUrl: SITE_URL });
      const config = vscode.workspace.getConfiguration('api2cartWix');
      try {
        await config.update('wix.baseUrl', wix.url, vscode.ConfigurationTarget.Global);
        assert.ok((await s.profiles.setAppCredentials(app.appId, app.appSecret)).ok);
        assert.ok((await s.profiles.forget([{ kind: 'storeKey', profileId: instanceId }])).ok);
        api2cart.carts.length = 0;
        user.reply(/was added to API2Cart/, 'Verify Permissions');
        // The button's command is recorded, not run: Verify's own tests cover what it does.
        const commands = vscode.commands as { executeCommand: (command: string, ...args: unknown[]) => Thenable<unknown> };
        const execute = commands.executeCommand;
        const verified: unknown[][] = [];
        commands.executeCommand = (command, ...args) => (command === CommandIds.verifyPermissions ? (verified.push(args), Promise.resolve()) : execute(command, ...args));
        try {
          await vscode.commands.executeCommand(CommandIds.addStore);
          await waitFor(() => (verified.length > 0 ? true : undefined), 'Verify Store Permissions to be run from the button');
        } finally {
          commands.executeCommand = execute;
        }
        const added = user.messages.find((m) => /was added to API2Cart/.test(m.message));
        assert.deepEqual(added?.buttons, ['Verify Permissions', 'Write to .env', 'New Request']);
        assert.deepEqual(verified, [[instanceId]], 'on the store just added, not whichever is active later');
        const newKey = api2cart.carts[0]!.storeKey;
        const kept = await s.profiles.getStoreKey(instanceId);
        assert.ok(kept.ok && kept.value === newKey);
        storeKey = newKey;
      } finally {
        await config.update('wix.baseUrl', undefined, vscode.ConfigurationTarget.Global);
        await wix.close();
      }
    });

    it('Show Actions offers them for a connected store', async () => {
      user.pickLabel(/^Copy Store Key$/);
      await vscode.commands.executeCommand(CommandIds.showActions);
      const labels = user.picks[0]!.items.map((i) => i.label);
      for (const label of ['Copy Store Key', 'Write Store Key to .env', 'New API2Cart Request', 'Remove Store from API2Cart']) assert.ok(labels.includes(label), label);
      await waitFor(async () => ((await vscode.env.clipboard.readText()) === storeKey ? true : undefined), 'the key copied from Show Actions');
    });
  });
});
