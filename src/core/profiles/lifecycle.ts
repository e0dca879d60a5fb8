/**
 * Wix retries a webhook for hours and delivers out of order, so an App Removed sent before a
 * reinstall can arrive after it. Each store keeps the newest lifecycle event it acted on (its
 * JWT `iat`); an event older than that never overrides it, in this window or after a restart.
 */
export interface LifecycleEvent {
  /** e.g. 'AppInstalled', 'AppRemoved'. */
  readonly type: string;
  /** The JWT's `iat`, in seconds since the epoch. */
  readonly at: number;
}

/** 'same': this very event was acted on already (a retry after a restart); 'older': it is stale. */
export type EventOrder = 'newer' | 'same' | 'older';

export function orderAgainst(last: LifecycleEvent | undefined, incoming: LifecycleEvent): EventOrder {
  if (last === undefined || incoming.at > last.at) return 'newer';
  if (incoming.at === last.at) return incoming.type === last.type ? 'same' : 'newer';
  return 'older';
}

export function isLifecycleEvent(value: unknown): value is LifecycleEvent {
  if (typeof value !== 'object' || value === null) return false;
  const { type, at } = value as Record<string, unknown>;
  return typeof type === 'string' && type !== '' && type.length <= 64 && typeof at === 'number' && Number.isSafeInteger(at) && at >= 0;
}
