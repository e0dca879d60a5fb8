/**
 * The read-only probes: for each entity of the guide's table, the cheapest GET calls that show
 * whether API2Cart can read it from the store. A probe is itself a method of the guide, so the
 * Wix permissions it needs are known. Nothing here ever writes: entities whose ticked methods
 * only write, or that have no read without an id (basket), are "not probed" and never called.
 * A unit test checks every probe against the project's copy of API2Cart's spec (exists, is GET).
 */
import { ENTITIES, entityOf, isReadMethod, normaliseSelection, type Entity, type MethodName } from '../scopes';

export interface Probe {
  readonly method: MethodName;
  /** Query parameters that keep the answer small; every name and value is valid for the spec. */
  readonly query?: Readonly<Record<string, string>>;
  /** The guide's read methods this probe stands for: it runs when one of them is ticked. */
  readonly covers: readonly MethodName[];
}

/** One item and only its id: enough to see the read is allowed. */
const ONE_ID = { count: '1', params: 'id' } as const;

export const PROBES: Readonly<Record<Entity, readonly Probe[]>> = {
  basket: [],
  cart: [
    { method: 'cart.info', covers: ['cart.info'] },
    { method: 'cart.coupon.count', covers: ['cart.coupon.count', 'cart.coupon.list'] },
    { method: 'cart.catalog_price_rules.count', covers: ['cart.catalog_price_rules.count', 'cart.catalog_price_rules.list'] },
  ],
  category: [{ method: 'category.count', covers: ['category.count', 'category.find', 'category.info', 'category.list'] }],
  customer: [{ method: 'customer.count', covers: ['customer.count', 'customer.find', 'customer.info', 'customer.list'] }],
  order: [
    { method: 'order.count', covers: ['order.count', 'order.info', 'order.list', 'order.shipment.info', 'order.shipment.list'] },
    { method: 'order.abandoned.list', query: ONE_ID, covers: ['order.abandoned.list'] },
  ],
  product: [
    { method: 'product.count', covers: ['product.count', 'product.find', 'product.list'] },
    {
      method: 'product.child_item.list',
      query: ONE_ID,
      covers: ['product.child_item.info', 'product.child_item.list', 'product.info', 'product.list'],
    },
    { method: 'product.brand.list', query: ONE_ID, covers: ['product.brand.list'] },
  ],
  subscriber: [{ method: 'subscriber.list', query: ONE_ID, covers: ['subscriber.list'] }],
  tax: [{ method: 'tax.class.list', query: { count: '1' }, covers: ['tax.class.info', 'tax.class.list'] }],
};

/** Read methods of the guide that no probe stands for, and why. */
export const UNPROBED_READS: Readonly<Partial<Record<MethodName, string>>> = {
  'basket.info': 'reads one basket by its id, and API2Cart has no count or list of baskets to probe without one',
  'product.review.list': 'needs a product id, so there is nothing to probe it with',
};

/** Every probe, in table order. */
export const ALL_PROBES: readonly Probe[] = ENTITIES.flatMap((entity) => PROBES[entity]);

/** Entities with at least one probe: what the person may pick when nothing is ticked. */
export const PROBED_ENTITIES: readonly Entity[] = ENTITIES.filter((entity) => PROBES[entity].length > 0);

/** What a check runs for one entity. */
export interface EntityPlan {
  readonly entity: Entity;
  readonly methods: readonly MethodName[];
  readonly probes: readonly Probe[];
  readonly notChecked: readonly MethodName[];
  readonly notProbedReason?: string;
}

export type CheckRequest =
  | { readonly methods: readonly MethodName[] }
  /** Nothing ticked: every probe of each picked entity. */
  | { readonly entities: readonly Entity[] };

function notProbedReason(entity: Entity, notChecked: readonly MethodName[]): string {
  const writes = notChecked.filter((m) => !isReadMethod(m));
  const reads = notChecked.filter(isReadMethod);
  const parts: string[] = [];
  if (PROBES[entity].length === 0 && reads.length === 0) parts.push(`API2Cart has no read of ${entity} without an id`);
  for (const read of reads) parts.push(`${read} ${UNPROBED_READS[read] ?? 'has no probe'}`);
  if (writes.length > 0) parts.push(`${writes.join(', ')} ${writes.length === 1 ? 'writes' : 'write'}, and probes never write`);
  return parts.join('; ') + '.';
}

function planEntity(entity: Entity, methods: readonly MethodName[], probes: readonly Probe[]): EntityPlan {
  const covered = new Set(probes.flatMap((p) => p.covers));
  const notChecked = methods.filter((m) => !covered.has(m));
  return probes.length > 0
    ? { entity, methods, probes, notChecked }
    : { entity, methods, probes, notChecked, notProbedReason: notProbedReason(entity, notChecked) };
}

/** The entities to check, in the planner's order, each with the probes it runs. */
export function planCheck(request: CheckRequest): EntityPlan[] {
  if ('entities' in request) {
    const picked = new Set(request.entities);
    return ENTITIES.filter((e) => picked.has(e)).map((entity) => planEntity(entity, [], PROBES[entity]));
  }
  const selection = normaliseSelection(request.methods);
  return ENTITIES.flatMap((entity) => {
    const methods = selection.filter((m) => entityOf(m) === entity);
    if (methods.length === 0) return [];
    const probes = PROBES[entity].filter((probe) => probe.covers.some((m) => methods.includes(m)));
    return [planEntity(entity, methods, probes)];
  });
}
