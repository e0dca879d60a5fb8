/**
 * VS Code side of the scope planner: the command, the single webview panel, its restore-after-
 * reload serializer, and the bridges (workspace state, clipboard, save dialog) that
 * ScopePlannerController needs. All decisions live in the controller and src/core/scopes.
 */
import { randomBytes } from 'node:crypto';
import vscode = require('vscode');
import { formatClockTime } from '../../core/profiles';
import type { MethodName } from '../../core/scopes';
import type { PlannerState } from '../../shared/scopePlannerProtocol';
import { bundleLoader } from '../bundles';
import { CommandIds } from '../commandIds';
import { registerCommands } from '../commands';
import type { Log } from '../log';
import { saveMarkdown, type MarkdownTarget } from '../markdownFile';
import type { ScopePlannerController } from './plannerController';
import type { PlannerStoreContext } from './storeViews';

// The planner's logic and the scope tables it builds: loaded when a panel opens, not at activation.
const plannerFeature = bundleLoader<typeof import('./plannerController')>('feature-planner');

export const SCOPE_PLANNER_VIEW_TYPE = 'api2cartWix.scopePlanner';
export const SELECTION_STATE_KEY = 'api2cartWix.scopePlanner.selection';
/**
 * True while the planner is open. The web workbench saves its open editors only when idle (every
 * 5 s with the window focused) and does not wait for the save on unload, so a reload soon after
 * opening the planner forgets its tab; this key is written at once and brings it back.
 */
export const OPEN_STATE_KEY = 'api2cartWix.scopePlanner.open';
const EXPORT_FILE_NAME = 'wix-app-scopes.md';

/** Where tests send an export instead of the save dialog they cannot click. */
type ExportTarget = MarkdownTarget;

/**
 * The active store as the planner shows it, and what it can do with it (verify, save the report).
 * The permissions feature provides it; without it the planner shows no store section.
 */
export interface PlannerStoreSource {
  current(): Promise<PlannerStoreContext | undefined>;
  onDidChange(listener: () => void): vscode.Disposable;
  verify(): PromiseLike<unknown>;
  cancelVerification(): void;
  saveReport(): PromiseLike<string | undefined>;
}

let openPanel: ScopePlannerPanel | undefined;
let storeSource: PlannerStoreSource | undefined;
/** Tells the status bar that scopes are planned, so "Plan scopes" is no longer a pending step. */
let notifyPlanned: (selection: readonly unknown[]) => void = () => undefined;
const timings: { commandAt?: number; renderedAt?: number } = {};
let exportTargetForTests: ExportTarget | undefined;
/** Set while the extension deactivates (window reload or close): the panel closes, but the person did not close it. */
let deactivating = false;

class ScopePlannerPanel {
  readonly controller: ScopePlannerController;
  private readonly disposables: vscode.Disposable[] = [];
  private storeSubscription: vscode.Disposable | undefined;
  /** Answers to current() can arrive out of order; only the latest request's answer is shown. */
  private storeRequest = 0;

