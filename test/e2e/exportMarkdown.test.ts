// Issue 22 item 4: Export Markdown… through the save dialog code-server really shows (VS Code's
// simple file dialog, a quick input), not through the test target the integration layer uses.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectedClauseLabels, orderAndProductListMarkdown } from '../support/guidePlan';
import { stopChainAtFirstFailure } from '../support/chain';
import { screenshotOnFailure, Workbench } from './support/workbench';

const METHODS = ['order.list', 'product.list'];
const today = () => new Date().toISOString().slice(0, 10);

describe('scope planner: Export Markdown… through the real save dialog', () => {
  stopChainAtFirstFailure();
  screenshotOnFailure(() => wb);
  let wb: Workbench;

  before(async () => {
    wb = await Workbench.open();
  });
  after(async () => {
    await wb?.close();
  });

  it('ticks two methods, exports, types a path into the save dialog and writes the plan there', async () => {
    const view = wb.webview();
    await wb.runCommand('API2Cart Wix: Plan App Scopes');
    for (const method of METHODS) await view.locator(`input[data-method="${method}"]`).check();
    await view.locator('#result-summary', { hasText: `for ${METHODS.length} methods` }).waitFor();
    const dayBefore = today();

    await view.locator('#export-markdown').click();
    // The simple file dialog: a quick input titled as the export asked, offering the workspace file.
    const dialog = wb.page.locator('.quick-input-widget', { hasText: 'Export Wix App Scope Plan' });
    await dialog.waitFor();
    // The dialog fills its path in as it reads the folder: wait until it offers the suggested file.
    const suggested = path.join(wb.workspaceDir, 'wix-app-scopes.md');
    await wb.page.waitForFunction((value) => (globalThis as unknown as { document: { querySelector(s: string): { value: string } | null } })
      .document.querySelector('.quick-input-widget input')?.value === value, suggested, { timeout: 30_000 });
    const target = path.join(wb.workspaceDir, 'exported-scope-plan.md');
    assert.ok(!fs.existsSync(target));
    await wb.quickInput().fill(target);
    await wb.screenshot('scope-planner-export-save-dialog');
    await wb.submitInput(target);
    await view.locator('#status', { hasText: 'Exported the scope plan to exported-scope-plan.md.' }).waitFor();
    await wb.screenshot('scope-planner-export-done');

    const written = fs.readFileSync(target, 'utf8');
    const date = /Generated (\d{4}-\d{2}-\d{2})\./.exec(written)?.[1] ?? '';
    assert.ok([dayBefore, today()].includes(date), `dated the day of the export: ${date}`);
    assert.equal(written, orderAndProductListMarkdown(date));
    // The permission column is the guide's own requirements for these methods, each once.
    const permissions = written.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Permission')).map((l) => l.split(' | ')[0]!.slice(2).replace(/\*\*or\*\*/g, 'or'));
    assert.deepEqual(permissions, expectedClauseLabels(METHODS));
    assert.ok(!fs.existsSync(path.join(wb.workspaceDir, 'wix-app-scopes.md')), 'nothing written where the person did not choose');
  });
});
