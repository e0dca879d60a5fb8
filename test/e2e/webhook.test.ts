import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { appInstalled, generateTestKeys, signWithJose, type TestKeys } from '../support/webhookSigning';
import { CREDENTIALS_SAVED, freePort, screenshotOnFailure, Workbench } from './support/workbench';
import { stopChainAtFirstFailure } from '../support/chain';

// How fast the answer leaves is npm run bench's (its receiver rows); these tests check what is answered.

describe('webhook receiver (packaged .vsix in VS Code)', () => {
  stopChainAtFirstFailure();
  screenshotOnFailure(() => wb);
  let wb: Workbench;
  let keys: TestKeys;
  let port: number;
  const instanceId = randomUUID();
  let token: string;

  before(async () => {
    port = await freePort();
    keys = generateTestKeys();
    token = await signWithJose(appInstalled({ instanceId }), keys);
    wb = await Workbench.open({ machineSettings: { 'api2cartWix.webhook.port': port } });
  });
  after(async () => {
    await wb?.close();
  });

  /** Dismiss earlier toasts so a screenshot shows the one that matters. */
  const clearNotifications = () => wb.runCommand('Notifications: Clear All Notifications');
  /** A toast once its fade-in is over (a screenshot taken earlier shows it half transparent). */
  const settledToast = (text: string) => wb.notification(text); // reduceMotion: a toast is whole from the start, no fade to wait for

  it('stores the webhook public key pasted on one line', async () => {
    await wb.runCommand('API2Cart Wix: Set Webhook Public Key');
    await wb.pick('Paste it into an input box');
    // A one-line input box turns the PEM's newlines into spaces, as it does for a person.
    await wb.answerInput(keys.publicKeyPem.trim().replace(/\n/g, ' '));
    await wb.notification(CREDENTIALS_SAVED).waitFor();
  });

  /** The receiver's own status-bar item: the radio tower and its port. */
  const receiverItem = () => wb.page.locator('.statusbar-item', { has: wb.page.locator('.codicon-broadcast') }).filter({ hasText: String(port) }).first();

  it('starts the receiver from the command palette: its own status item, the connection item unchanged', async () => {
    await clearNotifications();
    await wb.runCommand('API2Cart Wix: Start Webhook Receiver');
    const url = `http://127.0.0.1:${port}/webhook`;
    const started = settledToast(`Webhook receiver listening at ${url}`);
    await started.waitFor();
    await started.locator('a.monaco-button', { hasText: 'Copy URL' }).waitFor();
    // Two lines at most, nothing cut short: which address works from outside is in the item's tooltip.
    await wb.assertNotificationFits(started);
    await receiverItem().waitFor();
    assert.match(await wb.statusItem().innerText(), /API2Cart: not set up/, 'the connection item keeps showing the connection');
    await wb.screenshot('webhook-receiver-started');
  });

  it('takes a signed App Installed posted to the external URL the extension copied: 200, listed in the deliveries', async () => {
    const toast = settledToast(`Webhook receiver listening at http://127.0.0.1:${port}/webhook`);
    await toast.locator('a.monaco-button', { hasText: 'Copy URL' }).click();
    await wb.notification('Copied ').waitFor();
    const copied = await wb.readClipboard();
    const origin = new URL(wb.page.url()).origin;
    assert.equal(copied, `${origin}/proxy/${port}/webhook`, 'the copied URL is code-server\'s forwarded address');
    await clearNotifications();

    // Wix's side: a warm-up GET through the proxy (405, no delivery), then the signed App Installed.
    assert.equal((await fetch(copied)).status, 405);
    const response = await fetch(copied, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: token });
    assert.equal(response.status, 200);

    const offer = settledToast(`Webhook received: App Installed for Instance ID ${instanceId} (verified)`);
    await offer.waitFor();
    await wb.screenshot('webhook-delivery-notification');
    await offer.locator('a.monaco-button', { hasText: 'Use This Instance ID' }).click();
    await wb.notification(`Store "Wix site (${instanceId.slice(0, 4)}…)" created from the App Installed event and made active.`).waitFor();
    await wb.page.locator(`.statusbar-item [aria-label*="(instance ${instanceId})"]`).first().waitFor();

    // The receiver item: its tooltip names both addresses; a click lists the delivery.
    await receiverItem().hover();
    const tooltip = wb.page.locator('.context-view .monaco-hover', { hasText: 'External URL:' }).first();
    await tooltip.waitFor();
    assert.match(await tooltip.innerText(), new RegExp(`Local URL: http://127\\.0\\.0\\.1:${port}/webhook`));
    await wb.screenshot('receiver-status-item');
    await wb.dismissHover();
    await receiverItem().click();
    await wb.pick('Show Deliveries');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: `Wix site (${instanceId.slice(0, 4)}…) · verified · 200` }).first().waitFor();
    await wb.screenshot('receiver-deliveries');
    await wb.page.keyboard.press('Escape');
  });

  it('acknowledges a signed App Installed at the local address too: 200 ok', async () => {
    await clearNotifications();
    const second = randomUUID();
    const body = await signWithJose(appInstalled({ instanceId: second }), keys);
    // A GET is answered 405 and is no delivery.
    assert.equal((await fetch(`http://127.0.0.1:${port}/webhook`)).status, 405);
    const response = await fetch(`http://127.0.0.1:${port}/webhook`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
    assert.equal(response.status, 200);
    assert.equal(await response.text(), 'ok\n');
    await settledToast(`Webhook received: App Installed for Instance ID ${second} (verified)`).waitFor();
  });

  it('decodes the same payload from the palette into a read-only JSON document', async () => {
    await clearNotifications();
    await wb.runCommand('API2Cart Wix: Decode Webhook Payload');
    await wb.answerInput(token);
    await wb.editorTab('AppInstalled-').waitFor();
    const editor = wb.page.locator('.editor-instance .view-lines');
    await editor.filter({ hasText: '"_notes"' }).waitFor();
    // Monaco renders spaces as no-break spaces.
    const text = (await editor.innerText()).replace(/\u00a0/g, ' ');
    assert.match(text, /verified: the RS256 signature matches the stored webhook public key/);
    assert.ok(text.includes(instanceId));
    await settledToast(`Decoded: App Installed for Instance ID ${instanceId} (verified)`).waitFor();
    await wb.screenshot('webhook-decoded-json');
  });

  it('stops the receiver and frees the port', async () => {
    await wb.runCommand('API2Cart Wix: Stop Webhook Receiver');
    await wb.notification(`Webhook receiver stopped; port ${port} is free.`).waitFor();
    await receiverItem().waitFor({ state: 'detached' });
    await assert.rejects(fetch(`http://127.0.0.1:${port}/webhook`, { method: 'POST', body: token }));
  });
});
