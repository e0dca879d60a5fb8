import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { packagedVsix, Workbench } from './support/workbench';

/** File names in a zip archive, read from its central directory. */
function zipEntries(file: string): string[] {
  const buf = fs.readFileSync(file);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const nameLength = buf.readUInt16LE(at + 28);
    names.push(buf.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return names;
}

describe('the packaged .vsix', () => {
  it('holds only the bundles, media, README, CHANGELOG, LICENSE and the manifest', () => {
    const files = zipEntries(packagedVsix()).filter(f => f.startsWith('extension/')).map(f => f.slice('extension/'.length)).sort();
    const allowed = /^(dist\/(extension|core-[a-z]+)\.js|dist\/webview\/[A-Za-z]+\.js|media\/(icon\.png|[A-Za-z]+\.css|walkthrough\/[A-Za-z]+\.md)|package\.json|package\.nls\.json|readme\.md|changelog\.md|LICENSE\.txt)$/;
    assert.deepEqual(files.filter(f => !allowed.test(f)), []);
    for (const needed of ['dist/extension.js', 'dist/core-webhook.js', 'dist/core-connection.js', 'dist/webview/scopePlanner.js',
      'media/icon.png', 'package.json', 'readme.md', 'changelog.md', 'LICENSE.txt']) {
      assert.ok(files.includes(needed), `${needed} is in the .vsix`);
    }
  });
});

describe('first look (packaged .vsix in VS Code)', () => {
  let wb: Workbench;
  before(async () => { wb = await Workbench.open(); });
  after(async () => { await wb?.close(); });

  it('shows the status-bar item and opens Show Actions from the command palette', async () => {
    assert.match(await wb.statusItem().innerText(), /API2Cart: not set up/);
    await wb.runCommand('API2Cart Wix: Show Actions');
    await wb.page.locator('.quick-input-widget', { hasText: 'API2Cart Wix' }).waitFor();
    await wb.screenshot('foundation-show-actions');
    await wb.page.keyboard.press('Escape');
  });

  it('opens Show Actions when the status-bar item is clicked', async () => {
    await wb.statusItem().click();
    await wb.page.locator('.quick-input-widget', { hasText: 'API2Cart Wix' }).waitFor();
    await wb.page.keyboard.press('Escape');
  });
});
