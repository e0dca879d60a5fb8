// A new user's first run, start to finish: a fresh profile with the packaged .vsix, the walkthrough
// opened from the palette, each step's own button, the scope planner, the credentials, a signed
// App Installed webhook and the store added against stubbed API2Cart and Wix.
// With API2CART_WIX_UPDATE_README_SHOTS=1 it also refreshes the README's screenshots in media/screenshots.
import { strict as assert } from 'node:assert';
import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import type { MethodName } from '../../src/core/scopes';
import { expectedClauseLabels, ORDER_SYNC_METHODS } from '../support/guidePlan';
import { startApi2CartStub, type Api2CartStub } from '../support/stubs/api2cartStub';
import { startWixStub, type WixStub } from '../support/stubs/wixStub';
import { appInstalled, generateTestKeys, signWithJose } from '../support/webhookSigning';
import { CREDENTIALS_SAVED, freePort, repoRoot, screenshotDir, screenshotOnFailure, Workbench } from './support/workbench';
import { pictureStep } from './support/pictures';
import { stopChainAtFirstFailure } from '../support/chain';

const UPDATE_README_SHOTS = process.env.API2CART_WIX_UPDATE_README_SHOTS === '1';
const README_SHOT_DIR = path.join(repoRoot, 'media', 'screenshots');

const WALKTHROUGH = 'Connect a Wix store to API2Cart';
const STEP = {
  connect: 'Connect Wix Store: all steps in one guided flow',
  plan: 'Plan the Wix app\'s scopes',
  apiKey: 'Set your API2Cart API key',
  app: 'Add the Wix app\'s ID and secret key',
  instance: 'Catch the Instance ID',
  add: 'Add the store to API2Cart',
} as const;
const SITE_NAME = 'Canary Crafts';
const SITE_URL = 'https://canarycrafts.wixsite.com/shop';

const canary = (name: string) => `CANARY-${name}-${randomBytes(9).toString('hex')}`;
const shot = (name: string) => path.join(screenshotDir, `${name}.png`);

