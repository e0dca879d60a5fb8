// Issue 20: Update Wix Credentials on API2Cart cancelled midway. Several stores, API2Cart slow to
// answer account.config.update: the person presses Cancel once some stores are done.
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { CommandIds } from '../../src/vscode/commandIds';
import type { Services } from '../../src/vscode/services';
import { startApi2CartStub, type Api2CartStub } from '../support/stubs/api2cartStub';
import { startWixStub, type WixStub } from '../support/stubs/wixStub';
import { TEST_APP_ID } from '../support/webhookSigning';
import { hex } from './support/connectedStore';
import { extensionHostLogFiles, readLog, waitForLogCount } from './support/evidence';
import { extensionApi, waitFor } from './support/extension';
import { ScriptedUser } from './support/scriptedUser';
import { pointSettingsAt, resetStoreState } from './support/stubbedStore';

type Entry = { profileId: string; name: string; instanceId: string; outcome: { state: string; reason?: string; problem?: { kind: string; message: string }; maybeApplied?: boolean } };

const PROGRESS_TITLE = /^Updating the Wix credentials of \d+ store\(s\) on API2Cart$/;
const UPDATE = 'account.config.update';

/**
 * The Cancel button of the command's progress notification, pressed by the test: the task gets a
 * token that VS Code's own Cancel also cancels.
 */
class CancelButton {
  private readonly source = new vscode.CancellationTokenSource();
  private original?: typeof vscode.window.withProgress;
  shown = false;

  install(): void {
    const window = vscode.window as unknown as Record<string, unknown>;
    const original = vscode.window.withProgress;
    this.original = original;
    window.withProgress = (options: vscode.ProgressOptions, task: (p: vscode.Progress<unknown>, t: vscode.CancellationToken) => Thenable<unknown>) => {
      if (!PROGRESS_TITLE.test(options.title ?? '')) return original(options, task);
      assert.equal(options.cancellable, true, 'the progress offers Cancel');
      this.shown = true;
      return original(options, (progress, token) => {
        token.onCancellationRequested(() => this.source.cancel());
        return task(progress, this.source.token);
      });
    };
  }

  press(): void {
    this.source.cancel();
  }

  restore(): void {
    if (this.original) (vscode.window as unknown as Record<string, unknown>).withProgress = this.original;
    this.source.dispose();
  }
}

