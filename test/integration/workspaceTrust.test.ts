// Issue 7: a workspace must not redirect the user's credentials. The base URLs and the receiver
// settings are machine-scoped (VS Code reads them from user/machine settings only) and listed in
// capabilities.untrustedWorkspaces.restrictedConfigurations.
//
// The harness starts code-server with --disable-workspace-trust, so this workspace counts as
// TRUSTED. That is the stronger case: even a trusted workspace's .vscode/settings.json is ignored
// for machine-scoped settings, so an untrusted one (where restricted settings are also dropped)
// is covered a fortiori.
import { strict as assert } from 'node:assert';
import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CommandIds } from '../../src/vscode/commandIds';
import type { Services } from '../../src/vscode/services';
import { readSettings } from '../../src/vscode/settings';
import { startApi2CartStub, type Api2CartStub } from '../support/stubs/api2cartStub';
import { startWixStub, type WixStub } from '../support/stubs/wixStub';
import { EXTENSION_ID, extensionApi, waitFor } from './support/extension';
import { ScriptedUser } from './support/scriptedUser';

const RESTRICTED = ['api2cart.baseUrl', 'wix.baseUrl', 'wix.installerUrl', 'webhook.host', 'webhook.port', 'webhook.path'].map((s) => `api2cartWix.${s}`);
/** A setting VS Code does take from the workspace: proves the file below was read. */
const CONTROL_SETTING = { section: 'editor', key: 'tabSize', value: 7 };

/** A non-loopback IPv4 address of this machine, if it has one. */
function externalAddress(): string | undefined {
  return Object.values(os.networkInterfaces()).flat().find((a) => a?.family === 'IPv4' && !a.internal)?.address;
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2000 });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
  });
}

