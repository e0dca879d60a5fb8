// Verify Store Permissions as a person uses it: tick methods in the planner, add the store, change
// the plan, run the check from the palette against stubs where the order probe fails, and read the
// failure, the Wix permissions it names and the drift in the planner.
// With API2CART_WIX_UPDATE_README_SHOTS=1 it also refreshes the README's picture of it.
import { strict as assert } from 'node:assert';
import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { ALL_METHODS, type MethodName } from '../../src/core/scopes';
import { startApi2CartStub, type Api2CartStub } from '../support/stubs/api2cartStub';
import { startWixStub, type WixStub } from '../support/stubs/wixStub';
import { stopChainAtFirstFailure } from '../support/chain';
import { repoRoot, screenshotOnFailure, Workbench } from './support/workbench';
import { pictureStep } from './support/pictures';

const SITE_NAME = 'Canary Crafts';
const SITE_URL = 'https://canarycrafts.wixsite.com/shop';
const canary = (name: string) => `CANARY-${name}-${randomBytes(9).toString('hex')}`;

describe('verify store permissions from the planner (packaged .vsix, stubbed API2Cart and Wix)', () => {
  stopChainAtFirstFailure();
  screenshotOnFailure(() => wb);
  const credentials = { apiKey: canary('api-key'), appId: randomUUID(), appSecret: canary('app-secret'), instanceId: randomUUID() };
  const { apiKey, appSecret } = credentials;
  let wb: Workbench;
  let view: FrameLocator;
  let api2cart: Api2CartStub;
  let wix: WixStub;
  let checkStartsAt = 0;

  before(async () => {
    api2cart = await startApi2CartStub({
      apiKey,
      // The platform's list lacks customer.list, so the planner flags it.
      platformMethods: ALL_METHODS.filter((m) => m !== 'customer.list'),
    });
    wix = await startWixStub({
      ...credentials,
      siteDisplayName: SITE_NAME,
      siteUrl: SITE_URL,
      permissions: ['WIX_STORES.READ_PRODUCTS', 'WIX_CONTACTS.READ_CONTACTS'],
    });
    wb = await Workbench.open({
      settings: { 'workbench.secondarySideBar.defaultVisibility': 'hidden' },
      machineSettings: { 'api2cartWix.api2cart.baseUrl': api2cart.url, 'api2cartWix.wix.baseUrl': wix.url },
    });
    view = wb.webview();
  });

  after(async () => {
    await wb?.close();
    await api2cart?.close();
    await wix?.close();
  });

  const checkbox = (method: MethodName) => view.getByRole('checkbox', { name: method, exact: true });
  /** Before a screenshot: the pointer off any control, its hover animations finished. */
  const settle = async () => {
    await wb.page.mouse.move(20, 500);
    await wb.animationsDone();
  };

  it('sets the credentials and the Instance ID from the palette', async () => {
    await wb.setCredentials(credentials);
    assert.equal(api2cart.requests.length, 0);
  });

  it('ticks methods, then adds the store: the plan is kept and the planner shows no drift yet', async () => {
    await wb.runCommand('View: Toggle Primary Side Bar Visibility');
    await wb.runCommand('API2Cart Wix: Plan App Scopes');
    for (const method of ['order.list', 'customer.list', 'cart.coupon.list'] as const) await checkbox(method).check();
    await view.locator('#result-summary', { hasText: 'for 3 methods.' }).waitFor();
    await view.getByRole('button', { name: 'Verify on a store…' }).waitFor();

    await wb.clearNotifications();
    await wb.runCommand('API2Cart Wix: Add Store to API2Cart');
    await wb.notification('was added to API2Cart').waitFor({ timeout: 30_000 });
    await view.getByRole('button', { name: `Verify on ${SITE_NAME}` }).waitFor();
    await view.locator('#drift-summary', { hasText: 'No change: the plan asks for the same 5 permissions' }).waitFor();
  });

  it('changes the plan: the drift lists the permissions added and removed since the store was added', async () => {
    await checkbox('product.find').check();
    await checkbox('cart.coupon.list').uncheck();
    const drift = view.getByRole('region', { name: `Changes since "${SITE_NAME}" was added` });
    await drift.locator('#drift-summary', { hasText: '2 added, 1 removed' }).waitFor();
    const items = (name: string) => drift.getByRole('list', { name }).locator('li').allInnerTexts();
    // product.find's permissions, spelled out from the guide so that a wrong table cannot agree with itself.
    assert.deepEqual(await items('Added permissions'), ['+ Product v3 read admin or Read products in v3 catalog', '+ Read Products']);
    assert.deepEqual(await items('Removed permissions'), ['− Manage Coupons']);
    await drift.getByText('Added permissions need a new app version and the site owner\'s approval').waitFor();
    await drift.getByRole('button', { name: 'Copy drift as text' }).click();
    // The feedback appears under the button that copied, not under the plan's copy buttons far above.
    await drift.locator('#drift-status', { hasText: 'Copied the permission changes: 2 added, 1 removed.' }).waitFor();
    assert.equal(await view.locator('#status').innerText(), '');
    assert.match(await wb.readClipboard(), /^Wix permission changes for Canary Crafts since it was added/);
  });

  it('runs Verify Store Permissions from the palette; the order probe fails and its permissions are named in the planner', async () => {
    api2cart.setResponse('order.count', { kind: 'returnCode', code: 100, message: 'Wix refused the request: permission denied' });
    // Slow enough to see the badges while the check runs.
    api2cart.setResponse('product.count', { kind: 'slow', delayMs: 1_500 });
    checkStartsAt = api2cart.requests.length;
    await wb.clearNotifications();
    await wb.runCommand('API2Cart Wix: Verify Store Permissions');
    await view.locator('[data-badge="product"]', { hasText: 'Checking…' }).waitFor();

    const order = view.locator('fieldset[data-entity="order"]');
    await order.locator('[data-badge="order"]', { hasText: 'Fails' }).waitFor();
    const detail = order.locator('[data-verify-detail="order"]');
    await detail.getByText('order.count failed with API2Cart code 100').waitFor();
    assert.deepEqual(await detail.locator('.permissions-to-check li').allInnerTexts(), ['Manage Your App', 'Read Orders', 'Read v3 catalog (PII)']);
    await detail.getByText('Other probes on this store work, so the credentials and the connection are fine').waitFor();
    // The card starts with its conclusion, and drops code 100's credential causes: other probes worked.
    assert.equal(await detail.locator(':scope > *').first().innerText(), 'Permission refused: order.count, the read-only probe for order.list.');
    assert.doesNotMatch(await detail.innerText(), /App Secret Key|Instance ID is not valid/);
    // customer.count works, but cart.methods does not list customer.list: amber, not a green "Works".
    const customer = view.locator('[data-badge="customer"]', { hasText: 'Readable but not on cart.methods' });
    await customer.waitFor();
    assert.match(await customer.getAttribute('class') ?? '', /\btone-limited\b/);
    await view.locator('[data-verify-detail="customer"] .conclusion', { hasText: 'customer.list is not on the platform\'s method list' }).waitFor();
    await view.locator('[data-badge="product"]', { hasText: 'Works' }).waitFor();
    await view.locator('#verify-summary', { hasText: `Checked "${SITE_NAME}"` }).waitFor();
    await view.locator('#verify-summary', { hasText: '1 works, 1 fails, 1 readable but not on cart.methods.' }).waitFor();
    // The platform's method list flags customer.list, on its row and in the summary.
    await view.locator('li[data-method-item="customer.list"] .unsupported-note').waitFor();
    await view.locator('#wix-permissions-summary', { hasText: 'Permissions Wix reports for the app (2)' }).waitFor();

    const toast = wb.notification(`Permissions on "${SITE_NAME}": 1 works, 1 fails, 1 readable but not on cart.methods.`);
    await toast.getByRole('button', { name: 'Save Report…' }).waitFor();

    const sent = api2cart.requests.slice(checkStartsAt);
    assert.deepEqual([...new Set(sent.map((r) => r.httpMethod))], ['GET'], 'the check sent nothing but GET');
    assert.deepEqual(sent.map((r) => r.method).sort(), ['cart.methods', 'customer.count', 'order.count', 'product.count']);
    assert.deepEqual([...api2cart.violations, ...wix.violations], []);
  });

  pictureStep('shows badges and drift together (screenshot)', async () => {
    await wb.clearNotifications();
    // The permissions panel scrolls on its own: its drift section first, then the page to the order group.
    await view.locator('#drift-section').evaluate((e) => e.scrollIntoView({ block: 'nearest' }));
    await view.locator('fieldset[data-entity="order"]').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await settle();
    const picture = await wb.screenshot('permissions-planner-badges-drift');
    if (process.env.API2CART_WIX_UPDATE_README_SHOTS === '1') {
      fs.copyFileSync(picture, path.join(repoRoot, 'media', 'screenshots', 'verify-permissions.png'));
    }
    await view.locator('fieldset[data-entity="customer"]').scrollIntoViewIfNeeded();
    await view.locator('#verify-section').scrollIntoViewIfNeeded();
    await settle();
    await wb.screenshot('permissions-planner-verify-section');
  });

  it('never shows a secret on screen', async () => {
    const screenText = await wb.page.locator('body').innerText();
    const webviewText = await view.locator('body').innerText();
    const secrets = [apiKey, appSecret, ...api2cart.carts.map((c) => c.storeKey), ...wix.issuedTokens];
    assert.deepEqual(secrets.filter((s) => screenText.includes(s) || webviewText.includes(s)), []);
  });
});