  constructor(
    readonly panel: vscode.WebviewPanel,
    context: vscode.ExtensionContext,
    private readonly log: Log,
  ) {
    const webview = panel.webview;
    webview.options = webviewOptions(context.extensionUri);
    this.controller = new (plannerFeature().ScopePlannerController)(
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
          timings.renderedAt ??= performance.now();
        },
        verify: () => storeSource?.verify() ?? Promise.resolve(),
        cancelVerification: () => storeSource?.cancelVerification(),
        saveReport: () => storeSource?.saveReport() ?? Promise.resolve(undefined),
        formatTime: (iso) => formatClockTime(new Date(iso), vscode.env.language),
      },
      context.workspaceState.get<unknown[]>(SELECTION_STATE_KEY) ?? [],
    );
    webview.html = renderHtml(webview, context.extensionUri, this.controller.initialState());
    void context.workspaceState.update(OPEN_STATE_KEY, true);
    this.disposables.push(
      webview.onDidReceiveMessage((message: unknown) => this.controller.receive(message)),
      panel.onDidDispose(() => {
        if (!deactivating) void context.workspaceState.update(OPEN_STATE_KEY, false);
        this.dispose();
      }),
    );
    this.attachStore();
  }

  /** Follows the store source set now (also when it is set after the panel was restored). */
  attachStore(): void {
    this.storeSubscription?.dispose();
    this.storeSubscription = storeSource?.onDidChange(() => void this.refreshStore());
    void this.refreshStore();
  }

  private async refreshStore(): Promise<void> {
    const request = ++this.storeRequest;
    try {
      const store = await storeSource?.current();
      if (request === this.storeRequest) this.controller.setStore(store);
    } catch (error) {
      this.log.warn(`Scope planner: the active store could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async exportMarkdown(markdown: string): Promise<string | undefined> {
    const target = await saveMarkdown(markdown, {
      fileName: EXPORT_FILE_NAME,
      saveLabel: vscode.l10n.t('Export Scope Plan'),
      title: vscode.l10n.t('Export Wix App Scope Plan'),
      target: exportTargetForTests,
    });
    if (target) this.log.info(`Scope planner: exported the plan to ${target}`);
    return target;
  }

  dispose(): void {
    if (openPanel === this) openPanel = undefined;
    this.storeSubscription?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** Called by the permissions feature at activation; the open panel (if any) follows the new source. */
export function setPlannerStoreSource(source: PlannerStoreSource): vscode.Disposable {
  storeSource = source;
  openPanel?.attachStore();
  return {
    dispose: () => {
      if (storeSource === source) storeSource = undefined;
    },
  };
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The first state rides in the page as a JSON data block (not run, so outside the CSP's script
 * rule; `<` escaped so it cannot close the block): the table paints without waiting for the
 * ready → state round trip, which on a busy machine cost the planner more than the page itself.
 */
function renderHtml(webview: vscode.Webview, extensionUri: vscode.Uri, initial: PlannerState): string {
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
<script type="application/json" id="initial-state">${JSON.stringify(initial).replace(/</g, '\\u003c')}</script>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}

function openPlanner(context: vscode.ExtensionContext, log: Log, preserveFocus = false): void {
  if (openPanel) {
    openPanel.panel.reveal();
    return;
  }
  // Timed from the command to the webview's first paint, so only when a new panel is created.
  timings.commandAt = performance.now();
  timings.renderedAt = undefined;
  const panel = vscode.window.createWebviewPanel(
    SCOPE_PLANNER_VIEW_TYPE,
    vscode.l10n.t('Plan Wix App Scopes'),
    { viewColumn: vscode.ViewColumn.Active, preserveFocus },
    webviewOptions(context.extensionUri),
  );
  openPanel = new ScopePlannerPanel(panel, context, log);
}

/** A restored tab of the planner: its serializer brings it back, nothing to do here. */
const plannerTabRestored = (): boolean =>
  vscode.window.tabGroups.all.some((group) =>
    group.tabs.some((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(SCOPE_PLANNER_VIEW_TYPE)));

/** The planner was open when the window went away, but the workbench did not keep its tab. */
function reopenIfLost(context: vscode.ExtensionContext, log: Log): void {
  if (context.workspaceState.get(OPEN_STATE_KEY) !== true || openPanel || plannerTabRestored()) return;
  log.info('Scope planner: it was open before the reload and its tab was not restored; opening it again.');
  openPlanner(context, log, true);
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
  deactivating = false;
  reopenIfLost(context, log);
  return [
    ...registerCommands(log, { [CommandIds.planScopes]: { title: 'Plan App Scopes', run: () => openPlanner(context, log) } }),
    vscode.window.registerWebviewPanelSerializer(SCOPE_PLANNER_VIEW_TYPE, {
      // The selection lives in workspace state, so the webview's own saved state is not needed.
      async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
        openPanel?.panel.dispose();
        openPanel = new ScopePlannerPanel(panel, context, log);
      },
    }),
    {
      dispose: () => {
        deactivating = true;
        openPanel?.panel.dispose();
      },
    },
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
  /** performance.now() when the command ran, and when the webview reported its first paint after it (npm run bench). */
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
