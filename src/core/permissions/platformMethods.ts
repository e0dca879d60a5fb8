/**
 * The platform's own method list: `cart.methods` says which API2Cart methods the connected store's
 * platform supports. Read once per store and session; ticked methods missing from it are flagged.
 */
import type { MethodName } from '../scopes';

/** The method names in cart.methods' `result.method`, normalised; undefined when the shape is wrong. */
export function parsePlatformMethods(result: unknown): string[] | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  const list = (result as { method?: unknown }).method;
  if (!Array.isArray(list)) return undefined;
  const names = list.filter((m): m is string => typeof m === 'string').map(normaliseName).filter((m) => m !== '');
  return [...new Set(names)];
}

/** "Product.List.json " → "product.list": the list's spelling is not documented. */
const normaliseName = (name: string): string => name.trim().toLowerCase().replace(/\.json$/, '');

/**
 * Ticked methods the platform does not list. An empty list proves nothing (an account without
 * the method, a platform that lists nothing), so nothing is flagged against it.
 */
export function unsupportedMethods(ticked: readonly MethodName[], platform: readonly string[]): MethodName[] {
  if (platform.length === 0) return [];
  const listed = new Set(platform.map(normaliseName));
  return ticked.filter((m) => !listed.has(m));
}

export interface PlatformMethodsCache {
  get(storeId: string): readonly string[] | undefined;
  set(storeId: string, methods: readonly string[]): void;
}

/** In memory for the session: a platform's method list changes with API2Cart releases, not per call. */
export function createPlatformMethodsCache(): PlatformMethodsCache {
  const byStore = new Map<string, readonly string[]>();
  return {
    get: (storeId) => byStore.get(storeId),
    set: (storeId, methods) => void byStore.set(storeId, [...methods]),
  };
}
