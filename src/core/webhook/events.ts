import type { Problem } from '../result';

/** App lifecycle events share one envelope; other names pass through as plain strings. */
export type KnownWebhookEventType =
  | 'AppInstalled'
  | 'AppRemoved'
  | 'PaidPlanPurchased'
  | 'PaidPlanChanged'
  | 'PaidPlanAutoRenewalCancelled'
  | 'PaidPlanTransferred'
  | 'PlanReactivated'
  | 'PlanConvertedToPaid';

// `string & {}` keeps editor completion for the known names while accepting any string.
export type WebhookEventType = KnownWebhookEventType | (string & {});

export type JsonObject = Record<string, unknown>;

/** Each layer of the doubly-encoded body, decoded, for showing as JSON. */
export interface WebhookLayers {
  /** The JWT protected header, e.g. `{ alg: 'RS256', kid: '…' }`. */
  readonly header: JsonObject;
  /** The JWT claims without `data` (which is shown decoded as `event`). */
  readonly claims: JsonObject;
  /** `JSON.parse(claims.data)` without its own `data` (shown decoded as `data`). */
  readonly event: JsonObject;
  /** `JSON.parse(event.data)`: `{ appId, originInstanceId }` for app lifecycle events. */
  readonly data: JsonObject;
}

export interface WebhookEvent {
  readonly eventType: WebhookEventType;
  /** What API2Cart calls `wix_instance_id`; stable across uninstall and reinstall. */
  readonly instanceId: string;
  readonly appId?: string;
  readonly originInstanceId?: string;
  /** `event.identity`, parsed when it is JSON, else the raw string. */
  readonly identity?: unknown;
  /** An install event of the newer kind (App Installation Created/Updated, see installationEvent.ts). */
  readonly install?: boolean;
  /** JWT `iat` / `exp` in seconds since the epoch, when present. */
  readonly iat?: number;
  readonly exp?: number;
  /** The JWT header's `alg`, as the token claims it (trusted only when `verified`). */
  readonly algorithm: string;
  /** True only when the RS256 signature was checked against the app's public key. */
  readonly verified: boolean;
  /** `exp` is in the past: the token is weeks old (Wix's live about 41 days). Still accepted when the signature is valid. */
  readonly expired: boolean;
  /** Things a person should see next to the event, e.g. "signature not verified: …". */
  readonly notes: readonly string[];
  readonly layers: WebhookLayers;
}

/** Names the layer of the body that failed, outermost first. */
export type WebhookProblemKind =
  | 'empty'
  | 'not-jwt'
  | 'public-key'
  | 'algorithm'
  | 'signature'
  | 'claims'
  | 'data-not-json'
  | 'event-shape'
  | 'inner-data-not-json'
  | 'missing-instance-id'
  | 'invalid-instance-id'
  | 'invalid-app-id'
  | 'app-id-mismatch';

export type WebhookProblem = Problem<WebhookProblemKind>;
