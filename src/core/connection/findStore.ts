import type { ListedCart } from '../api2cart/types';

export type StoreMatch =
  | { readonly kind: 'found'; readonly cart: ListedCart & { readonly storeKey: string } }
  | { readonly kind: 'none' }
  | { readonly kind: 'ambiguous'; readonly count: number }
  /** Nothing to match on: the list has no instance ids and the site's URL is unknown. */
  | { readonly kind: 'unidentifiable' };

/** Compares store URLs the way people write them: scheme, "www.", case and trailing slash ignored. */
export function normalizeStoreUrl(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/+$/, '');
}

/**
 * Finds the Wix store among account.cart.list entries: by instance id if API2Cart lists it,
 * otherwise by URL. Never picks one of several candidates.
 */
export function findWixStore(
  carts: readonly ListedCart[],
  wanted: { readonly instanceId: string; readonly storeUrl?: string },
): StoreMatch {
  const wix = carts.filter(
    (cart): cart is ListedCart & { storeKey: string } =>
      typeof cart.storeKey === 'string' && cart.storeKey !== '' && (cart.cartId === undefined || cart.cartId.toLowerCase() === 'wix'),
  );
  const byInstance = wix.filter((cart) => cart.wixInstanceId === wanted.instanceId);
  if (byInstance.length > 0) {
    return pick(byInstance);
  }
  if (wanted.storeUrl === undefined) {
    return { kind: 'unidentifiable' };
  }
  const url = normalizeStoreUrl(wanted.storeUrl);
  return pick(wix.filter((cart) => cart.url !== undefined && normalizeStoreUrl(cart.url) === url));
}

function pick(matches: readonly (ListedCart & { storeKey: string })[]): StoreMatch {
  if (matches.length === 0) {
    return { kind: 'none' };
  }
  const [first] = matches;
  return matches.length === 1 && first ? { kind: 'found', cart: first } : { kind: 'ambiguous', count: matches.length };
}
