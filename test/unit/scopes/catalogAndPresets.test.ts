import assert from 'node:assert/strict';
import { ALL_METHODS, PRESETS, SCOPE_CATALOG, findPreset, isScopeName, scopeInfo } from '../../../src/core/scopes';

/** Transcribed from reference FACTS.md ("Scope display name → scope id"). */
const CONFIRMED_IN_FACTS: Record<string, string> = {
  'Manage Your App': 'SCOPE.DC.MANAGE-YOUR-APP',
  'Read Orders': 'SCOPE.DC-STORES.READ-ORDERS',
  'Manage Orders': 'SCOPE.DC-STORES.MANAGE-ORDERS',
  'Read Products': 'SCOPE.DC-STORES.READ-PRODUCTS',
  'Manage Products': 'SCOPE.DC-STORES.MANAGE-PRODUCTS',
  'Read v3 catalog (PII)': 'SCOPE.STORES.CATALOG_READ_LIMITED',
  'Read products in v3 catalog': 'SCOPE.STORES.PRODUCT_READ',
  'Product v3 read admin': 'SCOPE.STORES.PRODUCT_READ_ADMIN',
  'Read eCommerce - all read permissions': 'SCOPE.DC-ECOM-MEGA.READ-ECOM',
};
const UNCONFIRMED_IN_FACTS: Record<string, string> = {
  'Product write in v3 catalog': 'SCOPE.STORES.PRODUCT_WRITE',
  'Read inventory in v3 catalog': 'SCOPE.STORES.INVENTORY_ITEM_READ',
  'Inventory write in v3 catalog': 'SCOPE.STORES.INVENTORY_ITEM_WRITE',
  'Read categories': 'SCOPE.CATEGORIES.CATEGORY_READ',
  'Category write': 'SCOPE.CATEGORIES.CATEGORY_WRITE',
};

describe('scopes: catalog of ids', () => {
  it('gives ids exactly where FACTS gives them, with the confirmed flag', () => {
    for (const info of SCOPE_CATALOG) {
      const confirmed = CONFIRMED_IN_FACTS[info.name];
      const unconfirmed = UNCONFIRMED_IN_FACTS[info.name];
      if (confirmed) assert.deepEqual(info.id, { value: confirmed, confirmed: true }, info.name);
      else if (unconfirmed) assert.deepEqual(info.id, { value: unconfirmed, confirmed: false }, info.name);
      else assert.equal(info.id, undefined, `${info.name} must have no invented id`);
    }
  });

  it('covers every id of FACTS (all 14 are scopes of the table)', () => {
    const withId = SCOPE_CATALOG.filter((i) => i.id).map((i) => i.name);
    assert.deepEqual(
      withId.sort(),
      [...Object.keys(CONFIRMED_IN_FACTS), ...Object.keys(UNCONFIRMED_IN_FACTS)].sort(),
    );
  });

  it('looks up one scope and rejects unknown names', () => {
    assert.equal(scopeInfo('Manage Coupons').id, undefined);
    assert.equal(scopeInfo('Read Orders').id?.value, 'SCOPE.DC-STORES.READ-ORDERS');
    assert.ok(isScopeName('Read reviews'));
    assert.ok(!isScopeName('Read reviews '));
  });
});

describe('scopes: presets', () => {
  it('name only real methods, each once, and none is empty', () => {
    assert.ok(PRESETS.length >= 3);
    const known = new Set<string>(ALL_METHODS);
    for (const preset of PRESETS) {
      assert.ok(preset.methods.length > 0, preset.id);
      assert.equal(new Set(preset.methods).size, preset.methods.length, preset.id);
      for (const method of preset.methods) assert.ok(known.has(method), `${preset.id}: ${method}`);
    }
  });

  it('have unique ids and include order sync, catalog sync and read-only', () => {
    const ids = PRESETS.map((p) => p.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ['order-sync', 'catalog-sync', 'read-only']) assert.ok(findPreset(id), id);
    assert.equal(findPreset('nope'), undefined);
  });

  it('read-only holds only reading methods, and all of them', () => {
    const readOnly = findPreset('read-only')!.methods;
    for (const m of readOnly) assert.match(m, /\.(info|list|count|find)$/);
    assert.ok(readOnly.includes('order.abandoned.list'));
    assert.ok(!readOnly.some((m) => /\.(add|update|delete|assign)/.test(m)));
    assert.equal(readOnly.length, ALL_METHODS.filter((m) => /\.(info|list|count|find)$/.test(m)).length);
  });
});
