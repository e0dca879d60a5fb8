import { strict as assert } from 'node:assert';
import { randomBytes, randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { Services } from '../../src/vscode/services';
import { startApi2CartStub, type Api2CartStub } from '../support/stubs/api2cartStub';
import { startWixStub, type WixStub } from '../support/stubs/wixStub';
import { TEST_APP_ID } from '../support/webhookSigning';
import { extensionApi, waitFor, type TestApi } from './support/extension';
import { ScriptedUser, type PickItem } from './support/scriptedUser';

const CONNECT = 'api2cartWix.connectWixStore';
const hex = () => randomBytes(8).toString('hex');

/** What Wix does after the install: the browser goes to postInstallationUrl with the triple appended. */
function redirectOf(link: string, triple: { appId: string; instanceId: string; tenantId: string }): string {
  const back = new URL(new URL(link).searchParams.get('postInstallationUrl')!);
  for (const [name, value] of Object.entries(triple)) back.searchParams.append(name, value);
  return back.toString();
}

describe('The install link: the Instance ID comes back through the browser, no webhook', function () {
  this.timeout(60_000);
  const user = new ScriptedUser({ strictInputs: true });
  let api: TestApi;
  let s: Services;
  let api2cart: Api2CartStub;
  let wix: WixStub;
  let apiKey: string;
  let appSecret: string;
  let instanceId: string;
  const tenantId = randomUUID();
  const config = () => vscode.workspace.getConfiguration('api2cartWix');
  const pickLabel = (label: RegExp) => (items: readonly PickItem[]) => items.find((i) => label.test(i.label));

  // The browser's part is played by the test: openExternal only records the link.
  const opened: string[] = [];
  const env = vscode.env as unknown as Record<string, unknown>;
  const realOpenExternal = vscode.env.openExternal;

  before(async () => {
    api = await extensionApi();
    s = api.services;
    user.install();
    env.openExternal = async (target: unknown) => { opened.push(String(target)); return true; };
  });

  after(async () => {
    env.openExternal = realOpenExternal;
    user.restore();
    api.connect.events = {};
    await vscode.commands.executeCommand('api2cartWix.stopReceiver');
    for (const name of ['api2cart.baseUrl', 'wix.baseUrl', 'webhook.port']) await config().update(name, undefined, vscode.ConfigurationTarget.Global);
    await s.profiles.forgetAll();
  });

  beforeEach(async () => {
    user.reset();
    apiKey = `canary-api-key-${hex()}`;
    appSecret = `canary-app-secret-${hex()}`;
    instanceId = randomUUID();
    api2cart = await startApi2CartStub({ apiKey });
    wix = await startWixStub({ appId: TEST_APP_ID, appSecret, instanceId, siteDisplayName: 'Link Shop', siteUrl: 'https://linkshop.wixsite.com/s' });
    await config().update('api2cart.baseUrl', api2cart.url, vscode.ConfigurationTarget.Global);
    await config().update('wix.baseUrl', wix.url, vscode.ConfigurationTarget.Global);
    await config().update('webhook.port', 0, vscode.ConfigurationTarget.Global);
    assert.ok((await s.profiles.forgetAll()).ok);
  });

  afterEach(async () => {
    api.connect.close();
    api.connect.events = {};
    assert.deepEqual([...api2cart.violations, ...wix.violations], []);
    const seen = user.shownText();
    for (const secret of [apiKey, appSecret]) assert.ok(!seen.includes(secret), 'a secret was shown');
    await api2cart.close();
    await wix.close();
  });

  it('Connect Wix Store: open the link, the redirect brings the Instance ID, the store is added once; a replay is refused', async () => {
    let resolveLink!: (link: string) => void;
    const linkOpened = new Promise<string>((resolve) => (resolveLink = resolve));
    api.connect.events = { onInstallLink: (link) => resolveLink(link) };
    user.input(apiKey).input(TEST_APP_ID).input(appSecret).pick(pickLabel(/^\$\(link-external\) Open the install link$/));
    const flow = vscode.commands.executeCommand(CONNECT);
    const link = await linkOpened;
    await waitFor(() => (opened.includes(link) ? true : undefined), 'the link to be opened');
    const installer = new URL(link);
    assert.equal(`${installer.origin}${installer.pathname}`, 'https://www.wix.com/app-installer');
    assert.equal(installer.searchParams.get('appId'), TEST_APP_ID);
    const back = new URL(installer.searchParams.get('postInstallationUrl')!);
    assert.match(back.pathname, /\/installed\/[A-Za-z0-9_-]{20,}$/, 'the state is a path segment');
    assert.equal(back.search, '');

    const redirect = redirectOf(link, { appId: TEST_APP_ID, instanceId, tenantId });
    const page = await fetch(redirect);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.doesNotMatch(await page.text(), new RegExp(instanceId));
    await flow;
    api2cart.assertCalledOnce('account.cart.add');
    const profile = await s.profiles.getActiveProfile();
    assert.ok(profile.ok && profile.value?.instanceId === instanceId && profile.value.hasStoreKey);
    assert.ok(user.quickInputs.filter((q) => q.kind === 'pick').length === 1, 'no further question after the link');

    const replay = await fetch(redirect);
    assert.equal(replay.status, 410, 'a used state is refused');
    await replay.text();
    api2cart.assertCalledOnce('account.cart.add');
  });

  it('Open Install Link alone: a foreign appId is refused, the right redirect lands in a store profile', async () => {
    assert.ok((await s.profiles.setAppCredentials(TEST_APP_ID, appSecret)).ok);
    await vscode.commands.executeCommand('api2cartWix.openInstallLink');
    const link = opened.at(-1);
    assert.ok(link, 'the link was opened');
    assert.ok(user.messages.some((m) => /^Install link opened in the browser/.test(m.message) && m.buttons.includes('Copy Link')));
    const foreign = await fetch(redirectOf(link, { appId: randomUUID(), instanceId, tenantId }));
    assert.equal(foreign.status, 400);
    assert.match(await foreign.text(), /another app/);
    const none = await s.profiles.listProfiles();
    assert.ok(none.ok && none.value.length === 0, 'nothing stored');
    const good = await fetch(redirectOf(link, { appId: TEST_APP_ID, instanceId, tenantId }));
    assert.equal(good.status, 200);
    await good.text();
    const saved = await waitFor(async () => {
      const p = await s.profiles.getActiveProfile();
      return p.ok && p.value?.instanceId === instanceId ? p.value : undefined;
    }, 'the instance to land in a store profile');
    assert.equal(saved.hasStoreKey, false);
    await user.notification(/^Instance ID received from the install link/);
  });

  it('Set Instance ID takes the whole address the browser shows, and refuses one for another app', async () => {
    assert.ok((await s.profiles.setAppCredentials(TEST_APP_ID, appSecret)).ok);
    const address = `http://127.0.0.1:8787/installed/x?appId=${TEST_APP_ID}&tenantId=${tenantId}&instanceId=${instanceId}`;
    user.input(`https://example.test/?appId=${randomUUID()}&instanceId=${instanceId}`, address).input('');
    await vscode.commands.executeCommand('api2cartWix.setInstanceId');
    assert.match(user.inputs[0]!.rejected[0] ?? '', /another app/);
    const profile = await s.profiles.getActiveProfile();
    assert.ok(profile.ok && profile.value?.instanceId === instanceId);
    await user.notification(/^Instance ID taken from the address\. Store/);
  });
});
