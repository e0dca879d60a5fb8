// Issue 20: the API2Cart sidebar in a real VS Code, from a fresh profile: the activity-bar
// container, the welcome button that starts Connect Wix Store, the connected store in Stores with
// an inline action, and the signed App Installed delivery in Webhook Deliveries.
import { strict as assert } from 'node:assert';
import { randomBytes, randomUUID } from 'node:crypto';
import { stopChainAtFirstFailure } from '../support/chain';
import { startApi2CartStub, type Api2CartStub } from '../support/stubs/api2cartStub';
import { startWixStub, type WixStub } from '../support/stubs/wixStub';
import { appInstalled, generateTestKeys, signWithJose } from '../support/webhookSigning';
import { freePort, screenshotOnFailure, Workbench } from './support/workbench';

const SITE_NAME = 'Canary Crafts';
const SITE_URL = 'https://canarycrafts.wixsite.com/shop';
const canary = (name: string) => `CANARY-${name}-${randomBytes(9).toString('hex')}`;

describe('the API2Cart sidebar (packaged .vsix in VS Code)', () => {
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

  before(async () => {
    port = await freePort();
    api2cart = await startApi2CartStub({ apiKey });
    wix = await startWixStub({ appId, appSecret, instanceId, siteDisplayName: SITE_NAME, siteUrl: SITE_URL, appVersion: '3.1.0' });
    wb = await Workbench.open({
      machineSettings: { 'api2cartWix.api2cart.baseUrl': api2cart.url, 'api2cartWix.wix.baseUrl': wix.url, 'api2cartWix.webhook.port': port },
    });
  });

  after(async () => {
    await wb?.close();
    await api2cart?.close();
    await wix?.close();
  });

  const pane = (title: string) => wb.page.locator('.pane', { has: wb.page.locator('.pane-header', { hasText: new RegExp(`^\\s*${title}`) }) }).first();
  const welcome = (title: string, text: string) => pane(title).locator('.monaco-text-button', { hasText: text }).first();
  const row = (title: string, text: string) => pane(title).locator('.monaco-list-row', { hasText: text }).first();
  const settled = async () => {
    await wb.page.mouse.move(700, 500);
    await wb.page.waitForTimeout(300);
  };
  const step = (counter: string) => wb.page.locator('.quick-input-widget', { hasText: counter }).first();
  async function paste(counter: string, value: string): Promise<void> {
    await step(counter).waitFor();
    await wb.quickInput().fill(value);
    await wb.submitInput(value);
  }

  it('shows the API2Cart container in the activity bar of a fresh profile, with each view\'s welcome text', async () => {
    const container = wb.page.locator('.activitybar .action-item a[aria-label^="API2Cart"]').first();
    await container.waitFor();
    await container.click();
    await welcome('Stores', 'Connect Wix Store').waitFor();
    await welcome('Webhook Deliveries', 'Start Webhook Receiver').waitFor();
    await pane('Requests').getByText('Request files call API2Cart on a connected store').waitFor();
    await settled();
    await wb.screenshot('sidebar-welcome');
  });

  it('the welcome button starts Connect Wix Store; the store connects', async () => {
    await welcome('Stores', 'Connect Wix Store').click();
    await paste('1/4', apiKey);
    await paste('2/4', appId);
    await paste('3/4', appSecret);
    const copyRow = wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Copy webhook URL' }).first();
    await copyRow.waitFor();
    const webhookUrl = /(http:\/\/\S+\/proxy\/\d+\/webhook)/.exec(await copyRow.innerText())?.[1] ?? '';
    assert.ok(webhookUrl);
    const response = await fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: await signWithJose(appInstalled({ appId, instanceId }), keys) });
    assert.equal(response.status, 200);
    const dialog = wb.page.locator('.monaco-dialog-box', { hasText: 'Unverified App Installed' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Use This Instance ID' }).click();
    await wb.page.locator('.notification-toast', { hasText: 'was added to API2Cart' }).first().waitFor({ timeout: 60_000 });
  });

  it('lists the store in Stores, connected and active; an inline Check Connection runs on it', async () => {
    const store = row('Stores', SITE_NAME);
    await store.waitFor();
    await store.locator('.codicon-pass-filled').waitFor();
    assert.match(await store.innerText(), /active/);
    await store.hover();
    await store.locator('.actions .action-label[aria-label="API2Cart Wix: Check Connection"], .actions .action-label[aria-label="Check Connection"]').first().click();
    const connected = wb.notification(`Connected: API2Cart reaches "${SITE_NAME}". App version on the site: 3.1.0.`);
    await connected.waitFor({ timeout: 60_000 });
    // The result is whole, and no progress toast of the check is left running beside it.
    await wb.assertNotificationFits(connected);
    assert.equal(await wb.page.locator('.notification-toast', { hasText: 'Check Connection:' }).count(), 0, 'the progress ended before the result');
    assert.equal(api2cart.callsTo('cart.validate').length, 1);
    // The pointer stays on the row, so the picture shows its inline actions.
    await store.hover();
    await store.locator('.actions .action-label').first().waitFor();
    await wb.screenshot('sidebar-stores');
  });

  it('shows the signed App Installed delivery in Webhook Deliveries; a click opens the decoded event', async () => {
    // Named as people read it, with the store's site name instead of its instance id.
    const delivery = row('Webhook Deliveries', 'App Installed');
    await delivery.waitFor();
    await delivery.getByText(`${SITE_NAME} (${instanceId.slice(0, 4)}…)`).waitFor();
    assert.doesNotMatch(await delivery.innerText(), new RegExp(instanceId));
    await delivery.click();
    await wb.page.locator('.tab', { hasText: 'AppInstalled' }).first().waitFor();
    await wb.page.locator('.view-lines', { hasText: instanceId }).first().waitFor();
    await settled();
    await wb.screenshot('sidebar-deliveries');
  });

  it('lists a request file in Requests after New API2Cart Request, with an inline Run', async () => {
    await welcome('Requests', 'New API2Cart Request').click();
    await wb.quickInput().waitFor();
    await wb.quickInput().fill('cart.info');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'cart.info' }).first().click();
    const file = row('Requests', 'cart.info.api2cart.json');
    await file.waitFor({ timeout: 30_000 });
    await file.hover();
    await file.locator('.actions .action-label').first().waitFor();
    await settled();
    await wb.screenshot('sidebar-requests');
  });

  it('never shows a secret on screen', async () => {
    const screenText = await wb.page.locator('body').innerText();
    const secrets = [apiKey, appSecret, ...api2cart.carts.map((c) => c.storeKey), ...wix.issuedTokens];
    assert.deepEqual(secrets.filter((s) => screenText.includes(s)), []);
  });
});
