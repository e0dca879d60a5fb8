/**
 * VS Code side of the scope planner: the command, the single webview panel, its restore-after-
 * reload serializer, and the bridges (workspace state, clipboard, save dialog) that
 * ScopePlannerController needs. All decisions live in the controller and src/core/scopes.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { MethodName } from '../../core/scopes';
import type { PlannerState } from '../../shared/scopePlannerProtocol';
import { CommandIds } from '../commandIds';
import type { Log } from '../log';
import { ScopePlannerController } from './plannerController';

export const SCOPE_PLANNER_VIEW_TYPE = 'api2cartWix.scopePlanner';
export const SELECTION_STATE_KEY = 'api2cartWix.scopePlanner.selection';
const EXPORT_FILE_NAME = 'wix-app-scopes.md';

/** Where tests send an export instead of the save dialog they cannot click. */
type ExportTarget = vscode.Uri | 'untitled';

let openPanel: ScopePlannerPanel | undefined;
/** Tells the status bar that scopes are planned, so "Plan scopes" is no longer a pending step. */
let notifyPlanned: (selection: readonly unknown[]) => void = () => undefined;
const timings: { commandAt?: number; renderedAt?: number } = {};
let exportTargetForTests: ExportTarget | undefined;

class ScopePlannerPanel {
  readonly controller: ScopePlannerController;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    context: vscode.ExtensionContext,
    private readonly log: Log,
  ) {
    const webview = panel.webview;
    webview.options = webviewOptions(context.extensionUri);
    this.controller = new ScopePlannerController(
      {
        post: (message) => webview.postMessage(message),
        persist: (selection) => {
          notifyPlanned(selection);
          return context.workspaceState.update(SELECTION_STATE_KEY, selection);
        },
        copyToClipboard: (text) => vscode.env.clipboard.writeText(text),
        exportMarkdown: (markdown) => this.exportMarkdown(markdown),
        warn: (message) => log.warn(message),
        t: (message, ...args) => vscode.l10n.t(message, ...args),
        now: () => new Date(),
        onRendered: () => {
          timings.renderedAt ??= Date.now();
        },
      },
      context.workspaceState.get<unknown[]>(SELECTION_STATE_KEY) ?? [],
    );
    webview.html = renderHtml(webview, context.extensionUri);
    this.disposables.push(
      webview.onDidReceiveMessage((message: unknown) => this.controller.receive(message)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  private async exportMarkdown(markdown: string): Promise<string | undefined> {
    const target = exportTargetForTests ?? (await this.askExportTarget());
    if (!target) return undefined;
    if (target === 'untitled') {
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
      await vscode.window.showTextDocument(document, { preview: false, viewColumn: vscode.ViewColumn.Beside });
      return vscode.l10n.t('an untitled document');
    }
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(markdown));
    this.log.info(`Scope planner: exported the plan to ${target.toString(true)}`);
    return vscode.workspace.asRelativePath(target);
  }

  /** The save dialog; with no folder to save into, an untitled document the user can save later. */
  private async askExportTarget(): Promise<ExportTarget | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!folder && vscode.env.uiKind === vscode.UIKind.Web) return 'untitled';
    return vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, EXPORT_FILE_NAME) : undefined,
      filters: { [vscode.l10n.t('Markdown')]: ['md'] },
      saveLabel: vscode.l10n.t('Export Scope Plan'),
      title: vscode.l10n.t('Export Wix App Scope Plan'),
    });
  }

  dispose(): void {
    if (openPanel === this) openPanel = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function renderHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(18).toString('base64url');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'scopePlanner.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'scopePlanner.css'));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>${escapeHtml(vscode.l10n.t('Plan Wix App Scopes'))}</title>
</head>
<body>
<div id="app" aria-busy="true"><p>${escapeHtml(vscode.l10n.t('Loading the scope planner…'))}</p></div>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}

function openPlanner(context: vscode.ExtensionContext, log: Log): void {
  if (openPanel) {
    openPanel.panel.reveal();
    return;
  }
  // Timed from the command to the webview's first paint, so only when a new panel is created.
  timings.commandAt = Date.now();
  timings.renderedAt = undefined;
  const panel = vscode.window.createWebviewPanel(
    SCOPE_PLANNER_VIEW_TYPE,
    vscode.l10n.t('Plan Wix App Scopes'),
    vscode.ViewColumn.Active,
    webviewOptions(context.extensionUri),
  );
  openPanel = new ScopePlannerPanel(panel, context, log);
}

/** Registers `api2cartWix.planScopes` and the serializer that restores the panel after a reload. */
export function registerScopePlanner(
  context: vscode.ExtensionContext,
  log: Log,
  onPlanned: () => void = () => undefined,
): vscode.Disposable[] {
  notifyPlanned = (selection) => {
    if (selection.length > 0) onPlanned();
  };
  notifyPlanned(context.workspaceState.get<unknown[]>(SELECTION_STATE_KEY) ?? []);
  return [
    vscode.commands.registerCommand(CommandIds.planScopes, () => openPlanner(context, log)),
    vscode.window.registerWebviewPanelSerializer(SCOPE_PLANNER_VIEW_TYPE, {
      // The selection lives in workspace state, so the webview's own saved state is not needed.
      async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
        openPanel?.panel.dispose();
        openPanel = new ScopePlannerPanel(panel, context, log);
      },
    }),
    { dispose: () => openPanel?.panel.dispose() },
  ];
}

export interface ScopePlannerTestHooks {
  isOpen(): boolean;
  /** The open panel's selection, else the persisted one. */
  getSelection(): readonly MethodName[];
  /** Delivers a message as if the webview had sent it (validated like any other). */
  postFromWebview(message: unknown): Promise<void>;
  /** The last state posted to the webview, if a panel is open. */
  lastState(): PlannerState | undefined;
  lastNotice(): string | undefined;
  /** Date.now() when the command ran, and when the webview reported its first paint after it. */
  timings(): { readonly commandAt?: number; readonly renderedAt?: number };
  /** Sends exports to this file or an untitled document instead of the save dialog; undefined restores the dialog. */
  setExportTarget(target: ExportTarget | undefined): void;
  dispose(): void;
}

/** For integration tests only: reach the open panel through the same message protocol the webview uses. */
export function scopePlannerTestHooks(context?: vscode.ExtensionContext): ScopePlannerTestHooks {
  return {
    isOpen: () => openPanel !== undefined,
    getSelection: () =>
      openPanel?.controller.selection ?? context?.workspaceState.get<MethodName[]>(SELECTION_STATE_KEY) ?? [],
    postFromWebview: (message) =>
      openPanel ? openPanel.controller.receive(message) : Promise.reject(new Error('The scope planner is not open.')),
    lastState: () => openPanel?.controller.lastState,
    lastNotice: () => {
      const notice = openPanel?.controller.lastNotice;
      return notice?.type === 'notice' ? notice.text : undefined;
    },
    timings: () => ({ ...timings }),
    setExportTarget: (target) => {
      exportTargetForTests = target;
    },
    dispose: () => openPanel?.panel.dispose(),
  };
}
