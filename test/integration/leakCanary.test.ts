// Issue 7: plant an unmistakable canary value in every secret, drive every command and failure
// path (servers that echo the secrets back included), then look everywhere a secret could escape
// to. tools/test-all.mjs scans each layer's output for the canary prefix as well, so this file
// must never print a canary: assertion messages name where a value was found, never the value.
import { strict as assert } from 'node:assert';
import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as vscode from 'vscode';
import { CommandIds } from '../../src/vscode/commandIds';
import type { PermissionsTestHooks } from '../../src/vscode/permissions';
import type { ScopePlannerTestHooks } from '../../src/vscode/scopePlanner/scopePlannerPanel';
import type { Services } from '../../src/vscode/services';
import { startApi2CartStub, type Api2CartStub } from '../support/stubs/api2cartStub';
import { startWixStub, type WixStub } from '../support/stubs/wixStub';
import { appInstalled, generateTestKeys, signWithJose, TEST_APP_ID, type TestKeys } from '../support/webhookSigning';
import { assertContainsNone, assertNoSettingHolds, extensionHostLogFiles, readLog, settingsFiles } from './support/evidence';
import { extensionApi, waitFor, type TestApi } from './support/extension';
import { ScriptedUser } from './support/scriptedUser';
import { stopChainAtFirstFailure } from '../support/chain';

/** Built at runtime so that no source file holds it whole; test-all.mjs looks for the same prefix. */
const CANARY_PREFIX = ['LEAK', 'CANARY-'].join('');
const canary = (what: string) => `${CANARY_PREFIX}${what}-${randomBytes(12).toString('hex')}`;

const SITE_NAME = 'Leak Test Shop';
const SITE_URL = 'https://leaktest.wixsite.com/shop';

/** A port nothing listens on: bound, then closed again. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Every file under `dir` (the workspace), dot-files included. */
function workspaceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = `${dir}/${e.name}`;
    return e.isDirectory() ? workspaceFiles(full) : e.isFile() ? [full] : [];
  });
}

async function post(url: string, body: string): Promise<number> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
  await response.text();
  return response.status;
}

/**
 * Records what leaves the extension through VS Code APIs the scripted user does not cover:
 * progress notifications, the documents opened, and the scope planner's webview (its HTML and
 * every message posted to it). Like ScriptedUser, it works because the tests share the
 * extension's `vscode`. (vscode.env.clipboard is frozen, so the clipboard is sampled instead.)
 */
class Recorder {
  readonly progress: string[] = [];
  readonly webviews: vscode.WebviewPanel[] = [];
  readonly webviewMessages: unknown[] = [];
  /** Text of every document opened while recording (the extension's, e.g. decoded webhooks). */
  readonly documents: { uri: string; text: string }[] = [];
  private readonly undo: (() => void)[] = [];

  install(): void {
    const window = vscode.window as unknown as Record<string, unknown>;
    const withProgress = vscode.window.withProgress;
    this.replace(window, 'withProgress', (options: vscode.ProgressOptions, task: (p: vscode.Progress<{ message?: string }>, t: vscode.CancellationToken) => Thenable<unknown>) => {
      this.progress.push(options.title ?? '');
      return withProgress(options, (progress, token) =>
        task({ report: (value) => { this.progress.push(value.message ?? ''); progress.report(value); } }, token));
    });
    const createWebviewPanel = vscode.window.createWebviewPanel;
    this.replace(window, 'createWebviewPanel', (...args: Parameters<typeof vscode.window.createWebviewPanel>) => {
      const panel = createWebviewPanel(...args);
      const webview = panel.webview as unknown as Record<string, unknown>;
      const postMessage = panel.webview.postMessage.bind(panel.webview);
      webview.postMessage = (message: unknown) => {
        this.webviewMessages.push(message);
        return postMessage(message);
      };
      this.webviews.push(panel);
      return panel;
    });
    const opened = vscode.workspace.onDidOpenTextDocument((doc) => this.documents.push({ uri: doc.uri.toString(), text: doc.getText() }));
    this.undo.push(() => opened.dispose());
  }

  restore(): void {
    for (const undo of this.undo.splice(0).reverse()) undo();
  }

