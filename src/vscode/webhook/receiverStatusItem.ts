import vscode = require('vscode');
import { presentReceiverItem, type ReceiverAddress } from '../../core/webhook/receiverAddress';
import { CommandIds } from '../commandIds';
import { plainTooltip } from '../statusBar';

/**
 * The receiver's own status-bar item, beside the connection indicator and only while the receiver
 * runs: its port, both URLs in the tooltip; a click offers deliveries, Copy URL, a test webhook and
 * Stop (Start Webhook Receiver shows that menu while it runs).
 */
export class ReceiverStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('api2cartWix.receiver', vscode.StatusBarAlignment.Left, 99);
  private shown: { address: ReceiverAddress; deliveries: number } | undefined;

  constructor() {
    this.item.name = vscode.l10n.t('API2Cart Wix webhook receiver');
    this.item.command = CommandIds.startReceiver;
  }

  /** What the item shows now (undefined while hidden); for tests. */
  get view(): ReturnType<typeof presentReceiverItem> | undefined {
    return this.shown && presentReceiverItem(this.shown.address, this.shown.deliveries);
  }

  show(address: ReceiverAddress, deliveries: number): void {
    this.shown = { address, deliveries };
    const view = presentReceiverItem(address, deliveries);
    this.item.text = view.text;
    this.item.tooltip = plainTooltip(view.tooltip.join('\n'));
    this.item.accessibilityInformation = { label: view.accessibilityLabel, role: 'button' };
    this.item.show();
  }

  hide(): void {
    this.shown = undefined;
    this.item.hide();
  }

  dispose(): void {
    this.item.dispose();
  }
}
