import type { GuideRow } from './guideRow';

/** The guide table's rows basket.info to order.update, in the guide's order (guideTable.ts joins the parts). */
export const ROWS_BASKET_TO_ORDER = [
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
] as const satisfies readonly GuideRow[];
