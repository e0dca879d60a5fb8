import { strict as assert } from 'node:assert';
import { randomBytes, randomUUID } from 'node:crypto';
import * as net from 'node:net';
import * as vscode from 'vscode';
import { SECRET_KEYS } from '../../src/core/profiles';
import type { Services } from '../../src/vscode/services';
import { startApi2CartStub, type Api2CartStub } from '../support/stubs/api2cartStub';
import { startWixStub, type WixStub } from '../support/stubs/wixStub';
import { appInstalled, generateTestKeys, signWithJose, TEST_APP_ID, type TestKeys } from '../support/webhookSigning';
import { waitForLog } from './support/evidence';
import { extensionApi, waitFor, type TestApi } from './support/extension';
import { BACK_BUTTON, LEAVE_OPEN, ScriptedUser, type PickItem } from './support/scriptedUser';

const CONNECT = 'api2cartWix.connectWixStore';
const SITE_NAME = 'Canary Crafts';
const SITE_URL = 'https://canarycrafts.wixsite.com/shop';
const hex = () => randomBytes(8).toString('hex');

async function post(url: string, body: string): Promise<number> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
  await response.text();
  return response.status;
}

describe('Connect Wix Store: one guided flow from nothing to a connected store', function () {
  this.timeout(60_000);
  const user = new ScriptedUser({ strictInputs: true });
  let api: TestApi;
  let s: Services;
  let keys: TestKeys;
  let api2cart: Api2CartStub;
  let wix: WixStub;
  let apiKey: string;
  let appSecret: string;
  let instanceId: string;
  /** The address the flow said it waits on, once it waits. */
  let waitingAt: Promise<string | undefined>;

  const config = () => vscode.workspace.getConfiguration('api2cartWix');
  const pickLabel = (label: RegExp) => (items: readonly PickItem[]) => items.find((i) => label.test(i.label));
  const stored = (key: string) => api.secrets.get(key);

  before(async () => {
    api = await extensionApi();
    s = api.services;
    keys = generateTestKeys();
    user.install();
  });

  after(async () => {
    user.restore();
    api.connect.events = {};
    await vscode.commands.executeCommand('api2cartWix.stopReceiver');
    for (const name of ['api2cart.baseUrl', 'wix.baseUrl', 'webhook.port', 'webhook.waitMinutes']) {
      await config().update(name, undefined, vscode.ConfigurationTarget.Global);
    }
    await s.profiles.forgetAll();
    await s.status.setError(undefined);
  });

  beforeEach(async () => {
    user.reset();
    apiKey = `canary-api-key-${hex()}`;
    appSecret = `canary-app-secret-${hex()}`;
    instanceId = randomUUID();
    api2cart = await startApi2CartStub({ apiKey });
    wix = await startWixStub({ appId: TEST_APP_ID, appSecret, instanceId, siteDisplayName: SITE_NAME, siteUrl: SITE_URL });
    await config().update('api2cart.baseUrl', api2cart.url, vscode.ConfigurationTarget.Global);
    await config().update('wix.baseUrl', wix.url, vscode.ConfigurationTarget.Global);
    await config().update('webhook.port', 0, vscode.ConfigurationTarget.Global);
    await config().update('webhook.waitMinutes', undefined, vscode.ConfigurationTarget.Global);
    assert.ok((await s.profiles.forgetAll()).ok);
    await s.status.setError(undefined);
    let resolveWaiting!: (url: string | undefined) => void;
    waitingAt = new Promise((resolve) => (resolveWaiting = resolve));
    api.connect.events = { onWaiting: (url) => resolveWaiting(url) };
  });

  afterEach(async () => {
    // A test that failed while the flow waited must not leave it open for the next one.
    api.connect.close();
    assert.deepEqual([...api2cart.violations, ...wix.violations], [], 'every request matched the API descriptions');
    const seen = user.shownText();
    for (const secret of [apiKey, appSecret, ...api2cart.carts.map((c) => c.storeKey)]) assert.ok(!seen.includes(secret), 'a secret was shown');
    await api2cart.close();
    await wix.close();
  });

  it('from nothing stored: four steps with a counter and Back, the verified App Installed taken with no click, the store added', async () => {
    assert.ok((await s.profiles.setPublicKey(keys.publicKeyPem)).ok, 'a public key makes the delivery verified');
    user.input(apiKey).input(TEST_APP_ID).input(appSecret).pick(() => LEAVE_OPEN);
    const flow = vscode.commands.executeCommand(CONNECT);
    const url = await waitingAt;
    assert.ok(url?.includes('/proxy/'), `the flow waits at the external address: ${url}`);

    const token = await signWithJose(appInstalled({ instanceId }), keys);
    assert.equal(await post(url!, token), 200);
    await flow;

    assert.deepEqual(user.quickInputs.map((q) => [q.kind, `${q.step}/${q.totalSteps}`, q.hasBack, q.password ?? false]), [
      ['input', '1/4', false, true], ['input', '2/4', true, false], ['input', '3/4', true, true], ['pick', '4/4', true, false],
    ]);
    assert.equal(user.quickInputs[3]!.placeholder, 'Open the install link and install the app; waiting for the Instance ID');
    const labels = user.quickInputs[3]!.items?.map((i) => i.label) ?? [];
    assert.equal(labels[0], '$(link-external) Open the install link', 'the install link is the first way');
    assert.equal(labels[1], '$(checklist) Plan the permissions first', 'no plan saved: asked once, in the same step');
    for (const label of ['$(copy) Copy webhook URL', '$(clippy) Paste a webhook body', '$(edit) Type the Instance ID']) assert.ok(labels.includes(label), label);
    const webhookItem = user.quickInputs[3]!.items?.find((i) => i.label === '$(copy) Copy webhook URL');
    assert.equal(webhookItem?.detail, 'Reachable only from this computer: Wix needs public HTTPS', 'a loopback "external" address says so');
    assert.equal(await stored(SECRET_KEYS.apiKey), apiKey);
    api2cart.assertCalledOnce('account.cart.add');
    const profile = await s.profiles.getActiveProfile();
    assert.ok(profile.ok && profile.value);
    assert.equal(profile.value.instanceId, instanceId);
    assert.equal(profile.value.hasStoreKey, true);
    await s.status.refresh();
    assert.equal(s.status.presentation?.state, 'connected', 'connected while the receiver still runs');
    assert.ok(api.receiver.item.view, 'the receiver item still shows');
    assert.ok(!user.messages.some((m) => m.message.startsWith('Webhook received:')), 'the flow took the event: no second offer');
    assert.match((await waitFor(() => user.messages.find((m) => /was added to API2Cart/.test(m.message)), 'the success')).message, /Canary Crafts/);
  });

  it('asks before taking an unverified App Installed; one for another app is ignored with a log line', async () => {
    assert.ok((await s.profiles.setApiKey(apiKey)).ok);
    assert.ok((await s.profiles.setAppCredentials(TEST_APP_ID, appSecret)).ok);
    user.pick(() => LEAVE_OPEN).reply(/^Unverified App Installed for Instance ID/, 'Use This Instance ID');
    const flow = vscode.commands.executeCommand(CONNECT);
    const url = (await waitingAt)!;
    assert.deepEqual(user.quickInputs.map((q) => `${q.step}/${q.totalSteps}`), ['1/1'], 'only the Instance ID is missing');
    assert.ok(user.quickInputs[0]!.items?.some((i) => /Add the webhook public key \(optional\)/.test(i.label)));

    const otherApp = await signWithJose(appInstalled({ instanceId: randomUUID(), appId: randomUUID() }), keys);
    assert.equal(await post(url, otherApp), 200, 'another app\'s event: 200, so Wix does not retry it');
    await waitForLog(s, 'ignored a delivery for another app', 'API2Cart Wix Webhooks.log');
    assert.equal(user.messagesOf('error').length, 0, 'no error shown for another app\'s delivery');

    assert.equal(await post(url, await signWithJose(appInstalled({ instanceId }), keys)), 200);
    await flow;
    const asked = user.messages.find((m) => /^Unverified App Installed/.test(m.message));
    assert.ok(asked?.modal, 'asked in a modal');
    // A one-line title naming the event; the why in the detail; buttons that say what they do.
    assert.equal(asked.message, `Unverified App Installed for Instance ID ${instanceId.slice(0, 4)}…`);
    assert.match(asked.detail ?? '', /No webhook public key is set/);
    assert.deepEqual(asked.buttons, ['Use This Instance ID', 'Ignore and Keep Waiting', 'Set Public Key…']);
    api2cart.assertCalledOnce('account.cart.add');
    const profile = await s.profiles.getActiveProfile();
    assert.ok(profile.ok && profile.value?.instanceId === instanceId && profile.value.hasStoreKey);
  });

  it('cancelled half-way through the app credentials: only the API key is kept, and the message says so', async () => {
    user.input(apiKey).input(TEST_APP_ID).input();
    await vscode.commands.executeCommand(CONNECT);
    assert.equal(await stored(SECRET_KEYS.apiKey), apiKey);
    assert.equal(await stored(SECRET_KEYS.appId), undefined, 'the App ID alone is not written');
    assert.match(user.only('info').message, /^Connect Wix Store cancelled: the API2Cart API key was saved\. Nothing was sent to API2Cart\.$/);
    assert.equal(wix.requests.length + api2cart.requests.length, 0);
  });

  it('cancelled at the first step: nothing is saved', async () => {
    user.input();
    await vscode.commands.executeCommand(CONNECT);
    assert.equal(await stored(SECRET_KEYS.apiKey), undefined);
    assert.match(user.only('info').message, /^Connect Wix Store cancelled: nothing was saved\./);
  });

  it('Back from the Instance ID returns to the App Secret Key; typing the Instance ID works too', async () => {
    user.input(apiKey).input(TEST_APP_ID).input(appSecret).pick(() => BACK_BUTTON).input(appSecret)
      .pick(pickLabel(/Type the Instance ID/)).input('not-an-id', instanceId);
    await vscode.commands.executeCommand(CONNECT);
    assert.deepEqual(user.quickInputs.map((q) => `${q.kind} ${q.step}/${q.totalSteps}`), [
      'input 1/4', 'input 2/4', 'input 3/4', 'pick 4/4', 'input 3/4', 'pick 4/4', 'input 4/4',
    ]);
    assert.match(user.quickInputs[6]!.rejected[0] ?? '', /^Instance ID must be a UUID/);
    api2cart.assertCalledOnce('account.cart.add');
  });

  it('takes a pasted webhook body, refusing one that is not a webhook first', async () => {
    assert.ok((await s.profiles.setPublicKey(keys.publicKeyPem)).ok);
    assert.ok((await s.profiles.setApiKey(apiKey)).ok);
    assert.ok((await s.profiles.setAppCredentials(TEST_APP_ID, appSecret)).ok);
    user.pick(pickLabel(/Paste a webhook body/)).input('hello', await signWithJose(appInstalled({ instanceId }), keys));
    await vscode.commands.executeCommand(CONNECT);
    assert.match(user.quickInputs[1]!.rejected[0] ?? '', /not a JWT|JWT/);
    api2cart.assertCalledOnce('account.cart.add');
  });

  it('a second run while one is open brings the open one back instead of starting another', async () => {
    assert.ok((await s.profiles.setApiKey(apiKey)).ok);
    assert.ok((await s.profiles.setAppCredentials(TEST_APP_ID, appSecret)).ok);
    user.pick(() => LEAVE_OPEN);
    const first = vscode.commands.executeCommand(CONNECT);
    const url = (await waitingAt)!;
    // The second run joins the first: the open step is brought back, no second one is shown.
    const second = vscode.commands.executeCommand(CONNECT);
    await waitFor(() => (user.quickInputs[0]?.focused === 1 ? true : undefined), 'the open step to be brought back');
    assert.equal(user.quickInputs.length, 1);
    assert.ok((await s.profiles.setPublicKey(keys.publicKeyPem)).ok);
    assert.equal(await post(url, await signWithJose(appInstalled({ instanceId }), keys)), 200);
    await Promise.all([first, second]);
    assert.equal(user.quickInputs.length, 1);
    api2cart.assertCalledOnce('account.cart.add');
  });

  it('times out with what to check, keeps the credentials and sends nothing', async () => {
    await config().update('webhook.waitMinutes', 0.02, vscode.ConfigurationTarget.Global);
    user.input(apiKey).input(TEST_APP_ID).input(appSecret).pick(() => LEAVE_OPEN);
    await vscode.commands.executeCommand(CONNECT);
    const error = await user.notification(/^No Instance ID arrived within 0\.02 minutes/, 'error');
    assert.match(error.message, /points at http:\/\/127\.0\.0\.1:\d+\/proxy\/\d+\/webhook over public HTTPS/);
    assert.deepEqual(error.buttons, ['Connect Again', 'Show Deliveries']);
    assert.equal(await stored(SECRET_KEYS.appSecret), appSecret, 'the credentials entered are kept');
    assert.equal(wix.requests.length + api2cart.requests.length, 0);
  });

  it('a taken port: the step itself offers a free one, a second run brings that question back, and it waits there', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      await vscode.commands.executeCommand('api2cartWix.stopReceiver');
      await config().update('webhook.port', (blocker.address() as net.AddressInfo).port, vscode.ConfigurationTarget.Global);
      assert.ok((await s.profiles.setApiKey(apiKey)).ok);
      assert.ok((await s.profiles.setAppCredentials(TEST_APP_ID, appSecret)).ok);
      assert.ok((await s.profiles.setPublicKey(keys.publicKeyPem)).ok);
      user.pick(() => LEAVE_OPEN);
      const flow = vscode.commands.executeCommand(CONNECT);
      const busy = await waitFor(() => user.quickInputs[0], 'the Instance ID step');
      assert.match(busy.placeholder ?? '', /is in use/, 'the busy port is the step\'s own question');
      assert.ok(!user.messages.some((m) => /in use/.test(m.message)), 'no toast of its own');
      const again = vscode.commands.executeCommand(CONNECT);
      await waitFor(() => (busy.focused === 1 ? true : undefined), 'the busy-port step to be brought back');
      const free = busy.items?.find((i) => /^\$\(debug-restart\) Use port \d+ for now$/.test(i.label));
      assert.ok(free, JSON.stringify(busy.items));
      user.pick(() => LEAVE_OPEN);
      busy.accept!(free);
      const url = (await waitingAt)!;
      assert.notEqual(api.receiver.addresses?.port, (blocker.address() as net.AddressInfo).port);
      assert.equal(await post(url, await signWithJose(appInstalled({ instanceId }), keys)), 200);
      await Promise.all([flow, again]);
      api2cart.assertCalledOnce('account.cart.add');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
