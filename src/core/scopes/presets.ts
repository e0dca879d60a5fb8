/**
 * Starting selections for common integrations. A preset is only a shortcut for ticking methods:
 * the developer adjusts it afterwards, and the planner computes the scopes as for any selection.
 */
import type { MethodName } from './guideTable';
import { ALL_METHODS } from './planner';

export interface Preset {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly methods: readonly MethodName[];
}

const READ_VERBS = new Set(['info', 'list', 'count', 'find']);

/** Methods that only read (info, list, count, find); every other method of the guide writes. */
export function isReadMethod(method: MethodName): boolean {
  return READ_VERBS.has(method.slice(method.lastIndexOf('.') + 1));
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'order-sync',
    label: 'Order sync',
    description: 'Import orders and their customers, update statuses and shipments.',
    methods: [
      'cart.info',
      'customer.info',
      'customer.list',
      'order.count',
      'order.info',
      'order.list',
      'order.update',
      'order.shipment.add',
      'order.shipment.info',
      'order.shipment.list',
      'order.shipment.update',
    ],
  },
  {
    id: 'catalog-sync',
    label: 'Catalog sync',
    description: 'Read and write products, variants, images and categories.',
    methods: [
      'cart.info',
      'category.add',
      'category.assign',
      'category.count',
      'category.info',
      'category.list',
      'category.unassign',
      'category.update',
      'product.add',
      'product.child_item.info',
      'product.child_item.list',
      'product.count',
      'product.delete',
      'product.find',
      'product.image.add',
      'product.image.delete',
      'product.info',
      'product.list',
      'product.update',
      'product.variant.update',
    ],
  },
  {
    id: 'inventory-sync',
    label: 'Inventory and price sync',
    description: 'Read products and variants, update stock and prices.',
    methods: [
      'cart.info',
      'product.child_item.info',
      'product.child_item.list',
      'product.find',
      'product.info',
      'product.list',
      'product.update',
      'product.update.batch',
      'product.variant.update',
    ],
  },
  {
    id: 'read-only',
    label: 'Read-only',
    description: 'Every info, list, count and find method: reporting without changing the store.',
    methods: ALL_METHODS.filter(isReadMethod),
  },
];

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((preset) => preset.id === id);
}
