import vscode = require('vscode');
import { oneAtATime } from '../../core/oneAtATime';
import { orderAgainst, profileDisplayName, type EventOrder } from '../../core/profiles';
import type { Problem, Result } from '../../core/result';
import type { Delivery, WebhookEvent } from '../../core/webhook';
import type { DeliveryInput } from '../../core/views/deliveriesTree';
import { webhookCore } from '../lazyCore';
import { showProblem } from '../problems';
import { showStoreRemovedNotice } from '../store';
import { decodeOptions, decodeWithStoredKey } from './decodeCommand';
import { eventJson, isInstallEvent, lifecycleEventOf, rejectedDeliveryJson, trustLabel, trustOf, type EventView } from './eventView';
import { offerInstanceId, useInstanceId } from './useInstanceId';
import type { WebhookContext } from './webhookContext';

// Tokens minted by Send Test Webhook in this window and not delivered yet; a few, so a retry of a
// recent one still matches.
const MAX_TEST_TOKENS = 10;

/**
 * Someone waiting for a delivery (Connect Wix Store): sees each event before the usual handling
 * and each rejection before it is shown; returning true means "mine, nothing else to do".
 */
export interface DeliveryClaim {
  onEvent(view: EventView, delivery: Delivery): boolean;
  onRejected(delivery: Delivery): boolean;
}

/**
 * What each delivery does once the receiver has answered it: decoded (a test token with its own
 * throwaway key), an App Installed offers its instance id, an App Removed marks the store, a
 * rejection is shown once per kind. The receiver's start and stop are ReceiverController's.
 */
export class DeliveryHandler {
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
  private readonly claims = new Set<DeliveryClaim>();
  /** One offer of an unverified App Installed open at a time: forged floods must not bury the window. */
  private readonly unverifiedOffer = oneAtATime();

  /** `arrived` runs first for every delivery (the list and the status item change). */
  constructor(private readonly ctx: WebhookContext, private readonly arrived: () => void) {}

  /** See every delivery first until the returned disposable is disposed. */
  claim(claim: DeliveryClaim): vscode.Disposable {
    this.claims.add(claim);
    return { dispose: () => void this.claims.delete(claim) };
  }

  /** A receiver started: each kind of rejection is shown once again. */
  newRun(): void {
    this.shownProblems.clear();
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

  /**
   * Send Test Webhook signs a sample AppInstalled with a throwaway key, which can never match the
   * app's stored public key. Rather than decoding it unverified (which would test less), the
   * receiver verifies exactly the tokens minted here with their own key and marks them
   * "test webhook, signed with a throwaway key"; any other body goes through the stored key as
   * usual, so nobody outside this window can use the exception.
   */
  async decode(body: string): Promise<Result<WebhookEvent, Problem>> {
    const testKey = this.testTokens.get(body.trim());
    if (testKey === undefined) return decodeWithStoredKey(this.ctx.s, body);
    const stored = await decodeOptions(this.ctx.s);
    const decoded = await webhookCore().decodeWebhook(body, { publicKeyPem: testKey, expectedAppId: stored.ok ? stored.value.expectedAppId : undefined });
    if (decoded.ok) this.testEvents.add(decoded.value);
    return decoded;
  }

  rememberTestToken(token: string, publicKeyPem: string): void {
    this.testTokens.set(token, publicKeyPem);
    if (this.testTokens.size > MAX_TEST_TOKENS) this.testTokens.delete(this.testTokens.keys().next().value!);
  }

  viewOf(delivery: Delivery): EventView | undefined {
    if (!delivery.event) return undefined;
    return { event: delivery.event, test: this.testEvents.has(delivery.event), stale: this.staleEvents.has(delivery.event), source: this.source() };
  }

  private source(): string {
    return vscode.l10n.t('webhook receiver');
  }

  async onDelivery(delivery: Delivery): Promise<void> {
    const { s, log } = this.ctx;
    this.arrived();
    const view = this.viewOf(delivery);
    const line = describeDelivery(delivery, view);
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

  dispose(): void {
    this.claims.clear();
  }
}

function describeIgnored(view: EventView, order: EventOrder): string {
  const issued = view.event.iat === undefined ? '' : ` (issued ${new Date(view.event.iat * 1000).toISOString()})`;
  return order === 'same'
    ? `${view.event.eventType} for instance ${view.event.instanceId}${issued}: already acted on, not acted on again`
    : `${view.event.eventType} for instance ${view.event.instanceId}${issued}: older than the last event acted on for this store, so ignored`;
}

/** The log line of a delivery. */
export function describeDelivery(delivery: Delivery, view: EventView | undefined): string {
  const what = view
    ? `${view.event.eventType} instance ${view.event.instanceId} ${trustLabel(trustOf(view))}`
    : delivery.status === 200 ? `ignored, another app's event (${delivery.problem?.message ?? ''})` : `rejected (${delivery.problem?.kind ?? 'unknown'})`;
  return `delivery ${delivery.status} ${what}${delivery.duplicate ? ' (duplicate)' : ''}`;
}
