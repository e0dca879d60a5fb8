import vscode = require('vscode');
import { showPrerequisite } from '../connection/connectionSupport';
import type { Services } from '../services';
import { connectedStore } from './connectedStore';
import { refuseUntrusted, type WorkspaceFacts } from './workspacePolicy';

const WHAT = 'Copy Store Key';

/** Copy Store Key: the key of the active store (or `profileId`) to the clipboard, on the person's explicit request only. */
export async function copyStoreKeyCommand(s: Services, facts: WorkspaceFacts, profileId?: string): Promise<void> {
  if (!facts.trusted) return refuseUntrusted(vscode.l10n.t('Copy Store Key'));
  const store = await connectedStore(s, { withApiKey: false, ...(profileId !== undefined ? { profileId } : {}) });
  if (!store.ok) return showPrerequisite(s, WHAT, store.error);
  const { storeKey, name } = store.value;
  await vscode.env.clipboard.writeText(storeKey);
  s.log.info(`${WHAT}: the store key of ${name} was put on the clipboard`);
  const clear = vscode.l10n.t('Clear Clipboard');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('The store key of "{0}" is on the clipboard. Paste it where your integration reads it, never into a file git commits.', name),
    clear,
  );
  // Only if it still holds the key: never wipe something the person copied since.
  if (choice === clear && (await vscode.env.clipboard.readText()) === storeKey) {
    await vscode.env.clipboard.writeText('');
    s.log.info(`${WHAT}: clipboard cleared`);
  }
}
