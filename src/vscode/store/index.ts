import vscode = require('vscode');
import type { StoreProfile } from '../../core/profiles';
import { CommandIds } from '../commandIds';
import { registerCommands } from '../commands';
import { bundleLoader } from '../bundles';
import { guardedCommand } from '../problems';
import type { Services } from '../services';
import { workspaceFacts } from './workspacePolicy';
import { profileIdArgument } from '../views/storeArgument';

/** VS Code-side code used now and then (feature-store): out of the activation bundle. */
const storeFeature = bundleLoader<typeof import('./feature')>('feature-store');

/**
 * Copy Store Key, Write Store Key to .env and Remove Store from API2Cart: using, and ending, a
 * connected store. Their code (feature-store) loads on first use, not at activation.
 */
export function registerStoreCommands(s: Services): vscode.Disposable[] {
  return registerCommands(s.log, {
    [CommandIds.copyStoreKey]: { title: 'Copy Store Key', run: (arg?: unknown) => storeFeature().copyStoreKeyCommand(s, workspaceFacts(), profileIdArgument(arg)) },
    [CommandIds.writeStoreKeyToEnv]: { title: 'Write Store Key to .env', run: () => storeFeature().writeStoreKeyToEnvCommand(s, workspaceFacts()) },
    [CommandIds.removeStore]: { title: 'Remove Store from API2Cart', run: (arg?: unknown) => storeFeature().removeStoreCommand(s, profileIdArgument(arg)) },
  });
}

/** The receiver's warning for a verified App Removed, offering "Remove from API2Cart too" for a connected store. */
export function showStoreRemovedNotice(s: Services, profile: StoreProfile, message: string): Promise<void> {
  return guardedCommand(s.log, 'Remove Store from API2Cart', () => storeFeature().showStoreRemovedNotice(s, profile, message))().then(() => undefined);
}
