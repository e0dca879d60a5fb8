import type { GuideRow } from './guideRow';

/** The guide table's rows product.add to tax.class.list, in the guide's order (guideTable.ts joins the parts). */
export const ROWS_PRODUCT_TO_TAX = [
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
