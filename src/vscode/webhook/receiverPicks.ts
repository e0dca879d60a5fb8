import vscode = require('vscode');
import { inertText } from '../../core/inertText';
import { formatClockTime, storeForInstance, type StoreProfile } from '../../core/profiles';
import { eventName } from '../../core/webhook/eventName';
import type { Delivery } from '../../core/webhook';
import { receiverAdvice, shareUrl, type ReceiverAddress } from '../../core/webhook/receiverAddress';
import { trustLabel, trustOf, type EventView } from './eventView';
import type { WebhookContext } from './webhookContext';

// The receiver's quick picks: the menu of a running receiver, and the list of recent deliveries.

interface MenuItem extends vscode.QuickPickItem {
  readonly choice: 'deliveries' | 'copy' | 'copy-local' | 'test' | 'log' | 'stop';
}

interface DeliveryItem extends vscode.QuickPickItem {
  readonly delivery: Delivery;
}

/** What the running receiver's menu offers (ReceiverController). */
export interface RunningReceiver {
  readonly addresses: ReceiverAddress | undefined;
  deliveries(): readonly Delivery[];
  showDeliveries(): Promise<void>;
  sendTestWebhook(): Promise<void>;
  stop(): Promise<void>;
}

/** What the deliveries pick needs of each delivery (DeliveryHandler). */
export interface DeliveryViews {
  viewOf(delivery: Delivery): EventView | undefined;
  openDelivery(delivery: Delivery): Promise<void>;
}

export async function copyUrl(url: string): Promise<void> {
  await vscode.env.clipboard.writeText(url);
  void vscode.window.showInformationMessage(vscode.l10n.t('Copied {0}', url));
}

/** Start Webhook Receiver while it runs: what can be done with it. */
export async function showRunningMenu(ctx: WebhookContext, receiver: RunningReceiver): Promise<void> {
  const address = receiver.addresses;
  if (!address) return;
  const url = shareUrl(address);
  const items: MenuItem[] = [
    { label: vscode.l10n.t('$(list-unordered) Show Deliveries'), description: vscode.l10n.t('{0} so far', receiver.deliveries().length), choice: 'deliveries' },
    { label: vscode.l10n.t('$(copy) Copy URL'), description: url, detail: receiverAdvice(address), choice: 'copy' },
    ...(address.external ? [{ label: vscode.l10n.t('$(copy) Copy Local URL'), description: address.local, choice: 'copy-local' as const }] : []),
    { label: vscode.l10n.t('$(beaker) Send Test Webhook'), description: vscode.l10n.t('through {0}', url), choice: 'test' },
    { label: vscode.l10n.t('$(output) Show Webhook Log'), choice: 'log' },
    { label: vscode.l10n.t('$(debug-stop) Stop Webhook Receiver'), choice: 'stop' },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Webhook receiver listening at {0}', url),
    placeHolder: vscode.l10n.t('The receiver is running'),
  });
  switch (picked?.choice) {
    case 'deliveries': return receiver.showDeliveries();
    case 'copy': return copyUrl(url);
    case 'copy-local': return copyUrl(address.local);
    case 'test': return receiver.sendTestWebhook();
    case 'log': return ctx.log.show();
    case 'stop': return receiver.stop();
  }
}

/** A quick pick of recent deliveries (time, event, instance, verified, status); a pick opens its JSON. */
export async function showDeliveryPick(ctx: WebhookContext, list: readonly Delivery[], running: boolean, views: DeliveryViews): Promise<void> {
  if (list.length === 0) {
    void vscode.window.showInformationMessage(running
      ? vscode.l10n.t('No deliveries yet. Send a test webhook, or install the app on a Wix site.')
      : vscode.l10n.t('No deliveries: the webhook receiver has not received anything.'));
    return;
  }
  // Each delivery is named by its store where one is saved: a name, not a bare id.
  const profiles = await ctx.s.profiles.listProfiles();
  const stores = new Map((profiles.ok ? profiles.value : []).map(p => [p.instanceId, p]));
  const picked = await vscode.window.showQuickPick(list.map(d => deliveryItem(d, views.viewOf(d), stores)), {
    title: vscode.l10n.t('Webhook deliveries (newest first)'),
    placeHolder: vscode.l10n.t('Pick one to open it as JSON'),
    matchOnDescription: true, matchOnDetail: true,
  });
  if (picked?.delivery) await views.openDelivery(picked.delivery);
}

/** The store is named "Shop A (3d17…)" when saved, else "Instance ID 3d17…": the full id is in the JSON a pick opens. */
function deliveryItem(delivery: Delivery, view: EventView | undefined, stores: ReadonlyMap<string, StoreProfile>): DeliveryItem {
  const time = formatClockTime(delivery.receivedAt, vscode.env.language);
  const status = `${delivery.status}${delivery.duplicate ? ` · ${vscode.l10n.t('duplicate')}` : ''}`;
  if (!view) {
    return {
      label: `$(error) ${vscode.l10n.t('rejected')}`,
      description: time,
      detail: `${inertText(delivery.problem?.message ?? '')} · ${status}`,
      delivery,
    };
  }
  return {
    label: `${view.event.verified ? '$(pass)' : '$(warning)'} ${eventName(view.event.eventType)}`,
    description: time,
    detail: `${inertText(storeForInstance(view.event.instanceId, stores.get(view.event.instanceId)))} · ${trustLabel(trustOf(view))} · ${status}${view.stale ? ` · ${vscode.l10n.t('older than the last event, ignored')}` : ''}`,
    delivery,
  };
}
