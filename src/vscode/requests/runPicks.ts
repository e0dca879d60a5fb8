import vscode = require('vscode');
import { formatClockTime } from '../../core/profiles';
import type { RunHistory, RunRecord } from '../../core/requests/history';
import { CommandIds } from '../commandIds';
import { REQUEST_FILE_GLOB } from './requestFiles';

// Run API2Cart Request's quick picks: the recent runs, and what to run when no request file is open.

interface RecentItem extends vscode.QuickPickItem {
  readonly run?: RunRecord;
  readonly file?: vscode.Uri;
  readonly create?: true;
}

/** What the pick does with what was picked (RequestController). */
export interface RunPickActions {
  /** Opens a run's answer and resolves once it is on screen. */
  openAnswer(run: RunRecord): Promise<void>;
  run(document: vscode.TextDocument): Promise<unknown>;
}

/** The last runs, newest first; a pick reopens its answer. */
export async function showHistory(history: RunHistory, actions: RunPickActions): Promise<void> {
  const runs = history.list();
  if (runs.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No request has run in this window yet.'));
    return;
  }
  const picked = await vscode.window.showQuickPick(runs.map(runItem), {
    title: vscode.l10n.t('Recent API2Cart runs (newest first)'),
    placeHolder: vscode.l10n.t('Pick a run to open its answer'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (picked?.run) await actions.openAnswer(picked.run);
}

/** Run from the palette with no request file in the editor: recent runs, request files, or a new one. */
export async function chooseWhatToRun(history: RunHistory, actions: RunPickActions): Promise<void> {
  const files = await vscode.workspace.findFiles(REQUEST_FILE_GLOB, '**/node_modules/**', 50);
  const items: RecentItem[] = [
    { label: vscode.l10n.t('$(new-file) New API2Cart Request…'), create: true },
    ...(files.length ? [{ label: vscode.l10n.t('Request files'), kind: vscode.QuickPickItemKind.Separator }] : []),
    ...files.map((file): RecentItem => ({ label: `$(json) ${file.path.split('/').pop()}`, description: vscode.workspace.asRelativePath(file), file })),
    ...(history.list().length ? [{ label: vscode.l10n.t('Recent runs: open the answer'), kind: vscode.QuickPickItemKind.Separator }] : []),
    ...history.list().map(runItem),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Run API2Cart Request'),
    placeHolder: vscode.l10n.t('No request file is open: pick one to run, a recent answer, or create a request'),
    matchOnDescription: true,
  });
  if (picked?.create) await vscode.commands.executeCommand(CommandIds.newRequest);
  else if (picked?.run) await actions.openAnswer(picked.run);
  else if (picked?.file) {
    const document = await vscode.workspace.openTextDocument(picked.file);
    await vscode.window.showTextDocument(document);
    await actions.run(document);
  }
}

function runItem(run: RunRecord): RecentItem {
  return {
    label: `$(history) ${run.title}`,
    description: `${run.storeName} · ${formatClockTime(run.at, vscode.env.language)}`,
    detail: `${run.summary} · ${run.requestUri.split('/').pop() ?? ''}${run.text === undefined ? ` · ${vscode.l10n.t('answer no longer in memory')}` : ''}`,
    run,
  };
}
