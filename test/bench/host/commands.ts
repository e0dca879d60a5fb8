// What the extension adds, in the real extension host, over a baseline run in the same window:
// Connect Wix Store against the same steps as four commands, a warm Add Store and a warm Run
// against an empty command plus the same requests sent with bare fetch. Moved here from the
// integration layer, where they were printed, not asserted (issue 22 item 3).
import { randomBytes, randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { CommandIds } from '../../../src/vscode/commandIds';
import type { Services } from '../../../src/vscode/services';
import { connectStore, forgetStore, SITE_NAME, SITE_URL } from '../../integration/support/connectedStore';
import type { TestApi } from '../../integration/support/extension';
import type { ScriptedUser } from '../../integration/support/scriptedUser';
import { pointSettingsAt } from '../../integration/support/stubbedStore';
import { startApi2CartStub } from '../../support/stubs/api2cartStub';
import { startWixStub } from '../../support/stubs/wixStub';
import { TEST_APP_ID } from '../../support/webhookSigning';
import type { Row } from '../micro';
import { interleaved, median } from '../rounds';

const NOOP = 'api2cartWixBench.noop';
const hex = () => randomBytes(8).toString('hex');
const ok = <T extends { ok: boolean }>(r: T, what: string): T => {
  if (!r.ok) throw new Error(`bench setup: ${what} failed`);
  return r;
};
const timed = async (work: () => PromiseLike<unknown>): Promise<number> => {
  const t = performance.now();
  await work();
  return performance.now() - t;
};
const json = async (response: Promise<Response>): Promise<unknown> => (await response).json();

/** The Wix preflight and account.cart.add as Add Store sends them, with bare fetch. */
async function bareAdd(wixUrl: string, api2cartUrl: string, apiKey: string, creds: { appId: string; appSecret: string; instanceId: string }): Promise<void> {
  const token = (await json(fetch(`${wixUrl}/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credentials', client_id: creds.appId, client_secret: creds.appSecret, instance_id: creds.instanceId }) }))) as { access_token: string };
  await json(fetch(`${wixUrl}/apps/v1/instance`, { headers: { authorization: token.access_token } }));
  await json(fetch(`${wixUrl}/stores/v3/provision/version`, { headers: { authorization: token.access_token } }));
  await json(fetch(`${api2cartUrl}/account.cart.add.json`, { method: 'POST', headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
    body: JSON.stringify({ cart_id: 'Wix', wix_app_id: creds.appId, wix_app_secret_key: creds.appSecret, wix_instance_id: creds.instanceId, store_url: SITE_URL }) }));
}

function overheadRow(name: string, r: { subject: number[]; baseline: number[] }, baselineText: string, budgetMs: number, source: string): Row {
  const value = median(r.subject);
  const base = median(r.baseline);
  return {
    name, value: `${value.toFixed(1)} ms`, baseline: `${base.toFixed(1)} ms (${baselineText})`, ratio: value / base,
    budget: `adds ${(value - base).toFixed(1)} ms < ${budgetMs} ms${source ? ` (${source})` : ''}`, pass: value - base < budgetMs,
  };
}

async function benchConnect(s: Services, user: ScriptedUser, rounds: number): Promise<Row> {
  const apiKey = `bench-api-key-${hex()}`;
  const appSecret = `bench-app-secret-${hex()}`;
  const instanceId = randomUUID();
  const api2cart = await startApi2CartStub({ apiKey });
  const wix = await startWixStub({ appId: TEST_APP_ID, appSecret, instanceId, siteDisplayName: SITE_NAME, siteUrl: SITE_URL });
  try {
    await pointSettingsAt(api2cart.url, wix.url);
    const reset = async () => {
      ok(await s.profiles.forgetAll(), 'forget');
      api2cart.carts.length = 0;
      user.reset();
    };
    // Both ways type the Instance ID, so nothing waits on a webhook.
    const flow = async () => {
      await reset();
      user.input(apiKey).input(TEST_APP_ID).input(appSecret).pick((items) => items.find((i) => /Type the Instance ID/.test(i.label))).input(instanceId);
      return timed(() => vscode.commands.executeCommand(CommandIds.connectWixStore));
    };
    const commands = async () => {
      await reset();
      user.input(apiKey).input(TEST_APP_ID).input(appSecret).input(instanceId).input('');
      return timed(async () => {
        for (const id of [CommandIds.setApiKey, CommandIds.setAppCredentials, CommandIds.setInstanceId, CommandIds.addStore]) await vscode.commands.executeCommand(id);
      });
    };
    const r = await interleaved(rounds, 1, flow, commands);
    if (api2cart.callsTo('account.cart.add').length !== 2 * (rounds + 1)) throw new Error('connect bench: a run did not add the store');
    return overheadRow('Connect Wix Store (Instance ID typed), warm', r, 'the same steps as 4 commands', 50, '');
  } finally {
    await vscode.commands.executeCommand(CommandIds.stopReceiver);
    await api2cart.close();
    await wix.close();
  }
}

async function benchAddStore(s: Services, rounds: number): Promise<Row> {
  const apiKey = `bench-api-key-${hex()}`;
  const creds = { appId: randomUUID(), appSecret: `bench-app-secret-${hex()}`, instanceId: randomUUID() };
  const api2cart = await startApi2CartStub({ apiKey });
  const wix = await startWixStub({ ...creds, siteDisplayName: SITE_NAME, siteUrl: SITE_URL, catalogVersion: 'V3_CATALOG' });
  try {
    await pointSettingsAt(api2cart.url, wix.url);
    ok(await s.profiles.forgetAll(), 'forget');
    ok(await s.profiles.setApiKey(apiKey), 'api key');
    ok(await s.profiles.setAppCredentials(creds.appId, creds.appSecret), 'app credentials');
    ok(await s.profiles.upsertProfileByInstanceId(creds.instanceId, { activate: true }), 'profile');
    const add = async () => {
      api2cart.carts.length = 0;
      ok(await s.profiles.forget([{ kind: 'storeKey', profileId: creds.instanceId }]), 'forget the key');
      return timed(() => vscode.commands.executeCommand(CommandIds.addStore));
    };
    const bare = async () => {
      api2cart.carts.length = 0;
      return timed(async () => {
        await vscode.commands.executeCommand(NOOP);
        await bareAdd(wix.url, api2cart.url, apiKey, creds);
      });
    };
    const r = await interleaved(rounds, 1, add, bare);
    const key = await s.profiles.getStoreKey(creds.instanceId);
    if (!key.ok || !key.value) throw new Error('add store bench: no store key was saved');
    return overheadRow('Add Store (Wix preflight + account.cart.add), warm', r, 'empty command + the same 4 requests, bare fetch', 50, '');
  } finally {
    await api2cart.close();
    await wix.close();
  }
}

async function benchRun(api: TestApi, rounds: number): Promise<Row> {
  const { api2cart, apiKey, storeKey } = await connectStore(api.services);
  const controller = api.requests();
  if (!controller) throw new Error('run bench: no request controller');
  const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'bench-overhead.api2cart.json');
  try {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify({ method: 'product.count' })));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), vscode.ViewColumn.One);
    // The command is done when the answer is handed to the editor; VS Code then draws it.
    const run = async () => {
      const ms = await timed(() => vscode.commands.executeCommand(CommandIds.runRequest, { uri: uri.toString(), action: 'run' }));
      await controller.answersShown();
      return ms;
    };
    const bare = () => timed(async () => {
      await vscode.commands.executeCommand(NOOP);
      await json(fetch(`${api2cart.url}/product.count.json`, { headers: { 'x-api-key': apiKey, 'x-store-key': storeKey } }));
    });
    const r = await interleaved(rounds, 2, run, bare);
    if (api2cart.callsTo('product.count').length !== 2 * (rounds + 2)) throw new Error('run bench: a run did not reach the stub');
    return overheadRow('Run API2Cart Request (product.count), warm', r, 'empty command + the same request, bare fetch', 20, 'issue 13');
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    await api2cart.close();
    await forgetStore(api.services);
  }
}

export async function benchCommands(api: TestApi, user: ScriptedUser, rounds = 7): Promise<Row[]> {
  const noop = vscode.commands.registerCommand(NOOP, () => undefined);
  await vscode.workspace.getConfiguration('api2cartWix').update('webhook.port', 0, vscode.ConfigurationTarget.Global);
  try {
    return [await benchConnect(api.services, user, rounds), await benchAddStore(api.services, rounds), await benchRun(api, rounds)];
  } finally {
    noop.dispose();
    await vscode.workspace.getConfiguration('api2cartWix').update('webhook.port', undefined, vscode.ConfigurationTarget.Global);
    await forgetStore(api.services);
  }
}
