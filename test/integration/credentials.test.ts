import { strict as assert } from 'node:assert';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SECRET_KEYS } from '../../src/core/profiles';
import type { Services } from '../../src/vscode/services';
import { assertContainsNone, assertNoSettingHolds as assertNoSettingIn, readLog as readLogOf } from './support/evidence';
import { EXTENSION_ID, extensionApi, waitFor, type TestApi } from './support/extension';
import { BACK_BUTTON, ScriptedUser } from './support/scriptedUser';

/** The one toast every credential save shows. */
const SAVED = 'Credentials saved in secret storage.';
const KEYRING_MESSAGE = /OS keyring is unavailable.*will not fall back to plain settings/;

/** Canary secrets: random, so a hit in a log or a setting can only come from this run. */
const canary = (name: string) => `CANARY-${name}-${randomBytes(9).toString('hex')}`;

function rsaKeys() {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    spkiPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/** A PEM as it arrives from a one-line input box: newlines turned into spaces. */
const oneLine = (pem: string) => pem.trim().replace(/\n/g, ' ');

describe('credentials, store profiles and status bar', function () {
  this.timeout(30_000);
  let api: TestApi;
  let s: Services;
  let ui: ScriptedUser;
  /** Every canary any test stored: none may show up in logs, settings or the status bar. */
  const canaries: string[] = [];
  const secretCanary = (name: string) => {
    const value = canary(name);
    canaries.push(value);
    return value;
  };

  const stored = (key: string) => api.secrets.get(key);
  const run = (command: string) => vscode.commands.executeCommand(command);
  const readLog = () => readLogOf(s);
  const assertNoSettingHolds = (values: readonly string[]) => assertNoSettingIn(s, values);
  /** The status after every pending change has been redrawn. */
  async function presentation() {
    await s.status.refresh();
    const view = s.status.presentation;
    assert.ok(view, 'the status bar has been drawn');
    return view;
  }

  before(async () => {
    api = await extensionApi();
    s = api.services;
  });

  beforeEach(async () => {
    const cleared = await s.profiles.forgetAll();
    assert.ok(cleared.ok, 'secret storage starts empty');
    await s.status.setError(undefined);
    ui = new ScriptedUser();
    ui.install();
  });

  afterEach(() => ui.restore());

  after(async () => {
    await s?.profiles.forgetAll();
  });

  describe('Set API2Cart API Key', () => {
    it('saves the key from a password box that keeps focus, and says so', async () => {
      const key = secretCanary('api-key');
      ui.input(`  ${key}  `);
      await run('api2cartWix.setApiKey');
      assert.equal(ui.inputs.length, 1, 'one input box was shown');
      const box = ui.inputs[0].options;
      assert.equal(box.password, true);
      assert.equal(box.ignoreFocusOut, true);
      assert.equal(await stored(SECRET_KEYS.apiKey), key, 'stored trimmed');
      assert.deepEqual(ui.messagesOf('info'), [SAVED]);
      assert.match((await presentation()).tooltip, /API2Cart API key: saved/);
      assert.match(await readLog(), /API2Cart API key saved\./, 'what was saved is in the log');
    });

    it('rejects an empty key or one with spaces with a clear message, and stores nothing', async () => {
      ui.input('', 'two words', 'line\nbreak', 'zero\u200bwidth', 'shortened\u2026', 'bell\u0007');
      await run('api2cartWix.setApiKey');
      const copyAgain = 'which cannot be part of a key. Copy it again, whole and alone, without spaces or line breaks.';
      assert.deepEqual(ui.inputs[0].rejected, [
        'The API2Cart API key is empty. Paste it again.',
        `The API2Cart API key contains a space at position 4, ${copyAgain}`,
        `The API2Cart API key contains a line break at position 5, ${copyAgain}`,
        `The API2Cart API key contains a zero-width space (U+200B) at position 5, ${copyAgain}`,
        'The API2Cart API key contains an ellipsis "…" (U+2026) at position 10, which cannot be part of a key. It looks like a shortened copy. Copy it again, whole and alone, without spaces or line breaks.',
        `The API2Cart API key contains a control character (U+0007) at position 5, ${copyAgain}`,
      ]);
      assert.equal(await stored(SECRET_KEYS.apiKey), undefined);
      assert.deepEqual(ui.messages, [], 'cancelling says nothing');
    });

    it('tells the person when a key is already saved and replaces it', async () => {
      const first = secretCanary('api-key');
      const second = secretCanary('api-key');
      ui.input(first).input(second);
      await run('api2cartWix.setApiKey');
      await run('api2cartWix.setApiKey');
      assert.equal(ui.inputs[0].options.placeHolder, undefined);
      assert.match(ui.inputs[1].options.placeHolder ?? '', /A key is saved; enter a new one to replace it/);
      assert.equal(await stored(SECRET_KEYS.apiKey), second);
    });
  });

  describe('Set Wix App Credentials', () => {
    it('saves the App ID (normalised) and the App Secret Key in two steps counted as Connect Wix Store counts them', async () => {
      const appId = randomUUID();
      const secret = secretCanary('app-secret');
      ui.input(appId.toUpperCase()).input(secret);
      await run('api2cartWix.setAppCredentials');
      assert.deepEqual(ui.quickInputs.map((q) => [q.title, q.step, q.totalSteps, q.hasBack, q.password]), [
        ['Wix App Credentials: App ID', 1, 2, false, false],
        ['Wix App Credentials: App Secret Key', 2, 2, true, true],
      ], 'VS Code\'s own step counter (1/2), not one spelled into the title');
      assert.equal(await stored(SECRET_KEYS.appId), appId);
      assert.equal(await stored(SECRET_KEYS.appSecret), secret);
      assert.deepEqual(ui.messagesOf('info'), [SAVED]);
    });

    it('goes back from the App Secret Key to the App ID, keeping what was typed', async () => {
      const first = randomUUID();
      const second = randomUUID();
      ui.input(first).input(BACK_BUTTON).input(second).input(secretCanary('app-secret'));
      await run('api2cartWix.setAppCredentials');
      assert.deepEqual(ui.quickInputs.map((q) => [q.step, q.value]), [[1, ''], [2, ''], [1, first], [2, '']]);
      assert.equal(await stored(SECRET_KEYS.appId), second);
    });

    it('offers the saved App ID as the default next time', async () => {
      const appId = randomUUID();
      ui.input(appId).input(secretCanary('app-secret'));
      await run('api2cartWix.setAppCredentials');
      ui.input(); // Escape on the App ID box
      await run('api2cartWix.setAppCredentials');
      assert.equal(ui.quickInputs[2]!.value, appId);
    });

    it('rejects an App ID that is not a UUID, and a secret with spaces, storing nothing', async () => {
      const appId = randomUUID();
      ui.input('my-app', `{${appId}}`, appId).input('', 'has a space');
      await run('api2cartWix.setAppCredentials');
      assert.deepEqual(ui.quickInputs[0]!.rejected, [
        'App ID must be a UUID like 1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d.',
        'App ID must be a UUID like 1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d, without the braces.',
      ]);
      assert.deepEqual(ui.quickInputs[1]!.rejected, [
        'The App Secret Key is empty. Paste it again.',
        'The App Secret Key contains a space at position 4, which cannot be part of a key. Copy it again, whole and alone, without spaces or line breaks.',
      ]);
      assert.equal(await stored(SECRET_KEYS.appId), undefined, 'a cancelled second step keeps the first one too');
      assert.equal(await stored(SECRET_KEYS.appSecret), undefined);
    });
  });

  it('saving the API key, the app credentials and the public key in a row says one thing: one toast, not three', async () => {
    ui.input(secretCanary('api-key')).input(randomUUID()).input(secretCanary('app-secret'))
      .pickLabel(/Paste it into an input box/).input(oneLine(rsaKeys().spkiPem));
    await run('api2cartWix.setApiKey');
    await run('api2cartWix.setAppCredentials');
    await run('api2cartWix.setPublicKey');
    // VS Code replaces a notification with an identical one (same text, same buttons): one stays.
    assert.deepEqual(ui.messages.map((m) => [m.severity, m.message, m.buttons]), Array(3).fill(['info', SAVED, []]));
    const log = await readLog();
    for (const line of ['API2Cart API key saved.', 'Wix App ID and App Secret Key saved.', 'Webhook public key saved: webhooks will be verified with it.']) {
      assert.ok(log.includes(line), `the log says what was saved: ${line}`);
    }
  });

  describe('Set Webhook Public Key', () => {
    it('accepts a PEM pasted into the one-line box (newlines turned into spaces)', async () => {
      const { spkiPem } = rsaKeys();
      ui.pickLabel(/Paste it into an input box/).input(oneLine(spkiPem));
      await run('api2cartWix.setPublicKey');
      assert.deepEqual(ui.picks[0].items.map((i) => i.label), [
        '$(edit) Paste it into an input box', '$(clippy) Read it from the clipboard', '$(file) Read it from a file…',
      ]);
      assert.equal(await stored(SECRET_KEYS.publicKey), spkiPem, 'stored as normalised SPKI PEM');
      assert.deepEqual(ui.messagesOf('info'), [SAVED]);
    });

    it('accepts base64 of the PEM', async () => {
      const { spkiPem } = rsaKeys();
      ui.pickLabel(/input box/).input(Buffer.from(spkiPem).toString('base64'));
      await run('api2cartWix.setPublicKey');
      assert.equal(await stored(SECRET_KEYS.publicKey), spkiPem);
    });

    it('rejects junk, a private key and a non-RSA key on entry, storing nothing', async () => {
      const { privatePem } = rsaKeys();
      const ecPem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
      ui.pickLabel(/input box/).input('hello world', oneLine(privatePem), oneLine(ecPem));
      await run('api2cartWix.setPublicKey');
      const [junk, privateKey, ec] = ui.inputs[0].rejected;
      assert.match(junk, /^That is not a public key\. Paste the PEM/);
      assert.match(privateKey, /^That is a private key; paste the public key/);
      assert.match(ec, /^That key is EC, not RSA/);
      assert.ok(!ui.shownText().includes(privatePem.split('\n')[1]), 'the pasted private key is never echoed');
      assert.equal(await stored(SECRET_KEYS.publicKey), undefined);
    });

    it('reads the key from the clipboard', async () => {
      const { spkiPem } = rsaKeys();
      await vscode.env.clipboard.writeText(spkiPem);
      ui.pickLabel(/clipboard/);
      await run('api2cartWix.setPublicKey');
      assert.equal(await stored(SECRET_KEYS.publicKey), spkiPem);
    });

    it('explains a clipboard that holds no key, with a button to try again, and stores nothing', async () => {
      await vscode.env.clipboard.writeText('not a key at all');
      ui.pickLabel(/clipboard/);
      await run('api2cartWix.setPublicKey');
      assert.equal(ui.messages.length, 1);
      assert.equal(ui.messages[0].severity, 'error');
      assert.match(ui.messages[0].message, /^That is not a public key/);
      assert.deepEqual(ui.messages[0].buttons, ['Set Webhook Public Key…']);
      assert.equal(await stored(SECRET_KEYS.publicKey), undefined);
    });

    it('reads the key from a file', async () => {
      const { spkiPem } = rsaKeys();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'api2cart-wix-key-'));
      try {
        const file = path.join(dir, 'webhook-public.pem');
        fs.writeFileSync(file, spkiPem);
        ui.pickLabel(/file/).openDialog([vscode.Uri.file(file)]);
        await run('api2cartWix.setPublicKey');
        assert.equal(await stored(SECRET_KEYS.publicKey), spkiPem);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('Set Instance ID', () => {
    it('creates an active store profile with an optional label, offering the next step', async () => {
      const instanceId = randomUUID();
      ui.input(instanceId).input('My Wix Shop');
      await run('api2cartWix.setInstanceId');
      const active = await s.profiles.getActiveProfile();
      assert.ok(active.ok && active.value);
      assert.equal(active.value.instanceId, instanceId);
      assert.equal(active.value.label, 'My Wix Shop');
      assert.deepEqual(ui.messages.map((m) => [m.message, m.buttons]), [['Store "My Wix Shop" created and made active.', ['Add Store to API2Cart']]]);
      assert.match((await presentation()).tooltip, new RegExp(`Active store: My Wix Shop \\(instance ${instanceId}\\), not added to API2Cart yet`));
    });

    it('updates an existing store, offering its label for editing', async () => {
      const instanceId = randomUUID();
      ui.input(instanceId).input('First name').input(instanceId.toUpperCase()).input('Second name');
      await run('api2cartWix.setInstanceId');
      await run('api2cartWix.setInstanceId');
      assert.equal(ui.inputs[3].options.value, 'First name');
      assert.equal(ui.messages[1].message, 'Store "Second name" updated and made active.');
      const list = await s.profiles.listProfiles();
      assert.ok(list.ok);
      assert.deepEqual(list.value.map((p) => [p.instanceId, p.label]), [[instanceId, 'Second name']]);
    });

    it('rejects an id that is not a UUID, creating nothing', async () => {
      ui.input('12345', `{${randomUUID()}}`);
      await run('api2cartWix.setInstanceId');
      assert.deepEqual(ui.inputs[0].rejected, [
        'Instance ID must be a UUID like 1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d.',
        'Instance ID must be a UUID like 1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d, without the braces.',
      ]);
      const list = await s.profiles.listProfiles();
      assert.ok(list.ok);
      assert.equal(list.value.length, 0);
    });
  });

  describe('Switch Store', () => {
    it('makes the picked store active and the status bar names it', async () => {
      const [a, b] = [randomUUID(), randomUUID()];
      assert.ok((await s.profiles.upsertProfileByInstanceId(a, { label: 'Shop A' })).ok);
      assert.ok((await s.profiles.upsertProfileByInstanceId(b, { label: 'Shop B' })).ok);
      ui.pickLabel(/Shop B/);
      await run('api2cartWix.switchStore');
      const items = ui.picks[0].items;
      assert.deepEqual(items.map((i) => i.label), ['$(check) Shop A', 'Shop B'], 'the active one is ticked');
      assert.match(items[1].detail ?? '', new RegExp(`${b} · not added yet`));
      const active = await s.profiles.getActiveProfile();
      assert.equal(active.ok && active.value?.instanceId, b);
      assert.deepEqual(ui.messagesOf('info'), ['Active store: Shop B']);
      assert.match((await presentation()).tooltip, /Active store: Shop B/);
    });

    it('with no stores yet, explains how one is made and offers Set Instance ID', async () => {
      const instanceId = randomUUID();
      ui.reply(/No stores yet/, 'Set Instance ID…').input(instanceId).input('');
      await run('api2cartWix.switchStore');
      assert.equal(ui.picks.length, 0);
      assert.match(ui.messages[0].message, /No stores yet\. A store is created from an App Installed webhook or by setting its Instance ID\./);
      const active = await s.profiles.getActiveProfile();
      assert.equal(active.ok && active.value?.instanceId, instanceId, 'the offered command ran');
    });
  });

  describe('Forget Credentials', () => {
    async function storeEverything() {
      assert.ok((await s.profiles.setApiKey(secretCanary('api-key'))).ok);
      assert.ok((await s.profiles.setAppCredentials(randomUUID(), secretCanary('app-secret'))).ok);
      const instanceId = randomUUID();
      assert.ok((await s.profiles.upsertProfileByInstanceId(instanceId, { label: 'Shop' })).ok);
      assert.ok((await s.profiles.setStoreKey(instanceId, secretCanary('store-key'))).ok);
      return instanceId;
    }

    it('deletes only the ticked items after a modal confirmation', async () => {
      const instanceId = await storeEverything();
      ui.pick((items) => items.filter((i) => /API2Cart API key|App Secret Key/.test(i.label))).reply(/Forget 2 item/, 'Forget');
      await run('api2cartWix.forgetCredentials');
      const labels = ui.picks[0].items.map((i) => i.label).join('\n');
      assert.match(labels, /\$\(lock\) API2Cart API key/);
      assert.ok(ui.picks[0].options?.canPickMany);
      const warning = ui.messages.find((m) => m.severity === 'warning');
      assert.ok(warning?.modal, 'confirmed in a modal dialog');
      assert.match(warning.detail ?? '', /API2Cart API key/);
      assert.equal(await stored(SECRET_KEYS.apiKey), undefined);
      assert.equal(await stored(SECRET_KEYS.appSecret), undefined);
      assert.notEqual(await stored(SECRET_KEYS.appId), undefined, 'not ticked, kept');
      const key = await s.profiles.getStoreKey(instanceId);
      assert.ok(key.ok && key.value !== undefined, 'the store key was not ticked');
    });

    it('forgets everything when every item is ticked, and the status bar starts over', async () => {
      await storeEverything();
      ui.pick((items) => [...items]).reply(/Forget everything/, 'Forget');
      await run('api2cartWix.forgetCredentials');
      const summary = await s.profiles.summary();
      assert.ok(summary.ok);
      assert.deepEqual([summary.value.hasApiKey, summary.value.hasAppId, summary.value.hasAppSecret, summary.value.profileCount], [false, false, false, 0]);
      const ours = (await api.secrets.keys()).filter((k) => k.startsWith('api2cartWix.') && !k.startsWith('api2cartWix.test.'));
      assert.deepEqual(ours, []);
      assert.equal((await presentation()).state, 'not-set-up');
    });

    it('deletes nothing when the confirmation is dismissed', async () => {
      await storeEverything();
      ui.pick((items) => [...items]);
      await run('api2cartWix.forgetCredentials');
      assert.notEqual(await stored(SECRET_KEYS.apiKey), undefined);
    });
  });

  describe('Show Actions', () => {
    it('offers the next step first and runs the one picked', async () => {
      const key = secretCanary('api-key');
      ui.pick((items) => items.find((i) => i.label === 'Set API2Cart API Key')).input(key);
      await run('api2cartWix.showActions');
      const items = ui.picks[0].items;
      assert.equal(items[0].label, 'Next steps');
      assert.equal(items[0].kind, vscode.QuickPickItemKind.Separator);
      // Nothing set up yet: the one guided flow comes first, then the steps one by one.
      assert.equal(items[1].label, 'Connect Wix Store');
      assert.match(items[1].detail ?? '', /^All steps in one guided flow/);
      assert.equal(items[2].label, 'Set API2Cart API Key');
      assert.match(ui.picks[0].options?.title ?? '', /API2Cart Wix — API2Cart: not set up/);
      assert.equal(await stored(SECRET_KEYS.apiKey), key, 'the picked step ran');
      // Connect Wix Store stays first until a store exists (the walkthrough opens on it); the single steps follow, the API key no longer among them.
      const steps = (await presentation()).nextSteps.filter((x) => x.pending).map((x) => x.label);
      assert.deepEqual(steps.slice(0, 2), ['Connect Wix Store', 'Set Wix App Credentials'], 'the next step moves on');
    });
  });

  describe('status bar', () => {
    it('moves from "not set up" to "credentials ready" to "connected" as credentials are set', async () => {
      let view = await presentation();
      assert.equal(view.state, 'not-set-up');
      assert.equal(view.text, '$(plug) API2Cart: not set up');
      assert.match(view.tooltip, /API2Cart API key: missing/);
      assert.match(view.tooltip, /Next: Connect Wix Store\./);

      ui.input(secretCanary('api-key'));
      await run('api2cartWix.setApiKey');
      view = await presentation();
      assert.equal(view.state, 'not-set-up');
      assert.match(view.tooltip, /API2Cart API key: saved/);
      assert.match(view.tooltip, /Next: Connect Wix Store\./);

      ui.input(randomUUID()).input(secretCanary('app-secret'));
      await run('api2cartWix.setAppCredentials');
      view = await presentation();
      assert.equal(view.state, 'credentials-ready');
      assert.equal(view.text, '$(key) API2Cart: credentials ready');

      const instanceId = randomUUID();
      ui.input(instanceId).input('Corner Shop');
      await run('api2cartWix.setInstanceId');
      view = await presentation();
      assert.equal(view.state, 'credentials-ready');
      assert.equal(view.text, '$(key) API2Cart: Corner Shop not added');
      assert.match(view.tooltip, /Next: Add Store to API2Cart\./);

      // What Add Store leaves behind: the store key.
      assert.ok((await s.profiles.setStoreKey(instanceId, secretCanary('store-key'))).ok);
      view = await presentation();
      assert.equal(view.state, 'connected');
      assert.equal(view.text, '$(check) API2Cart: Corner Shop');
    });

    it('follows changes made in another window (secrets.onDidChange)', async () => {
      assert.equal((await presentation()).state, 'not-set-up');
      // Written straight into SecretStorage, past the profile service, as another window would.
      await api.secrets.store(SECRET_KEYS.apiKey, secretCanary('api-key'));
      await api.secrets.store(SECRET_KEYS.appId, randomUUID());
      await api.secrets.store(SECRET_KEYS.appSecret, secretCanary('app-secret'));
      await waitFor(() => (s.status.presentation?.state === 'credentials-ready' ? true : undefined), 'the status to follow');
      await api.secrets.delete(SECRET_KEYS.appSecret);
      await waitFor(() => (s.status.presentation?.state === 'not-set-up' ? true : undefined), 'the status to follow a delete');
    });
  });

  describe('when SecretStorage fails (no keyring)', () => {
    const methods = ['get', 'store', 'delete', 'keys'] as const;
    let restoreSecrets: (() => void) | undefined;

    /** The failing store goes in where the extension's SecretStorage is: its own methods reject. */
    function breakSecretStorage(): void {
      const target = api.secrets as unknown as Record<string, unknown>;
      const saved = methods.map((m) => [m, Object.getOwnPropertyDescriptor(target, m)] as const);
      for (const m of methods) target[m] = () => Promise.reject(new Error('Cannot create an item in a locked collection'));
      restoreSecrets = () => {
        for (const [m, descriptor] of saved) {
          if (descriptor) Object.defineProperty(target, m, descriptor);
          else delete target[m];
        }
      };
    }

    afterEach(() => {
      restoreSecrets?.();
      restoreSecrets = undefined;
    });

    it('explains the failure, writes nothing to settings and shows the error in the status bar', async () => {
      const key = secretCanary('api-key');
      breakSecretStorage();
      ui.input(key);
      await run('api2cartWix.setApiKey');
      const errors = ui.messagesOf('error');
      assert.equal(errors.length, 1);
      assert.match(errors[0], KEYRING_MESSAGE);
      assert.equal(ui.messagesOf('info').length, 0, 'nothing claims to be saved');

      const view = await presentation();
      assert.equal(view.state, 'error');
      assert.match(view.tooltip, KEYRING_MESSAGE);

      // Next time the storage is found broken before a secret is typed.
      ui.input(secretCanary('api-key'));
      await run('api2cartWix.setApiKey');
      assert.equal(ui.inputs.length, 1, 'no second input box');
      assert.match(ui.messagesOf('error')[1], KEYRING_MESSAGE);

      await assertNoSettingHolds(canaries);
      restoreSecrets?.();
      assert.equal(await stored(SECRET_KEYS.apiKey), undefined, 'nothing was stored anywhere');
    });
  });

  describe('unreadable store profiles', () => {
    const copyOf = (n: number) => (n === 1 ? 'api2cartWix.profiles.unreadable' : `api2cartWix.profiles.unreadable.${n}`);

    it('shows the problem in the status bar and a message saying where the copy is kept; a second corruption keeps the first copy', async () => {
      const first = '{"version":1,"profiles":[{"instanceId":';
      await api.secrets.store(SECRET_KEYS.profiles, first);
      const warning = await ui.notification(/^The saved store profiles could not be read/, 'warning');
      assert.match(warning.message, new RegExp(`kept in VS Code's secret storage under "${copyOf(1).replace(/\./g, '\\.')}"`));
      assert.deepEqual(warning.buttons, ['Show Copy', 'Set Instance ID…']);
      assert.equal(await stored(copyOf(1)), first);
      const view = await presentation();
      assert.equal(view.state, 'error');
      assert.match(view.tooltip, /The saved store profiles could not be read/);
      assert.equal(view.nextSteps[0]?.id, 'setInstanceId');

      // The person sets an Instance ID (the document is written anew), then it breaks again.
      assert.ok((await s.profiles.upsertProfileByInstanceId(randomUUID(), { activate: true })).ok);
      assert.notEqual((await presentation()).state, 'error');
      await api.secrets.store(SECRET_KEYS.profiles, '{"version":99,"profiles":[]}');
      const second = await ui.notification(new RegExp(`under "${copyOf(2).replace(/\./g, '\\.')}"`), 'warning');
      assert.ok(second);
      assert.equal(await stored(copyOf(1)), first, 'the first copy is kept');
      assert.equal(await stored(copyOf(2)), '{"version":99,"profiles":[]}');
    });

    it('"Show Copy" opens the kept copies as a read-only document', async () => {
      ui.reply(/^The saved store profiles could not be read/, 'Show Copy');
      await api.secrets.store(SECRET_KEYS.profiles, 'not json at all');
      const doc = await waitFor(() => {
        const d = vscode.window.activeTextEditor?.document;
        return d?.uri.scheme === 'api2cart-wix-profiles' ? d : undefined;
      }, 'the copy as a document');
      const json = JSON.parse(doc.getText()) as { copies: { keptAs: string; text: string }[] };
      assert.deepEqual(json.copies, [{ keptAs: copyOf(1), text: 'not json at all' }]);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });
  });

  describe('walkthrough', () => {
    /** The values the extension gives its context keys from now on, as it calls setContext. */
    function watchContextKeys(): { values: Map<string, unknown>; restore(): void } {
      const commands = vscode.commands as unknown as Record<string, unknown>;
      const original = vscode.commands.executeCommand;
      const values = new Map<string, unknown>();
      commands.executeCommand = (command: string, ...args: unknown[]) => {
        if (command === 'setContext') values.set(args[0] as string, args[1]);
        return original.call(vscode.commands, command, ...args);
      };
      return { values, restore: () => { commands.executeCommand = original; } };
    }

    it('ticks the API key step only once a valid key is stored, not when the command opens', async () => {
      const watch = watchContextKeys();
      try {
        // Refused (a zero-width space), then Escape: the command ran, nothing was stored.
        ui.input('pasted\u200bkey');
        await run('api2cartWix.setApiKey');
        await s.status.refresh();
        assert.equal(ui.inputs[0]!.rejected.length, 1, 'the key was refused');
        assert.notEqual(watch.values.get('api2cartWix.hasApiKey'), true, 'a refused key ticks nothing');
        ui.input(secretCanary('api-key'));
        await run('api2cartWix.setApiKey');
        await waitFor(() => watch.values.get('api2cartWix.hasApiKey') === true || undefined, 'hasApiKey set once the key is stored');
        assert.ok(await stored(SECRET_KEYS.apiKey));
      } finally {
        watch.restore();
      }
    });

    it('offers the one flow first, then one step per guide step, each completed by a context key, never by its command', async () => {
      const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
      const [walkthrough] = manifest.contributes.walkthroughs as { steps: { id: string; description: string; completionEvents: string[] }[] }[];
      const registered = new Set(await vscode.commands.getCommands(true));
      assert.deepEqual(walkthrough.steps.map((st) => st.id), ['connectInOneFlow', 'planScopes', 'apiKey', 'appCredentials', 'instanceId', 'addStore']);
      const [flow, ...steps] = walkthrough.steps;
      // The first step's button runs the flow; it is done once a store is connected, whichever way.
      assert.ok(registered.has('api2cartWix.connectWixStore'));
      assert.deepEqual(flow!.completionEvents, ['onContext:api2cartWix.storeAdded']);
      // Steps complete from the stored state, so credentials set before the page opens count, and
      // a command that opened and was refused or cancelled does not.
      const contexts = Object.fromEntries(steps.map((st) => [st.id, st.completionEvents]));
      assert.deepEqual(contexts, {
        planScopes: ['onContext:api2cartWix.scopesPlanned'],
        apiKey: ['onContext:api2cartWix.hasApiKey'],
        appCredentials: ['onContext:api2cartWix.hasAppCredentials'],
        instanceId: ['onContext:api2cartWix.hasStore'],
        addStore: ['onContext:api2cartWix.storeAdded'],
      });
    });
  });

  describe('no secret leaves SecretStorage', () => {
    it('appears in no log line, setting, status text or tooltip', async () => {
      // Exercise every path once more so this test stands on its own.
      const key = secretCanary('api-key');
      const secret = secretCanary('app-secret');
      const instanceId = randomUUID();
      ui.input(key).input(randomUUID()).input(secret).input(instanceId).input('');
      await run('api2cartWix.setApiKey');
      await run('api2cartWix.setAppCredentials');
      await run('api2cartWix.setInstanceId');
      assert.ok((await s.profiles.setStoreKey(instanceId, secretCanary('store-key'))).ok);
      // A library error that echoes a secret must still be masked on its way to the log.
      s.log.error(`simulated failure while sending ${key}`);
      const view = await presentation();
      assert.equal(view.state, 'connected');

      assert.ok(canaries.length >= 10, 'the earlier tests stored their canaries too');
      const log = await readLog();
      assert.match(log, /API2Cart API key saved\./, 'the log is the extension\'s and is written');
      assert.match(log, /simulated failure while sending •••/);
      assertContainsNone(log, canaries, 'the log file');
      assertContainsNone(`${view.text}\n${view.tooltip}\n${JSON.stringify(view.nextSteps)}`, canaries, 'the status bar');
      assertContainsNone(ui.shownText(), canaries, 'what the person was shown');
      await assertNoSettingHolds(canaries);
    });
  });
});
