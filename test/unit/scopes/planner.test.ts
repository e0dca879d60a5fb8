import assert from 'node:assert/strict';
import {
  ALL_METHODS,
  ENTITIES,
  duplicateRowNote,
  entityOf,
  groupMethodsByEntity,
  isMethodName,
  methodsNeeding,
  minimiseClauses,
  normaliseSelection,
  planScopes,
  requiredClauses,
  requirementsOf,
  type MethodName,
  type ScopeName,
} from '../../../src/core/scopes';

const PRODUCT_READ_OR_ADMIN = ['Product v3 read admin', 'Read products in v3 catalog'];

describe('scopes: planner model', () => {
  it('gives one method its row, sorted', () => {
    assert.deepEqual(requiredClauses(['order.list']), [
      ['Manage Your App'],
      ['Read Orders'],
      ['Read v3 catalog (PII)'],
    ]);
  });

  it('requires nothing for an empty selection', () => {
    assert.deepEqual(requiredClauses([]), []);
    assert.deepEqual(planScopes([]).clauses, []);
  });

  it('takes the union over several methods, each scope once', () => {
    assert.deepEqual(requiredClauses(['order.list', 'customer.add', 'subscriber.list']), [
      ['Manage Contacts'],
      ['Manage Email Subscriptions'],
      ['Manage Your App'],
      ['Read Contacts'],
      ['Read Orders'],
      ['Read v3 catalog (PII)'],
    ]);
  });

  it('keeps "X OR Y" as one clause satisfied by either', () => {
    assert.deepEqual(requiredClauses(['product.find']), [
      ['Manage Your App'],
      PRODUCT_READ_OR_ADMIN,
      ['Read Products'],
      ['Read v3 catalog (PII)'],
    ]);
  });

  it('drops an OR clause that a scope required anyway already satisfies', () => {
    const batch = requiredClauses(['product.update.batch']);
    assert.ok(batch.some((c) => c.length === 2 && c.includes('Product write in v3 catalog')));
    const withAdd = requiredClauses(['product.update.batch', 'product.add']);
    assert.ok(withAdd.some((c) => c.length === 1 && c[0] === 'Product write in v3 catalog'));
    assert.ok(withAdd.some((c) => c.length === 1 && c[0] === 'Inventory write in v3 catalog'));
    assert.ok(!withAdd.some((c) => c.length > 1 && c.includes('Product write in v3 catalog')));
    assert.ok(withAdd.some((c) => c.join() === PRODUCT_READ_OR_ADMIN.join()));
  });

  it('requires the union of both rows of product.variant.update', () => {
    assert.deepEqual(requiredClauses(['product.variant.update']), [
      ['Inventory write in v3 catalog'],
      ['Manage Products'], // first row only
      ['Manage Your App'],
      PRODUCT_READ_OR_ADMIN,
      ['Product write in v3 catalog'], // first row only
      ['Read inventory in v3 catalog'], // first row only
      ['Read Products'],
      ['Read Stores Locations in v3 catalog'],
      ['Read v3 catalog (PII)'],
    ]);
  });

  it('notes the duplicate row and what differs between the rows', () => {
    const note = duplicateRowNote('product.variant.update');
    assert.deepEqual(note, {
      method: 'product.variant.update',
      rowCount: 2,
      notInEveryRow: [['Manage Products'], ['Product write in v3 catalog'], ['Read inventory in v3 catalog']],
    });
    assert.equal(duplicateRowNote('order.list'), undefined);
    assert.deepEqual(planScopes(['order.list']).duplicateRows, []);
    assert.deepEqual(planScopes(['order.list', 'product.variant.update']).duplicateRows, [note]);
  });

  describe('minimiseClauses', () => {
    const s = (...names: string[]) => names as ScopeName[];

    it('merges duplicate clauses, whatever their option order', () => {
      assert.deepEqual(minimiseClauses([s('Read Orders', 'Read Contacts'), s('Read Contacts', 'Read Orders')]), [
        s('Read Contacts', 'Read Orders'),
      ]);
    });

    it('drops a clause one of whose options is required on its own', () => {
      assert.deepEqual(minimiseClauses([s('Read Orders', 'Read Contacts'), s('Read Orders')]), [s('Read Orders')]);
    });

    it('keeps the stronger of two OR clauses when one contains the other', () => {
      assert.deepEqual(
        minimiseClauses([s('Read Orders', 'Read Contacts', 'Read reviews'), s('Read reviews', 'Read Orders')]),
        [s('Read Orders', 'Read reviews')],
      );
    });

    it('keeps overlapping OR clauses that do not contain one another', () => {
      assert.deepEqual(minimiseClauses([s('Read Orders', 'Read Contacts'), s('Read Orders', 'Read reviews')]), [
        s('Read Contacts', 'Read Orders'),
        s('Read Orders', 'Read reviews'),
      ]);
    });
  });

  it('is deterministic: same result for any order or repetition of the selection', () => {
    const a = planScopes(['product.list', 'order.add', 'category.add']);
    const b = planScopes(['category.add', 'order.add', 'product.list', 'order.add']);
    assert.deepEqual(a, b);
    assert.deepEqual(a.methods, ['category.add', 'order.add', 'product.list']);
  });

  it('sorts scopes case-insensitively', () => {
    const names = requiredClauses(['product.list']).map((c) => c[0]!);
    assert.deepEqual(names, [
      'Manage Your App',
      'Product v3 read admin',
      'Read categories',
      'Read inventory in v3 catalog',
      'Read Products',
      'Read v3 catalog (PII)',
    ]);
  });

  it('counts, per clause, the selected methods it serves', () => {
    const plan = planScopes(['order.list', 'order.update', 'cart.info']);
    const neededBy = Object.fromEntries(plan.clauses.map((c) => [c.anyOf.join(' or '), c.neededBy]));
    assert.deepEqual(neededBy, {
      'Manage Orders': ['order.update'],
      'Manage Your App': ['cart.info', 'order.list', 'order.update'],
      'Read Orders': ['order.list', 'order.update'],
      'Read Stores Locations in v3 catalog': ['cart.info'],
      'Read v3 catalog (PII)': ['cart.info', 'order.list', 'order.update'],
    });
  });

  it('counts an OR clause\'s method under the scope that absorbed it', () => {
    const plan = planScopes(['product.update.batch', 'product.add']);
    const write = plan.clauses.find((c) => c.anyOf.join() === 'Product write in v3 catalog');
    assert.deepEqual(write?.neededBy, ['product.add', 'product.update.batch']);
  });

  it('finds the methods needing a scope, alone or as an alternative', () => {
    assert.deepEqual(methodsNeeding('Manage Coupons'), ['cart.coupon.count', 'cart.coupon.list']);
    assert.deepEqual(methodsNeeding('Read eCommerce - all read permissions'), [
      'cart.catalog_price_rules.count',
      'cart.catalog_price_rules.list',
    ]);
    assert.equal(methodsNeeding('Manage Your App').length, 57);
    assert.ok(methodsNeeding('Inventory write in v3 catalog').includes('product.update.batch'));
    assert.deepEqual(methodsNeeding('Read Orders', ['order.list', 'customer.list', 'basket.info']), [
      'basket.info',
      'order.list',
    ]);
  });

  it('recognises method names and drops unknown ones from a selection', () => {
    assert.ok(isMethodName('order.list'));
    assert.ok(!isMethodName('order.delete'));
    assert.ok(!isMethodName(42));
    assert.deepEqual(normaliseSelection(['order.list', 'nope', 7, 'order.list']), ['order.list']);
  });

  it('groups the 57 methods by the 8 entities, none left over', () => {
    const groups = groupMethodsByEntity();
    assert.deepEqual(
      groups.map((g) => g.entity),
      [...ENTITIES],
    );
    assert.equal(groups.reduce((n, g) => n + g.methods.length, 0), 57);
    for (const g of groups) {
      assert.ok(g.methods.length > 0, g.entity);
      for (const m of g.methods) assert.equal(entityOf(m), g.entity);
    }
    assert.deepEqual(groups.find((g) => g.entity === 'tax')?.methods, ['tax.class.info', 'tax.class.list']);
  });

  it('every method needs Manage Your App and Read v3 catalog (PII)', () => {
    for (const method of ALL_METHODS as readonly MethodName[]) {
      const clauses = requirementsOf(method).map((c) => c.join(' or '));
      assert.ok(clauses.includes('Manage Your App'), method);
      assert.ok(clauses.includes('Read v3 catalog (PII)'), method);
    }
  });
});
