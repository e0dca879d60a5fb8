import { strict as assert } from 'node:assert';
import { Workbench } from './support/workbench';

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
