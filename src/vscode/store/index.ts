import * as vscode from 'vscode';
import type { StoreProfile } from '../../core/profiles';
import { CommandIds } from '../commandIds';
import { storeFeature } from '../lazyCore';
import type { Services } from '../services';
import { workspaceFacts } from './workspacePolicy';

/** Runs a command; a bug (not a Problem) goes to the log with its stack, never into a notification. */
export function guardedCommand<T>(s: Services, title: string, command: () => Promise<T>): () => Promise<T | undefined> {
  return async () => {
    try {
      return await command();
    } catch (error) {
      s.log.error(`${title}: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} failed unexpectedly. The API2Cart Wix log has the details.', title));
      return undefined;
    }
  };
}

/**
 * Copy Store Key, Write Store Key to .env and Remove Store from API2Cart: using, and ending, a
 * connected store. Their code (feature-store) loads on first use, not at activation.
 */
export function registerStoreCommands(s: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(CommandIds.copyStoreKey, guardedCommand(s, 'Copy Store Key', () => storeFeature().copyStoreKeyCommand(s, workspaceFacts()))),
    vscode.commands.registerCommand(CommandIds.writeStoreKeyToEnv, guardedCommand(s, 'Write Store Key to .env', () => storeFeature().writeStoreKeyToEnvCommand(s, workspaceFacts()))),
    vscode.commands.registerCommand(CommandIds.removeStore, guardedCommand(s, 'Remove Store from API2Cart', () => storeFeature().removeStoreCommand(s))),
  ];
}

/** The receiver's warning for a verified App Removed, offering "Remove from API2Cart too" for a connected store. */
export function showStoreRemovedNotice(s: Services, profile: StoreProfile, message: string): Promise<void> {
  return guardedCommand(s, 'Remove Store from API2Cart', () => storeFeature().showStoreRemovedNotice(s, profile, message))().then(() => undefined);
}
