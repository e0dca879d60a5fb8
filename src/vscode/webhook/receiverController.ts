import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { oneAtATime } from '../../core/oneAtATime';
import { formatClockTime, orderAgainst, profileDisplayName, storeForInstance, type EventOrder, type StoreProfile } from '../../core/profiles';
import { eventName } from '../../core/webhook/eventName';
import type { Problem, Result } from '../../core/result';
import type { Delivery, WebhookEvent, WebhookReceiver } from '../../core/webhook';
import { receiverAddress, receiverAdvice, shareUrl, type ReceiverAddress } from '../../core/webhook/receiverAddress';
import { webhookCore } from '../lazyCore';
import { actionCommands } from '../commandIds';
import { showProblem } from '../problems';
import { readSettings } from '../settings';
import { showStoreRemovedNotice } from '../store';
import { decodeOptions, decodeWithStoredKey } from './decodeCommand';
import { eventJson, eventSummary, isInstallEvent, lifecycleEventOf, rejectedDeliveryJson, trustLabel, trustOf, type EventView } from './eventView';
import { offerInstanceId, openJsonLabel, useInstanceId } from './useInstanceId';
import type { DeliveryInput } from '../../core/views/deliveriesTree';
import type { ReceiverStatusItem } from './receiverStatusItem';
import type { WebhookContext } from './webhookContext';

// Tokens minted by Send Test Webhook in this window and not delivered yet; a few, so a retry of a
// recent one still matches.
const MAX_TEST_TOKENS = 10;
export const PORTS_VIEW_COMMAND = '~remote.forwardedPorts.focus';

/** How a start for Connect Wix Store ended: a busy port is the flow's own question. */
export type StartOutcome =
  | { readonly kind: 'running'; readonly address: ReceiverAddress }
  | { readonly kind: 'port-in-use'; readonly message: string; readonly free?: number }
  | { readonly kind: 'failed' };

interface MenuItem extends vscode.QuickPickItem {
  readonly choice: 'deliveries' | 'copy' | 'copy-local' | 'test' | 'log' | 'stop';
}

/**
 * Someone waiting for a delivery (Connect Wix Store): sees each event before the usual handling
 * and each rejection before it is shown; returning true means "mine, nothing else to do".
 */
export interface DeliveryClaim {
  onEvent(view: EventView, delivery: Delivery): boolean;
  onRejected(delivery: Delivery): boolean;
}

interface DeliveryItem extends vscode.QuickPickItem {
  readonly delivery: Delivery;
}

/**
 * The local webhook receiver as the commands see it: start and stop, the list of recent
 * deliveries, what each delivery does (offer the instance id, mark a removed store) and
 * Send Test Webhook. The HTTP side (answering Wix in time, duplicates, limits) is the core's.
 */
export class ReceiverController implements vscode.Disposable {
  private receiver: WebhookReceiver | undefined;
  private starting: Promise<void> | undefined;
  /** The deliveries of the last receiver, still listed after it stopped. */
  private stoppedHistory: readonly Delivery[] = [];
  /** token → the throwaway public key it was signed with. */
  private readonly testTokens = new Map<string, string>();
  /**
   * Events verified with a throwaway key. Kept on the event itself, so the mark lives exactly as
   * long as the delivery that holds it: an old test delivery never turns into a "verified" one.
   */
  private readonly testEvents = new WeakSet<WebhookEvent>();
  /** Deliveries older than the last event acted on for their store, so not acted on. */
  private readonly staleEvents = new WeakSet<WebhookEvent>();
  /** Rejections are shown once per kind per run: a retrying sender must not bury the window. */
  private readonly shownProblems = new Set<string>();
  private disposed = false;
  private address: ReceiverAddress | undefined;
  private readonly claims = new Set<DeliveryClaim>();
  /** One offer of an unverified App Installed open at a time: forged floods must not bury the window. */
  private readonly unverifiedOffer = oneAtATime();

  /** The install link's `GET /installed/<state>` page (src/vscode/connect/installLink.ts). */
  installedHandler: ((state: string, query: string) => { status: number; html: string }) | undefined;
  private readonly deliveriesChanged = new vscode.EventEmitter<void>();
  /** A delivery arrived, or the receiver started or stopped (the Webhook Deliveries view listens). */
  readonly onDidChangeDeliveries = this.deliveriesChanged.event;

