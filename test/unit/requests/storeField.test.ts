import * as assert from 'node:assert/strict';
import { matchStores, storeFieldOf } from '../../../src/core/requests/storeField';

describe('the store a request file names (read for its CodeLenses before the runner loads)', () => {
  const stores = [
    { id: 'a', instanceId: '3D179505-0000-4000-8000-000000000001', label: 'Canary Crafts' },
    { id: 'b', instanceId: '3d179505-0000-4000-8000-000000000002', label: ' canary crafts ' },
    { id: 'c', instanceId: '3d179505-0000-4000-8000-000000000003' },
  ];

  it('matches by Instance ID first, then by label, ignoring case and spaces around', () => {
    assert.deepEqual(matchStores(' 3d179505-0000-4000-8000-000000000001 ', stores).map((s) => s.id), ['a']);
    assert.deepEqual(matchStores('CANARY CRAFTS', stores).map((s) => s.id), ['a', 'b'], 'two labels alike: both, for the checker to refuse');
    assert.deepEqual(matchStores('Unknown', stores), []);
  });

  it('reads "store" when it is a non-empty string, else none (the active store), also for text that is not JSON yet', () => {
    assert.equal(storeFieldOf('{"method": "cart.info", "store": "Canary Crafts"}'), 'Canary Crafts');
    for (const text of ['{"method": "cart.info"}', '{"store": ""}', '{"store": 3}', '{"method": "cart.info", "store": "Can', 'null', '[]']) {
      assert.equal(storeFieldOf(text), undefined, text);
    }
  });
});
