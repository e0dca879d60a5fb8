import * as vscode from 'vscode';
import type { StoreProfile } from '../../core/profiles';
import { CommandIds } from '../commandIds';
import { storeFeature } from '../lazyCore';
import { guardedCommand } from '../problems';
import type { Services } from '../services';
import { workspaceFacts } from './workspacePolicy';
import { profileIdArgument } from '../views/storeArgument';

/**
 * Copy Store Key, Write Store Key to .env and Remove Store from API2Cart: using, and ending, a
 * connected store. Their code (feature-store) loads on first use, not at activation.
 */
export function registerStoreCommands(s: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(CommandIds.copyStoreKey, (arg?: unknown) =>
      guardedCommand(s.log, 'Copy Store Key', () => storeFeature().copyStoreKeyCommand(s, workspaceFacts(), profileIdArgument(arg)))()),
    vscode.commands.registerCommand(CommandIds.writeStoreKeyToEnv, guardedCommand(s.log, 'Write Store Key to .env', () => storeFeature().writeStoreKeyToEnvCommand(s, workspaceFacts()))),
    vscode.commands.registerCommand(CommandIds.removeStore, (arg?: unknown) =>
      guardedCommand(s.log, 'Remove Store from API2Cart', () => storeFeature().removeStoreCommand(s, profileIdArgument(arg)))()),
  ];
}

/** The receiver's warning for a verified App Removed, offering "Remove from API2Cart too" for a connected store. */
export function showStoreRemovedNotice(s: Services, profile: StoreProfile, message: string): Promise<void> {
  return guardedCommand(s.log, 'Remove Store from API2Cart', () => storeFeature().showStoreRemovedNotice(s, profile, message))().then(() => undefined);
}
