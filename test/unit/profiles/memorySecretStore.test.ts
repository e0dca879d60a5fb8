import { strict as assert } from 'node:assert';
import { MemorySecretStore } from '../../../src/core/profiles/memorySecretStore';

describe('profiles: MemorySecretStore', () => {
  it('stores, reads, lists and deletes values, firing a change for each write', async () => {
    const store = new MemorySecretStore({ a: '1' });
    const changes: string[] = [];
    store.onDidChange((key) => changes.push(key));
    await store.store('b', '2');
    assert.equal(await store.get('b'), '2');
    assert.deepEqual((await store.keys()).sort(), ['a', 'b']);
    await store.delete('a');
    await store.delete('missing');
    assert.equal(await store.get('a'), undefined);
    assert.deepEqual(changes, ['b', 'a']);
  });

  it('simulates a failing keyring for chosen operations until cleared', async () => {
    const store = new MemorySecretStore({ a: '1' });
    store.simulateFailure(new Error('locked'), ['store']);
    assert.equal(await store.get('a'), '1');
    await assert.rejects(store.store('a', '2'), /locked/);
    store.simulateFailure();
    await assert.rejects(store.get('a'));
    store.clearFailure();
    assert.equal(await store.get('a'), '1');
    assert.equal(store.callCount('get'), 3);
  });

  it('keeps notifying other listeners when one throws, and stops after dispose', async () => {
    const store = new MemorySecretStore();
    const heard: string[] = [];
    store.onDidChange(() => {
      throw new Error('listener bug');
    });
    const subscription = store.onDidChange((key) => heard.push(key));
    await store.store('x', '1');
    subscription.dispose();
    await store.store('y', '1');
    assert.deepEqual(heard, ['x']);
  });
});
