import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import * as net from 'node:net';
import * as vscode from 'vscode';
import type { Services } from '../../src/vscode/services';
import { logCount, waitForLog, waitForLogCount } from './support/evidence';

const WEBHOOK_LOG = 'API2Cart Wix Webhooks.log';
import { extensionApi, waitFor, type TestApi } from './support/extension';
import { ScriptedUser } from './support/scriptedUser';
import { appInstalled, appRemoved, deeplyNestedAppInstalled, generateTestKeys, signExpired, signWithJose, TEST_APP_ID, type TestKeys } from '../support/webhookSigning';
import { stopChainAtFirstFailure } from '../support/chain';

const SCHEME = 'api2cart-wix-webhook';
const APP_SECRET_CANARY = 'canary-app-secret-7c1f0d2e';

const activeWebhookDocument = (): vscode.TextDocument | undefined => {
  const doc = vscode.window.activeTextEditor?.document;
  return doc?.uri.scheme === SCHEME ? doc : undefined;
};

/** Closes every editor; the scratch editors are reverted first so no "Save changes?" dialog is asked. */
async function closeEditors(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.isUntitled && d.isDirty)) {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** An editor holding `text`, all of it selected. */
async function selectInEditor(text: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ content: text, language: 'plaintext' });
  const editor = await vscode.window.showTextDocument(doc);
  editor.selection = new vscode.Selection(doc.positionAt(0), doc.positionAt(text.length));
}

async function post(url: string, body: string): Promise<{ status: number }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
  await response.text();
  return { status: response.status };
}

/** Holds a loopback port the way another program would. */
async function occupyPort(): Promise<net.Server> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

const portOf = (server: net.Server): number => (server.address() as net.AddressInfo).port;

const canListen = (port: number): Promise<boolean> => new Promise((resolve) => {
  const probe = net.createServer();
  probe.once('error', () => resolve(false));
  probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
});

