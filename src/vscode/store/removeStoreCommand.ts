import vscode = require('vscode');
import type { StoreProfile } from '../../core/profiles';
import { connectionCore } from '../lazyCore';
import { createConnectionClients, reportProblem, showPrerequisite, withCancellableProgress } from '../connection/connectionSupport';
import type { Services } from '../services';
import { connectedStore, PREREQUISITE_KINDS } from './connectedStore';
import { envFilesHolding, removeKeyFromEnv } from './envCleanup';
import { workspaceFacts } from './workspacePolicy';

const WHAT = 'Remove Store from API2Cart';
let inFlight: Promise<void> | undefined;

/**
 * Remove Store from API2Cart: after a modal naming the store and its URL, `DELETE cart.delete.json`
 * once; on success the store key is forgotten and the store shows as not added.
 */
export async function removeStoreCommand(s: Services, profileId?: string): Promise<void> {
  if (inFlight) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} is still running; wait for it to finish.', vscode.l10n.t('Remove Store from API2Cart')));
    return;
  }
  inFlight = removeStore(s, profileId).finally(() => {
    inFlight = undefined;
  });
  return inFlight;
}

async function removeStore(s: Services, profileId: string | undefined): Promise<void> {
  const store = await connectedStore(s, { withApiKey: true, ...(profileId !== undefined ? { profileId } : {}) });
  if (!store.ok) {
    return PREREQUISITE_KINDS.includes(store.error.kind) ? showPrerequisite(s, WHAT, store.error) : reportProblem(s, WHAT, store.error);
  }
  const { profile, name, storeKey, apiKey } = store.value;
  const clients = createConnectionClients(s, apiKey!);
  if (!clients.ok) return reportProblem(s, WHAT, clients.error);
  try {
    // The URL makes "which store?" unmistakable; API2Cart knows it when the profile does not.
    let url = profile.siteUrl;
    if (url === undefined) {
      const listed = await clients.value.api2cart.listCarts({ storeKey });
      url = listed.ok ? listed.value.carts.find((c) => c.storeKey === storeKey)?.url : undefined;
    }
    const remove = vscode.l10n.t('Remove Store');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Remove "{0}" ({1}) from your API2Cart account?', name, url || vscode.l10n.t('URL unknown')),
      {
        modal: true,
        detail: vscode.l10n.t('API2Cart deletes the store and its store key (cart.delete); integrations using the key stop working. The Wix site and its data are not changed; Add Store connects it again.'),
      },
      remove,
    );
    if (choice !== remove) {
      s.log.info(`${WHAT}: not confirmed, nothing sent`);
      return;
    }
    // Retry removes this store again (its modal names it), never whichever store is active by then.
    // A Retry pressed while this run is still closing its sockets waits for it, not "still running".
    const retry = async () => {
      await inFlight;
      return removeStoreCommand(s, profile.id);
    };
    const removed = await withCancellableProgress(vscode.l10n.t('Removing "{0}" from API2Cart', name), (signal) =>
      connectionCore().removeStore(clients.value.api2cart, storeKey, { signal }));
    if (!removed.ok) return reportProblem(s, WHAT, removed.error, retry);
    s.log.info(`${WHAT}: ${removed.value.state} (${profile.instanceId})`);
    const forgotten = await s.profiles.forget([{ kind: 'storeKey', profileId: profile.id }]);
    if (!forgotten.ok) {
      return reportProblem(s, WHAT, {
        kind: forgotten.error.kind,
        message: vscode.l10n.t('API2Cart no longer has "{0}", but its store key could not be deleted from secret storage: {1}', name, forgotten.error.message),
        fix: 'retry',
      }, retry);
    }
    await s.status.setError(undefined);
    // One line: a toast without buttons shows only one; the rest is in the log and the status bar.
    s.log.info(`${WHAT}: the store key of ${name} was deleted from secret storage; Add Store connects it again`);
    // A .env still holding the key now holds one API2Cart refuses: offer to take it out.
    const stale = await envFilesHolding(workspaceFacts(), storeKey);
    const cleanUp = vscode.l10n.t('Remove from .env');
    void vscode.window.showInformationMessage(removed.value.state === 'removed'
      ? vscode.l10n.t('"{0}" was removed from API2Cart.', name)
      : vscode.l10n.t('API2Cart no longer had "{0}" (return code {1}).', name, removed.value.returnCode), ...(stale.length > 0 ? [cleanUp] : []))
      .then((choice) => (choice === cleanUp ? removeKeyFromEnv(s, stale, storeKey, name) : undefined));
  } finally {
    await clients.value.dispose();
  }
}

/**
 * After a verified App Removed webhook: the warning the receiver shows, with "Remove from API2Cart
 * too" when the store is still connected there.
 */
export async function showStoreRemovedNotice(s: Services, profile: StoreProfile, message: string): Promise<void> {
  const alsoRemove = vscode.l10n.t('Remove from API2Cart too');
  const choice = await vscode.window.showWarningMessage(message, ...(profile.hasStoreKey ? [alsoRemove] : []));
  if (choice === alsoRemove) await removeStoreCommand(s, profile.id);
}

