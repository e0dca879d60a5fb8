/**
 * The Wix permission scopes named in the guide's table, with their scope ids where a source gives
 * one. Ids come from reference FACTS only: `confirmed` ids are stated by Wix's SDK typings, the
 * others were seen in third-party code and may be wrong. A scope without a known id has no `id`:
 * never invent one, the dashboard lists scopes by display name anyway.
 */

/** Display names exactly as the guide (and the Wix dashboard) spell them. */
export const SCOPE_NAMES = [
  'Brand write in v3 catalog',
  'Category item write',
  'Category write',
  'Inventory write in v3 catalog',
  'Manage Contacts',
  'Manage Coupons',
  'Manage Email Subscriptions',
  'Manage Orders',
  'Manage Products',
  'Manage Your App',
  'Product v3 read admin',
  'Product write in v3 catalog',
  'Read Contacts',
  'Read Orders',
  'Read Products',
  'Read Stores Locations in v3 catalog',
  'Read brands in catalog v3',
  'Read categories',
  'Read eCommerce - all read permissions',
  'Read inventory in v3 catalog',
  'Read products in v3 catalog',
  'Read reviews',
  'Read v3 catalog (PII)',
] as const;

export type ScopeName = (typeof SCOPE_NAMES)[number];

export interface ScopeId {
  readonly value: string;
  /** true when a public Wix source states the id; false when it comes from third-party code. */
  readonly confirmed: boolean;
}

export interface ScopeInfo {
  readonly name: ScopeName;
  readonly id?: ScopeId;
}

const confirmed = (value: string): ScopeId => ({ value, confirmed: true });
const unconfirmed = (value: string): ScopeId => ({ value, confirmed: false });

const KNOWN_IDS: Partial<Record<ScopeName, ScopeId>> = {
  'Manage Your App': confirmed('SCOPE.DC.MANAGE-YOUR-APP'),
  'Read Orders': confirmed('SCOPE.DC-STORES.READ-ORDERS'),
  'Manage Orders': confirmed('SCOPE.DC-STORES.MANAGE-ORDERS'),
  'Read Products': confirmed('SCOPE.DC-STORES.READ-PRODUCTS'),
  'Manage Products': confirmed('SCOPE.DC-STORES.MANAGE-PRODUCTS'),
  'Read v3 catalog (PII)': confirmed('SCOPE.STORES.CATALOG_READ_LIMITED'),
  'Read products in v3 catalog': confirmed('SCOPE.STORES.PRODUCT_READ'),
  'Product v3 read admin': confirmed('SCOPE.STORES.PRODUCT_READ_ADMIN'),
  'Read eCommerce - all read permissions': confirmed('SCOPE.DC-ECOM-MEGA.READ-ECOM'),
  'Product write in v3 catalog': unconfirmed('SCOPE.STORES.PRODUCT_WRITE'),
  'Read inventory in v3 catalog': unconfirmed('SCOPE.STORES.INVENTORY_ITEM_READ'),
  'Inventory write in v3 catalog': unconfirmed('SCOPE.STORES.INVENTORY_ITEM_WRITE'),
  'Read categories': unconfirmed('SCOPE.CATEGORIES.CATEGORY_READ'),
  'Category write': unconfirmed('SCOPE.CATEGORIES.CATEGORY_WRITE'),
};

/** Every scope of the table, in SCOPE_NAMES order. */
export const SCOPE_CATALOG: readonly ScopeInfo[] = SCOPE_NAMES.map((name) => {
  const id = KNOWN_IDS[name];
  return id ? { name, id } : { name };
});

const SCOPE_NAME_SET: ReadonlySet<string> = new Set(SCOPE_NAMES);

export function isScopeName(value: unknown): value is ScopeName {
  return typeof value === 'string' && SCOPE_NAME_SET.has(value);
}

export function scopeInfo(name: ScopeName): ScopeInfo {
  const id = KNOWN_IDS[name];
  return id ? { name, id } : { name };
}
