/**
 * What a store permission check produced. Plain data: the planner renders it, the report prints
 * it, the notification counts it. No secret ever goes in (messages come redacted from the client).
 */
import type { Clause, Entity, MethodName } from '../scopes';

/** The outcome of one read-only probe. */
export type ProbeOutcome =
  /** Not settled yet: waiting for a slot, or in flight. */
  | { readonly kind: 'pending' }
  | { readonly kind: 'works'; readonly ms: number }
  /** API2Cart answered with a store-side error: the app may lack a permission. */
  /** `said`: API2Cart's own return_message ('' when none); `message` explains the code around it. */
  | { readonly kind: 'fails'; readonly returnCode: number; readonly message: string; readonly said?: string; readonly ms: number }
  /** 7, 10 or 110: says nothing about permissions; try again later. */
  | { readonly kind: 'rate-limited'; readonly returnCode: number; readonly message: string }
  | { readonly kind: 'timed-out'; readonly afterMs: number }
  /** No verdict: the account, the service or the network failed, or the answer was not API2Cart's. */
  | {
      readonly kind: 'unavailable';
      readonly reason: 'account' | 'not-json' | 'http-status' | 'network' | 'bad-response';
      readonly message: string;
      readonly returnCode?: number;
      readonly status?: number;
    }
  /** `sent` is false for a probe that was still waiting: it never reached API2Cart. */
  | { readonly kind: 'cancelled'; readonly sent: boolean };

export type ProbeOutcomeKind = ProbeOutcome['kind'];

export interface ProbeRun {
  readonly method: MethodName;
  readonly outcome: ProbeOutcome;
  /**
   * Set when the probe fails: what the guide lists for the probe method and for the ticked
   * methods it stands for. These are what to check on the app's Permissions page.
   */
  readonly permissionsToCheck?: readonly Clause[];
}

export type EntityStatus = 'checking' | 'works' | 'fails' | 'unknown' | 'not-probed' | 'cancelled';

export interface EntityCheck {
  readonly entity: Entity;
  /** The ticked methods of this entity (empty when the person picked the entity instead). */
  readonly methods: readonly MethodName[];
  readonly status: EntityStatus;
  readonly probes: readonly ProbeRun[];
  /** Ticked methods no probe stands for: writes (never called) and reads that need an id. */
  readonly notChecked: readonly MethodName[];
  /** Set when the entity is not probed at all. */
  readonly notProbedReason?: string;
  /**
   * Requirements of the ticked methods that no working probe exercised, e.g. "Read inventory in
   * v3 catalog" for product.info when only product.count ran. Empty unless a probe works.
   */
  readonly notExercised: readonly Clause[];
}

export type PlatformCheck =
  | { readonly kind: 'pending' }
  /** `methods` is the number cart.methods listed; `unsupported` are ticked methods not among them. */
  | { readonly kind: 'read'; readonly methods: number; readonly unsupported: readonly MethodName[]; readonly cached: boolean }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'cancelled' };

export type WixCheck =
  | { readonly kind: 'pending' }
  /** `permissions` exactly as Wix returned them (their format is undocumented). */
  | { readonly kind: 'read'; readonly permissions: readonly string[]; readonly appName?: string; readonly siteName?: string; readonly appVersion?: string }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'skipped'; readonly reason: string }
  | { readonly kind: 'cancelled' };

export interface VerificationResult {
  readonly store: { readonly id: string; readonly name: string };
  /** ISO date-time. */
  readonly startedAt: string;
  readonly status: 'running' | 'done' | 'cancelled';
  /** From the start to the last answer; set once the check is over. */
  readonly durationMs?: number;
  /** The ticked methods it ran for; empty when the person picked entities instead. */
  readonly methods: readonly MethodName[];
  readonly entities: readonly EntityCheck[];
  readonly platform: PlatformCheck;
  readonly wix: WixCheck;
  /** Permissions the plan added since the store was added (scope drift), for the 403 cause. */
  readonly addedSinceInstall?: readonly Clause[];
}
