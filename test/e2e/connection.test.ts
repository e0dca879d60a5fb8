import { strict as assert } from 'node:assert';
import { randomBytes, randomUUID } from 'node:crypto';
import { startApi2CartStub, type Api2CartStub } from '../support/stubs/api2cartStub';
import { startWixStub, type WixStub } from '../support/stubs/wixStub';
import { CREDENTIALS_SAVED, screenshotOnFailure, Workbench } from './support/workbench';
import { stopChainAtFirstFailure } from '../support/chain';

const canary = (name: string) => `CANARY-${name}-${randomBytes(9).toString('hex')}`;
const SITE_NAME = 'Canary Crafts';
const SITE_URL = 'https://canarycrafts.wixsite.com/shop';

describe('connect a store from the command palette (packaged .vsix, stubbed API2Cart and Wix)', () => {
  stopChainAtFirstFailure();
  screenshotOnFailure(() => wb);
  let wb: Workbench;
  let api2cart: Api2CartStub;
  let wix: WixStub;
  const apiKey = canary('api-key');
  const appSecret = canary('app-secret');
  const appId = randomUUID();
  const instanceId = randomUUID();

  before(async () => {
    api2cart = await startApi2CartStub({ apiKey });
    wix = await startWixStub({ appId, appSecret, instanceId, siteDisplayName: SITE_NAME, siteUrl: SITE_URL });
    wb = await Workbench.open({
      machineSettings: { 'api2cartWix.api2cart.baseUrl': api2cart.url, 'api2cartWix.wix.baseUrl': wix.url },
    });
  });

  after(async () => {
    await wb?.close();
    await api2cart?.close();
    await wix?.close();
  });

  /** Waits for the input box titled `title` and answers it. */
  async function answer(title: string, value: string): Promise<void> {
    await wb.page.locator('.quick-input-widget', { hasText: title }).waitFor();
    await wb.answerInput(value);
  }

  /** Sets the API key and waits until it is saved (earlier toasts are cleared so the wait can't pass on an old one). */
  async function setApiKey(value: string): Promise<void> {
    await wb.clearNotifications();
    await wb.runCommand('API2Cart Wix: Set API2Cart API Key');
    await answer('API2Cart API Key', value);
    await wb.notification(CREDENTIALS_SAVED).waitFor();
  }

  /** Lets a toast finish sliding in, so a screenshot shows it as a person sees it. */
  const settled = () => wb.page.waitForTimeout(600);

  /** The progress notification: the only one with a Cancel button. */
  const progressToast = () => wb.page.locator('.notification-toast', { has: wb.page.getByRole('button', { name: 'Cancel' }) });

  it('sets the credentials and the Instance ID through their palette commands', async () => {
    await setApiKey(apiKey);

    await wb.clearNotifications();
    await wb.runCommand('API2Cart Wix: Set Wix App Credentials');
    await answer('App ID', appId);
    await answer('App Secret Key', appSecret);
    await wb.notification(CREDENTIALS_SAVED).waitFor();

    await wb.runCommand('API2Cart Wix: Set Instance ID');
    await answer('Instance ID', instanceId);
    await answer('Store label', '');
    await wb.notification('created and made active').waitFor();
    assert.equal(api2cart.requests.length, 0, 'nothing is sent to API2Cart before Add Store');
  });

  it('adds the store with a progress notification, then shows it connected', async () => {
    // The first add answers after 4 s, long enough to see (and photograph) the progress.
    api2cart.setResponse('account.cart.add', { kind: 'slow', delayMs: 4_000 }, { kind: 'default' });
    await wb.clearNotifications();
    await wb.runCommand('API2Cart Wix: Add Store to API2Cart');
    // A cancellable progress notification that names the step it is on.
    await progressToast().filter({ hasText: 'Sending the store to API2Cart' }).waitFor();
    await wb.statusItem('checking').waitFor();
    await settled();
    await wb.screenshot('connection-1-add-progress');

    await wb.notification('was added to API2Cart').waitFor({ timeout: 30_000 });
    await wb.statusItem(`API2Cart: ${SITE_NAME}`).waitFor();
    await settled();
    await wb.screenshot('connection-2-add-success');
    api2cart.assertCalledOnce('account.cart.add');
    assert.deepEqual(wix.requests.map((r) => r.endpoint), ['token', 'instance', 'catalogVersion']);
  });

  it('checks the connection', async () => {
    await wb.runCommand('API2Cart Wix: Check Connection');
    await wb.notification(`Connected: API2Cart reaches "${SITE_NAME}"`).waitFor();
    assert.deepEqual(api2cart.requests.slice(-2).map((r) => r.method), ['account.cart.list', 'cart.validate']);
    assert.match(await wb.statusItem().innerText(), new RegExp(`API2Cart: ${SITE_NAME}`));
  });

  it('asks before adding a connected store again; shows a rejected API key with its fix; the fix leads back to a connected store', async () => {
    await setApiKey(canary('wrong-api-key'));
    await wb.clearNotifications();
    await wb.runCommand('API2Cart Wix: Add Store to API2Cart');
    // The store is connected already: adding again happens only on purpose.
    const dialog = wb.page.locator('.monaco-dialog-box', { hasText: 'is already added to API2Cart' });
    await dialog.waitFor();
    await settled();
    await wb.screenshot('connection-3-already-added');
    await dialog.getByRole('button', { name: 'Add Again' }).click();
    const failure = wb.notification('API2Cart rejected the API key');
    const fix = failure.getByRole('button', { name: 'Set API2Cart API Key…' });
    await fix.waitFor();
    await wb.statusItem('API2Cart: error').waitFor();
    await progressToast().waitFor({ state: 'detached' });
    await settled();
    await wb.screenshot('connection-4-add-failure-with-fix');

    // The clicked notification closes, so the next "saved" can only be the new one.
    await fix.click();
    await answer('API2Cart API Key', apiKey);
    await wb.notification(CREDENTIALS_SAVED).waitFor();
    await wb.clearNotifications();
    await wb.runCommand('API2Cart Wix: Add Store to API2Cart');
    await wb.page.locator('.monaco-dialog-box', { hasText: 'is already added to API2Cart' }).getByRole('button', { name: 'Add Again' }).click();
    // The store exists since the first add: API2Cart answers code 8 and the key is adopted.
    await wb.notification('already in your API2Cart account').waitFor();
    await wb.statusItem(`API2Cart: ${SITE_NAME}`).waitFor();
    assert.equal(api2cart.callsTo('account.cart.add').length, 3, 'one add per Add Store, never a retry');
  });

  it('never shows a secret on screen', async () => {
    const screenText = await wb.page.locator('body').innerText();
    const secrets = [apiKey, appSecret, ...api2cart.carts.map((c) => c.storeKey), ...wix.issuedTokens];
    assert.deepEqual(secrets.filter((s) => screenText.includes(s)), []);
    assert.deepEqual([...api2cart.violations, ...wix.violations], []);
  });
});
