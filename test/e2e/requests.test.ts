// Issue 13 as a person does it, in the packaged .vsix: a connected store, its key written to a
// .env, a product.list request run from a request file, its answer read, the store removed.
// No key may be visible on screen, or written to any file but that .env.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stopChainAtFirstFailure } from '../support/chain';
import { SITE_NAME, SITE_URL, startStubbedStore, type StubbedStore } from './support/stubbedStore';
import { screenshotOnFailure, Workbench } from './support/workbench';

/** Every file under `dir` with its path, skipping what cannot be read. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isSymbolicLink()) return [];
    return e.isDirectory() ? filesUnder(full) : e.isFile() ? [full] : [];
  });
}

describe('use a connected store: .env, a request file, its answer, removal (packaged .vsix)', () => {
  stopChainAtFirstFailure();
  screenshotOnFailure(() => wb);
  let wb: Workbench;
  let stubs: StubbedStore;
  const keys = () => [stubs.apiKey, stubs.appSecret, ...stubs.api2cart.carts.map((c) => c.storeKey),
    ...stubs.api2cart.requests.map((r) => String(r.headers['x-store-key'] ?? '')).filter((k) => k.length > 8)];

  before(async () => {
    stubs = await startStubbedStore();
    wb = await Workbench.open({
      machineSettings: stubs.machineSettings,
      // Room for the request and its answer side by side.
      settings: { 'workbench.secondarySideBar.defaultVisibility': 'hidden' },
    });
  });

  after(async () => {
    await wb?.close();
    await stubs?.close();
  });

  /** Nothing on screen shows a key. */
  async function assertNoKeyOnScreen(when: string): Promise<void> {
    const screen = await wb.page.locator('body').innerText();
    assert.deepEqual(keys().filter((k) => screen.includes(k)).length, 0, `a key is visible on screen ${when}`);
  }


  const settled = () => wb.page.waitForTimeout(600);
  const dialog = () => wb.page.locator('.monaco-dialog-box');

  it('connects the store; the success notification offers what to do with it', async () => {
    await wb.setCredentials(stubs);
    await wb.clearNotifications();

    await wb.runCommand('API2Cart Wix: Add Store to API2Cart');
    const added = wb.notification('was added to API2Cart');
    for (const button of ['Verify Permissions', 'Write to .env', 'New Request']) {
      await added.getByRole('button', { name: button }).waitFor();
    }
    // A notification cuts a label or a message that does not fit ("Write Store Key to …"): each must be whole.
    await wb.assertNotificationFits(added);
    await wb.statusItem(`API2Cart: ${SITE_NAME}`).waitFor();
    // Finished: no progress toast (the one with Cancel) stays behind the result.
    await wb.page.locator('.notification-toast', { has: wb.page.getByRole('button', { name: 'Cancel' }) }).waitFor({ state: 'detached' });
    await settled();
    await wb.screenshot('requests-1-connected-next-steps');
    await assertNoKeyOnScreen('after connecting');
  });

  it('writes the store key to .env from the notification, after adding .env to .gitignore', async () => {
    await wb.notification('was added to API2Cart').getByRole('button', { name: 'Write to .env' }).click();
    // The ticks: the store key is ticked, the API key is not.
    await wb.page.locator('.quick-input-widget', { hasText: 'API2CART_API_KEY' }).waitFor();
    await settled();
    await wb.screenshot('requests-2-env-ticks');
    await wb.page.keyboard.press('Enter');
    // This folder is not a git repository: the key goes nowhere until .env is ignored.
    await dialog().filter({ hasText: 'not in a git repository yet' }).waitFor();
    await wb.screenshot('requests-3-env-gitignore-offer');
    await dialog().getByRole('button', { name: 'Add to .gitignore and Write' }).click();
    const written = wb.notification('Wrote API2CART_STORE_KEY for "Canary Crafts" to .env; its .gitignore lists it (no git repository).');
    await written.getByRole('button', { name: 'Open .env' }).waitFor();
    await wb.assertNotificationFits(written);
    await settled();
    await wb.screenshot('requests-4-env-written');
    await assertNoKeyOnScreen('after writing .env');

    const env = fs.readFileSync(path.join(wb.workspaceDir, '.env'), 'utf8');
    const storeKey = stubs.api2cart.carts[0]!.storeKey;
    assert.equal(env.split('\n').filter((l) => l === `API2CART_STORE_KEY=${storeKey}`).length, 1, 'one API2CART_STORE_KEY line with the key');
    assert.ok(!env.includes(stubs.apiKey), 'the API key was not ticked');
    assert.match(fs.readFileSync(path.join(wb.workspaceDir, '.gitignore'), 'utf8'), /^\.env$/m);
  });

  it('creates a product.list request, runs it from its CodeLens and shows the answer beside it', async () => {
    await wb.clearNotifications();
    await wb.runCommand('API2Cart Wix: New API2Cart Request');
    await wb.quickInput().fill('product.list');
    await wb.pick('product.list');
    await wb.editorTab('product.list.api2cart.json').waitFor();
    const run = wb.page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Run' }).first();
    await run.waitFor();
    await wb.page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Copy as cURL' }).first().waitFor();
    await settled();
    await wb.screenshot('requests-5-request-file');

    stubs.api2cart.setResponse('product.list', { kind: 'body', body: {
      return_code: 0, return_message: '', pagination: { previous: null, next: 'c2' },
      result: { products_count: 3, product: [
        { id: '11', name: 'Linen tote', price: 24.5, quantity: 12 },
        { id: '12', name: 'Clay mug', price: 18, quantity: 40 },
      ] },
    } });
    await run.click();
    const tab = wb.editorTab('product.list · HTTP 200');
    await tab.waitFor({ timeout: 30_000 });
    await wb.page.locator('.view-lines', { hasText: 'return_code 0: success.' }).first().waitFor();
    // A cursor in the answer: the request gets a Next page CodeLens.
    await wb.page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Next page' }).first().waitFor();
    await settled();
    await wb.screenshot('requests-6-answer-beside');
    stubs.api2cart.assertCalledOnce('product.list');
    const call = stubs.api2cart.callsTo('product.list')[0]!;
    assert.deepEqual([call.httpMethod, call.headers['x-api-key'], call.headers['x-store-key']], ['GET', stubs.apiKey, stubs.api2cart.carts[0]!.storeKey]);
    await assertNoKeyOnScreen('with the answer open');
  });

  it('removes the store after a modal naming it and its URL; the status bar no longer shows it connected', async () => {
    await wb.runCommand('API2Cart Wix: Remove Store from API2Cart');
    const modal = dialog().filter({ hasText: `Remove "${SITE_NAME}" (${SITE_URL}) from your API2Cart account?` });
    await modal.waitFor();
    await wb.screenshot('requests-7-remove-confirm');
    await modal.getByRole('button', { name: 'Remove Store' }).click();
    const removed = wb.notification('was removed from API2Cart');
    await removed.waitFor();
    // The status bar names the store as not added, as the README says.
    await wb.statusItem(`API2Cart: ${SITE_NAME} not added`).waitFor();
    await wb.notification('Removing').waitFor({ state: 'detached' });
    // The .env written above still holds the key API2Cart no longer accepts: the toast offers to take it out.
    await removed.getByRole('button', { name: 'Remove from .env' }).waitFor();
    await wb.assertNotificationFits(removed);
    await settled();
    await wb.screenshot('requests-8-removed');
    stubs.api2cart.assertCalledOnce('cart.delete');
    assert.equal(stubs.api2cart.carts.length, 0);
    await assertNoKeyOnScreen('after removing the store');
  });

  it('Remove from .env takes out the removed key\'s line after a confirm; every other line stays', async () => {
    const envFile = path.join(wb.workspaceDir, '.env');
    const mode = fs.statSync(envFile).mode & 0o777;
    await wb.notification('was removed from API2Cart').getByRole('button', { name: 'Remove from .env' }).click();
    const confirm = dialog().filter({ hasText: `Remove API2CART_STORE_KEY of "${SITE_NAME}" from .env?` });
    await confirm.waitFor();
    await settled();
    await wb.screenshot('requests-10-remove-from-env-confirm');
    await confirm.getByRole('button', { name: 'Remove from .env' }).click();
    const done = wb.notification(`Removed API2CART_STORE_KEY of "${SITE_NAME}" from .env.`);
    await wb.assertNotificationFits(done);
    const env = fs.readFileSync(envFile, 'utf8');
    assert.ok(!env.includes('API2CART_STORE_KEY'), 'the line is gone');
    assert.ok(!env.includes('written by API2Cart Wix'), 'and the comment written with it');
    assert.equal(fs.statSync(envFile).mode & 0o777, mode, 'the mode is kept');
  });

  it('the request file says the store is not added instead of offering Run', async () => {
    const lensRow = wb.page.locator('.contentWidgets .codelens-decoration', { hasText: 'Store not added to API2Cart' }).first();
    await lensRow.waitFor();
    await lensRow.locator('a', { hasText: 'Add Store' }).waitFor();
    // Whole beside the answer: the row is cut at the editor's width.
    assert.ok(await lensRow.evaluate((e) => e.scrollWidth <= e.clientWidth + 1 && e.getBoundingClientRect().right <= e.closest('.monaco-editor')!.getBoundingClientRect().right), 'the lens row is cut short');
    assert.equal(await wb.page.locator('.contentWidgets .codelens-decoration a', { hasText: /^\s*Run\s*$/ }).count(), 0, 'no Run lens');
    await settled();
    await wb.screenshot('requests-9-file-store-not-added');
  });

  it('wrote no key to any file but the .env, and every request matched the spec', () => {
    const envFile = path.join(wb.workspaceDir, '.env');
    const found = filesUnder(wb.scratchDir)
      .filter((file) => file !== envFile && fs.statSync(file).size < 64 * 1024 * 1024)
      .filter((file) => {
        const bytes = fs.readFileSync(file);
        return keys().some((k) => bytes.includes(k) || bytes.includes(Buffer.from(k, 'utf16le')));
      })
      .map((file) => path.relative(wb.scratchDir, file));
    assert.deepEqual(found, []);
    assert.deepEqual([...stubs.api2cart.violations, ...stubs.wix.violations], []);
  });
});