  constructor(private readonly ctx: WebhookContext, readonly item: ReceiverStatusItem) {}

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
    this.claims.add(claim);
    return { dispose: () => void this.claims.delete(claim) };
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
      decode: body => this.decode(body),
      onDelivery: delivery => this.onDelivery(delivery),
      onDuplicate: delivery => log.info(`${describeDelivery(delivery, this.viewOf(delivery))}: a retry of an earlier delivery, answered 200 and not processed again`),
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
    this.shownProblems.clear();
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
    if (choice === copy) await this.copyUrl(shareUrl(address));
    else if (choice === ports) await vscode.commands.executeCommand(PORTS_VIEW_COMMAND);
  }

  private async copyUrl(url: string): Promise<void> {
    await vscode.env.clipboard.writeText(url);
    void vscode.window.showInformationMessage(vscode.l10n.t('Copied {0}', url));
  }

  private async showRunningMenu(): Promise<void> {
    const address = this.addresses;
    if (!address) return;
    const url = shareUrl(address);
    const items: MenuItem[] = [
      { label: vscode.l10n.t('$(list-unordered) Show Deliveries'), description: vscode.l10n.t('{0} so far', this.deliveries().length), choice: 'deliveries' },
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
      case 'deliveries': return this.showDeliveries();
      case 'copy': return this.copyUrl(url);
      case 'copy-local': return this.copyUrl(address.local);
      case 'test': return this.sendTestWebhook();
      case 'log': return this.ctx.log.show();
      case 'stop': return this.stop();
    }
  }

  /** A quick pick of recent deliveries (time, event, instance, verified, status); a pick opens its JSON. */
  async showDeliveries(): Promise<void> {
    const list = this.deliveries();
    if (list.length === 0) {
      void vscode.window.showInformationMessage(this.receiver
        ? vscode.l10n.t('No deliveries yet. Send a test webhook, or install the app on a Wix site.')
        : vscode.l10n.t('No deliveries: the webhook receiver has not received anything.'));
      return;
    }
    // Each delivery is named by its store where one is saved: a name, not a bare id.
    const profiles = await this.ctx.s.profiles.listProfiles();
    const stores = new Map((profiles.ok ? profiles.value : []).map(p => [p.instanceId, p]));
    const picked = await vscode.window.showQuickPick(list.map(d => deliveryItem(d, this.viewOf(d), stores)), {
      title: vscode.l10n.t('Webhook deliveries (newest first)'),
      placeHolder: vscode.l10n.t('Pick one to open it as JSON'),
      matchOnDescription: true, matchOnDetail: true,
    });
    if (picked?.delivery) await this.openDelivery(picked.delivery);
  }

  /** What the Webhook Deliveries view shows of a delivery. */
  describe(delivery: Delivery): DeliveryInput {
    const view = this.viewOf(delivery);
    const base = { receivedAt: delivery.receivedAt, status: delivery.status, duplicate: delivery.duplicate };
    return view ? { ...base, trust: trustOf(view), eventType: view.event.eventType, instanceId: view.event.instanceId } : { ...base, trust: 'rejected' };
  }

  /** "Use this Instance ID" on a delivery, as its notification offers it. */
  async useInstanceIdOf(delivery: Delivery): Promise<void> {
    const view = this.viewOf(delivery);
    if (view) await useInstanceId(this.ctx, view);
  }

  async openDelivery(delivery: Delivery): Promise<void> {
    const view = this.viewOf(delivery);
    await (view
      ? this.ctx.documents.show(view.event.eventType, eventJson(view))
      : this.ctx.documents.show(`rejected-${delivery.status}`, rejectedDeliveryJson(delivery, this.source())));
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

  /**
   * Send Test Webhook signs a sample AppInstalled with a throwaway key, which can never match the
   * app's stored public key. Rather than decoding it unverified (which would test less), the
   * receiver verifies exactly the tokens minted here with their own key and marks them
   * "test webhook, signed with a throwaway key"; any other body goes through the stored key as
   * usual, so nobody outside this window can use the exception.
   */
  private async decode(body: string): Promise<Result<WebhookEvent, Problem>> {
    const testKey = this.testTokens.get(body.trim());
    if (testKey === undefined) return decodeWithStoredKey(this.ctx.s, body);
    const stored = await decodeOptions(this.ctx.s);
    const decoded = await webhookCore().decodeWebhook(body, { publicKeyPem: testKey, expectedAppId: stored.ok ? stored.value.expectedAppId : undefined });
    if (decoded.ok) this.testEvents.add(decoded.value);
    return decoded;
  }

  private viewOf(delivery: Delivery): EventView | undefined {
    if (!delivery.event) return undefined;
    return { event: delivery.event, test: this.testEvents.has(delivery.event), stale: this.staleEvents.has(delivery.event), source: this.source() };
  }

  private source(): string {
    return vscode.l10n.t('webhook receiver');
  }

  private async onDelivery(delivery: Delivery): Promise<void> {
    const { s, log } = this.ctx;
    this.deliveriesChanged.fire();
    const view = this.viewOf(delivery);
    const line = describeDelivery(delivery, view);
    if (this.receiver && this.address) this.item.show(this.address, this.receiver.deliveries().length);
    if (!view) {
      log.warn(line);
      if ([...this.claims].some((claim) => claim.onRejected(delivery))) return;
      if (delivery.status === 200) return; // another app's event: the log line is all it gets
      const problem = delivery.problem;
      if (problem && !this.shownProblems.has(problem.kind)) {
        this.shownProblems.add(problem.kind);
        void showProblem({ ...problem, message: vscode.l10n.t('A webhook delivery was rejected ({0}). {1}', delivery.status, problem.message) }, s.redactor);
      }
      return;
    }
    log.info(line);
    // Send Test Webhook reports on its own delivery; its made-up instance is no store to save.
    if (view.test) return;
    if (isInstallEvent(view.event)) {
      if (await this.isStale(view)) return;
      if ([...this.claims].some((claim) => claim.onEvent(view, delivery))) return;
      const offer = () => offerInstanceId(this.ctx, view, { prefix: vscode.l10n.t('Webhook received:'), openJson: () => this.openDelivery(delivery) });
      if (view.event.verified) return void offer();
      if (this.unverifiedOffer.busy) return log.info(`${line}: not offered, an earlier unverified App Installed still waits for an answer (Show Deliveries lists this one)`);
      void this.unverifiedOffer.run(offer);
    } else if (view.event.eventType === 'AppRemoved') {
      await this.markRemoved(view);
    }
  }

  /** An App Installed older than the store's last event (or that very event, retried) is not offered again. */
  private async isStale(view: EventView): Promise<boolean> {
    const event = lifecycleEventOf(view.event);
    if (!event) return false;
    const profile = await this.ctx.s.profiles.getProfile(view.event.instanceId);
    const order = profile.ok && profile.value ? orderAgainst(profile.value.lastEvent, event) : 'newer';
    if (order === 'newer') return false;
    this.staleEvents.add(view.event);
    this.ctx.log.info(describeIgnored(view, order));
    return true;
  }

  private async markRemoved(view: EventView): Promise<void> {
    const { s, log } = this.ctx;
    // Removal is acted on only when signed: a forged AppRemoved must not flag a real store.
    if (!view.event.verified) {
      log.warn(`AppRemoved for instance ${view.event.instanceId} is not verified (no webhook public key set), so no store was marked`);
      return;
    }
    const r = await s.profiles.markRemoved(view.event.instanceId, lifecycleEventOf(view.event));
    if (!r.ok) return showProblem(r.error, s.redactor);
    const { profile, order } = r.value;
    if (!profile) {
      log.info(`AppRemoved for instance ${view.event.instanceId}: not one of the stores, nothing to mark`);
      return;
    }
    if (order !== 'newer') {
      this.staleEvents.add(view.event);
      log.info(describeIgnored(view, order));
      return;
    }
    log.info(`store ${profile.instanceId} marked removed`);
    void showStoreRemovedNotice(s, profile,
      vscode.l10n.t('The app was removed from store "{0}"; it is marked removed.', profileDisplayName(profile)));
  }

  /**
   * Send Test Webhook: like `stripe trigger`, a signed AppInstalled through the running receiver,
   * posted to the external address when there is one, so the test proves the forwarded path Wix
   * will use. When that path fails, the local address is tried too, to tell the two apart.
   */
  async sendTestWebhook(): Promise<void> {
    const { s, log } = this.ctx;
    if (!this.receiver) {
      const startAndSend = vscode.l10n.t('Start Receiver and Send');
      const choice = await vscode.window.showInformationMessage(
        vscode.l10n.t('The webhook receiver is not running, so there is nothing to send the test webhook to.'), startAndSend);
      if (choice !== startAndSend) return;
      await this.start();
    }
    const receiver = this.receiver;
    const address = this.addresses;
    if (!receiver || !address) return;
    const appId = await s.profiles.getAppId();
    const core = webhookCore();
    const test = await core.createTestWebhook({ appId: (appId.ok && appId.value) || randomUUID() });
    this.rememberTestToken(test.token, test.publicKeyPem);
    const through = shareUrl(address);
    const started = performance.now();
    let posted = await core.postWebhook(through, test.token);
    const ms = Math.round(performance.now() - started);
    let forwardedProblem: string | undefined;
    if (address.external && (!posted.ok || posted.value.status !== 200)) {
      forwardedProblem = posted.ok ? `HTTP ${posted.value.status}` : posted.error.message;
      log.warn(`test webhook through ${address.external} failed (${forwardedProblem}); trying ${address.local}`);
      posted = await core.postWebhook(address.local, test.token);
    }
    if (!posted.ok) return showProblem(posted.error, s.redactor, () => this.sendTestWebhook());
    log.info(`test webhook answered ${posted.value.status} in ${ms} ms${forwardedProblem ? ` (locally; the forwarded address failed: ${forwardedProblem})` : ` through ${through}`}`);
    const delivery = receiver.deliveries().find(d => d.body === test.token);
    const view = delivery && this.viewOf(delivery);
    if (posted.value.status !== 200 || !delivery || !view) {
      return showProblem({
        kind: 'test-webhook-rejected',
        message: vscode.l10n.t('The receiver answered {0} to the test webhook: {1}', posted.value.status, posted.value.body.trim()),
      }, s.redactor);
    }
    if (forwardedProblem && address.external) {
      return showProblem({
        kind: 'test-webhook-not-forwarded',
        message: vscode.l10n.t('The test webhook did not get through {0} ({1}), so Wix cannot reach the receiver there either. The receiver itself answers at {2}. {3}',
          address.external, forwardedProblem, address.local, receiverAdvice(address)),
      }, s.redactor);
    }
    const open = openJsonLabel();
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('Test webhook delivered through {0}: the receiver answered 200 in {1} ms. {2}', through, ms, eventSummary(view)), open);
    if (choice === open) await this.openDelivery(delivery);
  }

  private rememberTestToken(token: string, publicKeyPem: string): void {
    this.testTokens.set(token, publicKeyPem);
    if (this.testTokens.size > MAX_TEST_TOKENS) this.testTokens.delete(this.testTokens.keys().next().value!);
  }

  dispose(): void {
    this.disposed = true;
    this.deliveriesChanged.dispose();
    void this.receiver?.stop();
    this.receiver = undefined;
    this.claims.clear();
  }
}

