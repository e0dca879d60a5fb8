import { strict as assert } from 'node:assert';
import { zipEntries } from '../support/zip';
import { packagedVsix, screenshotOnFailure, Workbench } from './support/workbench';
import { stopChainAtFirstFailure } from '../support/chain';

/** The packaged extension's files, by their path inside the extension. */
const packaged = () => new Map(zipEntries(packagedVsix()).filter(e => e.name.startsWith('extension/')).map(e => [e.name.slice('extension/'.length), e]));

describe('the packaged .vsix', () => {
  it('holds only the bundles, media, README, CHANGELOG, LICENSE and the manifest', () => {
    const files = [...packaged().keys()].sort();
    const allowed = /^(dist\/(extension|(core|feature)-[a-z]+)\.js|dist\/api2cart-(request\.schema|methods)\.json|dist\/webview\/[A-Za-z]+\.js|media\/(icon\.png|sidebar\.svg|screenshots\/[a-z0-9-]+\.png|[A-Za-z]+\.css|walkthrough\/[A-Za-z]+\.md)|package\.json|package\.nls\.json|readme\.md|changelog\.md|LICENSE\.txt)$/;
    assert.deepEqual(files.filter(f => !allowed.test(f)), []);
    for (const needed of ['dist/extension.js', 'dist/core-webhook.js', 'dist/core-connection.js', 'dist/core-requests.js', 'dist/feature-store.js', 'dist/feature-requests.js', 'dist/webview/scopePlanner.js',
      'dist/api2cart-request.schema.json', 'dist/api2cart-methods.json',
      'media/icon.png', 'package.json', 'readme.md', 'changelog.md', 'LICENSE.txt']) {
      assert.ok(files.includes(needed), `${needed} is in the .vsix`);
    }
  });

  it('ships every image its README shows, linked relatively, and no screenshot the README does not show', () => {
    const files = packaged();
    const readme = files.get('readme.md')!.read().toString('utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)[^)]*\)|<img[^>]+src="([^"]+)"/g)].map((m) => m[1] ?? m[2] ?? '');
    assert.ok(images.length >= 2, `the README shows its screenshots: ${images.join(', ')}`);
    for (const image of images) {
      assert.doesNotMatch(image, /^[a-z]+:/i, `${image} is relative, not rewritten to a repository URL`);
      const entry = files.get(image.replace(/^\.\//, ''));
      assert.ok(entry, `${image} is in the .vsix`);
      assert.deepEqual([...entry.read().subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${image} is a PNG`);
    }
    const shipped = [...files.keys()].filter((f) => f.startsWith('media/screenshots/'));
    assert.deepEqual(shipped.filter((f) => !images.some((i) => i.replace(/^\.\//, '') === f)), [], 'every shipped screenshot is shown');
  });

  it('ships no test hook: activate() of the shipped bundle cannot hand out the secrets or the services', () => {
    const bundle = packaged().get('dist/extension.js')!.read().toString('utf8');
    assert.ok(bundle.includes('activated'), 'this is the extension bundle');
    for (const trace of ['API2CART_WIX_TEST_MODE', 'postFromWebview', 'setExportTarget', 'setReportTarget']) {
      assert.ok(!bundle.includes(trace), `the shipped bundle contains "${trace}"`);
    }
  });
});

describe('first look (packaged .vsix in VS Code)', () => {
  stopChainAtFirstFailure();
  screenshotOnFailure(() => wb);
  let wb: Workbench;
  before(async () => { wb = await Workbench.open(); });
  after(async () => { await wb?.close(); });

  it('shows the status-bar item and opens Show Actions from the command palette', async () => {
    assert.match(await wb.statusItem().innerText(), /API2Cart: not set up/);
    await wb.runCommand('API2Cart Wix: Show Actions');
    await wb.page.locator('.quick-input-widget', { hasText: 'API2Cart Wix' }).waitFor();
    // Nothing set up: the one guided flow is the first row, as in the walkthrough.
    const first = wb.page.locator('.quick-input-list .monaco-list-row').first();
    await first.filter({ hasText: 'Connect Wix Store' }).waitFor();
    assert.match(await first.innerText(), /All steps in one guided flow/);
    await wb.screenshot('foundation-show-actions');
    await wb.page.keyboard.press('Escape');
  });

  it('opens Show Actions when the status-bar item is clicked', async () => {
    await wb.statusItem().click();
    await wb.page.locator('.quick-input-widget', { hasText: 'API2Cart Wix' }).waitFor();
    await wb.page.keyboard.press('Escape');
  });
});
