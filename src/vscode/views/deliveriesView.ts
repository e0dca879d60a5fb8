import vscode = require('vscode');
import { formatClockTime } from '../../core/profiles';
import type { ProfileService } from '../../core/profiles';
import type { Delivery } from '../../core/webhook';
import { deliveryRows, type DeliveryRow, type DeliveryTrust } from '../../core/views/deliveriesTree';
import { CommandIds } from '../commandIds';
import type { ReceiverController } from '../webhook/receiverController';
import type { TreeModel } from './lazyTree';

/** A row and the delivery it shows, so a click opens that one even after newer ones arrive. */
export interface DeliveryNode {
  readonly row: DeliveryRow;
  readonly delivery: Delivery;
}

const ICONS: Record<DeliveryTrust, [string, string?]> = {
  verified: ['pass', 'testing.iconPassed'],
  'not-verified': ['warning', 'problemsWarningIcon.foreground'],
  'test-key': ['beaker'],
  rejected: ['error', 'testing.iconFailed'],
};

const trustText = (trust: DeliveryTrust): string => ({
  verified: vscode.l10n.t('verified'),
  'not-verified': vscode.l10n.t('NOT verified'),
  'test-key': vscode.l10n.t('test key'),
  rejected: vscode.l10n.t('rejected'),
})[trust];

/** Webhook Deliveries: the receiver's deliveries, newest first, capped; the Output channel keeps the log. */
export class DeliveriesModel implements TreeModel<DeliveryNode> {

  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly receiver: ReceiverController, private readonly profiles: ProfileService, redraw: () => void) {
    // A store's name arrives after its install event (Add Store reads it from Wix): redraw then too.
    this.subscriptions = [receiver.onDidChangeDeliveries(() => redraw()), profiles.onDidChange(() => redraw())];
  }

  async getChildren(element?: DeliveryNode): Promise<DeliveryNode[]> {
    if (element) return [];
    const deliveries = this.receiver.deliveries();
    const profiles = await this.profiles.listProfiles();
    const stores = new Map((profiles.ok ? profiles.value : []).map((p) => [p.instanceId, p]));
    return deliveryRows(deliveries.map((d) => this.receiver.describe(d)), stores).map((row) => ({ row, delivery: deliveries[row.index]! }));
  }

  getTreeItem(node: DeliveryNode): vscode.TreeItem {
    const { row } = node;
    const item = new vscode.TreeItem(row.label);
    const time = formatClockTime(row.receivedAt);
    item.description = [time, trustText(row.trust), row.store, row.duplicate ? vscode.l10n.t('duplicate') : undefined].filter(Boolean).join(' · ');
    const [icon, color] = ICONS[row.trust];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    item.tooltip = [`${row.label} · HTTP ${row.status}`, row.receivedAt.toLocaleString(), trustText(row.trust), row.instanceId ? vscode.l10n.t('Instance ID: {0}', row.instanceId) : ''].filter(Boolean).join('\n');
    item.contextValue = row.canUseInstanceId ? 'api2cartWix.delivery.installed' : 'api2cartWix.delivery';
    item.command = { command: CommandIds.openDelivery, title: vscode.l10n.t('Open'), arguments: [node] };
    return item;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
