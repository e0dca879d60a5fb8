import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import { viewsFeature } from '../lazyCore';
import { guardedCommand } from '../problems';
import { requestRuns } from '../requests';
import type { Services } from '../services';
import type { ReceiverController } from '../webhook/receiverController';
import type { DeliveryNode } from './deliveriesView';
import { LazyTree } from './lazyTree';
import type { RequestNode } from './requestsView';
import type { StoreNode, StoresModel } from './storesView';
import { profileIdArgument } from './storeArgument';

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
  const deliveries = new LazyTree<DeliveryNode>((redraw) => new (viewsFeature().DeliveriesModel)(receiver, redraw));
  const requests = new LazyTree<RequestNode>((redraw) => new (viewsFeature().RequestsModel)(requestRuns, redraw));

  const refreshStores = async () => {
    stores.refresh();
    // Shown or not, the view reads the account again the next time it draws.
    if (!stores.shown) return;
    await vscode.window.withProgress({ location: { viewId: ViewIds.stores } }, () => Promise.resolve(stores.getChildren()).then(() => storesModel?.whenLoaded()));
  };
  const updateCredentials = guardedCommand(s.log, 'Update Wix Credentials on API2Cart', () => viewsFeature().updateWixCredentialsCommand(s));
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
    vscode.commands.registerCommand(CommandIds.refreshStores, guardedCommand(s.log, 'Refresh Stores', refreshStores)),
    vscode.commands.registerCommand(CommandIds.updateWixCredentials, updateCredentials),
    vscode.commands.registerCommand(CommandIds.selectStore, guardedCommand1(s, 'Switch Store', async (arg) => {
      const profileId = profileIdArgument(arg);
      if (profileId === undefined) return;
      const set = await s.profiles.setActiveProfile(profileId);
      if (!set.ok) s.log.warn(`Switch Store: ${set.error.kind}`);
    })),
    vscode.commands.registerCommand(CommandIds.openDelivery, guardedCommand1(s, 'Open Webhook Delivery', (node) => receiver.openDelivery((node as DeliveryNode).delivery))),
    vscode.commands.registerCommand(CommandIds.useDeliveryInstanceId, guardedCommand1(s, 'Use this Instance ID', (node) => receiver.useInstanceIdOf((node as DeliveryNode).delivery))),
    vscode.commands.registerCommand(CommandIds.openRequestRun, guardedCommand1(s, 'Open Answer', async (node) => {
      const runId = (node as { runId?: unknown } | undefined)?.runId;
      if (typeof runId === 'number') await requestRuns()?.openRun(runId);
    })),
  ];
  return { disposables, views: { stores, deliveries, requests, storesLoaded: () => storesModel?.whenLoaded() ?? Promise.resolve() } };
}

/** guardedCommand for a command that takes the item it was invoked on. */
function guardedCommand1(s: Services, title: string, command: (arg: unknown) => Promise<unknown>): (arg?: unknown) => Promise<unknown> {
  return (arg?: unknown) => guardedCommand(s.log, title, () => command(arg))();
}
