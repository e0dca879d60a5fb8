import assert from 'node:assert/strict';
import { GUIDE_ROWS, SCOPE_NAMES, ALL_METHODS, DUPLICATE_METHODS, rowsFor } from '../../../src/core/scopes';
import { parseGuideTable } from './guideText';

const asOptions = (requirement: (typeof GUIDE_ROWS)[number]['requires'][number]): readonly string[] =>
  typeof requirement === 'string' ? [requirement] : requirement.anyOf;

describe('scopes: the guide table as data', () => {
  const parsed = parseGuideTable();

  it('has the 58 rows and 57 distinct methods of the guide', () => {
    assert.equal(parsed.length, 58);
    assert.equal(GUIDE_ROWS.length, 58);
    assert.equal(new Set(parsed.map((r) => r.method)).size, 57);
    assert.equal(ALL_METHODS.length, 57);
  });

  it('matches the guide text row by row, after normalising names', () => {
    parsed.forEach((row, index) => {
      const typed = GUIDE_ROWS[index]!;
      assert.equal(typed.method, row.method, `row ${index + 1}`);
      assert.deepEqual(typed.requires.map(asOptions), row.requires, `row ${index + 1} (${row.method})`);
    });
  });

  it('names only scopes of the catalog, each without stray spaces', () => {
    const names = new Set(parsed.flatMap((r) => r.requires.flat()));
    assert.deepEqual([...names].sort(), [...SCOPE_NAMES].sort());
    for (const name of SCOPE_NAMES) assert.equal(name, name.trim().replace(/\s+/g, ' '));
  });

  it('lists a scope at most once per row', () => {
    for (const row of GUIDE_ROWS) {
      const keys = row.requires.map((r) => asOptions(r).join('|'));
      assert.equal(new Set(keys).size, keys.length, row.method);
    }
  });

  it('keeps both rows of product.variant.update, and only that method is duplicated', () => {
    assert.deepEqual(DUPLICATE_METHODS, ['product.variant.update']);
    const [first, second] = rowsFor('product.variant.update');
    assert.ok(first && second);
    assert.notDeepEqual(first.requires, second.requires);
    assert.ok(first.requires.includes('Manage Products'));
    assert.ok(!second.requires.includes('Manage Products'));
  });

  it('the comparison would notice a changed row', () => {
    const tampered = parseGuideTable('Method Scopes\nbasket.info Manage Your App, Read Orders\n');
    assert.notDeepEqual(tampered[0]!.requires, GUIDE_ROWS[0].requires.map(asOptions));
  });
});
