// From a fresh install to a connected store with Connect Wix Store, counting what the person does:
// the command, three pasted values and one confirmation. The App Installed webhook is what Wix
// sends when the site owner installs the app; here the test sends it, to the address the flow
// shows, through code-server's port forwarding.
import { strict as assert } from 'node:assert';
import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stopChainAtFirstFailure } from '../support/chain';
import { startApi2CartStub, type Api2CartStub } from '../support/stubs/api2cartStub';
import { startWixStub, type WixStub } from '../support/stubs/wixStub';
import { appInstalled, generateTestKeys, signWithJose } from '../support/webhookSigning';
import { freePort, repoRoot, screenshotDir, screenshotOnFailure, Workbench } from './support/workbench';
import { pictureStep } from './support/pictures';

const SITE_NAME = 'Canary Crafts';
const SITE_URL = 'https://canarycrafts.wixsite.com/shop';
const MAX_ACTIONS = 5;
const canary = (name: string) => `CANARY-${name}-${randomBytes(9).toString('hex')}`;
const shot = (name: string) => path.join(screenshotDir, `${name}.png`);

describe('Connect Wix Store: from a fresh install to a connected store in at most 5 actions', () => {
  stopChainAtFirstFailure();
  screenshotOnFailure(() => wb);
  let wb: Workbench;
  let api2cart: Api2CartStub;
  let wix: WixStub;
  let port: number;
  const apiKey = canary('api-key');
  const appSecret = canary('app-secret');
  const appId = randomUUID();
  const instanceId = randomUUID();
  const keys = generateTestKeys();
  /** Everything the person does, in order. */
  const actions: string[] = [];
  let webhookUrl = '';

  before(async () => {
    port = await freePort();
    api2cart = await startApi2CartStub({ apiKey });
    wix = await startWixStub({ appId, appSecret, instanceId, siteDisplayName: SITE_NAME, siteUrl: SITE_URL });
    wb = await Workbench.open({
      machineSettings: { 'api2cartWix.api2cart.baseUrl': api2cart.url, 'api2cartWix.wix.baseUrl': wix.url, 'api2cartWix.webhook.port': port },
    });
  });

  after(async () => {
    await wb?.close();
    await api2cart?.close();
    await wix?.close();
    if (actions.length) console.log(`      actions: ${actions.length} (${actions.join('; ')})`);
  });

  const step = (counter: string) => wb.page.locator('.quick-input-widget', { hasText: counter }).first();
  const settled = async () => {
    await wb.page.mouse.move(20, 500);
    await wb.page.waitForTimeout(300);
  };
  /** Pastes a value into the step shown and presses Enter: one action. */
  async function paste(what: string, counter: string, value: string, screenshot: string): Promise<void> {
    await step(counter).waitFor();
    await wb.quickInput().fill(value);
    await settled();
    await wb.screenshot(screenshot);
    await wb.submitInput(value);
    actions.push(`paste ${what}`);
  }

  it('runs the command on a fresh profile: step 1 of 4 asks for the API key in a password box', async () => {
    assert.match(await wb.statusItem().innerText(), /API2Cart: not set up/);
    await wb.runCommand('API2Cart Wix: Connect Wix Store');
    actions.push('run Connect Wix Store');
    await step('1/4').waitFor();
    assert.equal(await wb.quickInput().getAttribute('type'), 'password');
  });

  it('takes the API key, the App ID and the App Secret Key, one pasted value each', async () => {
    await paste('the API key', '1/4', apiKey, 'connect-1-api-key');
    await paste('the App ID', '2/4', appId, 'connect-2-app-id');
    await paste('the App Secret Key', '3/4', appSecret, 'connect-3-app-secret');
  });

  it('waits for App Installed at once, showing the address that works from outside and a cancellable progress', async () => {
    await step('4/4').locator('input[placeholder^="Open the install link and install the app"]').waitFor();
    const copyRow = wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Copy webhook URL' }).first();
    await copyRow.waitFor();
    webhookUrl = /(http:\/\/\S+\/proxy\/\d+\/webhook)/.exec(await copyRow.innerText())?.[1] ?? '';
    assert.equal(webhookUrl, `${new URL(wb.page.url()).origin}/proxy/${port}/webhook`);
    await wb.notification('waiting for the Instance ID').waitFor();
    await wb.page.locator('.notification-toast', { hasText: 'waiting for the Instance ID' }).getByRole('button', { name: 'Cancel' }).waitFor();
    // The connection indicator shows the connection (credentials ready); the receiver has its own item.
    await wb.statusItem('API2Cart: credentials ready').waitFor();
    await wb.page.locator('.statusbar-item', { has: wb.page.locator('.codicon-broadcast') }).filter({ hasText: String(port) }).first().waitFor();
    await settled();
    await wb.screenshot('connect-4-waiting');
    await wb.screenshotOf(wb.page.locator('.quick-input-widget'), 'connect-flow-waiting');
  });

  it('asks once about the unverified App Installed (no public key was set): the one confirmation', async () => {
    // Wix's side: the site owner installs the app, Wix POSTs the signed event to the address.
    const response = await fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: await signWithJose(appInstalled({ appId, instanceId }), keys) });
    assert.equal(response.status, 200);
    const dialog = wb.page.locator('.monaco-dialog-box', { hasText: 'Unverified App Installed' });
    await dialog.waitFor();
    for (const name of ['Use This Instance ID', 'Ignore and Keep Waiting', 'Set Public Key…']) await dialog.getByRole('button', { name }).waitFor();
    await settled();
    await wb.screenshot('connect-5-unverified');
    await dialog.getByRole('button', { name: 'Use This Instance ID' }).click();
    actions.push('confirm the unverified App Installed');
  });

  it('adds the store and ends connected, with what comes next, while the receiver still runs', async () => {
    const success = wb.page.locator('.notification-toast', { hasText: 'was added to API2Cart' }).first();
    await success.waitFor({ timeout: 60_000 });
    await wb.statusItem(`API2Cart: ${SITE_NAME}`).waitFor();
    await wb.page.locator('.statusbar-item', { has: wb.page.locator('.codicon-broadcast') }).filter({ hasText: String(port) }).first().waitFor();
    // What comes next, Verify Permissions first: whole labels, two lines at most.
    for (const name of ['Verify Permissions', 'Write to .env', 'New Request']) await success.getByRole('button', { name }).waitFor();
    await wb.assertNotificationFits(success);
    await wb.page.locator('.notification-toast', { has: wb.page.getByRole('button', { name: 'Cancel' }) }).waitFor({ state: 'detached' });
    await settled();
    await wb.screenshot('connect-6-connected');
    api2cart.assertCalledOnce('account.cart.add');
    assert.deepEqual([...api2cart.violations, ...wix.violations], []);
    assert.ok(actions.length <= MAX_ACTIONS, `${actions.length} actions: ${actions.join('; ')}`);
    assert.equal(actions.length, 5);
  });

  pictureStep('crops the quick input and the success toast at a readable scale (the README\'s, with API2CART_WIX_UPDATE_README_SHOTS=1)', async () => {
    const toast = wb.page.locator('.notification-toast', { hasText: 'was added to API2Cart' }).first();
    const crops = [shot('connect-flow-waiting'), await wb.screenshotOf(toast, 'connect-flow-connected')];
    for (const file of crops) assert.ok(fs.statSync(file).size > 5_000, file);
    if (process.env.API2CART_WIX_UPDATE_README_SHOTS === '1') {
      for (const file of crops) fs.copyFileSync(file, path.join(repoRoot, 'media', 'screenshots', path.basename(file)));
    }
  });

  it('never shows a secret on screen', async () => {
    const screenText = await wb.page.locator('body').innerText();
    const secrets = [apiKey, appSecret, ...api2cart.carts.map((c) => c.storeKey), ...wix.issuedTokens];
    assert.deepEqual(secrets.filter((s) => screenText.includes(s)), []);
  });
});
