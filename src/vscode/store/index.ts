import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import type { Services } from '../services';
import { copyStoreKeyCommand } from './copyStoreKey';
import { removeStoreCommand } from './removeStoreCommand';
import { writeStoreKeyToEnvCommand } from './writeEnvCommand';

/** Copy Store Key, Write Store Key to .env and Remove Store from API2Cart: using, and ending, a connected store. */
export function registerStoreCommands(s: Services): vscode.Disposable[] {
  const guarded = (title: string, command: () => Promise<void>) => async () => {
    try {
      await command();
    } catch (error) {
      // A bug, not a Problem: the stack goes to the log, never into a notification.
      s.log.error(`${title}: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} failed unexpectedly. The API2Cart Wix log has the details.', title));
    }
  };
  return [
    vscode.commands.registerCommand(CommandIds.copyStoreKey, guarded('Copy Store Key', () => copyStoreKeyCommand(s))),
    vscode.commands.registerCommand(CommandIds.writeStoreKeyToEnv, guarded('Write Store Key to .env', () => writeStoreKeyToEnvCommand(s))),
    vscode.commands.registerCommand(CommandIds.removeStore, guarded('Remove Store from API2Cart', () => removeStoreCommand(s))),
  ];
}