/** A wildcard bind address cannot be posted to everywhere; its loopback can. */
function loopbackUrl(receiver: WebhookReceiver): string {
  const url = new URL(receiver.url);
  if (url.hostname === '0.0.0.0') url.hostname = '127.0.0.1';
  if (url.hostname === '[::]') url.hostname = '[::1]';
  return url.toString();
}

function describeIgnored(view: EventView, order: EventOrder): string {
  const issued = view.event.iat === undefined ? '' : ` (issued ${new Date(view.event.iat * 1000).toISOString()})`;
  return order === 'same'
    ? `${view.event.eventType} for instance ${view.event.instanceId}${issued}: already acted on, not acted on again`
    : `${view.event.eventType} for instance ${view.event.instanceId}${issued}: older than the last event acted on for this store, so ignored`;
}

function describeDelivery(delivery: Delivery, view: EventView | undefined): string {
  const what = view
    ? `${view.event.eventType} instance ${view.event.instanceId} ${trustLabel(trustOf(view))}`
    : delivery.status === 200 ? `ignored, another app's event (${delivery.problem?.message ?? ''})` : `rejected (${delivery.problem?.kind ?? 'unknown'})`;
  return `delivery ${delivery.status} ${what}${delivery.duplicate ? ' (duplicate)' : ''}`;
}

/** "Shop A (3d17…)" for a saved store, else "Instance ID 3d17…": the full id is in the JSON a pick opens. */
const storeOf = (instanceId: string, stores: ReadonlyMap<string, StoreProfile>): string => storeForInstance(instanceId, stores.get(instanceId));

function deliveryItem(delivery: Delivery, view: EventView | undefined, stores: ReadonlyMap<string, StoreProfile>): DeliveryItem {
  const time = formatClockTime(delivery.receivedAt, vscode.env.language);
  const status = `${delivery.status}${delivery.duplicate ? ` · ${vscode.l10n.t('duplicate')}` : ''}`;
  if (!view) {
    return {
      label: `$(error) ${vscode.l10n.t('rejected')}`,
      description: time,
      detail: `${delivery.problem?.message ?? ''} · ${status}`,
      delivery,
    };
  }
  return {
    label: `${view.event.verified ? '$(pass)' : '$(warning)'} ${eventName(view.event.eventType)}`,
    description: time,
    detail: `${storeOf(view.event.instanceId, stores)} · ${trustLabel(trustOf(view))} · ${status}${view.stale ? ` · ${vscode.l10n.t('older than the last event, ignored')}` : ''}`,
    delivery,
  };
}
