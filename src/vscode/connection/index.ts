import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import type { Services } from '../services';
import { addStoreCommand } from './addStoreCommand';
import { checkConnectionCommand } from './checkConnectionCommand';

/**
 * Add Store and Check Connection. One runs at a time: a second add while the first is in flight
 * is exactly the duplicate account.cart.add the design forbids.
 */
export function registerConnectionCommands(s: Services): vscode.Disposable[] {
  let running: string | undefined;
  const exclusive = (title: string, command: (s: Services) => Promise<void>) => async () => {
    if (running !== undefined) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} is still running; wait for it to finish.', running));
      return;
    }
    running = title;
    try {
      await command(s);
    } catch (error) {
      // A bug, not a Problem: keep the stack in the log, out of the notification.
      s.log.error(`${title}: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} failed unexpectedly. The API2Cart Wix log has the details.', title));
    } finally {
      running = undefined;
    }
  };
  return [
    vscode.commands.registerCommand(CommandIds.addStore, exclusive(vscode.l10n.t('Add Store to API2Cart'), addStoreCommand)),
    vscode.commands.registerCommand(CommandIds.checkConnection, exclusive(vscode.l10n.t('Check Connection'), checkConnectionCommand)),
  ];
}
