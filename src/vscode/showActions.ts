import vscode = require('vscode');
import type { StatusActionId } from '../core/status';
import { actionCommands } from './commandIds';
import type { ConnectionStatus } from './statusBar';

interface ActionItem extends vscode.QuickPickItem {
  readonly action?: StatusActionId;
}

/** The quick pick behind the status-bar item: pending steps first, the next one preselected. */
export async function showActions(status: ConnectionStatus): Promise<void> {
  await status.refresh();
  const view = status.presentation;
  if (!view) return;
  const pending = view.nextSteps.filter(s => s.pending);
  const other = view.nextSteps.filter(s => !s.pending);
  const toItem = (s: (typeof view.nextSteps)[number]): ActionItem => ({ label: s.label, detail: s.detail, action: s.id });
  const items: ActionItem[] = [
    ...(pending.length ? [{ label: vscode.l10n.t('Next steps'), kind: vscode.QuickPickItemKind.Separator }] : []),
    ...pending.map(toItem),
    ...(other.length ? [{ label: vscode.l10n.t('More actions'), kind: vscode.QuickPickItemKind.Separator }] : []),
    ...other.map(toItem),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: `API2Cart Wix — ${view.text.replace(/\$\([^)]*\)\s*/g, '')}`,
    placeHolder: vscode.l10n.t('Choose what to do next'),
    matchOnDetail: true,
  });
  if (!picked?.action) return;
  const target = actionCommands[picked.action];
  await vscode.commands.executeCommand(target.command, ...(target.args ?? []));
}
