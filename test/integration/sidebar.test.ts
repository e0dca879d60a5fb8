// Issue 20: the API2Cart sidebar's views against the stubs, and Update Wix Credentials on API2Cart.
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CommandIds } from '../../src/vscode/commandIds';
import type { Services } from '../../src/vscode/services';
import type { LazyTree } from '../../src/vscode/views/lazyTree';
import { startApi2CartStub, type Api2CartStub } from '../support/stubs/api2cartStub';
import { startWixStub, type WixStub } from '../support/stubs/wixStub';
import { appInstalled, generateTestKeys, signWithJose, TEST_APP_ID } from '../support/webhookSigning';
import { hex } from './support/connectedStore';
import { extensionHostLogFiles, readLog } from './support/evidence';
import { extensionApi, waitFor, type TestApi } from './support/extension';
import { ScriptedUser } from './support/scriptedUser';
import { pointSettingsAt, resetStoreState } from './support/stubbedStore';

type Shown = { node: unknown; item: vscode.TreeItem };

/** Every item of a tree, depth first, as VS Code would draw it with everything expanded. */
async function allItems<T>(tree: LazyTree<T>, parent?: T): Promise<Shown[]> {
  const children = (await tree.getChildren(parent)) ?? [];
  const out: Shown[] = [];
  for (const node of children) {
    const item = await tree.getTreeItem(node);
    out.push({ node, item });
    if (item.collapsibleState !== undefined && item.collapsibleState !== vscode.TreeItemCollapsibleState.None) out.push(...(await allItems(tree, node)));
  }
  return out;
}

const labelOf = (i: vscode.TreeItem) => (typeof i.label === 'string' ? i.label : i.label?.label ?? '');
const iconOf = (i: vscode.TreeItem) => (i.iconPath instanceof vscode.ThemeIcon ? i.iconPath.id : undefined);
const tipOf = (i: vscode.TreeItem) => (typeof i.tooltip === 'string' ? i.tooltip : i.tooltip?.value ?? '').replace(/\\/g, '');