describe('workspace trust: a workspace cannot redirect credentials', function () {
  this.timeout(60_000);
  const ui = new ScriptedUser();
  const instanceId = randomUUID();
  const app = { appId: randomUUID(), appSecret: `trust-app-secret-${randomBytes(8).toString('hex')}` };
  const apiKey = `trust-api-key-${randomBytes(8).toString('hex')}`;
  let s: Services;
  let legit: { api2cart: Api2CartStub; wix: WixStub };
  let attacker: { api2cart: Api2CartStub; wix: WixStub };
  let settingsFile: string;
  let previousSettings: string | undefined;
  const config = () => vscode.workspace.getConfiguration('api2cartWix');
  const startStubs = async () => ({
    api2cart: await startApi2CartStub({ apiKey }),
    wix: await startWixStub({ ...app, instanceId, siteDisplayName: 'Trusted Shop', siteUrl: 'https://trusted.wixsite.com/shop' }),
  });

  before(async () => {
    s = (await extensionApi()).services;
    legit = await startStubs();
    attacker = await startStubs();
    // The user's own choice, in machine settings (Global lands in Machine/settings.json in code-server).
    await config().update('api2cart.baseUrl', legit.api2cart.url, vscode.ConfigurationTarget.Global);
    await config().update('wix.baseUrl', legit.wix.url, vscode.ConfigurationTarget.Global);
    await config().update('webhook.port', 0, vscode.ConfigurationTarget.Global);

    // What a cloned repository could ship.
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace is open');
    settingsFile = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
    previousSettings = fs.existsSync(settingsFile) ? fs.readFileSync(settingsFile, 'utf8') : undefined;
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(settingsFile, JSON.stringify({
      'api2cartWix.api2cart.baseUrl': attacker.api2cart.url,
      'api2cartWix.wix.baseUrl': attacker.wix.url,
      'api2cartWix.webhook.host': '0.0.0.0',
      'api2cartWix.webhook.path': '/attacker',
      [`${CONTROL_SETTING.section}.${CONTROL_SETTING.key}`]: CONTROL_SETTING.value,
    }, null, 2));
    await waitFor(
      () => (vscode.workspace.getConfiguration(CONTROL_SETTING.section).inspect(CONTROL_SETTING.key)?.workspaceValue === CONTROL_SETTING.value ? true : undefined),
      'VS Code to read the workspace settings file');

    assert.ok((await s.profiles.forgetAll()).ok);
    assert.ok((await s.profiles.setApiKey(apiKey)).ok);
    assert.ok((await s.profiles.setAppCredentials(app.appId, app.appSecret)).ok);
    assert.ok((await s.profiles.upsertProfileByInstanceId(instanceId, { activate: true })).ok);
    ui.install();
  });

  beforeEach(() => ui.reset());

  after(async () => {
    ui.restore();
    await vscode.commands.executeCommand(CommandIds.stopReceiver).then(undefined, () => undefined);
    if (settingsFile) {
      if (previousSettings === undefined) fs.rmSync(settingsFile, { force: true });
      else fs.writeFileSync(settingsFile, previousSettings);
      await waitFor(
        () => (vscode.workspace.getConfiguration(CONTROL_SETTING.section).inspect(CONTROL_SETTING.key)?.workspaceValue === undefined ? true : undefined),
        'VS Code to drop the workspace settings');
    }
    for (const name of ['api2cart.baseUrl', 'wix.baseUrl', 'webhook.port']) await config().update(name, undefined, vscode.ConfigurationTarget.Global);
    await s?.profiles.forgetAll();
    await s?.status.setError(undefined);
    for (const stub of [legit, attacker]) {
      await stub?.api2cart.close();
      await stub?.wix.close();
    }
  });

  it('declares the redirecting settings machine-scoped and restricted in untrusted workspaces', () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual([...manifest.capabilities.untrustedWorkspaces.restrictedConfigurations].sort(), [...RESTRICTED].sort());
    const properties = manifest.contributes.configuration.properties as Record<string, { scope?: string }>;
    for (const name of RESTRICTED) assert.equal(properties[name]?.scope, 'machine', name);
    // The harness disables workspace trust: this is the trusted (stronger) case, see the top of the file.
    assert.equal(vscode.workspace.isTrusted, true);
  });

  it('readSettings() ignores the workspace values and keeps the user\'s', () => {
    const settings = readSettings();
    assert.equal(settings.api2cartBaseUrl, legit.api2cart.url);
    assert.equal(settings.wixBaseUrl, legit.wix.url);
    assert.deepEqual(settings.webhook, { host: '127.0.0.1', port: 0, path: '/webhook', waitMinutes: 10 });
    for (const name of RESTRICTED) {
      const inspected = vscode.workspace.getConfiguration().inspect(name);
      assert.equal(inspected?.workspaceValue, undefined, `${name} has no workspace value`);
    }
  });

  it('Add Store and Check Connection talk to the user\'s servers only; the attacker receives nothing', async () => {
    await vscode.commands.executeCommand(CommandIds.addStore);
    assert.match(ui.messagesOf('info')[0] ?? '', /was added to API2Cart/);
    await vscode.commands.executeCommand(CommandIds.checkConnection);
    assert.match(ui.messagesOf('info')[1] ?? '', /^Connected/);

    // Add Store's preflight, then Check Connection's read of the site's app version.
    assert.deepEqual(legit.wix.requests.map((r) => r.endpoint), ['token', 'instance', 'catalogVersion', 'token', 'instance']);
    assert.deepEqual(legit.api2cart.requests.map((r) => r.method), ['account.cart.add', 'account.cart.list', 'cart.validate']);
    assert.equal(attacker.api2cart.requests.length + attacker.wix.requests.length, 0, 'the attacker stubs received nothing');
  });

  it('the webhook receiver still announces a 127.0.0.1 URL on the user\'s path, unreachable on another interface where there is one', async () => {
    await vscode.commands.executeCommand(CommandIds.startReceiver);
    const started = await ui.notification(/^Webhook receiver listening at /);
    const url = new URL(/listening at (\S+?)\.(?:\s|$)/.exec(started.message)?.[1] ?? 'http://invalid');
    assert.equal(url.hostname, '127.0.0.1');
    assert.equal(url.pathname, '/webhook');
    const external = externalAddress();
    // Only meaningful on a machine with a non-loopback interface; loopback binding is asserted above either way.
    if (external) assert.equal(await canConnect(external, Number(url.port)), false, `not reachable on ${external}`);
    await vscode.commands.executeCommand(CommandIds.stopReceiver);
  });
});
