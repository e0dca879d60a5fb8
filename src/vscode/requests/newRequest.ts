import vscode = require('vscode');
import type { MethodCatalogue } from '../../core/requests';
import { normaliseSelection, type MethodName } from '../../core/scopes';
import { requestsCore } from '../lazyCore';
import { showProblem } from '../problems';
import type { Services } from '../services';
import type { WorkspaceFacts } from '../store/workspacePolicy';
import type { RequestController } from './requestController';
import { REQUEST_FILE_SUFFIX } from './requestFiles';
import { ACCOUNT_STORE_PREFIX } from '../views/accountStores';
import type { StoreArgument } from '../views/storeArgument';

interface MethodItem extends vscode.QuickPickItem {
  readonly method?: string;
}

interface FolderItem extends vscode.QuickPickItem {
  readonly folder: vscode.WorkspaceFolder;
}

/** The guide's methods, the ones ticked in the scope planner first and marked. */
export function methodItems(catalogue: MethodCatalogue, planned: readonly string[]): MethodItem[] {
  const item = (method: string, isPlanned: boolean): MethodItem => {
    const spec = catalogue.methods[method]!;
    const verb = spec.http === 'GET' ? 'GET' : vscode.l10n.t('{0} · changes the store', spec.http);
    return {
      label: isPlanned ? `$(check) ${method}` : method,
      description: isPlanned ? vscode.l10n.t('planned · {0}', verb) : verb,
      detail: spec.summary,
      method,
    };
  };
  const all = Object.keys(catalogue.methods);
  const ticked = all.filter((m) => planned.includes(m));
  const rest = all.filter((m) => !planned.includes(m));
  return [
    ...(ticked.length ? [{ label: vscode.l10n.t('Planned in Plan App Scopes'), kind: vscode.QuickPickItemKind.Separator }] : []),
    ...ticked.map((m) => item(m, true)),
    ...(ticked.length ? [{ label: vscode.l10n.t('All of the guide\'s methods'), kind: vscode.QuickPickItemKind.Separator }] : []),
    ...rest.map((m) => item(m, false)),
  ];
}

async function pickFolder(folders: readonly vscode.WorkspaceFolder[]): Promise<vscode.WorkspaceFolder | undefined | 'none'> {
  if (folders.length === 0) return 'none';
  if (folders.length === 1) return folders[0];
  const active = vscode.window.activeTextEditor ? vscode.workspace.getWorkspaceFolder(vscode.window.activeTextEditor.document.uri) : undefined;
  const ordered = active ? [active, ...folders.filter((f) => f !== active)] : folders;
  const picked = await vscode.window.showQuickPick<FolderItem>(ordered.map((folder) => ({ label: folder.name, description: vscode.workspace.asRelativePath(folder.uri), folder })), {
    title: vscode.l10n.t('New API2Cart Request'),
    placeHolder: vscode.l10n.t('Which workspace folder gets the request file?'),
  });
  return picked?.folder;
}

/** `<method>.api2cart.json`, or `<method>-2.api2cart.json`… when taken. */
async function freeUri(folder: vscode.Uri, method: string): Promise<vscode.Uri> {
  for (let n = 1; ; n++) {
    const uri = vscode.Uri.joinPath(folder, `${method}${n === 1 ? '' : `-${n}`}${REQUEST_FILE_SUFFIX}`);
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      return uri;
    }
  }
}

/**
 * New API2Cart Request: pick a method, get `<method>.api2cart.json` with its required parameters
 * as placeholders, in a workspace folder when there is one (else an unsaved file of that name).
 */
export async function newRequestCommand(
  s: Services,
  controller: RequestController,
  context: { readonly facts: WorkspaceFacts; readonly plannedMethods: readonly unknown[]; readonly store?: StoreArgument },
): Promise<vscode.Uri | undefined> {
  const catalogue = await controller.loadCatalogue();
  if (!catalogue.ok) {
    void showProblem(catalogue.error, s.redactor);
    return undefined;
  }
  const planned: readonly MethodName[] = normaliseSelection(context.plannedMethods);
  const picked = await vscode.window.showQuickPick(methodItems(catalogue.value, planned), {
    title: vscode.l10n.t('New API2Cart Request'),
    placeHolder: vscode.l10n.t('The method to call (ticked in Plan App Scopes first)'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked?.method) return undefined;
  const method = picked.method;
  const folder = await pickFolder(context.facts.folders);
  if (folder === undefined) return undefined;
  const params = requestsCore().minimalParams(catalogue.value, catalogue.value.methods[method]!);
  const store = await fileStore(s, context.store);
  const text = `${JSON.stringify({ method, ...(store !== undefined ? { store } : {}), params }, null, 2)}\n`;

  let document: vscode.TextDocument;
  if (folder === 'none') {
    document = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'untitled', path: `${method}${REQUEST_FILE_SUFFIX}` }));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), text);
    await vscode.workspace.applyEdit(edit);
  } else {
    const uri = await freeUri(folder.uri, method);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    document = await vscode.workspace.openTextDocument(uri);
  }
  const editor = await vscode.window.showTextDocument(document);
  // The cursor goes into the first placeholder, ready to type.
  const placeholder = /"[^"]+": ("")|"params": \{\}/.exec(text);
  if (placeholder) {
    const position = document.positionAt(placeholder.index + placeholder[0].length - 1);
    editor.selection = new vscode.Selection(position, position);
  }
  s.log.info(`New API2Cart Request: ${method} in ${document.uri.scheme === 'untitled' ? 'an unsaved file' : vscode.workspace.asRelativePath(document.uri)}`);
  return document.uri;
}

/**
 * Invoked on a Stores view item: the file names that store (a profile by its instance id, an
 * account store by `api2cart:<id>`), never its key. From the palette: none, the active store.
 */
async function fileStore(s: Services, store: StoreArgument | undefined): Promise<string | undefined> {
  if (store?.accountId !== undefined) return `${ACCOUNT_STORE_PREFIX}${store.accountId}`;
  if (store?.profileId === undefined) return undefined;
  const profile = await s.profiles.getProfile(store.profileId);
  return profile.ok ? profile.value?.instanceId : undefined;
}
