import vscode = require('vscode');
import { formatClockTime } from '../../core/profiles';
import { requestRows, type RequestFileRow, type RunInput } from '../../core/views/requestsTree';
import { CommandIds } from '../commandIds';
import type { RequestRuns } from '../requests';
import { REQUEST_FILE_GLOB } from '../requests/requestFiles';
import type { TreeModel } from './lazyTree';

/** A file node carries `uri` as a string, which Run API2Cart Request accepts as its argument. */
export type RequestNode =
  | { readonly kind: 'file'; readonly uri: string; readonly row: RequestFileRow }
  | { readonly kind: 'run'; readonly runId: number; readonly run: RunInput };

const FILE_LIMIT = 500;

/** Requests: the workspace's request files (a file watcher keeps the list current) and their recent runs. */
export class RequestsModel implements TreeModel<RequestNode> {
  private files: Promise<readonly vscode.Uri[]> | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly runs: () => RequestRuns | undefined, redraw: () => void) {
    const watcher = vscode.workspace.createFileSystemWatcher(REQUEST_FILE_GLOB);
    const changed = () => {
      this.files = undefined;
      redraw();
    };
    this.subscriptions = [
      watcher, watcher.onDidCreate(changed), watcher.onDidDelete(changed),
      vscode.workspace.onDidChangeWorkspaceFolders(changed),
      ...(runs() ? [runs()!.onDidChange(() => redraw())] : []),
    ];
  }

  async getChildren(element?: RequestNode): Promise<RequestNode[]> {
    if (element?.kind === 'file') return element.row.runs.map((run) => ({ kind: 'run', runId: run.id, run }));
    if (element) return [];
    this.files ??= Promise.resolve(vscode.workspace.findFiles(REQUEST_FILE_GLOB, '**/node_modules/**', FILE_LIMIT));
    const files = (await this.files).map((uri) => ({ uri: uri.toString(), relativePath: vscode.workspace.asRelativePath(uri) }));
    return requestRows(files, this.runs()?.list() ?? []).map((row) => ({ kind: 'file', uri: row.uri, row }));
  }

  getTreeItem(node: RequestNode): vscode.TreeItem {
    if (node.kind === 'run') {
      const item = new vscode.TreeItem(node.run.title);
      item.description = `${node.run.storeName} · ${formatClockTime(node.run.at)}`;
      item.iconPath = new vscode.ThemeIcon('history');
      item.contextValue = 'api2cartWix.requestRun';
      item.command = { command: CommandIds.openRequestRun, title: vscode.l10n.t('Open Answer'), arguments: [{ runId: node.runId }] };
      return item;
    }
    const uri = vscode.Uri.parse(node.uri);
    const item = new vscode.TreeItem(node.row.name, node.row.runs.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    item.id = `api2cartWix.request.${node.uri}`;
    item.resourceUri = uri;
    item.description = node.row.folder;
    item.iconPath = vscode.ThemeIcon.File;
    item.contextValue = 'api2cartWix.requestFile';
    item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [uri] };
    return item;
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}
