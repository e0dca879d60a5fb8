import { strict as assert } from 'node:assert';
import type { StoredChange } from '../../../src/core/profiles/keys';
import { SECRET_KEYS } from '../../../src/core/profiles/keys';
import { MemorySecretStore } from '../../../src/core/profiles/memorySecretStore';
import { createProfileService } from '../../../src/core/profiles/profileService';
import { INSTANCE_A, makeCanaries, valueOf } from './fixtures';

/** Two services over one store behave like two VS Code windows over one keyring. */
function twoWindows() {
  const store = new MemorySecretStore();
  return { store, first: createProfileService(store), second: createProfileService(store) };
}

describe('profiles: changes and caching', () => {
  it('reports changes by item, from this window and from another', async () => {
    const { first, second } = twoWindows();
    const heard: StoredChange[] = [];
    first.onDidChange((change) => heard.push(change));
    const c = makeCanaries();
    valueOf(await first.setApiKey(c.apiKey));
    valueOf(await second.upsertProfileByInstanceId(INSTANCE_A));
    valueOf(await second.setStoreKey(INSTANCE_A, c.storeKey));
    assert.deepEqual(heard, [{ item: 'apiKey' }, { item: 'profiles' }, { item: 'storeKey', profileId: INSTANCE_A }]);
  });

  it('ignores keys that are not ours', async () => {
    const { store, first } = twoWindows();
    const heard: StoredChange[] = [];
    first.onDidChange((change) => heard.push(change));
    await store.store('otherExtension.key', 'x');
    assert.deepEqual(heard, []);
  });

  it('reads each key from the store once, until a change invalidates it', async () => {
    const { store, first, second } = twoWindows();
    const c = makeCanaries();
    await store.store(SECRET_KEYS.apiKey, c.apiKey);
    const before = store.callCount('get');
    assert.equal(valueOf(await first.getApiKey()), c.apiKey);
    assert.equal(valueOf(await first.getApiKey()), c.apiKey);
    assert.equal(store.callCount('get') - before, 1, 'the second read came from the cache');

    valueOf(await second.setApiKey(`${c.apiKey}2`));
    assert.equal(valueOf(await first.getApiKey()), `${c.apiKey}2`, 'another window\'s write is seen');
    valueOf(await second.forget([{ kind: 'apiKey' }]));
    assert.equal(valueOf(await first.getApiKey()), undefined);
  });

  it('sees profiles added in another window', async () => {
    const { first, second } = twoWindows();
    assert.deepEqual(valueOf(await first.listProfiles()), []);
    valueOf(await second.upsertProfileByInstanceId(INSTANCE_A, { label: 'From window two' }));
    assert.equal(valueOf(await first.getActiveProfile())?.label, 'From window two');
  });

  it('keeps notifying when a listener throws, and stops after dispose', async () => {
    const { first, second } = twoWindows();
    const heard: string[] = [];
    first.onDidChange(() => {
      throw new Error('listener bug');
    });
    const subscription = first.onDidChange((change) => heard.push(change.item));
    valueOf(await second.setApiKey('key-one'));
    subscription.dispose();
    valueOf(await second.setApiKey('key-two'));
    assert.deepEqual(heard, ['apiKey']);
  });

  it('stops listening to the store when disposed', async () => {
    const { first, second } = twoWindows();
    const heard: string[] = [];
    first.onDidChange((change) => heard.push(change.item));
    first.dispose();
    valueOf(await second.setApiKey('key-one'));
    assert.deepEqual(heard, []);
  });
});
