import { randomBytes } from 'node:crypto';

/** How long an install link's state is good for: long enough to sign in to Wix and pick a site. */
export const INSTALL_STATE_TTL_MS = 30 * 60_000;
// A window opens a handful of links; the bound keeps a loop of Open Install Link small.
const MAX_STATES = 50;

export type StateRefusal = 'unknown' | 'used' | 'expired';

export interface InstallStateStore {
  /** A fresh one-time state for a link built for `appId`. */
  issue(appId: string): string;
  /** The App ID a live state was issued for, or why it is refused; the state stays live. */
  check(state: string): { readonly ok: true; readonly appId: string } | { readonly ok: false; readonly reason: StateRefusal };
  /** Uses a state up: a redirect carrying it again is refused as 'used'. */
  consume(state: string): void;
}

/**
 * One-time states for install links: each binds a redirect to the link this window opened, is
 * good for INSTALL_STATE_TTL_MS and is used once (a replayed redirect is refused). A refused
 * redirect does not use it up, so a forged request cannot spend the state of the real one.
 */
export function createInstallStateStore(opts: { now?: () => number; ttlMs?: number; random?: () => string } = {}): InstallStateStore {
  const now = opts.now ?? Date.now;
  const ttlMs = opts.ttlMs ?? INSTALL_STATE_TTL_MS;
  const random = opts.random ?? (() => randomBytes(18).toString('base64url'));
  const issued = new Map<string, { appId: string; expires: number }>();
  const used = new Set<string>();
  const remember = (set: Set<string>, state: string): void => {
    set.add(state);
    if (set.size > MAX_STATES) set.delete(set.values().next().value!);
  };
  return {
    issue(appId) {
      const state = random();
      issued.set(state, { appId, expires: now() + ttlMs });
      if (issued.size > MAX_STATES) issued.delete(issued.keys().next().value!);
      return state;
    },
    check(state) {
      const entry = issued.get(state);
      if (!entry) return { ok: false, reason: used.has(state) ? 'used' : 'unknown' };
      if (now() >= entry.expires) return { ok: false, reason: 'expired' };
      return { ok: true, appId: entry.appId };
    },
    consume(state) {
      if (issued.delete(state)) remember(used, state);
    },
  };
}