describe('sidebar: Stores, Webhook Deliveries, Requests and Update Wix Credentials', function () {
  this.timeout(60_000);
  const user = new ScriptedUser();
  let api: TestApi & { sidebar: { stores: LazyTree<unknown>; deliveries: LazyTree<unknown>; requests: LazyTree<unknown>; storesLoaded(): Promise<void> } };
  let s: Services;
  let api2cart: Api2CartStub;
  let wix: WixStub | undefined;
  const apiKey = `canary-api-key-${hex()}`;
  const oldSecret = `canary-old-secret-${hex()}`;
  const newSecret = `canary-new-secret-${hex()}`;
  const stores = ['A', 'B', 'C'].map((n) => ({ label: `Shop ${n}`, instanceId: randomUUID(), storeKey: `canary-store-key-${n}-${hex()}` }));
  const otherKey = `canary-other-key-${hex()}`;
  const secrets = () => [apiKey, oldSecret, newSecret, otherKey, ...stores.map((x) => x.storeKey)];

  const treeText = async () => JSON.stringify(await Promise.all([api.sidebar.stores, api.sidebar.deliveries, api.sidebar.requests].map((t) => allItems(t))));

  before(async () => {
    api = (await extensionApi()) as typeof api;
    s = api.services;
    user.install();
  });

  after(async () => {
    user.restore();
    await resetStoreState(s);
  });

  beforeEach(async () => {
    user.reset();
    assert.ok((await s.profiles.forgetAll()).ok);
    api2cart = await startApi2CartStub({
      apiKey,
      carts: [
        ...stores.slice(0, 2).map((x, i) => ({ id: String(i + 1), url: `https://shop-${i}.example`, storeKey: x.storeKey, cartId: 'Wix', customLabel: x.label })),
        { id: '9', url: 'https://other.example', storeKey: otherKey, cartId: 'Shopify', customLabel: 'Main Shopify' },
      ],
    });
    await pointSettingsAt(api2cart.url, undefined);
    assert.ok((await s.profiles.setApiKey(apiKey)).ok);
    assert.ok((await s.profiles.setAppCredentials(TEST_APP_ID, oldSecret)).ok);
    // A and B connected (A active), C not added yet.
    for (const x of stores) assert.ok((await s.profiles.upsertProfileByInstanceId(x.instanceId, { label: x.label, activate: x === stores[0] })).ok);
    for (const x of stores.slice(0, 2)) assert.ok((await s.profiles.setStoreKey(x.instanceId, x.storeKey)).ok);
    await vscode.commands.executeCommand(CommandIds.refreshStores);
  });

  afterEach(async () => {
    const shown = user.shownText() + (await treeText());
    for (const secret of secrets()) assert.ok(!shown.includes(secret), 'a secret reached the tree or a notification');
    assert.deepEqual(api2cart.violations, []);
    await api2cart.close();
    await wix?.close();
    wix = undefined;
  });

  describe('Stores', () => {
    it('shows every profile with its state and the active one; the account\'s other stores merged by store key', async () => {
      await api.sidebar.stores.getChildren();
      await api.sidebar.storesLoaded();
      const items = await allItems(api.sidebar.stores);
      const rows = items.map(({ item }) => [labelOf(item), item.contextValue, iconOf(item)]);
      assert.deepEqual(rows, [
        ['Shop A', 'api2cartWix.store.connected.active', 'pass-filled'],
        ['Shop B', 'api2cartWix.store.connected', 'pass-filled'],
        ['Shop C', 'api2cartWix.store.not-added', 'circle-large-outline'],
        ['Other stores in the account', 'api2cartWix.others', 'cloud'],
        // Shop A and B are in the account too, matched by store key: listed once, as profiles.
        ['Main Shopify', 'api2cartWix.accountStore', 'globe'],
      ]);
      assert.match(items[3]!.item.description as string, /^1$/);
      assert.equal(items[4]!.item.description, 'Shopify · https://other.example');
      assert.match(tipOf(items[0]!.item), new RegExp(`Instance ID: ${stores[0]!.instanceId}`));
      assert.match(tipOf(items[0]!.item), /Last check: not checked in this window/);
    });

    it('runs Check Connection on the store it was invoked on, not the active one; a failed check marks it', async () => {
      const [, b] = await allItems(api.sidebar.stores);
      await vscode.commands.executeCommand(CommandIds.checkConnection, b!.node);
      const validate = api2cart.callsTo('cart.validate');
      assert.equal(validate.length, 1);
      assert.equal(validate[0]!.headers['x-store-key'], stores[1]!.storeKey);
      let [, shownB] = await allItems(api.sidebar.stores);
      assert.match(tipOf(shownB!.item), /Last check: .*, connected/);

      api2cart.setResponse('cart.validate', { kind: 'returnCode', code: 12, message: 'store unreachable' });
      await vscode.commands.executeCommand(CommandIds.checkConnection, b!.node);
      [, shownB] = await allItems(api.sidebar.stores);
      assert.equal(shownB!.item.contextValue, 'api2cartWix.store.error');
      assert.equal(iconOf(shownB!.item), 'error');
      const active = await s.profiles.getActiveProfile();
      assert.equal(active.ok && active.value?.instanceId, stores[0]!.instanceId, 'the active store did not change');
    });

    it('copies the key of the store it was invoked on; a click makes a store active and the view follows', async () => {
      const [, b] = await allItems(api.sidebar.stores);
      user.reply(/is on the clipboard/, 'Clear Clipboard');
      await vscode.commands.executeCommand(CommandIds.copyStoreKey, b!.node);
      await user.notification(/The store key of "Shop B" is on the clipboard/);

      await vscode.commands.executeCommand(b!.item.command!.command, ...(b!.item.command!.arguments ?? []));
      const rows = await waitFor(async () => {
        const items = await allItems(api.sidebar.stores);
        // Shop B may still show the failed check of the test before: only the mark matters here.
        return items[1]!.item.contextValue?.endsWith('.active') ? items : undefined;
      }, 'Shop B to show as active');
      assert.equal(rows[0]!.item.contextValue, 'api2cartWix.store.connected');
      assert.match(rows[1]!.item.description as string, /^active/);
    });

    it('Refresh Stores reloads the account; a new profile key moves a store out of "other stores"', async () => {
      api2cart.carts.push({ id: '10', url: 'https://new.example', storeKey: `canary-new-${hex()}`, cartId: 'Magento', customLabel: 'New Magento' });
      await vscode.commands.executeCommand(CommandIds.refreshStores);
      await api.sidebar.storesLoaded();
      let others = (await allItems(api.sidebar.stores)).filter(({ item }) => item.contextValue === 'api2cartWix.accountStore').map(({ item }) => labelOf(item));
      // Sorted by URL: new.example before other.example.
      assert.deepEqual(others, ['New Magento', 'Main Shopify']);
      // Shop C gets Main Shopify's key (as if added): it is a profile now, no longer "other".
      assert.ok((await s.profiles.setStoreKey(stores[2]!.instanceId, otherKey)).ok);
      others = (await allItems(api.sidebar.stores)).filter(({ item }) => item.contextValue === 'api2cartWix.accountStore').map(({ item }) => labelOf(item));
      assert.deepEqual(others, ['New Magento']);
    });

    it('New API2Cart Request on an account store names it, and runs with its key from memory', async () => {
      await api.sidebar.storesLoaded();
      const other = (await allItems(api.sidebar.stores)).find(({ item }) => item.contextValue === 'api2cartWix.accountStore')!;
      user.pickLabel(/cart\.info$/);
      await vscode.commands.executeCommand(CommandIds.newRequest, other.node);
      const editor = await waitFor(() => vscode.window.activeTextEditor?.document.fileName.endsWith('cart.info.api2cart.json') ? vscode.window.activeTextEditor : undefined, 'the request file');
      const file = editor.document.uri;
      try {
        assert.equal(JSON.parse(editor.document.getText()).store, 'api2cart:9');
        assert.ok(!editor.document.getText().includes(otherKey));
        await vscode.commands.executeCommand(CommandIds.runRequest, file);
        const info = await waitFor(() => api2cart.callsTo('cart.info')[0], 'cart.info');
        assert.equal(info.headers['x-store-key'], otherKey);
      } finally {
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        fs.rmSync(file.fsPath, { force: true });
      }
    });
  });

  describe('Requests and Webhook Deliveries', () => {
    it('lists a request file as soon as it is created (file watcher), with an inline Run argument', async () => {
      await api.sidebar.requests.getChildren();
      const folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
      const file = path.join(folder, `sidebar-${hex()}.api2cart.json`);
      fs.writeFileSync(file, '{ "method": "cart.info", "params": {} }\n');
      try {
        const row = await waitFor(async () => (await allItems(api.sidebar.requests)).find(({ item }) => labelOf(item) === path.basename(file)), 'the new file in Requests');
        assert.equal(row.item.contextValue, 'api2cartWix.requestFile');
        assert.equal((row.node as { uri: string }).uri, vscode.Uri.file(file).toString());
      } finally {
        fs.rmSync(file, { force: true });
      }
      await waitFor(async () => ((await allItems(api.sidebar.requests)).some(({ item }) => labelOf(item) === path.basename(file)) ? undefined : true), 'the file to leave Requests');
    });

    it('shows a signed delivery newest first; a click opens the decoded event', async () => {
      const keys = generateTestKeys();
      assert.ok((await s.profiles.setPublicKey(keys.publicKeyPem)).ok);
      await vscode.workspace.getConfiguration('api2cartWix').update('webhook.port', 0, vscode.ConfigurationTarget.Global);
      const address = await api.receiver.ensureRunning({ quiet: true });
      try {
        assert.ok(address);
        await api.sidebar.deliveries.getChildren();
        // One of the stores: the row names it instead of its instance id.
        const { instanceId } = stores[2]!;
        const answer = await fetch(address.local, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: await signWithJose(appInstalled({ instanceId }), keys) });
        assert.equal(answer.status, 200);
        const [row] = await waitFor(async () => {
          const items = await allItems(api.sidebar.deliveries);
          return items.length > 0 ? items : undefined;
        }, 'the delivery in the view');
        assert.equal(labelOf(row!.item), 'App Installed');
        assert.equal(row!.item.contextValue, 'api2cartWix.delivery.installed');
        assert.match(row!.item.description as string, new RegExp(`verified · Shop C \\(${instanceId.slice(0, 4)}…\\)$`));
        await vscode.commands.executeCommand(row!.item.command!.command, ...(row!.item.command!.arguments ?? []));
        const doc = await waitFor(() => vscode.window.activeTextEditor?.document.getText().includes(instanceId) ? vscode.window.activeTextEditor.document : undefined, 'the decoded event');
        assert.match(doc.getText(), /"eventType": "AppInstalled"/);
      } finally {
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        await api.receiver.stop();
        await vscode.workspace.getConfiguration('api2cartWix').update('webhook.port', undefined, vscode.ConfigurationTarget.Global);
      }
    });
  });

  describe('Update Wix Credentials on API2Cart', () => {
    const acceptEveryInstance = () => wix!.setOutcome('token', { kind: 'json', body: { access_token: 'OAUTH2.test', token_type: 'Bearer', expires_in: 14400 } });

    beforeEach(async () => {
      wix = await startWixStub({ appId: TEST_APP_ID, appSecret: newSecret, instanceId: stores[0]!.instanceId });
      await pointSettingsAt(api2cart.url, wix.url);
      // Shop C connected too: three stores to update.
      api2cart.carts.push({ id: '3', url: 'https://shop-2.example', storeKey: stores[2]!.storeKey, cartId: 'Wix', customLabel: stores[2]!.label });
      assert.ok((await s.profiles.setStoreKey(stores[2]!.instanceId, stores[2]!.storeKey)).ok);
    });

    it('is offered when the App Secret Key of the same App ID changes, and updates every store with its own idempotency key', async () => {
      acceptEveryInstance();
      user.reply(/^The App Secret Key of App ID .* changed\. 3 store\(s\)/, 'Update Wix Credentials on API2Cart');
      assert.ok((await s.profiles.setAppCredentials(TEST_APP_ID, newSecret)).ok);
      const done = await user.notification(/^Wix credentials on API2Cart: /);
      assert.equal(done.message, 'Wix credentials on API2Cart: 3 updated, 0 failed, 0 skipped.');
      const calls = api2cart.callsTo('account.config.update');
      assert.deepEqual(calls.map((c) => c.headers['x-store-key']).sort(), stores.map((x) => x.storeKey).sort());
      for (const c of calls) {
        assert.equal(c.httpMethod, 'PUT');
        assert.equal(c.query.wix_app_secret_key, newSecret);
        assert.equal(c.query.wix_app_id, TEST_APP_ID);
      }
      assert.equal(new Set(calls.map((c) => c.query.idempotency_key)).size, 3, 'one idempotency key per store');
      assert.equal(wix!.callsTo('token').length, 3, 'each store checked with Wix first');
    });

    it('reports a partial failure per store and changes nothing else', async () => {
      acceptEveryInstance();
      assert.ok((await s.profiles.setAppCredentials(TEST_APP_ID, newSecret)).ok);
      api2cart.setResponse('account.config.update', { kind: 'success', result: { updated_items: 1 } }, { kind: 'returnCode', code: 9, message: `bad ${newSecret}` }, { kind: 'success', result: { updated_items: 1 } });
      const report = await vscode.commands.executeCommand<readonly { outcome: { state: string } }[]>(CommandIds.updateWixCredentials);
      assert.deepEqual(report?.map((e) => e.outcome.state).sort(), ['failed', 'updated', 'updated']);
      await user.notification(/^Wix credentials on API2Cart: 2 updated, 1 failed, 0 skipped\.$/, 'warning');
      const profiles = await s.profiles.listProfiles();
      assert.ok(profiles.ok && profiles.value.every((p) => p.hasStoreKey), 'every store keeps its key');
    });

    it('a wrong new secret sends nothing to API2Cart; no secret reaches the log, an error or the tree', async () => {
      // Wix knows newSecret; the person saves a wrong one.
      assert.ok((await s.profiles.setAppCredentials(TEST_APP_ID, oldSecret)).ok);
      const report = await vscode.commands.executeCommand<readonly { outcome: { state: string } }[]>(CommandIds.updateWixCredentials);
      assert.deepEqual(report?.map((e) => e.outcome.state), ['skipped', 'skipped', 'skipped']);
      assert.equal(api2cart.callsTo('account.config.update').length, 0);
      await user.notification(/0 updated, 0 failed, 3 skipped/);
      const log = await readLog(s);
      assert.match(log, /Update Wix Credentials on API2Cart: Shop A .*skipped: Wix did not accept/);
      const everything = log + extensionHostLogFiles(s).map((f) => fs.readFileSync(f, 'utf8')).join('\n') + user.shownText() + (await treeText());
      for (const secret of secrets()) assert.ok(!everything.includes(secret), 'a secret leaked');
    });
  });
});
