import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { MethodName } from '../../src/core/scopes';
import { expectedClauseLabels, ORDER_AND_PRODUCT_LIST_TEXT, ORDER_SYNC_METHODS } from '../support/guidePlan';
import type { ScopePlannerTestHooks } from '../../src/vscode/scopePlanner/scopePlannerPanel';
import { extensionApi, waitFor } from './support/extension';

const PLAN_SCOPES = 'api2cartWix.planScopes';

/** From the guide's table, not from src/core/scopes (test/support/guidePlan.ts). */
const clauseLabels = (methods: readonly MethodName[]): string[] => expectedClauseLabels(methods);

/** Tabs showing the planner: VS Code prefixes the view type of extension webviews. */
const plannerTabs = (): vscode.Tab[] =>
  vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('api2cartWix.scopePlanner'));

describe('scope planner', () => {
  let planner: ScopePlannerTestHooks;

  before(async () => {
    planner = (await extensionApi()).scopePlanner;
    assert.ok(planner, 'the test hooks are exported in test mode');
  });

  /** Runs the command and waits until the webview reports its first paint of the table. */
  async function openAndWaitForTable(): Promise<void> {
    await vscode.commands.executeCommand(PLAN_SCOPES);
    await waitFor(() => planner.timings().renderedAt, 'the webview to render the table', 20_000);
  }

  after(() => {
    planner?.setExportTarget(undefined);
    planner?.dispose();
  });

  it('opens the panel from the command and renders the method table', async () => {
    planner.dispose();
    await openAndWaitForTable();
    const { commandAt, renderedAt } = planner.timings();
    assert.ok(commandAt !== undefined && renderedAt !== undefined && renderedAt >= commandAt, 'the first paint came after the command (its time is npm run bench\'s)');
    assert.equal(planner.isOpen(), true);
    const state = planner.lastState();
    assert.ok(state, 'the webview asked for the state (ready) and got it');
    assert.equal(state.groups.flatMap((g) => g.methods).length, 57);
    assert.deepEqual(state.presets.map((p) => p.id), ['order-sync', 'catalog-sync', 'inventory-sync', 'read-only']);
    assert.equal(plannerTabs().length, 1);
  });

  it('reveals the open panel instead of opening a second one', async () => {
    const before = planner.timings().commandAt;
    await vscode.commands.executeCommand(PLAN_SCOPES);
    assert.equal(plannerTabs().length, 1);
    assert.equal(planner.timings().commandAt, before, 'no new panel was created');
  });

  it('drives a selection through the message protocol and recomputes the scopes', async () => {
    await planner.postFromWebview({ type: 'setSelection', methods: [] });
    assert.deepEqual(planner.lastState()?.clauses, []);

    await planner.postFromWebview({ type: 'toggle', method: 'order.list', selected: true });
    assert.deepEqual(planner.lastState()?.selection, ['order.list']);
    // The guide's row for order.list, spelled out so that a wrong table cannot agree with itself.
    assert.deepEqual(planner.lastState()?.clauses.map((c) => c.label), ['Manage Your App', 'Read Orders', 'Read v3 catalog (PII)']);

    await planner.postFromWebview({ type: 'toggle', method: 'product.list', selected: true });
    assert.deepEqual(planner.lastState()?.selection, ['order.list', 'product.list']);
    assert.deepEqual(planner.lastState()?.clauses.map((c) => c.label), clauseLabels(['order.list', 'product.list']));
    const shared = planner.lastState()?.clauses.find((c) => c.label === 'Manage Your App');
    assert.deepEqual(shared?.neededBy, ['order.list', 'product.list']);

    await planner.postFromWebview({ type: 'toggle', method: 'order.list', selected: false });
    assert.deepEqual(planner.lastState()?.selection, ['product.list']);
    assert.deepEqual(planner.getSelection(), ['product.list']);
  });

  it('takes "Plan App Scopes" off the pending steps once methods are ticked', async () => {
    const { services } = await extensionApi();
    await planner.postFromWebview({ type: 'setSelection', methods: ['order.list'] });
    const planPending = () => services.status.presentation?.nextSteps.some((s) => s.id === 'planScopes' && s.pending);
    await waitFor(() => (planPending() === false ? true : undefined), 'Plan App Scopes to be done');
  });

  it('applies a preset and says so', async () => {
    await planner.postFromWebview({ type: 'applyPreset', presetId: 'order-sync' });
    // Spelled out; the selection is kept in name order.
    assert.deepEqual(planner.lastState()?.selection, [...ORDER_SYNC_METHODS].sort());
    assert.match(planner.lastNotice() ?? '', /Order sync.*11 methods/);
  });

  it('ignores malformed messages from the webview', async () => {
    const selection = [...planner.getSelection()];
    await planner.postFromWebview({ type: 'toggle', method: 'store.drop_everything', selected: true });
    await planner.postFromWebview({ type: 'setSelection', methods: 'order.list' });
    await planner.postFromWebview({ type: 'applyPreset', presetId: 'no-such-preset' });
    assert.deepEqual(planner.getSelection(), selection);
  });

  it('copies the scope list as text to the clipboard', async () => {
    const methods: MethodName[] = ['order.list', 'product.list'];
    await planner.postFromWebview({ type: 'setSelection', methods });
    await vscode.env.clipboard.writeText('');
    await planner.postFromWebview({ type: 'copyText' });
    const copied = await vscode.env.clipboard.readText();
    assert.equal(copied, ORDER_AND_PRODUCT_LIST_TEXT);
    assert.match(copied, /^- Read Orders \[SCOPE\.DC-STORES\.READ-ORDERS\] \(1 method\)$/m);
    assert.match(planner.lastNotice() ?? '', /Copied 7 scopes as text/);
  });

  it('exports the plan as a Markdown file', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder, 'the test workspace is open');
    const target = vscode.Uri.joinPath(folder, 'exported-wix-scopes.md');
    planner.setExportTarget(target);
    try {
      await planner.postFromWebview({ type: 'setSelection', methods: ['order.list'] });
      await planner.postFromWebview({ type: 'exportMarkdown' });
      const markdown = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
      assert.match(markdown, /^# Wix app scopes for the API2Cart integration$/m);
      assert.match(markdown, /^- \*\*order\*\*: `order\.list`$/m);
      assert.match(markdown, /^\| Read Orders \| `SCOPE\.DC-STORES\.READ-ORDERS` \| 1 method: order\.list \|$/m);
      assert.match(planner.lastNotice() ?? '', /Exported the scope plan to exported-wix-scopes\.md/);
    } finally {
      planner.setExportTarget(undefined);
      await vscode.workspace.fs.delete(target).then(undefined, () => undefined);
    }
  });

  it('keeps the selection in workspace state when the panel is closed and reopened', async () => {
    await planner.postFromWebview({ type: 'setSelection', methods: ['customer.list', 'order.info'] });
    planner.dispose();
    await waitFor(() => (planner.isOpen() ? undefined : true), 'the panel to close');
    assert.deepEqual(planner.getSelection(), ['customer.list', 'order.info'], 'read back from workspace state');

    await openAndWaitForTable();
    assert.deepEqual(planner.lastState()?.selection, ['customer.list', 'order.info']);
    assert.deepEqual(planner.lastState()?.clauses.map((c) => c.label), clauseLabels(['customer.list', 'order.info']));
  });
});
