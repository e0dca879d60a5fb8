/**
 * The guide's "Table of Required Wix App Scopes for our API Methods", one entry per row, in the
 * guide's order. Written out as data (the unit tests check it against the guide's text row by row).
 * Normalised: names trimmed, a scope repeated within a row kept once. "X OR Y" is an `anyOf`
 * requirement. `product.variant.update` has two rows with different lists; both are kept as-is and
 * the planner requires their union.
 */
import type { ScopeName } from './scopeCatalog';

/** One requirement of a row: a scope, or alternatives of which any one is enough. */
export type Requirement = ScopeName | { readonly anyOf: readonly ScopeName[] };

export interface GuideRow {
  readonly method: string;
  readonly requires: readonly Requirement[];
}

export const GUIDE_ROWS = [
  {
    method: 'basket.info',
    requires: ['Manage Your App', 'Read Orders', 'Read v3 catalog (PII)'],
  },
  {
    method: 'cart.catalog_price_rules.count',
    requires: ['Manage Your App', 'Read eCommerce - all read permissions', 'Read v3 catalog (PII)'],
  },
  {
    method: 'cart.catalog_price_rules.list',
    requires: ['Manage Your App', 'Read eCommerce - all read permissions', 'Read v3 catalog (PII)'],
  },
  {
    method: 'cart.coupon.count',
    requires: ['Manage Coupons', 'Manage Your App', 'Read v3 catalog (PII)'],
  },
  {
    method: 'cart.coupon.list',
    requires: ['Manage Coupons', 'Manage Your App', 'Read v3 catalog (PII)'],
  },
  {
    method: 'cart.info',
    requires: ['Manage Your App', 'Read Stores Locations in v3 catalog', 'Read v3 catalog (PII)'],
  },
  {
    method: 'category.add',
    requires: [
      'Manage Products',
      'Category write',
      'Manage Your App',
      'Read Products',
      'Read categories',
      'Read v3 catalog (PII)',
    ],
  },
  {
    method: 'category.assign',
    requires: [
      'Manage Products',
      'Manage Your App',
      'Read Products',
      'Read categories',
      { anyOf: ['Read products in v3 catalog', 'Product v3 read admin'] },
      'Read v3 catalog (PII)',
    ],
  },
  {
    method: 'category.count',
    requires: ['Manage Your App', 'Read Products', 'Read categories', 'Read v3 catalog (PII)'],
  },
  {
    method: 'category.delete',
    requires: [
      'Category write',
      'Manage Products',
      'Manage Your App',
      'Read Products',
      'Read categories',
      'Read v3 catalog (PII)',
    ],
  },
  {
    method: 'category.find',
    requires: ['Manage Your App', 'Read Products', 'Read categories', 'Read v3 catalog (PII)'],
  },
  {
    method: 'category.info',
    requires: ['Manage Your App', 'Read Products', 'Read categories', 'Read v3 catalog (PII)'],
  },
  {
    method: 'category.list',
    requires: ['Manage Your App', 'Read Products', 'Read categories', 'Read v3 catalog (PII)'],
  },
  {
    method: 'category.unassign',
    requires: [
      'Manage Products',
      'Manage Your App',
      'Read Products',
      'Read categories',
      { anyOf: ['Read products in v3 catalog', 'Product v3 read admin'] },
      'Read v3 catalog (PII)',
    ],
  },
  {
    method: 'category.update',
    requires: [
      'Category write',
      'Manage Products',
      'Manage Your App',
      'Read Products',
      'Read categories',
      'Read v3 catalog (PII)',
    ],
  },
  {
    method: 'customer.add',
    requires: ['Manage Contacts', 'Manage Your App', 'Read Contacts', 'Read v3 catalog (PII)'],
  },
  {
    method: 'customer.count',
    requires: ['Manage Your App', 'Read Contacts', 'Read v3 catalog (PII)'],
  },
  {
    method: 'customer.find',
    requires: ['Manage Your App', 'Read Contacts', 'Read v3 catalog (PII)'],
  },
  {
    method: 'customer.info',
    requires: ['Manage Your App', 'Read Contacts', 'Read v3 catalog (PII)'],
  },
  {
    method: 'customer.list',
    requires: ['Manage Your App', 'Read Contacts', 'Read v3 catalog (PII)'],
  },
  {
    method: 'customer.update',
    requires: ['Manage Contacts', 'Manage Your App', 'Read Contacts', 'Read v3 catalog (PII)'],
  },
  {
    method: 'order.abandoned.list',
    requires: ['Manage Your App', 'Read Contacts', 'Read Orders', 'Read v3 catalog (PII)'],
  },
  {
    method: 'order.add',
    requires: [
      'Manage Contacts',
      'Manage Orders',
      'Manage Your App',
      'Read Contacts',
      'Read Products',
      'Read Stores Locations in v3 catalog',
      { anyOf: ['Read products in v3 catalog', 'Product v3 read admin'] },
      'Read v3 catalog (PII)',
    ],
  },
  {
    method: 'order.count',
    requires: ['Manage Your App', 'Read Orders', 'Read v3 catalog (PII)'],
  },
  {
    method: 'order.info',
    requires: ['Manage Your App', 'Read Orders', 'Read v3 catalog (PII)'],
  },
  {
    method: 'order.list',
    requires: ['Manage Your App', 'Read Orders', 'Read v3 catalog (PII)'],
  },
  {
    method: 'order.shipment.add',
    requires: ['Manage Orders', 'Manage Your App', 'Read Orders', 'Read v3 catalog (PII)'],
  },
  {
    method: 'order.shipment.delete',
    requires: ['Manage Orders', 'Manage Your App', 'Read Orders', 'Read v3 catalog (PII)'],
  },
  {
    method: 'order.shipment.info',
    requires: ['Manage Your App', 'Read Orders', 'Read v3 catalog (PII)'],
  },
  {
    method: 'order.shipment.list',
    requires: ['Manage Your App', 'Read Orders', 'Read v3 catalog (PII)'],
  },
  {
    method: 'order.shipment.update',
    requires: ['Manage Orders', 'Manage Your App', 'Read Orders', 'Read v3 catalog (PII)'],
  },
  {
    method: 'order.update',
    requires: ['Manage Orders', 'Manage Your App', 'Read Orders', 'Read v3 catalog (PII)'],
  },
  {
    method: 'product.add',
    requires: [
      'Category item write',
      'Inventory write in v3 catalog',
      'Manage Orders',
      'Manage Products',
      'Manage Your App',
      'Product write in v3 catalog',
      'Read Stores Locations in v3 catalog',
      'Read categories',
      'Read v3 catalog (PII)',
    ],
  },
  {
    method: 'product.add.batch',
    requires: [
      'Category item write',
      'Inventory write in v3 catalog',
      'Manage Orders',
      'Manage Your App',
      'Product write in v3 catalog',
      'Read Stores Locations in v3 catalog',
      'Read categories',
      'Read v3 catalog (PII)',
    ],
  },
  {
    method: 'product.brand.list',
    requires: ['Manage Your App', 'Read brands in catalog v3', 'Read v3 catalog (PII)'],
  },
  {
    method: 'product.child_item.info',
    requires: [
      'Manage Your App',
      'Read Products',
      'Read inventory in v3 catalog',
      { anyOf: ['Read products in v3 catalog', 'Product v3 read admin'] },
      'Read v3 catalog (PII)',
    ],
  },
  {
    method: 'product.child_item.list',
    requires: [
      'Manage Your App',
      'Read Products',
      'Read inventory in v3 catalog',
      { anyOf: ['Read products in v3 catalog', 'Product v3 read admin'] },
      'Read v3 catalog (PII)',
    ],
  },
  {
    method: 'product.count',
    requires: [
      'Manage Your App',
      'Read Products',
      'Read categories',
      { anyOf: ['Read products in v3 catalog', 'Product v3 read admin'] },
      'Read v3 catalog (PII)',
    ],
  },
  {
    method: 'product.delete',
    requires: [
      'Manage Products',
      'Manage Your App',
      'Product write in v3 catalog',
      'Read Products',
      { anyOf: ['Read products in v3 catalog', 'Product v3 read admin'] },
      'Read v3 catalog (PII)',
    ],
  },
  {
    method: 'product.delete.batch',
    requires: ['Manage Your App', 'Product write in v3 catalog', 'Read v3 catalog (PII)'],
  },
  {
    method: 'product.find',
    requires: [
      'Manage Your App',
      'Read Products',
      { anyOf: ['Read products in v3 catalog', 'Product v3 read admin'] },
      'Read v3 catalog (PII)',
    ],
  },
  {
    method: 'product.image.add',
    requires: [
      'Manage Products',
      'Manage Your App',
      'Product write in v3 catalog',
      'Read Products',
      { anyOf: ['Read products in v3 catalog', 'Product v3 read admin'] },
      'Read v3 catalog (PII)',
    ],
  },
  {
    method: 'product.image.delete',
    requires: [
      'Manage Products',
      'Manage Your App',
      'Product write in v3 catalog',
      'Read Products',
      { anyOf: ['Read products in v3 catalog', 'Product v3 read admin'] },
      'Read v3 catalog (PII)',
    ],
  },
  {
    method: 'product.info',
    requires: [
      'Manage Your App',
      'Read Products',
      'Read inventory in v3 catalog',
      { anyOf: ['Read products in v3 catalog', 'Product v3 read admin'] },
      'Read v3 catalog (PII)',
    ],
  },
  {
    method: 'product.list',
    requires: [
      'Manage Your App',
      'Read Products',
      'Read categories',
      'Read inventory in v3 catalog',
      { anyOf: ['Read products in v3 catalog', 'Product v3 read admin'] },
      'Read v3 catalog (PII)',
    ],
  },
  {
    method: 'product.manufacturer.add',
    requires: [
      'Brand write in v3 catalog',
      'Manage Your App',
      'Product write in v3 catalog',
      { anyOf: ['Read products in v3 catalog', 'Product v3 read admin'] },
      'Read v3 catalog (PII)',
    ],
  },
  {
    method: 'product.option.add',
    requires: ['Manage Products', 'Manage Your App', 'Read Products', 'Read v3 catalog (PII)'],
  },
  {
    method: 'product.option.delete',
    requires: ['Manage Products', 'Manage Your App', 'Read Products', 'Read v3 catalog (PII)'],
  },
  {
    method: 'product.option.value.add',
    requires: ['Manage Products', 'Manage Your App', 'Read Products', 'Read v3 catalog (PII)'],
  },
  {
    method: 'product.option.value.delete',
    requires: ['Manage Products', 'Manage Your App', 'Read Products', 'Read v3 catalog (PII)'],
  },
  {
    method: 'product.review.list',
    requires: ['Manage Your App', 'Read Products', 'Read reviews', 'Read v3 catalog (PII)'],
  },
  {
    method: 'product.update',
    requires: [
      'Category item write',
      'Inventory write in v3 catalog',
      'Manage Orders',
      'Manage Products',
      'Manage Your App',
      'Product write in v3 catalog',
      'Read Products',
      'Read Stores Locations in v3 catalog',
      'Read categories',
      'Read v3 catalog (PII)',
    ],
  },
  {
    method: 'product.update.batch',
    requires: [
      'Category item write',
      'Manage Orders',
      'Manage Your App',
      { anyOf: ['Product write in v3 catalog', 'Inventory write in v3 catalog'] },
      'Read Products',
      'Read Stores Locations in v3 catalog',
      'Read categories',
      { anyOf: ['Read products in v3 catalog', 'Product v3 read admin'] },
      'Read v3 catalog (PII)',
    ],
  },
  {
    method: 'product.variant.update',
    requires: [
      'Inventory write in v3 catalog',
      'Manage Products',
      'Manage Your App',
      'Product write in v3 catalog',
      'Read Products',
      'Read Stores Locations in v3 catalog',
      'Read inventory in v3 catalog',
      { anyOf: ['Read products in v3 catalog', 'Product v3 read admin'] },
      'Read v3 catalog (PII)',
    ],
  },
  {
    method: 'product.variant.update',
    requires: [
      'Inventory write in v3 catalog',
      'Manage Your App',
      'Read Products',
      'Read Stores Locations in v3 catalog',
      { anyOf: ['Read products in v3 catalog', 'Product v3 read admin'] },
      'Read v3 catalog (PII)',
    ],
  },
  {
    method: 'subscriber.list',
    requires: ['Manage Email Subscriptions', 'Manage Your App', 'Read v3 catalog (PII)'],
  },
  {
    method: 'tax.class.info',
    requires: ['Manage Orders', 'Manage Your App', 'Read v3 catalog (PII)'],
  },
  {
    method: 'tax.class.list',
    requires: ['Manage Orders', 'Manage Your App', 'Read v3 catalog (PII)'],
  },
] as const satisfies readonly GuideRow[];

/** An API2Cart method named in the guide's table. */
export type MethodName = (typeof GUIDE_ROWS)[number]['method'];
