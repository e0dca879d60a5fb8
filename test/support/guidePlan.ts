// The planner's expected permissions, worked out from the guide's own table
// (test/fixtures/wix-api2cart-guide.txt, read by the unit tests' separate parser) rather than by
// src/core/scopes: the e2e and integration layers compare the planner with this.
import { parseGuideTable, type ParsedRow } from '../unit/scopes/guideText';

let rows: ParsedRow[] | undefined;
const byName = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base' });

/** The labels the planner should show for `methods`: each requirement once, none implied by another, sorted. */
export function expectedClauseLabels(methods: readonly string[]): string[] {
  rows ??= parseGuideTable();
  const wanted = new Set(methods);
  const clauses = new Map<string, readonly string[]>();
  for (const row of rows.filter((r) => wanted.has(r.method))) {
    for (const options of row.requires) {
      const sorted = [...options].sort(byName);
      clauses.set(sorted.join(' or '), sorted);
    }
  }
  // A clause is implied by a narrower one: all of the narrower one's options are among its own.
  const all = [...clauses.values()];
  const kept = all.filter((c) => !all.some((d) => d !== c && d.length < c.length && d.every((o) => c.includes(o))));
  return kept.map((c) => c.join(' or ')).sort(byName);
}

/** Copy as text for order.list and product.list, spelled out: the guide's rows and Wix's scope ids. */
export const ORDER_AND_PRODUCT_LIST_TEXT = [
  'Wix app scopes for 2 API2Cart methods: order.list, product.list',
  '',
  '- Manage Your App [SCOPE.DC.MANAGE-YOUR-APP] (2 methods)',
  '- Product v3 read admin [SCOPE.STORES.PRODUCT_READ_ADMIN] or Read products in v3 catalog [SCOPE.STORES.PRODUCT_READ] (1 method)',
  '- Read categories [SCOPE.CATEGORIES.CATEGORY_READ, unconfirmed] (1 method)',
  '- Read inventory in v3 catalog [SCOPE.STORES.INVENTORY_ITEM_READ, unconfirmed] (1 method)',
  '- Read Orders [SCOPE.DC-STORES.READ-ORDERS] (1 method)',
  '- Read Products [SCOPE.DC-STORES.READ-PRODUCTS] (1 method)',
  '- Read v3 catalog (PII) [SCOPE.STORES.CATALOG_READ_LIMITED] (2 methods)',
  '',
  'Note: Scope ids marked unconfirmed come from third-party code, not from Wix; check them in the Wix dashboard.',
  '',
].join('\n');

/** The "Order sync" preset's methods, spelled out (the planner's preset, as a person reads it). */
export const ORDER_SYNC_METHODS = [
  'cart.info', 'customer.info', 'customer.list', 'order.count', 'order.info', 'order.list', 'order.update',
  'order.shipment.add', 'order.shipment.info', 'order.shipment.list', 'order.shipment.update',
] as const;

/**
 * Export Markdown… for order.list and product.list, spelled out from the same rows and ids as the
 * text above; `date` is the day the export ran (YYYY-MM-DD, UTC).
 */
export function orderAndProductListMarkdown(date: string): string {
  return [
    '# Wix app scopes for the API2Cart integration',
    '',
    `Source: API2Cart "How to connect Wix" guide, table of required Wix app scopes. Generated ${date}.`,
    '',
    '## Selected API2Cart methods (2)',
    '',
    '- **order**: `order.list`',
    '- **product**: `product.list`',
    '',
    '## Required Wix permissions (7)',
    '',
    'Request every row. Where a row offers alternatives, one of them is enough.',
    '',
    '| Permission | Scope id | Needed by |',
    '|---|---|---|',
    '| Manage Your App | `SCOPE.DC.MANAGE-YOUR-APP` | 2 methods: order.list, product.list |',
    '| Product v3 read admin **or** Read products in v3 catalog | `SCOPE.STORES.PRODUCT_READ_ADMIN` or `SCOPE.STORES.PRODUCT_READ` | 1 method: product.list |',
    '| Read categories | `SCOPE.CATEGORIES.CATEGORY_READ` (unconfirmed) | 1 method: product.list |',
    '| Read inventory in v3 catalog | `SCOPE.STORES.INVENTORY_ITEM_READ` (unconfirmed) | 1 method: product.list |',
    '| Read Orders | `SCOPE.DC-STORES.READ-ORDERS` | 1 method: order.list |',
    '| Read Products | `SCOPE.DC-STORES.READ-PRODUCTS` | 1 method: product.list |',
    '| Read v3 catalog (PII) | `SCOPE.STORES.CATALOG_READ_LIMITED` | 2 methods: order.list, product.list |',
    '',
    '## Notes',
    '',
    '- Scope ids marked unconfirmed come from third-party code, not from Wix; check them in the Wix dashboard.',
    '- A new or changed permission applies only after the site owner approves it: release a new app version, then re-install or update the app.',
    '',
  ].join('\n');
}
