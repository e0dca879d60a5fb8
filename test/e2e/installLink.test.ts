// From a fresh install to a connected store through the install link, counting what the person
// does, Wix's side included: the command, three pasted values, opening the link, and the install
// click on the installer's page. A stub installer at api2cartWix.wix.installerUrl plays Wix: it
// sends the browser to postInstallationUrl with appId, tenantId and instanceId appended. No
// webhook is posted.
import { strict as assert } from 'node:assert';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { stopChainAtFirstFailure } from '../support/chain';
import { startApi2CartStub, type Api2CartStub } from '../support/stubs/api2cartStub';
import { startWixStub, type WixStub } from '../support/stubs/wixStub';
import { startStubInstaller, type StubInstaller } from './support/stubInstaller';
import { freePort, screenshotDir, screenshotOnFailure, Workbench } from './support/workbench';
import * as path from 'node:path';

const SITE_NAME = 'Canary Crafts';
const MAX_ACTIONS = 6;
const canary = (name: string) => `CANARY-${name}-${randomBytes(9).toString('hex')}`;

describe('Connect Wix Store through the install link: connected in at most 6 actions, no webhook', () => {
  stopChainAtFirstFailure();
  screenshotOnFailure(() => wb);
  let wb: Workbench;
  let api2cart: Api2CartStub;
  let wix: WixStub;
  let installer: StubInstaller;
  let installerPage: Page;
  let postInstallationUrl = '';
  const apiKey = canary('api-key');
  const appSecret = canary('app-secret');
  const appId = randomUUID();
  const instanceId = randomUUID();
  const tenantId = randomUUID();
  const actions: string[] = [];

  before(async () => {
    const port = await freePort();
    api2cart = await startApi2CartStub({ apiKey });
    wix = await startWixStub({ appId, appSecret, instanceId, siteDisplayName: SITE_NAME, siteUrl: 'https://canarycrafts.wixsite.com/shop' });
    installer = await startStubInstaller({ appId, tenantId, instanceId });
    wb = await Workbench.open({
      machineSettings: {
        'api2cartWix.api2cart.baseUrl': api2cart.url, 'api2cartWix.wix.baseUrl': wix.url,
        'api2cartWix.webhook.port': port, 'api2cartWix.wix.installerUrl': installer.url,
      },
    });
  });

  after(async () => {
    await wb?.close();
    await api2cart?.close();
    await wix?.close();
    await installer?.close();
    if (actions.length) console.log(`      actions: ${actions.length} (${actions.join('; ')})`);
  });

  const step = (counter: string) => wb.page.locator('.quick-input-widget', { hasText: counter }).first();
  const settled = async () => {
    await wb.page.mouse.move(20, 500);
    await wb.page.waitForTimeout(300);
  };
  async function paste(what: string, counter: string, value: string): Promise<void> {
    await step(counter).waitFor();
    await wb.quickInput().fill(value);
    await wb.submitInput(value);
    actions.push(`paste ${what}`);
  }

  it('runs the command and takes the three values', async () => {
    await wb.runCommand('API2Cart Wix: Connect Wix Store');
    actions.push('run Connect Wix Store');
    await paste('the API key', '1/4', apiKey);
    await paste('the App ID', '2/4', appId);
    await paste('the App Secret Key', '3/4', appSecret);
  });

  it('offers the install link first in the Instance ID step, the permissions question beside it', async () => {
    await step('4/4').locator('input[placeholder^="Open the install link and install the app"]').waitFor();
    const rows = wb.page.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor();
    assert.match(await rows.first().innerText(), /Open the install link/);
    assert.match(await rows.nth(1).innerText(), /Plan the permissions first/);
    await settled();
    await wb.screenshot('install-1-instance-step');
  });

  it('opens the link in the browser: the installer receives the state in postInstallationUrl\'s path', async () => {
    const opened = wb.page.context().waitForEvent('page');
    await wb.pick('Open the install link');
    actions.push('open the install link');
    installerPage = await opened;
    await installerPage.waitForLoadState();
    const asked = new URL(installer.received.at(-1)!, 'http://stub');
    assert.equal(asked.searchParams.get('appId'), appId);
    postInstallationUrl = asked.searchParams.get('postInstallationUrl') ?? '';
    assert.match(postInstallationUrl, /\/proxy\/\d+\/installed\/[A-Za-z0-9_-]{20,}$/, `the state arrived intact: ${postInstallationUrl}`);
  });

  it('refuses a redirect for another app before the real one, and stores nothing', async () => {
    const foreign = new URL(postInstallationUrl);
    for (const [name, value] of Object.entries({ appId: randomUUID(), tenantId, instanceId })) foreign.searchParams.append(name, value);
    const res = await fetch(foreign);
    assert.equal(res.status, 400);
    assert.match(await res.text(), /another app/);
  });

  it('the install click brings the Instance ID back: the /installed page says so, reflecting nothing', async () => {
    await installerPage.locator('#install').click();
    actions.push('click Install on the installer\'s page');
    await installerPage.locator('h1', { hasText: 'The Instance ID reached VS Code' }).waitFor();
    assert.ok(!(await installerPage.content()).includes(instanceId), 'no value from the query on the page');
    await installerPage.screenshot({ path: path.join(screenshotDir, 'install-2-installed-page.png') });
  });

  it('adds the store once and ends connected; a replayed redirect is refused', async () => {
    const success = wb.page.locator('.notification-toast', { hasText: 'was added to API2Cart' }).first();
    await success.waitFor({ timeout: 60_000 });
    await wb.statusItem(`API2Cart: ${SITE_NAME}`).waitFor();
    await settled();
    await wb.screenshot('install-3-connected');
    const replay = new URL(postInstallationUrl);
    for (const [name, value] of Object.entries({ appId, tenantId, instanceId })) replay.searchParams.append(name, value);
    const res = await fetch(replay);
    assert.equal(res.status, 410, 'the used state is refused');
    await res.text();
    api2cart.assertCalledOnce('account.cart.add');
    assert.deepEqual([...api2cart.violations, ...wix.violations], []);
    assert.ok(actions.length <= MAX_ACTIONS, `${actions.length} actions: ${actions.join('; ')}`);
    assert.equal(actions.length, 6);
  });

  it('never shows a secret on screen', async () => {
    const screenText = await wb.page.locator('body').innerText();
    const secrets = [apiKey, appSecret, ...api2cart.carts.map((c) => c.storeKey), ...wix.issuedTokens];
    assert.deepEqual(secrets.filter((s) => screenText.includes(s)), []);
  });
});
