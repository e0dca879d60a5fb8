import vscode = require('vscode');
import type { Problem } from '../../core/result';
import type { Delivery, WebhookReceiver } from '../../core/webhook';
import { receiverAddress, receiverAdvice, shareUrl, type ReceiverAddress } from '../../core/webhook/receiverAddress';
import { webhookCore } from '../lazyCore';
import { actionCommands } from '../commandIds';
import { showProblem } from '../problems';
import { readSettings } from '../settings';
import { DeliveryHandler, describeDelivery, type DeliveryClaim } from './deliveryHandler';
import { copyUrl, showDeliveryPick, showRunningMenu } from './receiverPicks';
import { sendTestWebhook } from './sendTestWebhook';
import type { DeliveryInput } from '../../core/views/deliveriesTree';
import type { ReceiverStatusItem } from './receiverStatusItem';
import type { WebhookContext } from './webhookContext';

export const PORTS_VIEW_COMMAND = '~remote.forwardedPorts.focus';

/** How a start for Connect Wix Store ended: a busy port is the flow's own question. */
export type StartOutcome =
  | { readonly kind: 'running'; readonly address: ReceiverAddress }
  | { readonly kind: 'port-in-use'; readonly message: string; readonly free?: number }
  | { readonly kind: 'failed' };

/**
 * The local webhook receiver as the commands see it: start and stop, the list of recent
 * deliveries and Send Test Webhook. What each delivery does is DeliveryHandler's
 * (deliveryHandler.ts); the HTTP side (answering Wix in time, duplicates, limits) is the core's.
 */
export class ReceiverController implements vscode.Disposable {
  private receiver: WebhookReceiver | undefined;
  private starting: Promise<void> | undefined;
  /** The deliveries of the last receiver, still listed after it stopped. */
  private stoppedHistory: readonly Delivery[] = [];
  private disposed = false;
  private address: ReceiverAddress | undefined;
  private readonly handler: DeliveryHandler;

  /** The install link's `GET /installed/<state>` page (src/vscode/connect/installLink.ts). */
  installedHandler: ((state: string, query: string) => { status: number; html: string }) | undefined;
  private readonly deliveriesChanged = new vscode.EventEmitter<void>();
  /** A delivery arrived, or the receiver started or stopped (the Webhook Deliveries view listens). */
  readonly onDidChangeDeliveries = this.deliveriesChanged.event;

  constructor(private readonly ctx: WebhookContext, readonly item: ReceiverStatusItem) {
    this.handler = new DeliveryHandler(ctx, () => {
      this.deliveriesChanged.fire();
      if (this.receiver && this.address) this.item.show(this.address, this.receiver.deliveries().length);
    });
  }

  /** Where the receiver listens and where it is reached from outside, while it runs. */
  get addresses(): ReceiverAddress | undefined {
    return this.receiver ? this.address : undefined;
  }

  /** The address to give a tunnel or Wix (the external one in a remote window). */
  get url(): string | undefined {
    return this.addresses && shareUrl(this.addresses);
  }

  /** See every delivery first until the returned disposable is disposed. */
  claim(claim: DeliveryClaim): vscode.Disposable {
    return this.handler.claim(claim);
  }

  /**
   * Starts the receiver if it is not running, without the menu; resolves to its address, or
   * undefined when it could not start. `quiet` leaves out the "listening at" notification, for a
   * caller that shows the address itself.
   */
  async ensureRunning(options: { quiet?: boolean } = {}): Promise<ReceiverAddress | undefined> {
    if (!this.receiver) {
      this.starting ??= this.listen(undefined, options.quiet === true).finally(() => { this.starting = undefined; });
      await this.starting;
    }
    return this.addresses;
  }

  /**
   * Starts the receiver quietly for Connect Wix Store (on `port` when given): a port taken by
   * another window comes back as an outcome for the flow's step to ask about, not a toast.
   */
  async startForFlow(port?: number): Promise<StartOutcome> {
    let busy: Problem | undefined;
    if (!this.receiver) {
      this.starting ??= this.listen(port, true, (problem) => { busy = problem; }).finally(() => { this.starting = undefined; });
      await this.starting;
    }
    if (busy) {
      const free = await webhookCore().findFreePort(readSettings().webhook.host);
      return { kind: 'port-in-use', message: this.ctx.s.redactor.redact((busy as Problem).message), ...(free === undefined ? {} : { free }) };
    }
    const address = this.addresses;
    return address ? { kind: 'running', address } : { kind: 'failed' };
  }

  /** Recent deliveries, newest first. */
  deliveries(): readonly Delivery[] {
    return [...(this.receiver?.deliveries() ?? this.stoppedHistory)].reverse();
  }

  /** Start Webhook Receiver; when it already runs, offer what can be done with it instead. */
  async start(): Promise<void> {
    if (this.receiver) return this.showRunningMenu();
    this.starting ??= this.listen().finally(() => { this.starting = undefined; });
    return this.starting;
  }

