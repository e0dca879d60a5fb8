import vscode = require('vscode');
import type { Problem } from '../../core/result';
import type { LifecycleEvent } from '../../core/profiles';
import type { Delivery, WebhookEvent, WebhookProblemKind } from '../../core/webhook';
import { eventName } from '../../core/webhook/eventName';

/** Says how far a delivery can be trusted; shown first in its JSON and in the notifications. */
export type Trust = 'verified' | 'not-verified' | 'test-key';

/** A decoded event and what the extension knows about how it arrived. */
export interface EventView {
  readonly event: WebhookEvent;
  /** Signed with Send Test Webhook's throwaway key, verified with that key only. */
  readonly test?: boolean;
  /** Older than the last event acted on for its store (or that event again): not acted on. */
  readonly stale?: boolean;
  /** Where the token came from, e.g. 'selection' or 'POST http://127.0.0.1:8787/webhook'. */
  readonly source: string;
}

export const TEST_WEBHOOK_NOTE = 'test webhook, signed with a throwaway key (verified with that key, not with your app\'s public key)';

export function trustOf(view: EventView): Trust {
  if (view.test) return 'test-key';
  return view.event.verified ? 'verified' : 'not-verified';
}

export function trustLabel(trust: Trust): string {
  switch (trust) {
    case 'verified': return vscode.l10n.t('verified');
    case 'not-verified': return vscode.l10n.t('NOT verified');
    case 'test-key': return vscode.l10n.t('test key');
  }
}

/** The decoded event as a JSON object; `_notes` comes first so the verdict is the first thing read. */
export function eventJson(view: EventView): Record<string, unknown> {
  const { event } = view;
  const verdict = view.test
    ? TEST_WEBHOOK_NOTE
    : event.verified
      ? 'verified: the RS256 signature matches the stored webhook public key'
      : undefined; // the core already notes why it was not verified
  const seconds = (s: number | undefined) => (s === undefined ? undefined : new Date(s * 1000).toISOString());
  const stale = view.stale ? ['older than the last event acted on for this store (or that event again), so it was not acted on'] : [];
  return {
    _notes: [...(verdict ? [verdict] : []), ...stale, ...event.notes],
    source: view.source,
    eventType: event.eventType,
    ...(event.install ? { installEvent: true } : {}),
    instanceId: event.instanceId,
    appId: event.appId,
    originInstanceId: event.originInstanceId,
    identity: event.identity,
    verified: event.verified,
    expired: event.expired,
    issuedAt: seconds(event.iat),
    expiresAt: seconds(event.exp),
    algorithm: event.algorithm,
    layers: event.layers,
  };
}

/** A rejected delivery: what was wrong and the start of what arrived. */
export function rejectedDeliveryJson(delivery: Delivery, source: string): Record<string, unknown> {
  return {
    _notes: [`rejected with ${delivery.status}: ${delivery.problem?.message ?? 'unknown problem'}`],
    source,
    receivedAt: delivery.receivedAt.toISOString(),
    status: delivery.status,
    problem: delivery.problem?.kind,
    body: delivery.body,
  };
}

/** Which layer of the doubly-encoded body failed, in words a person reading the message can place. */
const layerNames: Record<WebhookProblemKind, string> = {
  'empty': 'body',
  'not-jwt': 'JWT',
  'public-key': 'stored public key',
  'algorithm': 'JWT algorithm',
  'signature': 'JWT signature',
  'claims': 'JWT claims',
  'data-not-json': 'JWT "data" claim',
  'event-shape': 'event',
  'inner-data-not-json': 'event "data"',
  'missing-instance-id': 'event instanceId',
  'invalid-instance-id': 'event instanceId',
  'invalid-app-id': 'event appId',
  'app-id-mismatch': 'App ID',
};

/** The decode problem with the failing layer named up front; the fix action is kept. */
export function decodeProblem(problem: Problem): Problem {
  const layer = (layerNames as Record<string, string | undefined>)[problem.kind];
  const message = layer
    ? vscode.l10n.t('Webhook payload not decoded ({0}): {1}', layer, problem.message)
    : vscode.l10n.t('Webhook payload not decoded: {0}', problem.message);
  return { ...problem, message };
}

/** One line about an event for notifications: "App Installed for Instance ID 9f8e… (verified)". */
export function eventSummary(view: EventView): string {
  const type = view.event.install ? vscode.l10n.t('{0} (an install event)', eventName(view.event.eventType)) : eventName(view.event.eventType);
  return vscode.l10n.t('{0} for Instance ID {1} ({2})', type, view.event.instanceId, trustLabel(trustOf(view)));
}

/** App Installed, or Wix's newer App Installation Created/Updated (core/webhook/installationEvent.ts). */
export function isInstallEvent(event: WebhookEvent): boolean {
  return event.eventType === 'AppInstalled' || event.install === true;
}

/** The event as the store's lifecycle sees it; none without an `iat` to order it by. */
export function lifecycleEventOf(event: WebhookEvent): LifecycleEvent | undefined {
  return event.iat === undefined ? undefined : { type: event.eventType, at: event.iat };
}
