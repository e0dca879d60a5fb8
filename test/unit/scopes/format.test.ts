import assert from 'node:assert/strict';
import {
  clauseLabel,
  formatPlanJson,
  formatPlanMarkdown,
  formatPlanText,
  planScopes,
  planToJson,
} from '../../../src/core/scopes';

describe('scopes: formats', () => {
  const plan = planScopes(['order.list', 'product.find']);

  it('labels alternatives as "A or B"', () => {
    assert.equal(clauseLabel(['Product v3 read admin', 'Read products in v3 catalog']), 'Product v3 read admin or Read products in v3 catalog');
    assert.equal(clauseLabel(['Read Orders']), 'Read Orders');
  });

  it('text: one line per clause with ids where known and per-clause counts', () => {
    assert.equal(
      formatPlanText(plan),
      [
        'Wix app scopes for 2 API2Cart methods: order.list, product.find',
        '',
        '- Manage Your App [SCOPE.DC.MANAGE-YOUR-APP] (2 methods)',
        '- Product v3 read admin [SCOPE.STORES.PRODUCT_READ_ADMIN] or Read products in v3 catalog [SCOPE.STORES.PRODUCT_READ] (1 method)',
        '- Read Orders [SCOPE.DC-STORES.READ-ORDERS] (1 method)',
        '- Read Products [SCOPE.DC-STORES.READ-PRODUCTS] (1 method)',
        '- Read v3 catalog (PII) [SCOPE.STORES.CATALOG_READ_LIMITED] (2 methods)',
        '',
      ].join('\n'),
    );
  });

  it('text: marks unconfirmed ids, leaves unknown ids out, notes the duplicate row', () => {
    const text = formatPlanText(planScopes(['product.variant.update', 'cart.coupon.list']));
    assert.match(text, /Product write in v3 catalog \[SCOPE\.STORES\.PRODUCT_WRITE, unconfirmed\]/);
    assert.match(text, /^- Manage Coupons \(1 method\)$/m);
    assert.match(text, /Note: product\.variant\.update appears 2 times in the guide.*union/);
    assert.match(text, /Note: Scope ids marked unconfirmed/);
  });

  it('text: says so when nothing is selected', () => {
    assert.match(formatPlanText(planScopes([])), /No API2Cart methods selected/);
  });

  it('JSON: names, ids or null, confirmed flag, and the methods per clause', () => {
    const json = planToJson(planScopes(['product.update.batch', 'category.add']));
    assert.deepEqual(json.methods, ['category.add', 'product.update.batch']);
    const write = json.scopes.find((s) => s.anyOf.some((o) => o.name === 'Product write in v3 catalog'));
    assert.deepEqual(write, {
      anyOf: [
        { name: 'Inventory write in v3 catalog', id: 'SCOPE.STORES.INVENTORY_ITEM_WRITE', idConfirmed: false },
        { name: 'Product write in v3 catalog', id: 'SCOPE.STORES.PRODUCT_WRITE', idConfirmed: false },
      ],
      neededBy: ['product.update.batch'],
    });
    const itemWrite = json.scopes.find((s) => s.anyOf[0]!.name === 'Category item write');
    assert.deepEqual(itemWrite?.anyOf, [{ name: 'Category item write', id: null, idConfirmed: null }]);
    assert.deepEqual(JSON.parse(formatPlanJson(planScopes(['order.list']))), planToJson(planScopes(['order.list'])));
  });

  it('Markdown: methods by entity, a table of permissions, notes; date only when given', () => {
    const md = formatPlanMarkdown(planScopes(['order.list', 'product.variant.update']), { date: '2025-01-31' });
    assert.match(md, /^# Wix app scopes for the API2Cart integration$/m);
    assert.match(md, /Generated 2025-01-31\./);
    assert.match(md, /^- \*\*order\*\*: `order\.list`$/m);
    assert.match(md, /^- \*\*product\*\*: `product\.variant\.update`$/m);
    assert.match(md, /^\| Manage Your App \| `SCOPE\.DC\.MANAGE-YOUR-APP` \| 2 methods: order\.list, product\.variant\.update \|$/m);
    assert.match(md, /^\| Product v3 read admin \*\*or\*\* Read products in v3 catalog \| `SCOPE\.STORES\.PRODUCT_READ_ADMIN` or `SCOPE\.STORES\.PRODUCT_READ` \|/m);
    assert.match(md, /`SCOPE\.STORES\.PRODUCT_WRITE` \(unconfirmed\)/);
    assert.match(md, /^- product\.variant\.update appears 2 times/m);
    assert.doesNotMatch(formatPlanMarkdown(plan), /Generated/);
    const tableRows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Permission'));
    assert.equal(tableRows.length, planScopes(['order.list', 'product.variant.update']).clauses.length);
  });

  it('Markdown: an empty plan is still a valid document', () => {
    const md = formatPlanMarkdown(planScopes([]));
    assert.match(md, /## Selected API2Cart methods \(0\)\n\nNone\./);
    assert.match(md, /## Required Wix permissions \(0\)\n\nNone\./);
  });
});
