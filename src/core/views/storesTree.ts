import type { ListedCart } from '../api2cart/types';
import { profileDisplayName } from '../profiles/display';

/** The status icon of a store profile in the Stores view. */
export type StoreState = 'connected' | 'not-added' | 'removed' | 'error';

/** The last Check Connection of a store in this window (never a secret: the message is a Problem's). */
export interface StoreCheck {
  readonly at: Date;
  readonly ok: boolean;
  readonly message?: string;
  /** The app version Wix reported for the site at that check. */
  readonly appVersion?: string;
}

/** What the view needs of a profile: the profile service's StoreProfile fits. */
export interface ProfileInput {
  readonly id: string;
  readonly instanceId: string;
  readonly label?: string;
  readonly siteUrl?: string;
  readonly removed: boolean;
  readonly hasStoreKey: boolean;
}

export interface StoreRow {
  readonly kind: 'profile';
  readonly profileId: string;
  readonly name: string;
  readonly url?: string;
  readonly instanceId: string;
  readonly state: StoreState;
  readonly active: boolean;
  readonly lastCheck?: StoreCheck;
}

/** A store of the API2Cart account with no profile here. Its store key is never part of the row. */
export interface AccountRow {
  readonly kind: 'account';
  /** API2Cart's store id, else the URL, else the position: what the view keeps the key under in memory. */
  readonly accountId: string;
  readonly name: string;
  readonly platform: string;
  readonly url?: string;
}

export function storeState(profile: ProfileInput, check: StoreCheck | undefined): StoreState {
  if (profile.removed) return 'removed';
  if (!profile.hasStoreKey) return 'not-added';
  return check && !check.ok ? 'error' : 'connected';
}

/** The profiles in their saved order, the active one marked. */
export function storeRows(profiles: readonly ProfileInput[], activeId: string | undefined, checks: ReadonlyMap<string, StoreCheck>): StoreRow[] {
  return profiles.map((p) => {
    const lastCheck = checks.get(p.id);
    return {
      kind: 'profile',
      profileId: p.id,
      name: profileDisplayName(p),
      ...(p.siteUrl !== undefined ? { url: p.siteUrl } : {}),
      instanceId: p.instanceId,
      state: storeState(p, lastCheck),
      active: p.id === activeId,
      ...(lastCheck ? { lastCheck } : {}),
    };
  });
}

export interface AccountStores {
  readonly rows: readonly AccountRow[];
  /** accountId → store key: kept in memory by the caller, never shown or logged. */
  readonly keys: ReadonlyMap<string, string>;
}

/**
 * The account's stores that no profile here holds, matched by store key (the one id both sides
 * know), sorted by URL. The keys come back beside the rows, so a row never carries one.
 */
export function otherAccountStores(carts: readonly ListedCart[], profileKeys: ReadonlySet<string>): AccountStores {
  const rows: AccountRow[] = [];
  const keys = new Map<string, string>();
  const used = new Set<string>();
  carts.forEach((cart, index) => {
    if (cart.storeKey !== undefined && profileKeys.has(cart.storeKey)) return;
    let accountId = cart.id ?? cart.url ?? `#${index}`;
    if (used.has(accountId)) accountId = `${accountId}#${index}`;
    used.add(accountId);
    const url = cart.url || undefined;
    rows.push({
      kind: 'account', accountId,
      name: oneLine(cart.customLabel || hostOf(url) || accountId),
      platform: oneLine(cart.cartId || 'unknown platform'),
      ...(url ? { url: oneLine(url) } : {}),
    });
    if (cart.storeKey !== undefined) keys.set(accountId, cart.storeKey);
  });
  rows.sort((a, b) => (a.url ?? a.name).localeCompare(b.url ?? b.name));
  return { rows, keys };
}

/** API answers are data: a line break or control character in one never reaches the tree. */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029\s]+/g, ' ').trim();
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/** The tooltip: one plain fact a line; instance id and last check included. */
export function storeTooltip(row: StoreRow, describe: (state: StoreState) => string, time: (d: Date) => string): string {
  const lines = [row.name, describe(row.state)];
  if (row.url) lines.push(row.url);
  lines.push(`Instance ID: ${row.instanceId}`);
  lines.push(row.lastCheck
    ? `Last check: ${time(row.lastCheck.at)}, ${row.lastCheck.ok ? 'connected' : row.lastCheck.message ?? 'failed'}${row.lastCheck.appVersion !== undefined ? `; app version ${row.lastCheck.appVersion}` : ''}`
    : 'Last check: not checked in this window');
  if (row.active) lines.push('Active store');
  return lines.join('\n');
}
