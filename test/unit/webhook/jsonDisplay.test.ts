import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { capDepth, depthNote, MAX_SHOWN_DEPTH } from '../../../src/core/jsonDisplay';

describe('JSON for display', () => {
  it('shows a value of ordinary depth whole, with no note', () => {
    const value = { a: [1, { b: 'c' }], d: null };
    const capped = capDepth(value);
    assert.deepEqual(capped.value, value);
    assert.equal(capped.cut, 0);
    assert.equal(depthNote(capped), undefined);
  });

  it('cuts what lies deeper than the limit, so JSON.stringify never throws, and says so', () => {
    const deep = JSON.parse(`${'['.repeat(30_000)}${']'.repeat(30_000)}`) as unknown;
    assert.throws(() => JSON.stringify(deep), RangeError, 'the uncapped value cannot be shown');
    const capped = capDepth({ identity: deep, instanceId: 'i' });
    const text = JSON.stringify(capped.value, null, 2);
    assert.match(text, /an array nested deeper than 64 levels, not shown/);
    assert.equal(capped.cut, 1);
    assert.match(depthNote(capped) ?? '', /^parts nested deeper than 64 levels are not shown \(1 place\)/);
    assert.equal((capped.value as { instanceId: string }).instanceId, 'i');
  });

  it('keeps every value within the limit exactly (property)', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => {
      assert.deepEqual(capDepth(value, MAX_SHOWN_DEPTH).value, value);
    }));
  });
});
