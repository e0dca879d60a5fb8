import type { Api2CartClient } from '../api2cart/client';
import { runLimited } from '../permissions/runner';
import type { Problem } from '../result';
import type { WixClient } from '../wix/client';

/** API2Cart allows 5 parallel calls per store and 10 per account; the person's integration may use some. */
export const MAX_UPDATES_IN_FLIGHT = 3;

/** A connected store whose Wix credentials API2Cart should replace. */
export interface CredentialTarget {
  readonly profileId: string;
  readonly name: string;
  readonly instanceId: string;
  /** A secret: sent as x-store-key only. */
  readonly storeKey: string;
}

export type UpdateOutcome =
  | { readonly state: 'updated' }
  | { readonly state: 'failed'; readonly problem: Problem; readonly maybeApplied: boolean }
  | { readonly state: 'skipped'; readonly reason: string; readonly fix?: Problem['fix'] };

/** One line of the report: no store key, no secret. */
export interface UpdateEntry {
  readonly profileId: string;
  readonly name: string;
  readonly instanceId: string;
  readonly outcome: UpdateOutcome;
}

export interface UpdateCredentialsDeps {
  readonly wix: Pick<WixClient, 'getAccessToken'>;
  readonly api2cart: Pick<Api2CartClient, 'updateWixCredentials'>;
  /** A fresh key per store and run (crypto.randomUUID in the extension). */
  idempotencyKey(target: CredentialTarget): string;
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  /** After each store settles: for the progress notification. */
  onSettled?(entry: UpdateEntry, settled: number, total: number): void;
}

/** Wix refused the App ID / App Secret Key itself (not one site's instance): no store can take it. */
const SECRET_REJECTED = new Set(['wix-app-credentials']);

/**
 * `account.config.update` for each store, at most 3 at a time. Each store is first checked with
 * Wix (client-credentials token for its instance), so API2Cart never receives a secret Wix
 * refuses; once Wix refuses the App Secret Key itself, no further store is tried. Cancel stops
 * the stores still waiting and aborts those in flight.
 */
export async function updateWixCredentials(
  targets: readonly CredentialTarget[],
  credentials: { readonly appId: string; readonly appSecret: string },
  deps: UpdateCredentialsDeps,
): Promise<UpdateEntry[]> {
  const outer = deps.signal ?? new AbortController().signal;
  const refused = new AbortController();
  const signal = AbortSignal.any([outer, refused.signal]);
  let settled = 0;
  const entryOf = (t: CredentialTarget, outcome: UpdateOutcome): UpdateEntry => ({ profileId: t.profileId, name: t.name, instanceId: t.instanceId, outcome });

  const updateOne = async (target: CredentialTarget, laneSignal: AbortSignal): Promise<UpdateOutcome> => {
    const token = await deps.wix.getAccessToken({ ...credentials, instanceId: target.instanceId }, { signal: laneSignal });
    if (!token.ok) {
      if (token.error.kind === 'http-cancelled') return skippedByCancel(outer);
      if (SECRET_REJECTED.has(token.error.kind)) refused.abort();
      return { state: 'skipped', reason: `Wix did not accept the new credentials for this site, so nothing was sent to API2Cart: ${token.error.message}`, ...(token.error.fix ? { fix: token.error.fix } : {}) };
    }
    if (laneSignal.aborted) return skippedByCancel(outer);
    const updated = await deps.api2cart.updateWixCredentials(target.storeKey, {
      ...credentials, instanceId: target.instanceId, idempotencyKey: deps.idempotencyKey(target),
    }, { signal: laneSignal });
    if (updated.ok) return { state: 'updated' };
    return { state: 'failed', problem: updated.error, maybeApplied: updated.error.maybeDelivered };
  };

  const tasks = targets.map((target) => async (laneSignal: AbortSignal) => {
    const entry = entryOf(target, await updateOne(target, laneSignal));
    deps.onSettled?.(entry, ++settled, targets.length);
    return entry;
  });
  const results = await runLimited(tasks, { concurrency: deps.concurrency ?? MAX_UPDATES_IN_FLIGHT, signal });
  // A store never started settles too, so the log (the report a person opens) names every store.
  return results.map((entry, i) => {
    if (entry) return entry;
    const skipped = entryOf(targets[i]!, skippedByCancel(outer));
    deps.onSettled?.(skipped, ++settled, targets.length);
    return skipped;
  });
}

/** A store not sent to API2Cart because the person cancelled, or Wix refused the secret for another store. */
function skippedByCancel(outer: AbortSignal): UpdateOutcome {
  return outer.aborted
    ? { state: 'skipped', reason: 'Cancelled before API2Cart was asked; nothing was sent for this store.' }
    : { state: 'skipped', reason: 'Wix refused the new App Secret Key for another store, so this one was not tried; nothing was sent to API2Cart.', fix: 'setAppCredentials' };
}

/**
 * Counts for the summary line. A store whose update was sent but never answered (cancelled in
 * flight, the connection lost) is `unanswered`, not `failed`: API2Cart may have applied it.
 */
export function summariseUpdate(entries: readonly UpdateEntry[]): { updated: number; unanswered: number; failed: number; skipped: number } {
  const count = (match: (o: UpdateOutcome) => boolean) => entries.filter((e) => match(e.outcome)).length;
  return {
    updated: count((o) => o.state === 'updated'),
    unanswered: count((o) => o.state === 'failed' && o.maybeApplied),
    failed: count((o) => o.state === 'failed' && !o.maybeApplied),
    skipped: count((o) => o.state === 'skipped'),
  };
}