  private replace(target: Record<string, unknown>, name: string, fn: unknown): void {
    const original = target[name];
    target[name] = fn;
    assert.equal(target[name], fn, `${name} could be replaced, so what passes through it is recorded`);
    this.undo.push(() => { target[name] = original; });
  }
}

describe('secret-leak canary', function () {
  stopChainAtFirstFailure();
  this.timeout(90_000);
  const ui = new ScriptedUser();
  const recorder = new Recorder();
  const apiKey = canary('api2cart-api-key');
  const appSecret = canary('wix-app-secret');
  const storeKey = canary('store-key');
  const wixToken = canary('wix-access-token');
  const canaries = [apiKey, appSecret, storeKey, wixToken];
  /** The prefix catches a truncated value, the random tails a value that lost its prefix. */
  const needles = [CANARY_PREFIX, ...canaries.map((c) => c.slice(-16))];
  const instanceId = randomUUID();
  /** The status bar as it was after each step: it changes as the commands run. */
  const statusSeen: string[] = [];
  /** The clipboard after each step: every copy a command makes stays there until the next step. */
  const clipboardSeen: string[] = [];
  /** What the person was shown in each test (the scripted user starts afresh in each). */
  const shownSeen: string[] = [];
  let messageCount = 0;
  let s: Services;
  let planner: ScopePlannerTestHooks;
  let api2cart: Api2CartStub;
  let wix: WixStub;
  let keys: TestKeys;
  let exportFile: vscode.Uri | undefined;
  let envFile: vscode.Uri | undefined;
  let requestFile: vscode.Uri | undefined;
  /** Diagnostics the request runner set, sampled while the file was open. */
  const diagnosticsSeen: string[] = [];
  let api: TestApi;
  let permissions: PermissionsTestHooks;
  let reportFile: vscode.Uri | undefined;
  const config = () => vscode.workspace.getConfiguration('api2cartWix');

  async function run(command: string): Promise<void> {
    await vscode.commands.executeCommand(command);
    await s.status.refresh();
    const view = s.status.presentation;
    if (view) statusSeen.push(`${view.text}\n${view.tooltip}\n${JSON.stringify(view.nextSteps)}`);
    clipboardSeen.push(await vscode.env.clipboard.readText());
  }

  async function pointAt(api2cartUrl: string | undefined, wixUrl: string | undefined): Promise<void> {
    // Machine-scoped: in code-server, Global lands in Machine/settings.json.
    await config().update('api2cart.baseUrl', api2cartUrl, vscode.ConfigurationTarget.Global);
    await config().update('wix.baseUrl', wixUrl, vscode.ConfigurationTarget.Global);
  }

  /** Wix as the stub simulates it, but handing out the canary access token. */
  function wixHandsOutCanaryToken(): void {
    wix.setOutcome('token', { kind: 'json', body: { access_token: wixToken, token_type: 'Bearer', expires_in: 14400 } });
    wix.setOutcome('instance', {
      kind: 'json',
      body: { instance: { instanceId, appName: 'Test App', permissions: [] }, site: { siteDisplayName: SITE_NAME, url: SITE_URL, siteId: 'stub-site-id' } },
    });
    wix.setOutcome('catalogVersion', { kind: 'json', body: { catalogVersion: 'V3_CATALOG' } });
  }

  before(async () => {
    api = await extensionApi();
    s = api.services;
    planner = api.scopePlanner;
    permissions = api.permissions;
    keys = generateTestKeys();
    api2cart = await startApi2CartStub({ apiKey });
    wix = await startWixStub({ appId: TEST_APP_ID, appSecret, instanceId, siteDisplayName: SITE_NAME, siteUrl: SITE_URL });
    await pointAt(api2cart.url, wix.url);
    await config().update('webhook.port', 0, vscode.ConfigurationTarget.Global);
    assert.ok((await s.profiles.forgetAll()).ok);
    await s.status.setError(undefined);
    planner.dispose();
    ui.install();
    recorder.install();
  });

  beforeEach(() => ui.reset());
  afterEach(() => {
    shownSeen.push(ui.shownText());
    messageCount += ui.messages.length;
  });

  after(async () => {
    recorder.restore();
    ui.restore();
    await vscode.commands.executeCommand(CommandIds.stopReceiver).then(undefined, () => undefined);
    planner?.setExportTarget(undefined);
    planner?.dispose();
    if (exportFile) await vscode.workspace.fs.delete(exportFile).then(undefined, () => undefined);
    for (const file of [envFile, requestFile, envFile && vscode.Uri.joinPath(envFile, '..', '.gitignore')]) {
      if (file) await vscode.workspace.fs.delete(file).then(undefined, () => undefined);
    }
    permissions?.setReportTarget(undefined);
    if (reportFile) await vscode.workspace.fs.delete(reportFile).then(undefined, () => undefined);
    await pointAt(undefined, undefined);
    await config().update('webhook.port', undefined, vscode.ConfigurationTarget.Global);
    await s?.profiles.forgetAll();
    await s?.status.setError(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await api2cart?.close();
    await wix?.close();
  });

  it('plants the canaries through the Set commands', async () => {
    ui.input(apiKey);
    await run(CommandIds.setApiKey);
    ui.input(TEST_APP_ID).input(appSecret);
    await run(CommandIds.setAppCredentials);
    ui.pickLabel(/input box/).input(keys.publicKeyPem.trim().replace(/\n/g, ' '));
    await run(CommandIds.setPublicKey);
    ui.input(instanceId).input(SITE_NAME);
    await run(CommandIds.setInstanceId);

    const summary = await s.profiles.summary();
    assert.ok(summary.ok && summary.value.hasApiKey && summary.value.hasAppSecret && summary.value.profileCount === 1, 'every credential is stored');
    const stored = await s.profiles.getApiKey();
    assert.ok(stored.ok && stored.value === apiKey, 'the API key canary is what was stored');
  });

  it('opens the scope planner, copies the plan and exports it', async () => {
    await run(CommandIds.planScopes);
    await waitFor(() => planner.timings().renderedAt, 'the webview to render the table', 20_000);
    await planner.postFromWebview({ type: 'toggle', method: 'order.list', selected: true });
    await planner.postFromWebview({ type: 'applyPreset', presetId: 'order-sync' });
    await planner.postFromWebview({ type: 'copyText' });
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder, 'the test workspace is open');
    exportFile = vscode.Uri.joinPath(folder, `leak-canary-scopes-${randomUUID()}.md`);
    planner.setExportTarget(exportFile);
    await planner.postFromWebview({ type: 'exportMarkdown' });
    assert.equal(recorder.webviews.length, 1, 'the planner panel was created through the recorded API');
    assert.ok(recorder.webviewMessages.length >= 3, 'the messages to the webview were recorded');
    assert.match(planner.lastNotice() ?? '', /Exported the scope plan/);
  });

  it('adds the store and checks the connection with the canary Wix token and store key', async () => {
    wixHandsOutCanaryToken();
    // Slower than the progress notification's delay, so the progress is shown and its text checked.
    api2cart.setResponse('account.cart.add', { kind: 'slow', delayMs: 1_500, then: { kind: 'success', result: { store_key: storeKey } } });
    api2cart.carts.push({ id: '1', url: SITE_URL, storeKey, cartId: 'Wix', customLabel: SITE_NAME, wixInstanceId: instanceId });
    await run(CommandIds.addStore);
    const key = await s.profiles.getStoreKey(instanceId);
    assert.ok(key.ok && key.value === storeKey, 'the store key canary was saved');
    assert.ok(wix.requests.some((r) => r.headers.authorization === wixToken), 'the canary access token was used with Wix');

    await run(CommandIds.checkConnection);
    assert.ok(api2cart.requests.some((r) => r.method === 'cart.validate' && r.headers['x-store-key'] === storeKey), 'the store key went to cart.validate');
    assert.equal(s.status.presentation?.state, 'connected');
  });

  it('reports every API2Cart and Wix failure, even from servers that echo the secrets back', async () => {
    const echo = `sent: ${apiKey} ${appSecret} ${storeKey} ${wixToken}`;
    const failures: [string, () => void | Promise<void>][] = [
      ['wrong API key (code 2)', () => api2cart.setResponse('account.cart.add', { kind: 'returnCode', code: 2, message: `Incorrect API Key ${apiKey}` })],
      ['code 100', () => api2cart.setResponse('account.cart.add', { kind: 'returnCode', code: 100, message: echo })],
      ['not JSON', () => api2cart.setResponse('account.cart.add', { kind: 'notJson', body: `<html><body>Proxy login ${echo}</body></html>` })],
      ['HTTP 500', () => api2cart.setResponse('account.cart.add', { kind: 'httpStatus', status: 500, body: echo })],
      ['connection dropped after the add', () => api2cart.setResponse('account.cart.add', { kind: 'closeSocket' })],
      ['Wix rejects the app credentials', () => wix.setOutcome('token', { kind: 'json', status: 401, body: { error: 'invalid_client', error_description: echo } })],
      ['Wix answers 500', () => wix.setOutcome('token', { kind: 'text', status: 500, body: echo, contentType: 'text/plain' })],
    ];
    // The store is connected since the previous test: each Add Store here is on purpose.
    ui.reply(/is already added to API2Cart/, 'Add Again');
    for (const [what, arrange] of failures) {
      wixHandsOutCanaryToken();
      api2cart.setResponse('account.cart.list', { kind: 'default' });
      await arrange();
      const errorsBefore = ui.messagesOf('error').length + ui.messagesOf('info').length;
      await run(CommandIds.addStore);
      assert.ok(ui.messagesOf('error').length + ui.messagesOf('info').length > errorsBefore, `${what}: the outcome was shown`);
    }
    wixHandsOutCanaryToken();
    api2cart.setResponse('account.cart.add', { kind: 'default' });

    const checks: [string, () => void][] = [
      ['validate echoes (code 100)', () => api2cart.setResponse('cart.validate', { kind: 'returnCode', code: 100, message: echo })],
      ['list answers 500', () => api2cart.setResponse('account.cart.list', { kind: 'httpStatus', status: 500, body: echo })],
      ['list is not JSON', () => api2cart.setResponse('account.cart.list', { kind: 'notJson', body: echo })],
    ];
    for (const [what, arrange] of checks) {
      api2cart.setResponse('account.cart.list', { kind: 'default' });
      api2cart.setResponse('cart.validate', { kind: 'default' });
      arrange();
      const before = ui.messagesOf('error').length;
      await run(CommandIds.checkConnection);
      assert.ok(ui.messagesOf('error').length > before, `${what}: the problem was shown`);
    }
    api2cart.setResponse('account.cart.list', { kind: 'default' });
    api2cart.setResponse('cart.validate', { kind: 'default' });

    await pointAt(`http://127.0.0.1:${await closedPort()}/v1.1`, `http://127.0.0.1:${await closedPort()}`);
    try {
      await run(CommandIds.addStore);
      await run(CommandIds.checkConnection);
      assert.ok(ui.messagesOf('error').length >= 2, 'connection refused was reported');
    } finally {
      await pointAt(api2cart.url, wix.url);
    }
    assert.ok(api2cart.requests.filter((r) => r.headers['x-api-key'] === apiKey).length >= 10, 'the API key canary was really sent');
  });

  it('verifies the store permissions against servers that echo the secrets, saves the report and copies the drift', async () => {
    const echo = `sent: ${apiKey} ${appSecret} ${storeKey} ${wixToken}`;
    wixHandsOutCanaryToken();
    // Wix's permission strings are undocumented: an echo there must not reach the planner or the report.
    wix.setOutcome('instance', {
      kind: 'json',
      body: { instance: { instanceId, appName: 'Test App', permissions: ['WIX_STORES.READ_ORDERS', echo] }, site: { siteDisplayName: SITE_NAME, url: SITE_URL, siteId: 'stub-site-id' } },
    });
    api2cart.setResponse('order.count', { kind: 'returnCode', code: 100, message: echo });
    api2cart.setResponse('customer.count', { kind: 'notJson', body: `<html>${echo}</html>` });
    api2cart.setResponse('cart.info', { kind: 'httpStatus', status: 500, body: echo });
    api2cart.setResponse('cart.methods', { kind: 'returnCode', code: 7, message: echo });
    await run(CommandIds.verifyPermissions);
    const result = permissions.result(instanceId);
    assert.equal(result?.status, 'done', 'the check ran to the end');
    assert.ok(result.entities.some((e) => e.status === 'fails'), 'the echoing failure was reported');
    assert.ok(api2cart.requests.some((r) => r.method === 'order.count' && r.headers['x-store-key'] === storeKey), 'the store key canary was sent with the probes');
    assert.ok(wix.requests.some((r) => r.endpoint === 'instance' && r.headers.authorization === wixToken), 'the app instance was read with the canary token');
    await waitFor(() => planner.lastState()?.verification?.wixPermissions, 'the planner to show the check');

    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder, 'the test workspace is open');
    reportFile = vscode.Uri.joinPath(folder, `leak-canary-permissions-${randomUUID()}.md`);
    permissions.setReportTarget(reportFile);
    await planner.postFromWebview({ type: 'saveReport' });
    assert.match(planner.lastNotice() ?? '', /Saved the permission report/);
    await planner.postFromWebview({ type: 'toggle', method: 'customer.list', selected: false });
    await planner.postFromWebview({ type: 'copyDrift' });
    clipboardSeen.push(await vscode.env.clipboard.readText());
    assert.match(clipboardSeen[clipboardSeen.length - 1] ?? '', /Wix permission changes for/, 'the drift was copied');
    for (const method of ['order.count', 'customer.count', 'cart.info', 'cart.methods']) api2cart.setResponse(method, { kind: 'default' });
  });

  it('decodes webhooks and runs the receiver, rejected deliveries included', async () => {
    // Not a JWT: the canary typed by mistake must not be echoed in the problem.
    await vscode.env.clipboard.writeText('nothing to see');
    ui.input(appSecret);
    await run(CommandIds.decodeWebhook);
    await ui.notification(/Webhook payload not decoded/, 'error');
    ui.input(await signWithJose(appInstalled({ instanceId: randomUUID() }), generateTestKeys()));
    await run(CommandIds.decodeWebhook);
    ui.input(await signWithJose(appInstalled({ instanceId }), keys));
    await run(CommandIds.decodeWebhook);
    await ui.notification(/^Decoded: App Installed/);

    await run(CommandIds.startReceiver);
    const started = await ui.notification(/^Webhook receiver listening at /);
    const url = /listening at (http:\/\/127\.0\.0\.1:\d+\/webhook)\./.exec(started.message)?.[1];
    assert.ok(url, 'the receiver said where it listens');
    ui.reply(/^Webhook received:/, 'Use This Instance ID');
    const second = randomUUID();
    assert.equal(await post(url, await signWithJose(appInstalled({ instanceId: second }), keys)), 200);
    await ui.notification(/^Store ".*" created from the App Installed event/);
    // Bodies that carry the secrets: rejected, and shown (quick pick, JSON document) without them.
    assert.equal(await post(url, `${apiKey}.${storeKey}.${wixToken}`), 400);
    assert.equal(await post(url, appSecret), 400);
    await ui.notification(/^A webhook delivery was rejected/, 'error');

    ui.pickLabel(/Show Deliveries/).pick((items) => items.find((i) => /rejected/.test(i.label)));
    await run(CommandIds.startReceiver);
    ui.pickLabel(/Show Deliveries/).pick((items) => items.filter((i) => /rejected/.test(i.label))[1]);
    await run(CommandIds.startReceiver);
    ui.pickLabel(/Copy URL/);
    await run(CommandIds.startReceiver);
    await run(CommandIds.sendTestWebhook);
    await ui.notification(/^Test webhook delivered/);
    await run(CommandIds.stopReceiver);
    assert.ok(recorder.documents.filter((d) => d.uri.startsWith('api2cart-wix-webhook:')).length >= 3, 'decoded and rejected deliveries were opened');
    // Copy URL copies the address that works from outside (code-server's /proxy/<port>/ path).
    const port = new URL(url).port;
    assert.ok(clipboardSeen.some((t) => t.startsWith(url) || t.endsWith(`/proxy/${port}/webhook`)), 'the extension\'s clipboard writes were sampled');
  });

  it('uses the store: copies its key, writes it to .env, runs requests that echo the secrets, copies cURL, removes the store', async () => {
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    // The webhook test made another store active; this one has the canary key.
    assert.ok((await s.profiles.setActiveProfile(instanceId)).ok);
    // Copy Store Key puts the key on the clipboard because the person asked; they clear it again.
    ui.reply(/is on the clipboard/, 'Clear Clipboard');
    await run(CommandIds.copyStoreKey);
    assert.equal(await vscode.env.clipboard.readText(), '', 'the copied key was cleared');
    // The .env is the one file a key may be written to (positive control below).
    ui.pick((items) => [...items]).reply(/\.gitignore/, 'Add to .gitignore and Write');
    await run(CommandIds.writeStoreKeyToEnv);
    envFile = vscode.Uri.joinPath(folder, '.env');
    const env = new TextDecoder().decode(await vscode.workspace.fs.readFile(envFile));
    assert.ok(env.includes(storeKey) && env.includes(apiKey), 'the .env holds both keys');

    const echo = `sent: ${apiKey} ${appSecret} ${storeKey} ${wixToken}`;
    requestFile = vscode.Uri.joinPath(folder, 'leak-canary.api2cart.json');
    await vscode.workspace.fs.writeFile(requestFile, new TextEncoder().encode(JSON.stringify({ method: 'product.list', params: { count: 1 } })));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(requestFile));
    for (const answer of [
      { kind: 'returnCode' as const, code: 2, message: `Incorrect API Key ${apiKey}` },
      { kind: 'notJson' as const, body: `<html><body>Proxy login ${echo}</body></html>` },
      { kind: 'httpStatus' as const, status: 500, body: echo },
      { kind: 'body' as const, body: { return_code: 0, return_message: echo, pagination: { next: storeKey }, result: { product: [{ id: apiKey, name: storeKey }] } } },
    ]) {
      api2cart.setResponse('product.list', answer);
      await run(CommandIds.runRequest);
    }
    assert.equal(api2cart.callsTo('product.list').length, 4, 'every run was sent');
    await vscode.commands.executeCommand(CommandIds.runRequest, { uri: requestFile.toString(), action: 'nextPage' });
    assert.ok(api2cart.callsTo('product.list').at(-1)?.query.page_cursor === storeKey, 'the echoed cursor went back, as API2Cart asked');
    await vscode.commands.executeCommand(CommandIds.runRequest, { uri: requestFile.toString(), action: 'curl' });
    clipboardSeen.push(await vscode.env.clipboard.readText());
    assert.match(clipboardSeen.at(-1)!, /\$API2CART_STORE_KEY/, 'the cURL copy was sampled');
    ui.pick((items) => items[0]);
    await vscode.commands.executeCommand(CommandIds.runRequest, { uri: requestFile.toString(), action: 'history' });
    // A key pasted into a request file by mistake is not repeated in a diagnostic or a message.
    const opened = vscode.workspace.textDocuments.find((d) => d.uri.toString() === requestFile!.toString());
    await vscode.workspace.fs.writeFile(requestFile, new TextEncoder().encode(JSON.stringify({ method: 'product.list', store: storeKey })));
    await waitFor(() => (opened?.getText().includes(storeKey) ? true : undefined), 'the editor to show the changed file');
    await run(CommandIds.runRequest);
    assert.ok(ui.messagesOf('error').some((m) => /nothing was sent/.test(m)), 'the bad file was reported');
    diagnosticsSeen.push(...vscode.languages.getDiagnostics(requestFile).map((d) => d.message));
    assert.ok(diagnosticsSeen.length > 0, 'the diagnostics were sampled');
    // The person fixes the file (their own mistake is no leak of ours).
    await vscode.workspace.fs.writeFile(requestFile, new TextEncoder().encode(JSON.stringify({ method: 'product.list' })));
    await waitFor(() => (opened && !opened.getText().includes(storeKey) ? true : undefined), 'the fixed request file in the editor');
    await api.requests()!.answersShown();

    ui.reply(/^Remove "/, 'Remove Store');
    await run(CommandIds.removeStore);
    assert.ok(api2cart.callsTo('cart.delete').at(-1)?.headers['x-store-key'] === storeKey, 'the store was removed with its key');
    // Back as it was, for the tests after this one.
    assert.ok((await s.profiles.setStoreKey(instanceId, storeKey)).ok);
    api2cart.carts.push({ id: '1', url: SITE_URL, storeKey, cartId: 'Wix', customLabel: SITE_NAME, wixInstanceId: instanceId });
  });

  it('switches store, shows the actions and forgets everything', async () => {
    ui.pickLabel(new RegExp(SITE_NAME));
    await run(CommandIds.switchStore);
    ui.pick(() => undefined);
    await run(CommandIds.showActions);
    ui.pick((items) => [...items]).reply(/Forget everything/, 'Forget');
    await run(CommandIds.forgetCredentials);
    const summary = await s.profiles.summary();
    assert.ok(summary.ok && !summary.value.hasApiKey && summary.value.profileCount === 0, 'everything was forgotten');
  });

  it('finds no canary in logs, settings, webview, notifications, status, documents, clipboard or files', async () => {
    const log = await readLog(s);
    assert.match(log, /Add Store: store key saved/, 'the scanned log is the one the commands wrote');
    const logFiles = extensionHostLogFiles(s);
    assert.ok(logFiles.some((f) => f.endsWith('API2Cart Wix Webhooks.log')), 'the webhook log is among the scanned files');
    for (const file of logFiles) assertContainsNone(fs.readFileSync(file, 'utf8'), needles, file);

    for (const file of settingsFiles(s).filter((f) => fs.existsSync(f))) assertContainsNone(fs.readFileSync(file, 'utf8'), needles, file);
    assertContainsNone(JSON.stringify(config()), needles, 'the api2cartWix configuration');

    const [panel] = recorder.webviews;
    assert.ok(panel, 'the planner panel was recorded');
    const html = planner.isOpen() ? panel.webview.html : '';
    assert.match(html, /Content-Security-Policy/, 'the webview HTML was read');
    assertContainsNone(html, needles, 'the scope planner HTML');
    assertContainsNone(JSON.stringify(recorder.webviewMessages), needles, 'the messages posted to the scope planner');
    assertContainsNone(JSON.stringify(planner.lastState() ?? {}), needles, 'the scope planner state');

    assert.ok(messageCount > 20, 'the notifications of the whole run were recorded');
    assertContainsNone(shownSeen.join('\n'), needles, 'notifications, input boxes and quick picks');
    assert.ok(recorder.progress.some((p) => /Add Store to API2Cart/.test(p)), 'the progress notifications were recorded');
    assertContainsNone(recorder.progress.join('\n'), needles, 'progress notifications');
    assert.ok(statusSeen.length > 20, 'the status bar was sampled after every command');
    assertContainsNone(statusSeen.join('\n'), needles, 'the status bar text and tooltip');

    // The documents the extension opened, and those still open (output channels included).
    const documents = [...recorder.documents, ...vscode.workspace.textDocuments.map((d) => ({ uri: d.uri.toString(), text: d.getText() }))];
    for (const doc of documents) assertContainsNone(doc.text, needles, `the document ${doc.uri}`);

    assert.ok(clipboardSeen.some((t) => /Read Orders/.test(t)), 'the scope planner\'s copy was sampled');
    assertContainsNone(clipboardSeen.join('\n'), needles, 'the clipboard');
    assert.ok(recorder.documents.filter((d) => d.uri.startsWith('api2cart-wix-answer:')).length >= 4, 'the request answers were opened');
    assertContainsNone(diagnosticsSeen.join('\n'), needles, 'the request file diagnostics');
    // Every file in the workspace but the .env the person asked for.
    assert.ok(envFile && fs.readFileSync(envFile.fsPath, 'utf8').includes(storeKey), 'the .env really holds the key (the scan below can find one)');
    for (const file of workspaceFiles(vscode.workspace.workspaceFolders![0]!.uri.fsPath).filter((f) => f !== envFile!.fsPath)) {
      assertContainsNone(fs.readFileSync(file, 'utf8'), needles, file);
    }
    assert.ok(exportFile, 'the plan was exported');
    assertContainsNone(new TextDecoder().decode(await vscode.workspace.fs.readFile(exportFile)), needles, 'the exported scope plan');
    assert.ok(reportFile, 'the permission report was saved');
    const report = new TextDecoder().decode(await vscode.workspace.fs.readFile(reportFile));
    assert.match(report, /^# Store permission check: /m, 'the scanned report is the saved one');
    assertContainsNone(report, needles, 'the saved permission report');

    await pointAt(undefined, undefined);
    await config().update('webhook.port', undefined, vscode.ConfigurationTarget.Global);
    await assertNoSettingHolds(s, needles);
  });
});