describe('webhook payloads and receiver', () => {
  let api: TestApi;
  let s: Services;
  let keys: TestKeys;
  const user = new ScriptedUser();
  const config = () => vscode.workspace.getConfiguration('api2cartWix');

  before(async () => {
    api = await extensionApi();
    s = api.services;
    keys = generateTestKeys();
    assert.ok((await s.profiles.forgetAll()).ok);
    assert.ok((await s.profiles.setPublicKey(keys.publicKeyPem)).ok);
    assert.ok((await s.profiles.setAppCredentials(TEST_APP_ID, APP_SECRET_CANARY)).ok);
    // Port 0: the receiver takes whatever port is free, as test servers should.
    await config().update('webhook.port', 0, vscode.ConfigurationTarget.Global);
    user.install();
  });

  beforeEach(() => user.reset());

  after(async () => {
    user.restore();
    await vscode.commands.executeCommand('api2cartWix.stopReceiver').then(undefined, () => undefined);
    await config().update('webhook.port', undefined, vscode.ConfigurationTarget.Global);
    await s?.profiles.forgetAll();
    await closeEditors();
  });

  const profiles = async () => {
    const list = await s.profiles.listProfiles();
    assert.ok(list.ok);
    return list.value;
  };

  describe('Decode Webhook Payload', () => {
    it('decodes the selection, verified with the stored key, into a read-only JSON document', async () => {
      const instanceId = randomUUID();
      await selectInEditor(await signWithJose(appInstalled({ instanceId }), keys));
      await vscode.commands.executeCommand('api2cartWix.decodeWebhook');

      const doc = await waitFor(activeWebhookDocument, 'the decoded JSON document');
      assert.equal(doc.languageId, 'json');
      const json = JSON.parse(doc.getText()) as Record<string, unknown> & { _notes: string[] };
      assert.match(json._notes[0], /^verified: the RS256 signature matches the stored webhook public key/);
      assert.equal(json.eventType, 'AppInstalled');
      assert.equal(json.instanceId, instanceId);
      assert.equal(json.appId, TEST_APP_ID);
      assert.equal(json.source, 'selection');
      assert.ok(!doc.getText().includes(APP_SECRET_CANARY));
      // A content-provider document: no file system behind it, nothing to save.
      assert.equal(vscode.workspace.fs.isWritableFileSystem(SCHEME), undefined);
      assert.equal(await doc.save(), false);

      const offer = await user.notification(/^Decoded: App Installed for Instance ID .* \(verified\)/);
      assert.deepEqual(offer.buttons, ['Use This Instance ID']);
      assert.deepEqual(await profiles(), [], 'dismissing the offer stores nothing');
    });

    it('shows a webhook whose identity nests 9,000 levels deep, saying where the display is cut', async () => {
      const instanceId = randomUUID();
      const token = await signWithJose(deeplyNestedAppInstalled(instanceId), keys);
      assert.ok(token.length > 20_000 && token.length < 64 * 1024, `a ${token.length}-character token`);
      await selectInEditor(token);
      await vscode.commands.executeCommand('api2cartWix.decodeWebhook');

      const doc = await waitFor(activeWebhookDocument, 'the decoded JSON document');
      const json = JSON.parse(doc.getText()) as { _notes: string[]; instanceId: string; verified: boolean };
      assert.equal(json.instanceId, instanceId);
      assert.equal(json.verified, true);
      assert.ok(json._notes.some((n) => /^parts nested deeper than 64 levels are not shown/.test(n)), JSON.stringify(json._notes));
      assert.match(doc.getText(), /an array nested deeper than 64 levels, not shown/);
      await user.notification(/^Decoded: App Installed for Instance ID/);
    });

    it('takes a JWT from the clipboard, and "Use This Instance ID" creates the active store', async () => {
      await closeEditors();
      const instanceId = randomUUID();
      await vscode.env.clipboard.writeText(`  ${await signWithJose(appInstalled({ instanceId }), keys)}\n`);
      user.reply(/^/, 'Use This Instance ID');
      await vscode.commands.executeCommand('api2cartWix.decodeWebhook');

      const json = JSON.parse((await waitFor(activeWebhookDocument, 'the JSON document')).getText()) as { source: string; instanceId: string };
      assert.deepEqual([json.source, json.instanceId], ['clipboard', instanceId]);
      await user.notification(/^Store ".*" created from the App Installed event and made active\./);
      const active = await s.profiles.getActiveProfile();
      assert.ok(active.ok);
      assert.equal(active.value?.instanceId, instanceId);
    });

    it('asks for the token when there is no selection and no JWT on the clipboard; a wrong key names the signature and stores nothing', async () => {
      await closeEditors();
      const before = await profiles();
      await vscode.env.clipboard.writeText('just some copied words');
      user.input(await signWithJose(appInstalled({ instanceId: randomUUID() }), generateTestKeys()));
      await vscode.commands.executeCommand('api2cartWix.decodeWebhook');

      const problem = await user.notification(/Webhook payload not decoded/, 'error');
      assert.match(problem.message, /^Webhook payload not decoded \(JWT signature\): The signature does not match the webhook public key/);
      assert.deepEqual(problem.buttons, ['Set Webhook Public Key…']);
      assert.equal(user.pendingInputs(), 0, 'the input box was asked');
      assert.equal(activeWebhookDocument(), undefined, 'no document opened');
      assert.deepEqual(await profiles(), before);
    });

    it('says which layer failed for input that is not a JWT', async () => {
      await closeEditors();
      await selectInEditor('{"eventType":"AppInstalled"}');
      await vscode.commands.executeCommand('api2cartWix.decodeWebhook');
      const problem = await user.notification(/Webhook payload not decoded/, 'error');
      assert.match(problem.message, /^Webhook payload not decoded \(JWT\): The body is not a JWT\./);
      assert.equal(activeWebhookDocument(), undefined);
    });

    it('without a stored public key, decodes but says "not verified", and notes an expired token', async () => {
      await closeEditors();
      assert.ok((await s.profiles.forget([{ kind: 'publicKey' }])).ok);
      try {
        await selectInEditor(await signExpired(appInstalled({ instanceId: randomUUID() }), keys));
        await vscode.commands.executeCommand('api2cartWix.decodeWebhook');
        const json = JSON.parse((await waitFor(activeWebhookDocument, 'the JSON document')).getText()) as { _notes: string[]; verified: boolean; expired: boolean };
        assert.deepEqual([json.verified, json.expired], [false, true]);
        assert.equal(json._notes[0], 'signature not verified: no webhook public key is set');
        assert.match(json._notes[1], /^token expired at .*: it was issued at .*, about 42 days ago\. An old token, replayed or copied from an old log, never a retry of a recent event$/);
        await user.notification(/^Decoded: App Installed for Instance ID .* \(NOT verified\)$/);
      } finally {
        assert.ok((await s.profiles.setPublicKey(keys.publicKeyPem)).ok);
      }
    });

    it('rejects a payload for another app, naming the App ID', async () => {
      await closeEditors();
      user.input(await signWithJose(appInstalled({ instanceId: randomUUID(), appId: randomUUID() }), keys));
      await vscode.env.clipboard.writeText('');
      await vscode.commands.executeCommand('api2cartWix.decodeWebhook');
      const problem = await user.notification(/Webhook payload not decoded/, 'error');
      assert.match(problem.message, /^Webhook payload not decoded \(App ID\): This webhook is for app .*, but the stored App ID is /);
      assert.equal(activeWebhookDocument(), undefined);
    });
  });

  describe('webhook receiver', () => {
    stopChainAtFirstFailure();
    let url: string;

    it('starts on the configured port, tells which address to give Wix, and shows its own status-bar item', async () => {
      const before = s.status.presentation?.state;
      await vscode.commands.executeCommand('api2cartWix.startReceiver');
      const started = await user.notification(/^Webhook receiver listening at /);
      url = /listening at (http:\/\/127\.0\.0\.1:\d+\/webhook)\./.exec(started.message)?.[1] ?? '';
      assert.ok(url, started.message);
      // code-server is a remote window: the address from outside is its /proxy/<port>/ path.
      const port = new URL(url).port;
      const external = api.receiver.addresses?.external ?? '';
      assert.match(external, new RegExp(`^http://127\\.0\\.0\\.1:\\d+/proxy/${port}/webhook$`));
      // Short: which address to give Wix is in the item's tooltip (and the log), not in the toast.
      assert.equal(started.message, `Webhook receiver listening at ${url}.`);
      assert.ok(api.receiver.item.view?.tooltip.some((line) => line.includes(`From outside it is reached at ${external}`)));
      assert.ok(started.buttons.includes('Copy URL'));
      // The connection indicator keeps showing the connection; the receiver has its own item.
      assert.equal(s.status.presentation?.state, before);
      assert.match(s.status.presentation?.tooltip ?? '', new RegExp(`Webhook receiver: listening at ${external.replace(/[.]/g, '\\.')}`));
      const item = api.receiver.item.view;
      assert.equal(item?.text, `$(broadcast) Wix webhooks :${port}`);
      assert.deepEqual(item?.tooltip.slice(1, 3), [`External URL: ${external}`, `Local URL: ${url}`]);
    });

    // How fast the answer leaves is npm run bench's (receiver rows), not this functional test's.
    it('acknowledges a signed AppInstalled with 200, offers its instance id and saves it', async () => {
      const instanceId = randomUUID();
      user.reply(/^Webhook received:/, 'Use This Instance ID');
      const token = await signWithJose(appInstalled({ instanceId }), keys);
      // A GET is answered 405 and is no delivery.
      assert.equal((await fetch(url)).status, 405);
      assert.equal((await post(url, token)).status, 200);

      const offer = await user.notification(/^Webhook received: App Installed for Instance ID/);
      assert.match(offer.message, new RegExp(`${instanceId} \\(verified\\)`));
      assert.deepEqual(offer.buttons, ['Use This Instance ID', 'Open JSON']);
      await user.notification(/^Store ".*" created from the App Installed event and made active\./);
      const active = await s.profiles.getActiveProfile();
      assert.ok(active.ok);
      assert.equal(active.value?.instanceId, instanceId);
    });

    it('lists the deliveries when Start runs again, and opens one as JSON', async () => {
      await closeEditors();
      user.pickLabel(/Show Deliveries/).pickLabel(/App Installed/);
      await vscode.commands.executeCommand('api2cartWix.startReceiver');

      assert.deepEqual(user.picks[0].items.map((i) => i.label.replace(/^\$\([^)]*\) /, '')),
        ['Show Deliveries', 'Copy URL', 'Copy Local URL', 'Send Test Webhook', 'Show Webhook Log', 'Stop Webhook Receiver']);
      // code-server is a remote window: Copy URL gives the address that works from outside.
      assert.match(user.picks[0].items[1]?.description ?? '', /\/proxy\/\d+\/webhook$/);
      const listed = user.picks[1]?.items;
      assert.ok(listed, 'the deliveries were listed');
      assert.equal(listed.length, 1);
      assert.equal(listed[0].label, '$(pass) App Installed');
      assert.match(listed[0].detail ?? '', /^Wix site \([0-9a-f]{4}…\) · verified · 200$/);
      assert.match(listed[0].description ?? '', /\d/);
      const json = JSON.parse((await waitFor(activeWebhookDocument, 'the delivery as JSON')).getText()) as { source: string; verified: boolean };
      assert.deepEqual([json.source, json.verified], ['webhook receiver', true]);
    });

    it('accepts a webhook nested 9,000 levels deep and opens it as JSON', async () => {
      await closeEditors();
      const instanceId = randomUUID();
      const answer = await post(url, await signWithJose(deeplyNestedAppInstalled(instanceId), keys));
      assert.equal(answer.status, 200);
      await user.notification(new RegExp(`^Webhook received: App Installed for Instance ID ${instanceId}`));
      // The list names stores, not ids: the newest delivery is this one (the JSON's instanceId checks it).
      user.pickLabel(/Show Deliveries/).pick((items) => items[0]);
      await vscode.commands.executeCommand('api2cartWix.startReceiver');
      const json = JSON.parse((await waitFor(activeWebhookDocument, 'the delivery as JSON')).getText()) as { _notes: string[]; instanceId: string };
      assert.equal(json.instanceId, instanceId);
      assert.ok(json._notes.some((n) => n.startsWith('parts nested deeper than 64 levels are not shown')));
    });

    it('answers a retried delivery 200 and processes it once', async () => {
      const instanceId = randomUUID();
      const token = await signWithJose(appInstalled({ instanceId }), keys);
      const answers = [await post(url, token), await post(url, token)];
      assert.deepEqual(answers.map((a) => a.status), [200, 200]);
      await user.notification(new RegExp(`Webhook received: App Installed for Instance ID ${instanceId}`));
      // The state the count needs: the retry went through the duplicate path, where a second
      // notification would have been decided.
      await waitForLog(s, `instance ${instanceId} verified (duplicate): a retry of an earlier delivery`, WEBHOOK_LOG);
      assert.equal(user.messages.filter((n) => n.message.includes(instanceId)).length, 1);

      user.pickLabel(/Show Deliveries/);
      await vscode.commands.executeCommand('api2cartWix.startReceiver');
      assert.match(user.picks[1]?.items[0]?.detail ?? '', new RegExp(`^Instance ID ${instanceId.slice(0, 4)}… · verified · 200 · duplicate$`));
    });

    it('marks the matching store removed on a signed AppRemoved', async () => {
      const active = await s.profiles.getActiveProfile();
      assert.ok(active.ok && active.value);
      const instanceId = active.value.instanceId;
      assert.equal((await post(url, await signWithJose(appRemoved({ instanceId }), keys))).status, 200);
      await waitFor(async () => {
        const p = await s.profiles.getProfile(instanceId);
        return p.ok && p.value?.removed ? true : undefined;
      }, 'the profile to be marked removed');
      const notice = await user.notification(/^The app was removed from store ".*"; it is marked removed\./, 'warning');
      assert.deepEqual(notice.buttons, []);
    });

    it('answers a delivery signed with another key 400, says why once, and changes nothing', async () => {
      const before = await profiles();
      const rejectedLine = 'delivery 400 rejected (signature)';
      const rejectedBefore = logCount(s, rejectedLine, WEBHOOK_LOG);
      const forged = await signWithJose(appInstalled({ instanceId: randomUUID() }), generateTestKeys());
      assert.deepEqual([(await post(url, forged)).status, (await post(url, `${forged} `)).status], [400, 400]);
      const problem = await user.notification(/^A webhook delivery was rejected \(400\)/, 'error');
      assert.match(problem.message, /\(JWT signature\)/);
      // Both rejections handled (each logged where its notification would be decided), then counted.
      await waitForLogCount(s, rejectedLine, rejectedBefore + 2, WEBHOOK_LOG);
      assert.equal(user.messages.filter((n) => n.severity === 'error').length, 1, 'the same problem is shown once');
      assert.deepEqual(await profiles(), before);
    });

    it('a flood of forged (unverified) App Installed opens one offer at a time, and the window stays usable', async function () {
      this.timeout(60_000);
      const before = await profiles();
      assert.ok((await s.profiles.forget([{ kind: 'publicKey' }])).ok);
      user.ignoreNotifications = true; // the person leaves the first offer open
      try {
        const forged = await Promise.all(Array.from({ length: 40 }, () => signWithJose(appInstalled({ instanceId: randomUUID() }), generateTestKeys())));
        const statuses = await Promise.all(forged.map(async (token) => (await post(url, token)).status));
        assert.deepEqual(new Set(statuses), new Set([200]));
        await waitFor(() => (api.receiver.deliveries().filter((d) => forged.includes(d.body)).length === forged.length ? true : undefined), 'every forged delivery recorded');
        await waitFor(async () => {
          const text = await waitForLog(s, 'not offered', 'API2Cart Wix Webhooks.log');
          return (text.match(/not offered, an earlier unverified App Installed/g) ?? []).length === forged.length - 1 ? true : undefined;
        }, 'every other forged delivery to be logged as not offered');
        const offers = user.messages.filter((m) => /^Webhook received: App Installed/.test(m.message));
        assert.equal(offers.length, 1, 'one offer open, not one per forged event');
        assert.equal(offers[0]!.modal, false);
        assert.match(offers[0]!.message, /\(NOT verified\)$/);
        // The window still answers commands while the offer stays open.
        user.pickLabel(/Show Deliveries/);
        await vscode.commands.executeCommand('api2cartWix.startReceiver');
        assert.ok(user.picks.length >= 1);
        user.dismissIgnored();
        user.ignoreNotifications = false;
        // Answered, a later unverified event is offered again.
        const later = randomUUID();
        assert.equal((await post(url, await signWithJose(appInstalled({ instanceId: later }), generateTestKeys()))).status, 200);
        await user.notification(new RegExp(`^Webhook received: App Installed for Instance ID ${later} \\(NOT verified\\)$`));
        assert.deepEqual(await profiles(), before);
      } finally {
        user.dismissIgnored();
        assert.ok((await s.profiles.setPublicKey(keys.publicKeyPem)).ok);
      }
    });

    it('orders events by iat: a late App Removed after a reinstall changes nothing, even after a receiver restart', async () => {
      const instanceId = randomUUID();
      const at = (seconds: number) => ({ now: () => new Date(Date.now() - 3_600_000 + seconds * 1000) });
      const profile = async () => {
        const p = await s.profiles.getProfile(instanceId);
        assert.ok(p.ok && p.value);
        return p.value;
      };
      user.reply(/^Webhook received: App Installed/, 'Use This Instance ID');
      assert.equal((await post(url, await signWithJose(appInstalled({ instanceId }), keys, at(0)))).status, 200);
      await user.notification(/^Store ".*" created from the App Installed event/);
      // The site owner removes the app (that delivery does not get through) and installs it again.
      const removal = await signWithJose(appRemoved({ instanceId }), keys, at(100));
      assert.equal((await post(url, await signWithJose(appInstalled({ instanceId }), keys, at(200)))).status, 200);
      await user.notification(/^Store ".*" updated from the App Installed event and made active\./);

      // Wix retries the removal hours later.
      assert.equal((await post(url, removal)).status, 200);
      await waitForLog(s, `AppRemoved for instance ${instanceId}`, WEBHOOK_LOG);
      assert.equal((await profile()).removed, false, 'the late removal changed nothing');

      // The same after a restart of the receiver, whose memory of deliveries starts empty.
      await vscode.commands.executeCommand('api2cartWix.stopReceiver');
      await vscode.commands.executeCommand('api2cartWix.startReceiver');
      const restarted = await waitFor(() => user.messages.filter((m) => m.message.startsWith('Webhook receiver listening at ')).at(-1), 'the restart');
      url = /listening at (http:\/\/127\.0\.0\.1:\d+\/webhook)\./.exec(restarted.message)?.[1] ?? '';
      assert.equal((await post(url, removal)).status, 200);
      user.pickLabel(/Show Deliveries/).pick(() => undefined);
      await vscode.commands.executeCommand('api2cartWix.startReceiver');
      assert.match(user.picks.at(-1)?.items[0]?.detail ?? '', new RegExp(`^\\S.* \\(${instanceId.slice(0, 4)}…\\) · verified · 200 · older than the last event, ignored$`));
      assert.equal((await profile()).removed, false);
      assert.ok(!user.messages.some((m) => /marked removed/.test(m.message)), 'no removal was announced');

      // A removal newer than the reinstall is acted on.
      assert.equal((await post(url, await signWithJose(appRemoved({ instanceId }), keys, at(300)))).status, 200);
      await user.notification(/^The app was removed from store ".*"; it is marked removed\./, 'warning');
      assert.equal((await profile()).removed, true);
    });

    it('keeps marking old test deliveries "test key" however many tests were sent', async () => {
      for (let i = 0; i < 12; i++) {
        await vscode.commands.executeCommand('api2cartWix.sendTestWebhook');
        await waitFor(() => (user.messages.filter((m) => m.message.startsWith('Test webhook delivered')).length > i ? true : undefined), `test webhook ${i + 1}`);
      }
      user.pickLabel(/Show Deliveries/).pick(() => undefined);
      await vscode.commands.executeCommand('api2cartWix.startReceiver');
      const tests = (user.picks.at(-1)?.items ?? []).filter((i) => /test key|verified/.test(i.detail ?? '') && i.label.endsWith('App Installed'));
      const oldest = tests.slice(0, 12);
      assert.equal(oldest.length, 12);
      assert.deepEqual(oldest.filter((i) => !/· test key · 200$/.test(i.detail ?? '')).map((i) => i.detail), [], 'every test delivery says "test key"');
    });

    it('stops, frees the port and hides its status-bar item', async () => {
      const port = Number(new URL(url).port);
      await vscode.commands.executeCommand('api2cartWix.stopReceiver');
      await user.notification(new RegExp(`^Webhook receiver stopped; port ${port} is free\\.`));
      assert.equal(await canListen(port), true);
      assert.equal(api.receiver.item.view, undefined);
      assert.doesNotMatch(s.status.presentation?.tooltip ?? '', /Webhook receiver/);
      await assert.rejects(post(url, 'x'));
    });

    it('Send Test Webhook starts the receiver on request and goes end to end with a throwaway key', async () => {
      const before = await profiles();
      user.reply(/^/, 'Start Receiver and Send');
      await vscode.commands.executeCommand('api2cartWix.sendTestWebhook');

      const result = await user.notification(/^Test webhook delivered/);
      // Posted through the external (forwarded) address, so the test proves the path Wix will use.
      const external = api.receiver.addresses?.external ?? '';
      assert.ok(external.includes('/proxy/'), external);
      assert.equal(result.message.startsWith(`Test webhook delivered through ${external}: the receiver answered 200 in `), true, result.message);
      assert.match(result.message, /ms\. App Installed for Instance ID [0-9a-f-]{36} \(test key\)$/);
      assert.ok(api.receiver.item.view, 'the receiver item shows');
      assert.deepEqual(await profiles(), before, 'a made-up instance is not saved');
      assert.ok(!user.messages.some((n) => n.message.startsWith('Webhook received:')), 'no instance id offered for the test');

      user.pickLabel(/Show Deliveries/).pick((items) => items[0]);
      await vscode.commands.executeCommand('api2cartWix.startReceiver');
      assert.match(user.picks[1]?.items[0]?.detail ?? '', /· test key · 200$/);
      const json = JSON.parse((await waitFor(activeWebhookDocument, 'the test delivery as JSON')).getText()) as { _notes: string[]; appId: string };
      assert.match(json._notes[0], /^test webhook, signed with a throwaway key/);
      assert.equal(json.appId, TEST_APP_ID);
      await vscode.commands.executeCommand('api2cartWix.stopReceiver');
    });

    it('a failed start (EPERM) never waits for itself: Start, Retry, Send Test Webhook and Stop all finish', async () => {
      const original = net.Server.prototype.listen;
      let failures = 0;
      // The next listen fails as a sandbox or a security product makes it fail.
      const failNext = (count: number) => {
        failures = count;
        net.Server.prototype.listen = function (this: net.Server, ...args: unknown[]) {
          if (failures <= 0) return (original as (...a: unknown[]) => net.Server).apply(this, args);
          failures -= 1;
          process.nextTick(() => this.emit('error', Object.assign(new Error('listen EPERM: operation not permitted'), { code: 'EPERM' })));
          return this;
        } as typeof original;
      };
      try {
        failNext(1);
        user.ignoreNotifications = true; // the error stays open, unanswered
        await vscode.commands.executeCommand('api2cartWix.startReceiver');
        const problem = await user.notification(/could not start .*EPERM/, 'error');
        assert.deepEqual(problem.buttons, ['Retry']);
        user.ignoreNotifications = false;
        await vscode.commands.executeCommand('api2cartWix.startReceiver');
        await user.notification(/^Webhook receiver listening at /);
        await waitFor(() => api.receiver.addresses, 'the receiver to start while the first error is still open');
        await vscode.commands.executeCommand('api2cartWix.stopReceiver');
        user.dismissIgnored();

        user.reset();
        failNext(1);
        user.reply(/could not start .*EPERM/, 'Retry');
        await vscode.commands.executeCommand('api2cartWix.startReceiver');
        await user.notification(/^Webhook receiver listening at /);
        await waitFor(() => api.receiver.addresses, 'the receiver to start on Retry');
        await vscode.commands.executeCommand('api2cartWix.sendTestWebhook');
        await user.notification(/^Test webhook delivered/);
        await vscode.commands.executeCommand('api2cartWix.stopReceiver');
        await user.notification(/^Webhook receiver stopped/);
      } finally {
        net.Server.prototype.listen = original;
        user.dismissIgnored();
      }
    });

    it('starts on the free port it offers when the configured one is taken; the setting is left alone', async () => {
      const blocker = await occupyPort();
      try {
        await config().update('webhook.port', portOf(blocker), vscode.ConfigurationTarget.Global);
        user.replyMatching(/is in use/, /^Use Port \d+$/);
        await vscode.commands.executeCommand('api2cartWix.startReceiver');
        const started = await user.notification(/^Webhook receiver listening at /);
        const port = Number(new URL(/listening at (\S+?)\.(?:\s|$)/.exec(started.message)![1]!).port);
        assert.notEqual(port, portOf(blocker));
        assert.equal(api.receiver.addresses?.port, port);
        assert.equal(config().get('webhook.port'), portOf(blocker));
        await vscode.commands.executeCommand('api2cartWix.stopReceiver');
      } finally {
        await config().update('webhook.port', 0, vscode.ConfigurationTarget.Global);
        await new Promise((r) => blocker.close(r));
      }
    });

    it('reports a port in use and offers a free one; declined, it does not start', async () => {
      const blocker = await occupyPort();
      try {
        await config().update('webhook.port', portOf(blocker), vscode.ConfigurationTarget.Global);
        await vscode.commands.executeCommand('api2cartWix.startReceiver');
        const problem = await user.notification(/in use/, 'error');
        assert.match(problem.message, new RegExp(`^Port ${portOf(blocker)} on 127\\.0\\.0\\.1 is in use; change api2cartWix\\.webhook\\.port or stop the program using it\\. Port (\\d+) is free: use it for now`));
        const free = /Port (\d+) is free/.exec(problem.message)![1];
        assert.deepEqual(problem.buttons, [`Use Port ${free}`, 'Open Settings']);
        assert.equal(api.receiver.item.view, undefined);
        await vscode.commands.executeCommand('api2cartWix.stopReceiver');
        await user.notification(/^The webhook receiver is not running\./);
      } finally {
        await config().update('webhook.port', 0, vscode.ConfigurationTarget.Global);
        await new Promise((r) => blocker.close(r));
      }
    });
  });
});
