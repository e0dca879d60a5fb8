// Issue 18 item 2: an unverified delivery never opens more than one modal at a time, and a flood of
// forged App Installed events must not lock the window. This is the Connect Wix Store flow's modal
// (the receiver's own non-modal offer has its flood test in webhook.test.ts).
import { strict as assert } from 'node:assert';
import { randomBytes, randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { CommandIds } from '../../src/vscode/commandIds';
import type { Services } from '../../src/vscode/services';
import { startApi2CartStub, type Api2CartStub } from '../support/stubs/api2cartStub';
import { startWixStub, type WixStub } from '../support/stubs/wixStub';
import { appInstalled, generateTestKeys, signAlgNone, signWithJose, TEST_APP_ID } from '../support/webhookSigning';
import { logCount } from './support/evidence';
import { extensionApi, waitFor, type TestApi } from './support/extension';
import { LEAVE_OPEN, ScriptedUser } from './support/scriptedUser';
import { resetStoreState } from './support/stubbedStore';

const UNVERIFIED_MODAL = /^Unverified App Installed for Instance ID /;
const DROPPED = 'was ignored while the question about an earlier one is open';
const FLOOD = 20;
const hex = () => randomBytes(8).toString('hex');

async function post(url: string, body: string): Promise<number> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
  await response.text();
  return response.status;
}

describe('Connect Wix Store: a flood of forged App Installed keeps one modal open', function () {
  this.timeout(90_000);
  const user = new ScriptedUser({ strictInputs: true });
  let api: TestApi;
  let s: Services;
  let api2cart: Api2CartStub;
  let wix: WixStub;
  const apiKey = `canary-api-key-${hex()}`;
  const appSecret = `canary-app-secret-${hex()}`;
  /** The site that really installs the app, after the flood. */
  const instanceId = randomUUID();
  const config = () => vscode.workspace.getConfiguration('api2cartWix');

  before(async () => {
    api = await extensionApi();
    s = api.services;
    api2cart = await startApi2CartStub({ apiKey });
    wix = await startWixStub({ appId: TEST_APP_ID, appSecret, instanceId, siteDisplayName: 'Canary Crafts', siteUrl: 'https://canarycrafts.wixsite.com/shop' });
    await config().update('api2cart.baseUrl', api2cart.url, vscode.ConfigurationTarget.Global);
    await config().update('wix.baseUrl', wix.url, vscode.ConfigurationTarget.Global);
    await config().update('webhook.port', 0, vscode.ConfigurationTarget.Global);
    assert.ok((await s.profiles.forgetAll()).ok);
    // No public key: every App Installed is unverified and needs the person's answer.
    assert.ok((await s.profiles.setApiKey(apiKey)).ok);
    assert.ok((await s.profiles.setAppCredentials(TEST_APP_ID, appSecret)).ok);
    user.install();
  });

  after(async () => {
    user.dismissIgnored();
    user.restore();
    api.connect.close();
    api.connect.events = {};
    await vscode.commands.executeCommand(CommandIds.stopReceiver);
    await config().update('webhook.port', undefined, vscode.ConfigurationTarget.Global);
    await resetStoreState(s);
    await api2cart?.close();
    await wix?.close();
  });

  it('drops the forged events while its question is open, answers commands meanwhile, and queues nothing for after the answer', async () => {
    let waiting!: (url: string | undefined) => void;
    const waitingAt = new Promise<string | undefined>((resolve) => (waiting = resolve));
    api.connect.events = { onWaiting: (url) => waiting(url) };
    const droppedBefore = logCount(s, DROPPED);
    user.pick(() => LEAVE_OPEN);
    user.ignoreNotifications = true; // the person leaves the first question open
    const flow = vscode.commands.executeCommand(CommandIds.connectWixStore);
    const url = (await waitingAt)!;
    assert.ok(url, 'the flow waits on the receiver');

    const first = randomUUID();
    assert.equal(await post(url, await signWithJose(appInstalled({ instanceId: first }), generateTestKeys())), 200);
    await user.notification(UNVERIFIED_MODAL, 'warning');

    // Signed with strangers' keys, or not signed at all: none can be verified.
    const flood = Array.from({ length: FLOOD }, () => randomUUID());
    const tokens = await Promise.all(flood.map((id, i) => (i % 2 ? signWithJose(appInstalled({ instanceId: id }), generateTestKeys()) : signAlgNone(appInstalled({ instanceId: id })))));
    assert.deepEqual(new Set(await Promise.all(tokens.map((t) => post(url, t)))), new Set([200]));
    // Each forged event either opened a modal or was logged as dropped; wait until all are one or the other.
    const modals = () => user.messages.filter((m) => UNVERIFIED_MODAL.test(m.message));
    await waitFor(() => (modals().length - 1 + logCount(s, DROPPED) - droppedBefore === FLOOD ? true : undefined), 'every forged event to be handled');
    assert.equal(modals().length, 1, `one modal open, not one per forged event: ${modals().length}`);
    assert.ok(modals()[0]!.modal, 'the question is a modal');
    assert.ok(modals()[0]!.message.endsWith(`${first.slice(0, 4)}…`), 'the open modal is the first event\'s');

    // The extension host still runs another command to its end while the question is open.
    user.pickLabel(/Show Deliveries/);
    const picksBefore = user.picks.length;
    await vscode.commands.executeCommand(CommandIds.startReceiver);
    const listed = user.picks.slice(picksBefore).at(-1)?.items.map((i) => i.detail ?? '') ?? [];
    for (const id of flood) assert.ok(listed.some((d) => d.includes(id.slice(0, 4))), `the deliveries list shows ${id}`);

    // "Ignore and Keep Waiting" (the dismissed modal): nothing of the flood was kept for later.
    // A queued event would open the next modal; the one that opens next must be the real install.
    user.ignoreNotifications = false;
    user.reply(UNVERIFIED_MODAL, 'Use This Instance ID');
    user.dismissIgnored();
    assert.equal(await post(url, await signWithJose(appInstalled({ instanceId }), generateTestKeys())), 200);
    await flow;
    assert.deepEqual(modals().map((m) => m.message), [first, instanceId].map((id) => `Unverified App Installed for Instance ID ${id.slice(0, 4)}…`));
    const profile = await s.profiles.getActiveProfile();
    assert.equal(profile.ok && profile.value?.instanceId, instanceId, 'the store of the answered question, not one of the flood');
    api2cart.assertCalledOnce('account.cart.add');
    await waitFor(() => user.messages.find((m) => /was added to API2Cart/.test(m.message)), 'the success');
  });
});
