import * as vscode from 'vscode';
import { createRedactor } from './core/redaction';
import { CommandIds } from './vscode/commandIds';
import { createLog } from './vscode/log';
import { ConnectionStatusBar } from './vscode/statusBar';

export function activate(context: vscode.ExtensionContext) {
  const redactor = createRedactor();
  const log = createLog(redactor);
  const statusBar = new ConnectionStatusBar();
  context.subscriptions.push(log, statusBar);
  statusBar.render({
    state: 'not-set-up',
    text: `$(plug) ${vscode.l10n.t('API2Cart: not set up')}`,
    tooltip: vscode.l10n.t('Wix → API2Cart: nothing is set up yet. Click for the next step.'),
  });
  context.subscriptions.push(vscode.commands.registerCommand(CommandIds.showActions, async () => {
    await vscode.window.showQuickPick([{ label: vscode.l10n.t('Plan App Scopes') }], { title: vscode.l10n.t('API2Cart Wix') });
  }));
  log.info('activated');
  return process.env.API2CART_WIX_TEST_MODE === '1' ? { statusBar, secrets: context.secrets } : undefined;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
