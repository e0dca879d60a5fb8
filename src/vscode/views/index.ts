import vscode = require('vscode');
import { CommandIds } from '../commandIds';
import { bundleLoader } from '../bundles';
import { registerCommands } from '../commands';
import { requestRuns } from '../requests';
import type { Services } from '../services';
import type { ReceiverController } from '../webhook/receiverController';
import type { DeliveryNode } from './deliveriesView';
import { LazyTree } from './lazyTree';
import type { RequestNode } from './requestsView';
import type { StoreNode, StoresModel } from './storesView';
import { profileIdArgument } from './storeArgument';

// The sidebar's trees: loaded when a view is first shown.
const viewsFeature = bundleLoader<typeof import('./feature')>('feature-views');

export const ViewIds = { container: 'api2cartWix', stores: 'api2cartWix.stores', deliveries: 'api2cartWix.deliveries', requests: 'api2cartWix.requests' } as const;

/** The sidebar's trees, for the integration tests. */
export interface SidebarViews {
  readonly stores: LazyTree<StoreNode>;
  readonly deliveries: LazyTree<DeliveryNode>;
  readonly requests: LazyTree<RequestNode>;
  /** Resolves once the account's stores are loaded (after the Stores view was shown or refreshed). */
  storesLoaded(): Promise<void>;
}

/**
 * The API2Cart sidebar: Stores, Webhook Deliveries, Requests, with their item commands, Refresh
 * Stores and Update Wix Credentials on API2Cart. Activation only registers them: each tree's
 * code (feature-views) loads when its view is first shown. All registrations are here.
 */
export function registerViews(s: Services, receiver: ReceiverController): { readonly disposables: vscode.Disposable[]; readonly views: SidebarViews } {
  let storesModel: StoresModel | undefined;
  const stores = new LazyTree<StoreNode>((redraw) => (storesModel = new (viewsFeature().StoresModel)(s, redraw)));
  const deliveries = new LazyTree<DeliveryNode>((redraw) => new (viewsFeature().DeliveriesModel)(receiver, s.profiles, redraw));
  const requests = new LazyTree<RequestNode>((redraw) => new (viewsFeature().RequestsModel)(requestRuns, redraw));

  const refreshStores = async () => {
    stores.refresh();
    // Shown or not, the view reads the account again the next time it draws.
    if (!stores.shown) return;
    await vscode.window.withProgress({ location: { viewId: ViewIds.stores } }, () => Promise.resolve(stores.getChildren()).then(() => storesModel?.whenLoaded()));
  };
  const offerUpdate = s.profiles.onDidReplaceAppSecret(async (appId) => {
    const profiles = await s.profiles.listProfiles();
    const connected = profiles.ok ? profiles.value.filter((p) => p.hasStoreKey && !p.removed).length : 0;
    if (connected === 0) return;
    const update = vscode.l10n.t('Update Wix Credentials on API2Cart');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('The App Secret Key of App ID {0} changed. {1} store(s) connected to API2Cart use the old one: update them there too?', appId, connected), update);
    if (choice === update) await vscode.commands.executeCommand(CommandIds.updateWixCredentials);
  });

  // The views are registered just after activate() returns: each is a round trip to the
  // workbench, and a view shown at startup draws once its provider arrives, a moment later.
  const treeViews: vscode.Disposable[] = [];
  let disposed = false;
  setImmediate(() => {
    if (disposed) return;
    treeViews.push(
      vscode.window.createTreeView(ViewIds.stores, { treeDataProvider: stores, showCollapseAll: false }),
      vscode.window.createTreeView(ViewIds.deliveries, { treeDataProvider: deliveries }),
      vscode.window.createTreeView(ViewIds.requests, { treeDataProvider: requests }),
    );
  });
  const disposables: vscode.Disposable[] = [
    stores, deliveries, requests, offerUpdate,
    { dispose: () => { disposed = true; for (const v of treeViews) v.dispose(); } },
    ...registerCommands(s.log, {
      [CommandIds.refreshStores]: { title: 'Refresh Stores', run: refreshStores },
      [CommandIds.updateWixCredentials]: { title: 'Update Wix Credentials on API2Cart', run: () => viewsFeature().updateWixCredentialsCommand(s) },
      [CommandIds.selectStore]: { title: 'Switch Store', run: async (arg?: unknown) => {
        const profileId = profileIdArgument(arg);
        if (profileId === undefined) return;
        const set = await s.profiles.setActiveProfile(profileId);
        if (!set.ok) s.log.warn(`Switch Store: ${set.error.kind}`);
      } },
      [CommandIds.openDelivery]: { title: 'Open Webhook Delivery', run: (node?: DeliveryNode) => receiver.openDelivery(node!.delivery) },
      [CommandIds.useDeliveryInstanceId]: { title: 'Use this Instance ID', run: (node?: DeliveryNode) => receiver.useInstanceIdOf(node!.delivery) },
      [CommandIds.openRequestRun]: { title: 'Open Answer', run: async (node?: { runId?: unknown }) => {
        const runId = node?.runId;
        if (typeof runId === 'number') await requestRuns()?.openRun(runId);
      } },
    }),
  ];
  return { disposables, views: { stores, deliveries, requests, storesLoaded: () => storesModel?.whenLoaded() ?? Promise.resolve() } };
}
