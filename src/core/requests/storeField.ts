/**
 * Which store a request file names, without the catalogue or the JSON checker: the CodeLenses read
 * it at activation, before the runner (core-requests) loads. The checker uses the same matching.
 */

/** A store profile as a request file may name it: by label or by Instance ID. */
export interface StoreChoice {
  readonly id: string;
  readonly instanceId: string;
  readonly label?: string;
}

/** The profiles `name` means: by Instance ID first, else by label (both ignoring case and spaces around). */
export function matchStores<T extends StoreChoice>(name: string, stores: readonly T[]): T[] {
  const wanted = name.trim().toLowerCase();
  const byId = stores.filter((s) => s.instanceId.toLowerCase() === wanted);
  return byId.length > 0 ? byId : stores.filter((s) => s.label?.trim().toLowerCase() === wanted);
}

/** The file's "store" when it is a non-empty string; undefined for none (the active store) or text that is not JSON yet. */
export function storeFieldOf(text: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    const store = typeof parsed === 'object' && parsed !== null ? (parsed as { store?: unknown }).store : undefined;
    return typeof store === 'string' && store.trim() !== '' ? store : undefined;
  } catch {
    return undefined;
  }
}
