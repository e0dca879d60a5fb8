import { strict as assert } from 'node:assert';
import { randomBytes, randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { takePlanSnapshot } from '../../src/core/permissions/snapshot';
import { profileDisplayName } from '../../src/core/profiles';
import { SELECTION_STATE_KEY } from '../../src/vscode/scopePlanner/scopePlannerPanel';
import type { Services } from '../../src/vscode/services';
import { startConnectProxy } from '../support/connectProxy';
import { startApi2CartStub, type Api2CartStub } from '../support/stubs/api2cartStub';
import { startWixStub, type WixStub } from '../support/stubs/wixStub';
import { waitForLog } from './support/evidence';
import { extensionApi, waitFor } from './support/extension';
import { ScriptedUser } from './support/scriptedUser';

const ADD_STORE = 'api2cartWix.addStore';
const CHECK_CONNECTION = 'api2cartWix.checkConnection';
const SITE_NAME = 'Canary Crafts';
const SITE_URL = 'https://canarycrafts.wixsite.com/shop';

const hex = () => randomBytes(8).toString('hex');

describe('connection: Add Store and Check Connection against the stubs', function () {
  this.timeout(60_000);
  const user = new ScriptedUser({ strictInputs: true });
  let services: Services;
  let api2cart: Api2CartStub;
  let wix: WixStub;
  let apiKey: string;
  let app: { appId: string; appSecret: string };
  let instanceId: string;

  async function pointSettingsAt(api2cartUrl: string | undefined, wixUrl: string | undefined): Promise<void> {
    const config = vscode.workspace.getConfiguration('api2cartWix');
    // Machine-scoped: in code-server the window is remote, so Global lands in Machine/settings.json.
    await config.update('api2cart.baseUrl', api2cartUrl, vscode.ConfigurationTarget.Global);
    await config.update('wix.baseUrl', wixUrl, vscode.ConfigurationTarget.Global);
  }

  async function presentation() {
    await services.status.refresh();
    const view = services.status.presentation;
    assert.ok(view, 'the status bar has a presentation');
    return view;
  }

  async function storeKey(): Promise<string | undefined> {
    const r = await services.profiles.getStoreKey(instanceId);
    assert.ok(r.ok);
    return r.value;
  }

  /** Nothing secret in what the person saw: notifications, the status bar. */
  async function assertNothingSecretShown(): Promise<void> {
    const view = await presentation();
    const seen = [...user.messages.map((s) => `${s.message} ${s.buttons.join(' ')}`), view.text, view.tooltip].join('\n');
    const secrets = [apiKey, app.appSecret, ...wix.issuedTokens, ...api2cart.carts.map((c) => c.storeKey)];
    for (const secret of secrets) assert.ok(!seen.includes(secret), 'a secret value reached the UI');
  }

  before(async () => {
    services = (await extensionApi()).services;
    user.install();
  });

  after(async () => {
    user.restore();
    await pointSettingsAt(undefined, undefined);
    await services?.profiles.forgetAll();
    await services?.status.setError(undefined);
  });

  beforeEach(async () => {
    user.reset();
    apiKey = `canary-api-key-${hex()}`;
    app = { appId: randomUUID(), appSecret: `canary-app-secret-${hex()}` };
    instanceId = randomUUID();
    api2cart = await startApi2CartStub({ apiKey });
    wix = await startWixStub({ ...app, instanceId, siteDisplayName: SITE_NAME, siteUrl: SITE_URL, catalogVersion: 'V3_CATALOG', appVersion: '3.1.0' });
    await pointSettingsAt(api2cart.url, wix.url);
    assert.ok((await services.profiles.forgetAll()).ok);
    await services.status.setError(undefined);
    assert.ok((await services.profiles.setApiKey(apiKey)).ok);
    assert.ok((await services.profiles.setAppCredentials(app.appId, app.appSecret)).ok);
    assert.ok((await services.profiles.upsertProfileByInstanceId(instanceId, { activate: true })).ok);
  });

  afterEach(async () => {
    await assertNothingSecretShown();
    assert.deepEqual([...api2cart.violations, ...wix.violations], [], 'every request matched the API descriptions');
    await api2cart?.close();
    await wix?.close();
  });

  it('reads the base URLs from machine-scoped settings updated with ConfigurationTarget.Global', () => {
    const config = vscode.workspace.getConfiguration('api2cartWix');
    assert.equal(config.get('api2cart.baseUrl'), api2cart.url);
    assert.equal(config.get('wix.baseUrl'), wix.url);
    // In code-server the window is remote: VS Code stores a machine setting as the remote user value.
    assert.equal(config.inspect('api2cart.baseUrl')?.globalValue, api2cart.url);
  });

  it('adds the store: Wix preflight, one account.cart.add, key saved, profile updated, status connected', async () => {
    await vscode.commands.executeCommand(ADD_STORE);

    assert.deepEqual(wix.requests.map((r) => r.endpoint), ['token', 'instance', 'catalogVersion']);
    api2cart.assertCalledOnce('account.cart.add');
    assert.deepEqual(api2cart.requests.map((r) => r.method), ['account.cart.add']);
    assert.deepEqual(api2cart.requests[0]!.body, {
      cart_id: 'Wix', wix_app_id: app.appId, wix_app_secret_key: app.appSecret, wix_instance_id: instanceId, store_url: SITE_URL,
    });
    const added = api2cart.carts.find((c) => c.wixInstanceId === instanceId);
    assert.ok(added);
    assert.equal(await storeKey(), added.storeKey);

    const profile = await services.profiles.getActiveProfile();
    assert.ok(profile.ok && profile.value);
    assert.equal(profile.value.label, SITE_NAME);
    assert.equal(profile.value.siteUrl, SITE_URL);
    assert.equal(profile.value.catalogVersion, 'V3_CATALOG');
    assert.equal(profile.value.hasStoreKey, true);

    const view = await presentation();
    assert.equal(view.state, 'connected');
    assert.match(view.text, new RegExp(SITE_NAME));
    const info = user.only('info');
    assert.match(info.message, /was added to API2Cart/);
    assert.deepEqual(info.buttons, ['Verify Permissions', 'Write to .env', 'New Request']);

    const log = await waitForLog(services, 'Add Store: store key saved');
    for (const step of ['wix-token', 'wix-instance', 'api2cart-add', 'API2Cart account.cart.add: ok']) assert.match(log, new RegExp(step));
    for (const secret of [apiKey, app.appSecret, added.storeKey, ...wix.issuedTokens]) {
      assert.ok(!log.includes(secret), 'a secret value reached the log');
    }
  });

  it('Wix rejects the app credentials: a clear problem with its fix, nothing sent to API2Cart', async () => {
    assert.ok((await services.profiles.setAppCredentials(app.appId, `canary-wrong-secret-${hex()}`)).ok);
    await vscode.commands.executeCommand(ADD_STORE);

    assert.equal(api2cart.requests.length, 0, 'nothing was sent to API2Cart');
    assert.deepEqual(wix.requests.map((r) => r.endpoint), ['token']);
    const error = user.only('error');
    assert.match(error.message, /Wix rejected the App ID or App Secret Key/);
    assert.deepEqual(error.buttons, ['Set Wix App Credentials…']);
    assert.equal(await storeKey(), undefined);
    const view = await presentation();
    assert.equal(view.state, 'error');
    assert.match(view.tooltip, /Wix rejected/);
    assert.equal(view.nextSteps[0]?.id, 'setAppCredentials');
  });

  it('API2Cart rejects the API key (code 2): the problem offers Set API2Cart API Key', async () => {
    assert.ok((await services.profiles.setApiKey(`canary-wrong-api-key-${hex()}`)).ok);
    await vscode.commands.executeCommand(ADD_STORE);

    api2cart.assertCalledOnce('account.cart.add');
    assert.equal(api2cart.requests.length, 1, 'a definite answer is not followed by a lookup');
    const error = user.only('error');
    assert.deepEqual(error.buttons, ['Set API2Cart API Key…']);
    assert.equal(await storeKey(), undefined);
    assert.equal((await presentation()).state, 'error');
  });

  it('the store already exists (code 8): its key is found in account.cart.list and adopted', async () => {
    const existingKey = `canary-store-key-${hex()}`;
    api2cart.carts.push({ id: '7', url: SITE_URL, storeKey: existingKey, cartId: 'Wix', customLabel: '', wixInstanceId: instanceId });
    await vscode.commands.executeCommand(ADD_STORE);

    api2cart.assertCalledOnce('account.cart.add');
    assert.deepEqual(api2cart.requests.map((r) => r.method), ['account.cart.add', 'account.cart.list']);
    assert.equal(await storeKey(), existingKey);
    assert.match(user.only('info').message, /already in your API2Cart account.*adopted/);
    assert.equal((await presentation()).state, 'connected');
  });

  it('the connection drops after the add was sent: no second add, the outcome is reported as uncertain', async () => {
    api2cart.setResponse('account.cart.add', { kind: 'closeSocket' });
    await vscode.commands.executeCommand(ADD_STORE);

    api2cart.assertCalledOnce('account.cart.add');
    // Looked up by store_url first, then in the whole list, since the URL forms may differ.
    assert.deepEqual(api2cart.requests.map((r) => [r.method, r.query.store_url]), [
      ['account.cart.add', undefined], ['account.cart.list', SITE_URL], ['account.cart.list', undefined]]);
    const error = user.only('error');
    assert.match(error.message, /not sent again/);
    assert.deepEqual(error.buttons, ['Add Store to API2Cart']);
    assert.equal(await storeKey(), undefined);
    assert.equal((await presentation()).state, 'error');
  });

  it('the connection drops after the add was sent but the store is listed: recovered without a second add', async () => {
    const listedKey = `canary-store-key-${hex()}`;
    api2cart.carts.push({ id: '3', url: SITE_URL, storeKey: listedKey, cartId: 'Wix', customLabel: '' });
    api2cart.setResponse('account.cart.add', { kind: 'closeSocket' });
    await vscode.commands.executeCommand(ADD_STORE);

    api2cart.assertCalledOnce('account.cart.add');
    assert.equal(await storeKey(), listedKey);
    assert.match(user.only('info').message, /looked up instead of added again/);
    assert.equal((await presentation()).state, 'connected');
  });

  it('asks for a missing API key through Set API2Cart API Key, then adds', async () => {
    assert.ok((await services.profiles.forget([{ kind: 'apiKey' }])).ok);
    user.input(apiKey);
    await vscode.commands.executeCommand(ADD_STORE);

    assert.equal(user.pendingInputs(), 0, 'the API key was asked for');
    api2cart.assertCalledOnce('account.cart.add');
    assert.ok(await storeKey());
  });

  it('stops without sending anything when the person cancels the API key input', async () => {
    assert.ok((await services.profiles.forget([{ kind: 'apiKey' }])).ok);
    user.input();
    await vscode.commands.executeCommand(ADD_STORE);

    assert.equal(wix.requests.length + api2cart.requests.length, 0);
    assert.equal(user.messages.filter((s) => s.severity === 'error').length, 0);
  });

  it('asks for a missing Instance ID and goes on even while Set Instance ID waits on its notification', async () => {
    assert.ok((await services.profiles.forget([{ kind: 'profiles' }])).ok);
    user.input(instanceId).input('');
    user.ignoreNotifications = true;
    await vscode.commands.executeCommand(ADD_STORE);

    assert.match(user.messages[0]?.message ?? '', /created and made active/);
    api2cart.assertCalledOnce('account.cart.add');
    assert.ok(await storeKey());
  });

  it('refuses a base URL setting that is not a URL, with Open Settings', async () => {
    await pointSettingsAt('not a url', wix.url);
    await vscode.commands.executeCommand(ADD_STORE);

    assert.equal(wix.requests.length + api2cart.requests.length, 0);
    const error = user.only('error');
    assert.match(error.message, /api2cartWix\.api2cart\.baseUrl is not an http\(s\) URL/);
    assert.deepEqual(error.buttons, ['Open Settings']);
  });

  it('refuses a base URL with a query or a fragment when the setting is read, naming it', async () => {
    for (const [url, why] of [[`${api2cart.url}?debug=1`, /has a query/], [`${api2cart.url}#docs`, /has a fragment/]] as const) {
      user.reset();
      await pointSettingsAt(url, wix.url);
      await vscode.commands.executeCommand(ADD_STORE);
      assert.equal(wix.requests.length + api2cart.requests.length, 0, 'nothing was sent');
      const error = user.only('error');
      assert.match(error.message, /^The setting api2cartWix\.api2cart\.baseUrl /);
      assert.match(error.message, why);
      assert.deepEqual(error.buttons, ['Open Settings']);
    }
  });

  it('refuses a SOCKS http.proxy up front, naming the setting without its password, with Open Settings', async () => {
    const http = vscode.workspace.getConfiguration('http');
    const password = `canary-proxy-password-${hex()}`;
    try {
      for (const proxy of [`socks5h://user:${password}@proxy.corp:1080`, `socks4://user:${password}@proxy.corp:1080`]) {
        user.reset();
        await http.update('proxy', proxy, vscode.ConfigurationTarget.Global);
        await vscode.commands.executeCommand(ADD_STORE);
        assert.equal(wix.requests.length + api2cart.requests.length, 0, 'nothing was sent');
        const error = user.only('error');
        assert.match(error.message, /the http\.proxy setting \("socks[45]h?:\/\/•••@proxy\.corp:1080"\) is a SOCKS proxy/);
        assert.ok(!error.message.includes(password));
        assert.doesNotMatch(error.message, /unexpectedly/);
        assert.deepEqual(error.buttons, ['Open Settings']);
      }
    } finally {
      await http.update('proxy', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('sends through HTTPS_PROXY / HTTP_PROXY written without a scheme (read as http://)', async () => {
    const proxy = await startConnectProxy();
    const saved = { HTTPS_PROXY: process.env.HTTPS_PROXY, HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY, no_proxy: process.env.no_proxy };
    try {
      // The extension host is this process: its environment is the extension's.
      Object.assign(process.env, { HTTPS_PROXY: proxy.address, HTTP_PROXY: proxy.address, NO_PROXY: '', no_proxy: '' });
      await vscode.commands.executeCommand(ADD_STORE);
      api2cart.assertCalledOnce('account.cart.add');
      assert.ok(await storeKey(), 'the store was added');
      assert.ok(proxy.proxied() >= 2, `the requests went through the proxy (${proxy.proxied()} tunnels)`);
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      await proxy.close();
    }
  });

  it('a saved API key that no header can carry: says which character, offers Set API2Cart API Key, sends nothing', async () => {
    // Saved before keys were checked at input: written around the validation.
    const api = await extensionApi();
    await api.secrets.store('api2cartWix.apiKey', `${apiKey.slice(0, 6)}\u200b${apiKey.slice(6)}`);
    await vscode.commands.executeCommand(ADD_STORE);

    assert.equal(wix.requests.length + api2cart.requests.length, 0, 'nothing was sent');
    const error = user.only('error');
    assert.match(error.message, /saved API2Cart API key cannot be sent.*a zero-width space \(U\+200B\) at position 7/);
    assert.doesNotMatch(error.message, /may have/);
    assert.deepEqual(error.buttons, ['Set API2Cart API Key…']);
  });

  it('checks the connection: account.cart.list by store key, then cart.validate once; status connected', async () => {
    const key = `canary-store-key-${hex()}`;
    api2cart.carts.push({ id: '1', url: SITE_URL, storeKey: key, cartId: 'Wix', customLabel: SITE_NAME });
    assert.ok((await services.profiles.setStoreKey(instanceId, key)).ok);
    await services.status.setError({ kind: 'old', message: 'An earlier failure.' });
    await vscode.commands.executeCommand(CHECK_CONNECTION);

    assert.deepEqual(api2cart.requests.map((r) => r.method), ['account.cart.list', 'cart.validate']);
    assert.equal(api2cart.requests[0]!.query.store_key, key);
    api2cart.assertCalledOnce('cart.validate');
    // Alongside: the site's app version from GET /apps/v1/instance, in one line.
    assert.deepEqual(wix.requests.map((r) => r.endpoint), ['token', 'instance']);
    assert.equal(user.only('info').message, `Connected: API2Cart reaches "${profileDisplayName({ instanceId })}". App version on the site: 3.1.0.`);
    assert.deepEqual(user.only('info').buttons, ['Verify Store Permissions']);
    assert.equal((await presentation()).state, 'connected');
    await waitForLog(services, `Check Connection: connected at ${SITE_URL}, app version on the site: 3.1.0`);
  });

  it('a validate refused with no message: the likely cause is a permission not yet approved, naming the drift\'s added permissions', async () => {
    const key = `canary-store-key-${hex()}`;
    api2cart.carts.push({ id: '1', url: SITE_URL, storeKey: key, cartId: 'Wix', customLabel: SITE_NAME });
    assert.ok((await services.profiles.setStoreKey(instanceId, key)).ok);
    assert.ok((await services.profiles.setPlanSnapshot(instanceId, takePlanSnapshot(['order.list'], new Date('2026-11-01T00:00:00Z')))).ok);
    await services.context.workspaceState.update(SELECTION_STATE_KEY, ['order.list', 'customer.list']);
    api2cart.setResponse('cart.validate', { kind: 'returnCode', code: 100, message: '' });
    try {
      await vscode.commands.executeCommand(CHECK_CONNECTION);
    } finally {
      await services.context.workspaceState.update(SELECTION_STATE_KEY, undefined);
    }
    const shown = user.only('error').message;
    assert.match(shown, new RegExp(`^Likely a permission not yet approved on "${profileDisplayName({ instanceId }).replace(/[()]/g, '\\$&')}" \\(this site runs app version 3\\.1\\.0\\): one added after the site installed the app needs a new app version and the owner's approval\\.`));
    assert.match(shown, /Added since the store was added: .*Read Contacts/);
    assert.equal((await presentation()).state, 'error');
  });

  it('http.proxyStrictSSL false through a proxy: Check Connection and the log say the certificate was not checked', async () => {
    const key = `canary-store-key-${hex()}`;
    api2cart.carts.push({ id: '1', url: SITE_URL, storeKey: key, cartId: 'Wix', customLabel: SITE_NAME });
    assert.ok((await services.profiles.setStoreKey(instanceId, key)).ok);
    const proxy = await startConnectProxy();
    const http = vscode.workspace.getConfiguration('http');
    try {
      await http.update('proxy', `http://${proxy.address}`, vscode.ConfigurationTarget.Global);
      await http.update('proxyStrictSSL', false, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand(CHECK_CONNECTION);
      assert.match(user.only('info').message, /^Connected.* Certificates are not checked for calls through the proxy \(http\.proxyStrictSSL is false\)/);
      await waitForLog(services, 'Certificates are not checked for calls through the proxy');
    } finally {
      await http.update('proxy', undefined, vscode.ConfigurationTarget.Global);
      await http.update('proxyStrictSSL', undefined, vscode.ConfigurationTarget.Global);
      await proxy.close();
    }
    user.reset();
    await vscode.commands.executeCommand(CHECK_CONNECTION);
    assert.doesNotMatch(user.only('info').message, /Certificates are not checked/, 'checked again without the proxy');
  });

  it('checks the connection of a store that is gone: error, offers to forget the stale key, no validate', async () => {
    assert.ok((await services.profiles.setStoreKey(instanceId, `canary-store-key-${hex()}`)).ok);
    await vscode.commands.executeCommand(CHECK_CONNECTION);

    assert.deepEqual(api2cart.requests.map((r) => r.method), ['account.cart.list']);
    const error = user.only('error');
    assert.match(error.message, /not in your API2Cart account/);
    assert.deepEqual(error.buttons, ['Forget Store Key', 'Forget and Add Again']);
    const view = await presentation();
    assert.equal(view.state, 'error');
    assert.equal(view.nextSteps[0]?.id, 'addStore');
    assert.ok(await storeKey(), 'nothing is forgotten without the person saying so');
  });

  it('forgets a stale store key when asked: the store shows as not added', async () => {
    assert.ok((await services.profiles.setStoreKey(instanceId, `canary-store-key-${hex()}`)).ok);
    user.reply(/not in your API2Cart account/, 'Forget Store Key');
    await vscode.commands.executeCommand(CHECK_CONNECTION);

    await user.notification(/^The store key of ".*" was forgotten; the store shows as not added\./);
    assert.equal(await storeKey(), undefined);
    const view = await presentation();
    assert.equal(view.state, 'credentials-ready');
    assert.match(view.tooltip, /not added to API2Cart yet/);
    assert.equal(view.nextSteps[0]?.id, 'addStore');
  });

  it('"Forget and Add Again" replaces a stale store key with a new one', async () => {
    const stale = `canary-store-key-${hex()}`;
    assert.ok((await services.profiles.setStoreKey(instanceId, stale)).ok);
    user.reply(/not in your API2Cart account/, 'Forget and Add Again');
    await vscode.commands.executeCommand(CHECK_CONNECTION);

    await user.notification(/was added to API2Cart/);
    api2cart.assertCalledOnce('account.cart.add');
    const fresh = await storeKey();
    assert.ok(fresh && fresh !== stale);
    assert.equal((await presentation()).state, 'connected');
  });

  it('runs one Add Store at a time: a second one while the first runs joins it, sending no second add', async () => {
    api2cart.setResponse('account.cart.add', { kind: 'slow', delayMs: 1_500 });
    const first = vscode.commands.executeCommand(ADD_STORE);
    await waitFor(() => (api2cart.callsTo('account.cart.add').length === 1 ? true : undefined), 'the first add to be sent');
    const second = vscode.commands.executeCommand(ADD_STORE);
    await Promise.all([first, second]);

    api2cart.assertCalledOnce('account.cart.add');
    assert.match(user.messagesOf('info').join('\n'), /Add Store to API2Cart is already running/);
    assert.ok(await storeKey());
  });

  it('Add Store on a connected store says so and offers Check Connection; nothing is sent unless "Add Again" is chosen', async () => {
    const key = `canary-store-key-${hex()}`;
    api2cart.carts.push({ id: '1', url: SITE_URL, storeKey: key, cartId: 'Wix', customLabel: SITE_NAME, wixInstanceId: instanceId });
    assert.ok((await services.profiles.setStoreKey(instanceId, key)).ok);
    await vscode.commands.executeCommand(ADD_STORE);
    const asked = user.only('info');
    assert.equal(asked.modal, true);
    assert.match(asked.message, /is already added to API2Cart: its store key is saved\./);
    assert.deepEqual(asked.buttons, ['Check Connection', 'Add Again']);
    assert.equal(wix.requests.length + api2cart.requests.length, 0, 'dismissed: nothing sent');

    user.reset();
    user.reply(/is already added to API2Cart/, 'Check Connection');
    await vscode.commands.executeCommand(ADD_STORE);
    await waitFor(() => (api2cart.callsTo('cart.validate').length === 1 ? true : undefined), 'Check Connection to run');
    assert.equal(api2cart.callsTo('account.cart.add').length, 0);

    user.reset();
    user.reply(/is already added to API2Cart/, 'Add Again');
    await vscode.commands.executeCommand(ADD_STORE);
    api2cart.assertCalledOnce('account.cart.add');
    assert.equal(await storeKey(), key, 'API2Cart found the store (code 8) and its key is kept');
  });

  it('Check Connection without a store key says so and sends nothing', async () => {
    await vscode.commands.executeCommand(CHECK_CONNECTION);

    assert.equal(api2cart.requests.length, 0);
    assert.deepEqual(user.only('error').buttons, ['Add Store to API2Cart']);
  });
});