describe('Update Wix Credentials on API2Cart: cancelled midway', function () {
  this.timeout(60_000);
  const user = new ScriptedUser();
  const cancel = new CancelButton();
  let s: Services;
  let api2cart: Api2CartStub;
  let wix: WixStub;
  const apiKey = `canary-api-key-${hex()}`;
  const newSecret = `canary-new-secret-${hex()}`;
  // Six stores, three at a time: two answered, three in flight and one not started when cancelled.
  const stores = ['A', 'B', 'C', 'D', 'E', 'F'].map((n) => ({ label: `Shop ${n}`, instanceId: randomUUID(), storeKey: `canary-store-key-${n}-${hex()}` }));
  const secrets = () => [apiKey, newSecret, ...stores.map((x) => x.storeKey)];

  before(async () => {
    s = (await extensionApi()).services;
    api2cart = await startApi2CartStub({
      apiKey,
      carts: stores.map((x, i) => ({ id: String(i + 1), url: `https://shop-${i}.example`, storeKey: x.storeKey, cartId: 'Wix', customLabel: x.label })),
    });
    wix = await startWixStub({ appId: TEST_APP_ID, appSecret: newSecret, instanceId: stores[0]!.instanceId });
    // Every site has the app: Wix gives a token for each instance.
    wix.setOutcome('token', { kind: 'json', body: { access_token: 'OAUTH2.test', token_type: 'Bearer', expires_in: 14400 } });
    await pointSettingsAt(api2cart.url, wix.url);
    assert.ok((await s.profiles.forgetAll()).ok);
    assert.ok((await s.profiles.setApiKey(apiKey)).ok);
    for (const x of stores) {
      assert.ok((await s.profiles.upsertProfileByInstanceId(x.instanceId, { label: x.label, activate: x === stores[0] })).ok);
      assert.ok((await s.profiles.setStoreKey(x.instanceId, x.storeKey)).ok);
    }
    // Saved without the offer to update (no store used an earlier secret of this App ID).
    assert.ok((await s.profiles.setAppCredentials(TEST_APP_ID, newSecret)).ok);
    user.install();
    cancel.install();
  });

  after(async () => {
    cancel.restore();
    user.restore();
    await resetStoreState(s);
    await api2cart?.close();
    await wix?.close();
  });

  it('keeps what was updated, reports the rest cancelled with their state kept, sends nothing after Cancel, and logs no secret', async () => {
    // The first two answers come at once; the others take longer than the person waits.
    api2cart.setResponse(UPDATE, { kind: 'success', result: { updated_items: 1 } }, { kind: 'success', result: { updated_items: 1 } },
      { kind: 'slow', delayMs: 120_000, then: { kind: 'success', result: { updated_items: 1 } } });
    const settledLine = 'Update Wix Credentials on API2Cart: Shop ';
    const settledBefore = (await readLog(s)).split(settledLine).length - 1;
    const run = vscode.commands.executeCommand<readonly Entry[]>(CommandIds.updateWixCredentials);

    // Two answered and settled, three waiting on API2Cart: the person presses Cancel.
    await waitFor(() => (api2cart.callsTo(UPDATE).length === 5 ? true : undefined), 'five updates sent, three still waiting');
    await waitForLogCount(s, settledLine, settledBefore + 2);
    // The progress notification appears once the work has taken a second; its Cancel is what the person presses.
    await waitFor(() => (cancel.shown ? true : undefined), 'the progress notification is shown');
    const sentAtCancel = { api2cart: api2cart.requests.length, wix: wix.requests.length };
    cancel.press();
    const report = await run;

    assert.ok(report, 'the command returned its report');
    assert.deepEqual({ api2cart: api2cart.requests.length, wix: wix.requests.length }, sentAtCancel, 'nothing sent after Cancel');
    const calls = api2cart.callsTo(UPDATE);
    const answered = calls.slice(0, 2).map((c) => c.headers['x-store-key']);
    const inFlight = calls.slice(2).map((c) => c.headers['x-store-key']);
    const entryOf = (storeKey: unknown) => report.find((e) => e.instanceId === stores.find((x) => x.storeKey === storeKey)!.instanceId)!;
    for (const key of answered) assert.equal(entryOf(key).outcome.state, 'updated', 'an answered update stays reported as updated');
    for (const key of inFlight) {
      const { outcome } = entryOf(key);
      // Sent, then cancelled: API2Cart may have applied it, and the report says so.
      assert.equal(outcome.state, 'failed');
      assert.equal(outcome.problem?.kind, 'http-cancelled');
      assert.equal(outcome.maybeApplied, true);
    }
    const sentKeys = new Set(calls.map((c) => c.headers['x-store-key']));
    const notStarted = stores.filter((x) => !sentKeys.has(x.storeKey));
    assert.equal(notStarted.length, 1, 'one store was still waiting for a lane');
    const waiting = report.find((e) => e.instanceId === notStarted[0]!.instanceId)!;
    assert.deepEqual(waiting.outcome, { state: 'skipped', reason: 'Cancelled before API2Cart was asked; nothing was sent for this store.' });
    assert.ok(!wix.requests.some((r) => JSON.stringify(r.body).includes(notStarted[0]!.instanceId)), 'the waiting store was not even checked with Wix');
    for (const c of calls) assert.equal(c.query.wix_app_secret_key, newSecret, 'the secret did travel (so the leak checks below mean something)');

    const summary = await user.notification(/^Wix credentials on API2Cart: /, 'warning');
    // Sent and cancelled is not "failed": the person is told those may have been applied.
    assert.equal(summary.message, 'Wix credentials on API2Cart: 2 updated, 3 sent with no answer (they may have been applied; running the command again is safe), 0 failed, 1 skipped.');
    // Every store keeps its profile, its key and its place; the active one is still active.
    const profiles = await s.profiles.listProfiles();
    assert.ok(profiles.ok);
    assert.deepEqual(profiles.value.map((p) => [p.instanceId, p.hasStoreKey, p.removed]).sort(), stores.map((x) => [x.instanceId, true, false]).sort());
    for (const x of stores) {
      const key = await s.profiles.getStoreKey(x.instanceId);
      assert.ok(key.ok && key.value === x.storeKey, `${x.label} keeps its store key`);
    }
    const active = await s.profiles.getActiveProfile();
    assert.equal(active.ok && active.value?.instanceId, stores[0]!.instanceId);

    const log = await readLog(s);
    for (const x of stores) assert.match(log, new RegExp(`Update Wix Credentials on API2Cart: ${x.label} \\(${x.instanceId}\\): (updated|failed|skipped)`), `${x.label} is in the log`);
    const everything = log + extensionHostLogFiles(s).map((f) => fs.readFileSync(f, 'utf8')).join('\n') + user.shownText() + JSON.stringify(report);
    const leaked = secrets().filter((secret) => everything.includes(secret));
    assert.equal(leaked.length, 0, `${leaked.length} secret(s) in the log, a notification or the report`);
    assert.deepEqual([...api2cart.violations, ...wix.violations], []);
  });
});