  private async listen(portOverride?: number, quiet = false, onPortInUse?: (problem: Problem) => void): Promise<void> {
    const { s, log } = this.ctx;
    const { host, port: configured, path } = readSettings().webhook;
    const port = portOverride ?? configured;
    const started = await webhookCore().startWebhookReceiver({
      host, port, path,
      decode: body => this.handler.decode(body),
      onDelivery: delivery => this.handler.onDelivery(delivery),
      onDuplicate: delivery => log.info(`${describeDelivery(delivery, this.handler.viewOf(delivery))}: a retry of an earlier delivery, answered 200 and not processed again`),
      onInternalError: error => log.error(`webhook receiver: ${error instanceof Error ? error.message : String(error)}`),
      ...(this.installedHandler ? { onInstalled: this.installedHandler } : {}),
    });
    if (!started.ok) {
      log.error(`could not start on ${host}:${port}${path}: ${started.error.message}`);
      if (started.error.kind === 'port-in-use' && onPortInUse) return onPortInUse(started.error);
      if (started.error.kind === 'port-in-use') return this.offerFreePort(started.error, host, quiet);
      // Not awaited: the person answers after this start has ended, so Retry (and every other
      // command) starts afresh instead of waiting for the start that is asking.
      void showProblem(started.error, s.redactor, async () => {
        await this.starting; // the failed start, settling; Retry is a start of its own
        return this.start();
      });
      return;
    }
    if (this.disposed) {
      await started.value.stop();
      return;
    }
    this.receiver = started.value;
    this.address = undefined; // the last run's address must not pass for this one's
    this.deliveriesChanged.fire();
    this.handler.newRun();
    this.address = await this.addressOf(started.value);
    this.item.show(this.address, 0);
    await s.status.setReceiver(shareUrl(this.address));
    log.info(`listening at ${this.address.local}${this.address.external ? `, reached from outside at ${this.address.external}` : ''}`);
    if (!quiet) void this.announce(this.address);
  }

  /**
   * The receiver's address as seen from where the person sits. asExternalUri maps a loopback
   * address (a wildcard bind is mapped through loopback) to the forwarded one in a remote window.
   */
  private async addressOf(receiver: WebhookReceiver): Promise<ReceiverAddress> {
    const local = loopbackUrl(receiver);
    let external: string | undefined;
    try {
      external = (await vscode.env.asExternalUri(vscode.Uri.parse(local))).toString(true);
    } catch (error) {
      this.ctx.log.warn(`no external address for ${local}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return receiverAddress(local, external, vscode.env.remoteName);
  }

  /** Another program holds the port: offer a free one for this session (the setting is left alone). */
  private async offerFreePort(problem: Problem, host: string, quiet: boolean): Promise<void> {
    const free = await webhookCore().findFreePort(host);
    const use = free === undefined ? undefined : vscode.l10n.t('Use Port {0}', free);
    const settings = vscode.l10n.t('Open Settings');
    const choice = await vscode.window.showErrorMessage(
      free === undefined ? this.ctx.s.redactor.redact(problem.message)
        : vscode.l10n.t('{0} Port {1} is free: use it for now (the setting is not changed; a tunnel or Wix must then use the new address).', this.ctx.s.redactor.redact(problem.message), free),
      ...(use ? [use] : []), settings);
    // Still inside the start under way (this.starting), so listen directly.
    if (choice === use && free !== undefined) return this.listen(free, quiet);
    if (choice === settings) await vscode.commands.executeCommand(actionCommands.openSettings.command, ...(actionCommands.openSettings.args ?? []));
  }

  private async announce(address: ReceiverAddress): Promise<void> {
    const copy = vscode.l10n.t('Copy URL');
    const ports = vscode.l10n.t('Open Ports View');
    const hasPortsView = (await vscode.commands.getCommands(true)).includes(PORTS_VIEW_COMMAND);
    // Two lines at most: how Wix reaches it is in the log and in the receiver item's tooltip.
    this.ctx.log.info(receiverAdvice(address));
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('Webhook receiver listening at {0}.', address.local),
      copy, ...(hasPortsView ? [ports] : []));
    if (choice === copy) await copyUrl(shareUrl(address));
    else if (choice === ports) await vscode.commands.executeCommand(PORTS_VIEW_COMMAND);
  }

  private showRunningMenu(): Promise<void> {
    return showRunningMenu(this.ctx, this);
  }

  /** A quick pick of recent deliveries (time, event, instance, verified, status); a pick opens its JSON. */
  showDeliveries(): Promise<void> {
    return showDeliveryPick(this.ctx, this.deliveries(), this.receiver !== undefined, this.handler);
  }

  /** What the Webhook Deliveries view shows of a delivery. */
  describe(delivery: Delivery): DeliveryInput {
    return this.handler.describe(delivery);
  }

  /** "Use this Instance ID" on a delivery, as its notification offers it. */
  useInstanceIdOf(delivery: Delivery): Promise<void> {
    return this.handler.useInstanceIdOf(delivery);
  }

  openDelivery(delivery: Delivery): Promise<void> {
    return this.handler.openDelivery(delivery);
  }

  async stop(): Promise<void> {
    await this.starting;
    const receiver = this.receiver;
    if (!receiver) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The webhook receiver is not running.'));
      return;
    }
    this.receiver = undefined;
    this.stoppedHistory = receiver.deliveries();
    await receiver.stop();
    this.item.hide();
    this.deliveriesChanged.fire();
    await this.ctx.s.status.setReceiver(undefined);
    this.ctx.log.info(`stopped; port ${receiver.address.port} is free`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Webhook receiver stopped; port {0} is free.', receiver.address.port));
  }

  /** Send Test Webhook (sendTestWebhook.ts), through this receiver, started first if need be. */
  sendTestWebhook(): Promise<void> {
    return sendTestWebhook(this.ctx, { receiver: () => this.receiver, addresses: () => this.addresses, start: () => this.start() }, this.handler);
  }

  dispose(): void {
    this.disposed = true;
    this.deliveriesChanged.dispose();
    void this.receiver?.stop();
    this.receiver = undefined;
    this.handler.dispose();
  }
}

/** A wildcard bind address cannot be posted to everywhere; its loopback can. */
function loopbackUrl(receiver: WebhookReceiver): string {
  const url = new URL(receiver.url);
  if (url.hostname === '0.0.0.0') url.hostname = '127.0.0.1';
  if (url.hostname === '[::]') url.hostname = '[::1]';
  return url.toString();
}