describe('first run as a new user: walkthrough to a connected store (packaged .vsix, stubbed API2Cart and Wix)', () => {
  stopChainAtFirstFailure();
  screenshotOnFailure(() => wb);
  let wb: Workbench;
  let view: FrameLocator;
  let api2cart: Api2CartStub;
  let wix: WixStub;
  let port: number;
  let startedAt: number;
  const keys = generateTestKeys();
  const apiKey = canary('api-key');
  const appSecret = canary('app-secret');
  const appId = randomUUID();
  const instanceId = randomUUID();
  const selection: MethodName[] = [...ORDER_SYNC_METHODS, 'product.list'];

  before(async () => {
    startedAt = Date.now();
    port = await freePort();
    api2cart = await startApi2CartStub({ apiKey });
    wix = await startWixStub({ appId, appSecret, instanceId, siteDisplayName: SITE_NAME, siteUrl: SITE_URL });
    wb = await Workbench.open({
      // The empty secondary side bar (chat is off) would only squeeze the editor.
      settings: { 'workbench.secondarySideBar.defaultVisibility': 'hidden' },
      machineSettings: {
        'api2cartWix.api2cart.baseUrl': api2cart.url,
        'api2cartWix.wix.baseUrl': wix.url,
        'api2cartWix.webhook.port': port,
      },
    });
    view = wb.webview();
  });

  after(async () => {
    await wb?.close();
    await api2cart?.close();
    await wix?.close();
    if (startedAt) console.log(`      first run (e2e): ${((Date.now() - startedAt) / 1000).toFixed(1)} s wall time, VS Code start included`);
  });

  /** Titles of the walkthrough steps shown as done (a ticked circle). */
  const doneSteps = () => wb.page.locator('.getting-started-step')
    .filter({ has: wb.page.locator('.codicon-getting-started-step-checked') })
    .locator('.step-title').allInnerTexts();
  /** Waits until exactly `titles` are ticked (completion events arrive a moment after the command). */
  async function waitForDoneSteps(titles: readonly string[]): Promise<void> {
    const checked = wb.page.locator('.gettingStartedContainer .codicon-getting-started-step-checked');
    if (titles.length > 0) await checked.nth(titles.length - 1).waitFor();
    await checked.nth(titles.length).waitFor({ state: 'detached' });
    assert.deepEqual(await doneSteps(), titles);
  }
  const backToWalkthrough = async () => {
    await wb.editorTab('Welcome').click();
    await wb.page.locator('.gettingStartedContainer .getting-started-step').first().waitFor();
  };
  /** Waits for the input box titled `title`, fills it, photographs it if asked, then presses Enter. */
  async function answer(title: string, value: string, screenshot?: string): Promise<void> {
    await wb.page.locator('.quick-input-widget', { hasText: title }).waitFor();
    await wb.quickInput().fill(value);
    if (screenshot) {
      await settle();
      await wb.screenshot(screenshot);
    }
    await wb.submitInput(value);
  }
  /** Waits until the walkthrough shows the open step's markdown page, titled `heading`. */
  const mediaHeading = (heading: string) => wb.walkthroughMedia().getByRole('heading', { name: heading }).waitFor();
  /** Before a screenshot: the pointer off any control (its hover would cover the picture) and a moment for animations. */
  const settle = async () => {
    await wb.page.mouse.move(20, 500);
    await wb.page.waitForTimeout(300);
  };
  /** A toast once its fade-in is over (earlier, a screenshot shows it half transparent). */
  const settledToast = (text: string) => wb.notification(text); // reduceMotion: a toast is whole from the start, no fade to wait for
  const clauseLabels = () => view.locator('#result-list > li').evaluateAll((items) => items.map((li) => li.getAttribute('data-scope-clause') ?? ''));

  it('opens the walkthrough from the command palette; no step is done yet', async () => {
    assert.match(await wb.statusItem().innerText(), /API2Cart: not set up/);
    // Room for the walkthrough's media (VS Code hides it in an editor narrower than 950 px).
    await wb.runCommand('View: Toggle Primary Side Bar Visibility');
    await wb.openWalkthrough(WALKTHROUGH);
    for (const title of Object.values(STEP)) await wb.page.locator('.gettingStartedContainer .step-title', { hasText: title }).waitFor();
    await waitForDoneSteps([]);
    // The step's media: the markdown page beside the steps.
    // The first step offers the one guided flow, or the steps below one by one.
    await mediaHeading('Connect in one flow');
    await settle();
    await wb.screenshot('firstrun-01-walkthrough');
  });

  it('plans the scopes: the step\'s button opens the planner, a preset and one more box are ticked', async () => {
    await (await wb.walkthroughButton(STEP.plan, 'Plan App Scopes')).click();
    await wb.editorTab('Plan Wix App Scopes').waitFor();
    await view.getByRole('checkbox', { name: 'order.list', exact: true }).waitFor();
    await view.getByRole('button', { name: 'Order sync' }).click();
    await view.getByRole('checkbox', { name: 'product.list', exact: true }).check();

    const expected = expectedClauseLabels(selection); // from the guide's table
    await view.locator('#result-summary', { hasText: `${expected.length} permissions for ${selection.length} methods.` }).waitFor();
    assert.deepEqual(await clauseLabels(), expected);
    const ticked = await view.locator('input[data-method]:checked').evaluateAll((boxes) => boxes.map((b) => b.getAttribute('data-method')));
    assert.deepEqual([...ticked].sort(), [...selection].sort());
    await view.locator('fieldset[data-entity="order"]').scrollIntoViewIfNeeded();
    await settle();
    await wb.screenshot('firstrun-02-scope-planner');
  });

  it('names every control of the planner for a screen reader', async () => {
    const tree = await view.locator('main').ariaSnapshot();
    const names = (role: string) => [...tree.matchAll(new RegExp(`^\\s*- ${role}(?: "([^"]*)")?`, 'gm'))].map((m) => m[1] ?? '');
    const methods = await view.locator('input[data-method]').evaluateAll((boxes) => boxes.map((b) => b.getAttribute('data-method') ?? ''));
    assert.equal(methods.length, 57);
    assert.deepEqual(names('checkbox'), methods, 'each checkbox is named by its method');
    assert.deepEqual(names('button').filter((n) => n.trim() === ''), [], `every button has a name:\n${tree}`);
    assert.deepEqual(names('searchbox'), ['Filter methods']);

    // Each entity is a group (fieldset + legend) holding its methods.
    const orderGroup = view.getByRole('group', { name: /^order\b/i });
    await orderGroup.getByRole('checkbox', { name: 'order.list', exact: true }).waitFor();
    assert.equal(await orderGroup.getByRole('button', { name: 'Select all shown order methods' }).count(), 1);

    // The result is a labelled region whose summary is announced when it changes.
    const result = view.getByRole('region', { name: 'Wix permissions to request' });
    const summary = result.locator('[aria-live="polite"]', { hasText: 'permissions for' });
    assert.equal(await summary.count(), 1);
    for (const name of [/Copy as text/, /Copy as JSON/, /Export Markdown/]) {
      assert.equal(await result.getByRole('button', { name }).isEnabled(), true, `${name} is an enabled button in the result region`);
    }
    // Only one live region speaks on a tick: two would announce every change twice.
    assert.deepEqual(await view.locator('[aria-live]:not([role="status"])').evaluateAll((n) => n.map((e) => e.id)), ['result-summary']);
  });

  it('works with the keyboard alone: Tab reaches every control in reading order, each with a visible focus ring', async () => {
    await view.getByRole('searchbox', { name: 'Filter methods' }).focus();
    interface Stop { readonly id: string; readonly method: string; readonly outline: string }
    const stops: Stop[] = [];
    const body = view.locator('body');
    for (let i = 0; i < 200; i++) {
      await wb.page.keyboard.press('Tab');
      const stop = await body.evaluate((b): Stop | undefined => {
        const e = b.ownerDocument.activeElement;
        if (!e || e === b) return undefined; // focus left the webview
        const style = b.ownerDocument.defaultView?.getComputedStyle(e);
        return { id: e.id, method: e.getAttribute('data-method') ?? '', outline: `${style?.outlineStyle} ${style?.outlineWidth}` };
      });
      if (!stop) break;
      stops.push(stop);
      if (stop.id === 'export-markdown') break;
    }
    const methods = await view.locator('input[data-method]').evaluateAll((boxes) => boxes.map((b) => b.getAttribute('data-method') ?? ''));
    assert.deepEqual(stops.filter((s) => s.method !== '').map((s) => s.method), methods, 'every checkbox, in document order');
    const at = (id: string) => stops.findIndex((s) => s.id === id);
    const lastBox = stops.findIndex((s) => s.method === methods[methods.length - 1]);
    assert.ok(at('clear-selection') >= 0 && at('clear-selection') < stops.findIndex((s) => s.method !== ''), 'the toolbar comes before the methods');
    assert.ok(lastBox < at('copy-text') && at('copy-text') < at('copy-json') && at('copy-json') < at('export-markdown'), 'then the result\'s actions');
    assert.deepEqual(stops.filter((s) => s.outline.startsWith('none') || s.outline.endsWith(' 0px')), [], 'every stop shows a focus ring');

    // Space on a focused box toggles it, and Shift+Tab walks back.
    await wb.page.keyboard.press('Shift+Tab');
    await wb.page.keyboard.press('Shift+Tab');
    assert.equal(await view.locator(':focus').getAttribute('id'), 'copy-text');
    await view.getByRole('checkbox', { name: 'order.count', exact: true }).focus();
    await wb.page.keyboard.press('Space');
    await view.locator('input[data-method="order.count"]:not(:checked)').waitFor();
    await view.locator('#result-summary', { hasText: `for ${selection.length - 1} methods.` }).waitFor();
    await wb.page.keyboard.press('Space');
    await view.locator('input[data-method="order.count"]:checked').waitFor();
    await view.locator('#result-summary', { hasText: `for ${selection.length} methods.` }).waitFor();
  });

  it('sets the API key from its walkthrough step', async () => {
    await backToWalkthrough();
    await waitForDoneSteps([STEP.plan]);
    await (await wb.walkthroughButton(STEP.apiKey, 'Set API2Cart API Key')).click();
    await mediaHeading('Your API2Cart API key');
    await answer('API2Cart API Key', apiKey, 'firstrun-03-api-key');
    await wb.notification(CREDENTIALS_SAVED).waitFor();
    await waitForDoneSteps([STEP.plan, STEP.apiKey]);
  });

  it('adds the App ID, the App Secret Key and the webhook public key from the next step', async () => {
    await (await wb.walkthroughButton(STEP.app, 'Set Wix App Credentials')).click();
    await mediaHeading('Wix App ID and App Secret Key');
    await answer('App ID', appId);
    await answer('App Secret Key', appSecret, 'firstrun-04-app-secret');
    await wb.statusItem('credentials ready').waitFor();
    // Each save shows the same toast: clear it, so the next wait sees the public key's.
    await wb.clearNotifications();

    await (await wb.walkthroughButton(STEP.app, 'Set Webhook Public Key')).click();
    await wb.pick('Paste it into an input box');
    // Pasted into a one-line box, the PEM's newlines arrive as spaces.
    await answer('Webhook Public Key', keys.publicKeyPem.trim().replace(/\n/g, ' '));
    await wb.notification(CREDENTIALS_SAVED).waitFor();
    await waitForDoneSteps([STEP.plan, STEP.apiKey, STEP.app]);
  });

  it('catches the Instance ID from a signed App Installed webhook, then stops the receiver', async () => {
    await wb.clearNotifications();
    await (await wb.walkthroughButton(STEP.instance, 'Start Webhook Receiver')).click();
    await mediaHeading('The Instance ID');
    const url = `http://127.0.0.1:${port}/webhook`;
    await settledToast(`Webhook receiver listening at ${url}`).waitFor();
    const receiverItem = wb.page.locator('.statusbar-item', { has: wb.page.locator('.codicon-broadcast') }).filter({ hasText: String(port) }).first();
    await receiverItem.waitFor();

    // What Wix sends when the site owner installs the app (forwarded through a tunnel in real life).
    await wb.clearNotifications();
    const token = await signWithJose(appInstalled({ appId, instanceId }), keys);
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: token });
    assert.equal(response.status, 200);
    const offer = settledToast(`Webhook received: App Installed for Instance ID ${instanceId} (verified)`);
    await offer.waitFor();
    await settle();
    await wb.screenshot('firstrun-05-webhook');
    await offer.getByRole('button', { name: 'Use This Instance ID' }).click();
    await wb.notification('created from the App Installed event and made active').waitFor();

    // A person stops the receiver from its status-bar item once the ID is caught.
    await receiverItem.click();
    await wb.pick('Stop Webhook Receiver');
    await wb.notification(`Webhook receiver stopped; port ${port} is free.`).waitFor();
    await waitForDoneSteps([STEP.plan, STEP.apiKey, STEP.app, STEP.instance]);
  });

  it('adds the store from the last step; the status bar shows it connected', async () => {
    await wb.clearNotifications();
    assert.equal(api2cart.requests.length, 0, 'nothing is sent to API2Cart before Add Store');
    await (await wb.walkthroughButton(STEP.add, 'Add Store to API2Cart')).click();
    await mediaHeading('Add the store');
    await settledToast('was added to API2Cart').waitFor({ timeout: 30_000 });
    await wb.statusItem(`API2Cart: ${SITE_NAME}`).waitFor();
    await waitForDoneSteps(Object.values(STEP));
    // No progress toast (the only one with Cancel) is left beside the result.
    await wb.page.locator('.notification-toast', { has: wb.page.getByRole('button', { name: 'Cancel' }) }).waitFor({ state: 'detached' });
    await settle();
    await wb.screenshot('firstrun-06-connected');

    api2cart.assertCalledOnce('account.cart.add');
    assert.deepEqual(wix.requests.map((r) => r.endpoint), ['token', 'instance', 'catalogVersion']);
    assert.deepEqual([...api2cart.violations, ...wix.violations], []);
  });

  it('never shows a secret on screen', async () => {
    const screenText = await wb.page.locator('body').innerText();
    const secrets = [apiKey, appSecret, ...api2cart.carts.map((c) => c.storeKey), ...wix.issuedTokens];
    assert.ok(secrets.length >= 4, 'the store key and a Wix token exist');
    assert.deepEqual(secrets.filter((s) => screenText.includes(s)), []);
  });

  it('shows the plan beside the connected status bar, and stays readable in the high-contrast theme', async () => {
    // The planner filtered to the order methods, beside the connected status bar.
    await wb.clearNotifications();
    await wb.editorTab('Plan Wix App Scopes').click();
    const filter = view.getByRole('searchbox', { name: 'Filter methods' });
    await filter.fill('order');
    await view.locator('fieldset[data-entity="order"]').waitFor();
    await view.locator('fieldset[data-entity="product"]').waitFor({ state: 'hidden' });
    await view.locator('#result-list > li').first().waitFor();
    await filter.blur();
    assert.match(await wb.statusItem().innerText(), new RegExp(`API2Cart: ${SITE_NAME}`));
    await settle();
    await wb.screenshot('firstrun-07-hero');

    await wb.setColorTheme('Dark High Contrast');
    await view.locator('body.vscode-high-contrast').waitFor();
    // In high contrast every control carries the theme's contrast border, and focus its contrast outline.
    const copy = view.getByRole('button', { name: /Copy as text/ });
    const borders = await copy.evaluate((e) => e.ownerDocument.defaultView?.getComputedStyle(e).borderTopColor);
    assert.notEqual(borders, 'rgba(0, 0, 0, 0)', 'buttons have a visible border');
    const box = view.getByRole('checkbox', { name: 'order.list', exact: true });
    await box.focus();
    await wb.page.keyboard.press('Shift+Tab');
    await wb.page.keyboard.press('Tab');
    const ring = await box.evaluate((e) => {
      const style = e.ownerDocument.defaultView?.getComputedStyle(e);
      return { style: style?.outlineStyle, color: style?.outlineColor };
    });
    assert.equal(ring.style, 'solid');
    assert.notEqual(ring.color, 'rgba(0, 0, 0, 0)');
    // A ticked box is filled with its accent colour: it must differ from the page, or only the tick shows.
    const fill = await box.evaluate((e) => {
      const win = e.ownerDocument.defaultView;
      return { accent: win?.getComputedStyle(e).accentColor, page: win?.getComputedStyle(e.ownerDocument.body).backgroundColor };
    });
    assert.notEqual(fill.accent, fill.page, `a ticked box stands out from the page (${JSON.stringify(fill)})`);
    await settle();
    await wb.screenshot('firstrun-08-high-contrast');
  });

  pictureStep('writes the README\'s pictures (with API2CART_WIX_UPDATE_README_SHOTS=1)', async () => {
    for (const name of ['firstrun-07-hero', 'firstrun-08-high-contrast']) assert.ok(fs.statSync(shot(name)).size > 50_000, name);
    if (UPDATE_README_SHOTS) {
      fs.mkdirSync(README_SHOT_DIR, { recursive: true });
      fs.copyFileSync(shot('firstrun-07-hero'), path.join(README_SHOT_DIR, 'hero.png'));
      fs.copyFileSync(shot('firstrun-08-high-contrast'), path.join(README_SHOT_DIR, 'scope-planner-high-contrast.png'));
      console.log(`      README screenshots written to ${path.relative(repoRoot, README_SHOT_DIR)}`);
    }
  });
});
