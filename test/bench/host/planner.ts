// Issue 21: Plan App Scopes, from the command to the table's first paint, beside an empty webview
// panel opened the same way (a command, createWebviewPanel, a nonce script that reports its first
// frame) in the same extension host. Whatever the planner computes or sends before it paints counts.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ScopePlannerTestHooks } from '../../../src/vscode/scopePlanner/scopePlannerPanel';
import { waitFor } from '../../integration/support/extension';
import type { Row } from '../micro';
import { interleaved, median } from '../rounds';

const PLAN_SCOPES = 'api2cartWix.planScopes';
const EMPTY_PANEL = 'api2cartWixBench.emptyPanel';
const EMPTY_VIEW_TYPE = 'api2cartWixBench.empty';

const tabsOf = (viewType: string): vscode.Tab[] =>
  vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(viewType));

/** Polls often: the figure is stamped when the message arrives, the poll only notices it. */
const poll = async <T>(probe: () => T | undefined, what: string): Promise<T> => {
  const end = Date.now() + 30_000;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

/** The empty panel: same options and CSP shape as the planner, a script file that posts on its first frame. */
function registerEmptyPanel(dir: string): { disposable: vscode.Disposable; paintedAt(): number | undefined; dispose(): void } {
  fs.writeFileSync(path.join(dir, 'empty.js'), "requestAnimationFrame(() => acquireVsCodeApi().postMessage({ type: 'rendered' }));\n");
  let panel: vscode.WebviewPanel | undefined;
  let painted: number | undefined;
  const root = vscode.Uri.file(dir);
  const disposable = vscode.commands.registerCommand(EMPTY_PANEL, () => {
    painted = undefined;
    panel = vscode.window.createWebviewPanel(EMPTY_VIEW_TYPE, 'Empty', { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      { enableScripts: true, localResourceRoots: [root] });
    const webview = panel.webview;
    webview.onDidReceiveMessage(() => (painted ??= performance.now()));
    const nonce = Math.random().toString(36).slice(2);
    webview.html = `<!DOCTYPE html><html><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource}; script-src 'nonce-${nonce}'">
</head><body><div id="app"></div><script nonce="${nonce}" src="${webview.asWebviewUri(vscode.Uri.joinPath(root, 'empty.js')).toString()}"></script></body></html>`;
  });
  return { disposable, paintedAt: () => painted, dispose: () => panel?.dispose() };
}

export async function benchPlanner(planner: ScopePlannerTestHooks, rounds = 9): Promise<Row> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'api2cart-wix-bench-panel-'));
  const empty = registerEmptyPanel(dir);
  const closed = (viewType: string) => waitFor(() => (tabsOf(viewType).length === 0 ? true : undefined), `the ${viewType} tab to close`);
  const plannerOpen = async () => {
    planner.dispose();
    await closed('api2cartWix.scopePlanner');
    const t0 = performance.now();
    await vscode.commands.executeCommand(PLAN_SCOPES);
    return (await poll(() => planner.timings().renderedAt, 'the planner table')) - t0;
  };
  const emptyOpen = async () => {
    empty.dispose();
    await closed(EMPTY_VIEW_TYPE);
    const t0 = performance.now();
    await vscode.commands.executeCommand(EMPTY_PANEL);
    return (await poll(empty.paintedAt, 'the empty panel')) - t0;
  };
  try {
    // The first of each in this window (cold) is shown beside the medians of the warm ones; the
    // empty panel goes first, so it pays for the window's first webview, not the planner.
    const coldEmpty = await emptyOpen();
    const coldPlanner = await plannerOpen();
    const r = await interleaved(rounds, 0, plannerOpen, emptyOpen);
    const value = median(r.subject);
    const baseline = median(r.baseline);
    return {
      name: `scope planner: command → table painted (median of ${rounds})`,
      value: `${value.toFixed(0)} ms`,
      baseline: `${baseline.toFixed(0)} ms (empty webview panel); first open ${coldPlanner.toFixed(0)} / ${coldEmpty.toFixed(0)} ms`,
      ratio: value / baseline, budget: '≤ 1.5× (issue 21)', pass: value / baseline <= 1.5,
    };
  } finally {
    planner.dispose();
    empty.dispose();
    empty.disposable.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
