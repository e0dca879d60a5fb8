// Issue 22 item 4: workspace trust on and the folder untrusted, as a cloned repository opens. What
// the person sees in Restricted Mode comes from the real vscode.workspace.isTrusted (the packaged
// .vsix has no test seam), and changes once they trust the folder with VS Code's own Trust UI.
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { startApi2CartStub, type Api2CartStub } from '../support/stubs/api2cartStub';
import { startWixStub, type WixStub } from '../support/stubs/wixStub';
import { stopChainAtFirstFailure } from '../support/chain';
import { startStubInstaller, type StubInstaller } from './support/stubInstaller';
import { startStubbedStore, type StubbedStore, SITE_NAME } from './support/stubbedStore';
import { freePort, screenshotOnFailure, Workbench } from './support/workbench';

const REFUSED = 'Copy Store Key is turned off in Restricted Mode';

describe('workspace trust on, folder untrusted: Restricted Mode, then trusted through VS Code\'s Trust UI', () => {
  stopChainAtFirstFailure();
  screenshotOnFailure(() => wb);
  let wb: Workbench;
  let store: StubbedStore;
  /** Where the workspace's own settings try to send the credentials, and the person's browser. */
  let attacker: { api2cart: Api2CartStub; wix: WixStub; installer: StubInstaller };
  /** The user's own installer (machine settings), as Wix's would be. */
  let installer: StubInstaller;
  const restrictedIndicator = () => wb.page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first();
  const attackerCalls = () => attacker.api2cart.requests.length + attacker.wix.requests.length + attacker.installer.received.length;

  before(async () => {
    store = await startStubbedStore();
    const triple = { appId: store.appId, tenantId: randomUUID(), instanceId: store.instanceId };
    attacker = {
      api2cart: await startApi2CartStub(),
      wix: await startWixStub({ appId: store.appId, appSecret: store.appSecret, instanceId: store.instanceId }),
      installer: await startStubInstaller(triple),
    };
    installer = await startStubInstaller(triple);
    wb = await Workbench.open({
      workspaceTrust: true,
      settings: { 'security.workspace.trust.enabled': true },
      machineSettings: { ...store.machineSettings, 'api2cartWix.wix.installerUrl': installer.url, 'api2cartWix.webhook.port': await freePort() },
      workspaceFiles: {
        '.vscode/settings.json': JSON.stringify({
          'api2cartWix.api2cart.baseUrl': attacker.api2cart.url,
          'api2cartWix.wix.baseUrl': attacker.wix.url,
          'api2cartWix.wix.installerUrl': attacker.installer.url,
        }, null, 2),
      },
    });
  });

  after(async () => {
    await wb?.close();
    await store?.close();
    await attacker?.api2cart.close();
    await attacker?.wix.close();
    await attacker?.installer.close();
    await installer?.close();
  });

  it('opens the folder untrusted: the window is in Restricted Mode, with VS Code\'s banner and status item', async () => {
    // code-server's web window asks nothing at startup: it opens the unknown folder restricted.
    await restrictedIndicator().waitFor({ timeout: 60_000 });
    await wb.page.locator('.monaco-workbench .banner', { hasText: 'Restricted Mode is intended for safe code browsing' }).waitFor();
    await wb.screenshot('workspace-trust-1-restricted-mode');
  });

  it('in Restricted Mode the store is added through the user\'s servers; the workspace\'s base URLs are ignored', async () => {
    await wb.setCredentials(store);
    await wb.runCommand('API2Cart Wix: Add Store to API2Cart');
    await wb.notification('was added to API2Cart').waitFor({ timeout: 30_000 });
    await wb.statusItem(`API2Cart: ${SITE_NAME}`).waitFor();
    store.api2cart.assertCalledOnce('account.cart.add');
    assert.equal(attackerCalls(), 0, 'the servers named in .vscode/settings.json received nothing');
  });

  it('Open Install Link opens the user\'s installer; the workspace\'s installer URL is ignored', async () => {
    await wb.clearNotifications();
    const opened = wb.page.context().waitForEvent('page');
    await wb.runCommand('API2Cart Wix: Open Install Link');
    const browserTab = await opened;
    await browserTab.locator('h1', { hasText: 'Add the app to your site' }).waitFor();
    const asked = new URL(installer.received.at(-1)!, 'http://stub');
    assert.equal(asked.searchParams.get('appId'), store.appId);
    // Back to this window's receiver, through code-server's port proxy (asExternalUri).
    assert.match(asked.searchParams.get('postInstallationUrl') ?? '', /^http:\/\/127\.0\.0\.1:\d+\/proxy\/\d+\/installed\/[\w-]+$/);
    assert.equal(attacker.installer.received.length, 0, 'the installer named in .vscode/settings.json was not opened');
    await browserTab.close();
    await wb.notification('Install link opened in the browser').waitFor();
  });

  it('Copy Store Key refuses in Restricted Mode, says why, and leaves the clipboard alone', async () => {
    await wb.clearNotifications();
    await wb.runCommand('API2Cart Wix: Copy Store Key');
    const refusal = wb.notification(REFUSED);
    await refusal.getByRole('button', { name: 'Manage Workspace Trust' }).waitFor();
    await wb.animationsDone();
    await wb.screenshot('workspace-trust-2-copy-refused');
    const storeKey = store.api2cart.carts[0]!.storeKey;
    assert.notEqual(await wb.readClipboard().catch(() => ''), storeKey, 'the key is not on the clipboard');
  });

  it('Manage Workspace Trust opens VS Code\'s trust editor; Trust leaves Restricted Mode', async () => {
    await wb.notification(REFUSED).getByRole('button', { name: 'Manage Workspace Trust' }).click();
    const editor = wb.page.locator('.workspace-trust-editor');
    await editor.waitFor();
    await wb.screenshot('workspace-trust-3-trust-editor');
    await editor.getByRole('button', { name: 'Trust', exact: true }).first().click();
    await restrictedIndicator().waitFor({ state: 'detached' });
    await editor.getByText('You trust this folder').waitFor();
    await wb.screenshot('workspace-trust-4-trusted');
    // The trust editor opens over the workbench; closed with its X, as a person does, before the next command.
    await wb.page.locator('.action-label[aria-label^="Close Modal Editor"]').filter({ visible: true }).click();
    await editor.waitFor({ state: 'detached' });
  });

  it('trusted, Copy Store Key puts the key on the clipboard; the workspace still cannot redirect the credentials', async () => {
    await wb.clearNotifications();
    await wb.runCommand('API2Cart Wix: Copy Store Key');
    await wb.notification('is on the clipboard').waitFor();
    await wb.animationsDone();
    await wb.screenshot('workspace-trust-5-copied-when-trusted');
    assert.equal(await wb.readClipboard(), store.api2cart.carts[0]!.storeKey);
    await wb.runCommand('API2Cart Wix: Check Connection');
    await wb.notification(`Connected: API2Cart reaches "${SITE_NAME}"`).waitFor();
    assert.equal(attackerCalls(), 0, 'machine-scoped settings are read from user and machine settings only, trusted or not');
  });
});
