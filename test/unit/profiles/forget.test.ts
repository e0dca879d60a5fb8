import { strict as assert } from 'node:assert';
import { SECRET_KEYS, storeKeyKey } from '../../../src/core/profiles/keys';
import { MemorySecretStore } from '../../../src/core/profiles/memorySecretStore';
import { createProfileService } from '../../../src/core/profiles/profileService';
import type { ProfileService } from '../../../src/core/profiles/profileTypes';
import type { SecretStore } from '../../../src/core/profiles/secretStore';
import { errorOf, INSTANCE_A, INSTANCE_B, makeCanaries, publicKeyPem, valueOf, type Canaries } from './fixtures';

const FOREIGN_KEY = 'someOtherExtension.token';

async function filled(): Promise<{ store: MemorySecretStore; service: ProfileService; c: Canaries }> {
  const c = makeCanaries();
  const store = new MemorySecretStore({ [FOREIGN_KEY]: 'not ours' });
  const service = createProfileService(store);
  valueOf(await service.setApiKey(c.apiKey));
  valueOf(await service.setAppCredentials(c.appId, c.appSecret));
  valueOf(await service.setPublicKey(publicKeyPem()));
  valueOf(await service.upsertProfileByInstanceId(INSTANCE_A, { label: 'Shop A' }));
  valueOf(await service.upsertProfileByInstanceId(INSTANCE_B));
  valueOf(await service.setStoreKey(INSTANCE_A, c.storeKey));
  valueOf(await service.setStoreKey(INSTANCE_B, `${c.storeKey}b`));
  return { store, service, c };
}

describe('profiles: listing and forgetting what is stored', () => {
  it('lists stored items by name only, never by value', async () => {
    const { service, c } = await filled();
    const items = valueOf(await service.storedItems());
    assert.deepEqual(items.map((i) => i.label), [
      'API2Cart API key',
      'Wix App ID',
      'Wix App Secret Key',
      'Webhook public key',
      'Store key for Shop A',
      `Store key for Wix site (${INSTANCE_B.slice(0, 4)}…)`,
      'Store profiles',
    ]);
    const text = JSON.stringify(items);
    for (const secret of [c.apiKey, c.appSecret, c.storeKey]) assert.ok(!text.includes(secret));
    assert.deepEqual(items.filter((i) => i.secret).map((i) => i.target.kind), ['apiKey', 'appSecret', 'storeKey', 'storeKey']);
  });

  it('lists nothing when nothing is stored', async () => {
    assert.deepEqual(valueOf(await createProfileService(new MemorySecretStore()).storedItems()), []);
  });

  it('forgets only the selected items', async () => {
    const { store, service } = await filled();
    valueOf(await service.forget([{ kind: 'apiKey' }, { kind: 'storeKey', profileId: INSTANCE_A }]));
    const snapshot = store.snapshot();
    assert.equal(snapshot[SECRET_KEYS.apiKey], undefined);
    assert.equal(snapshot[storeKeyKey(INSTANCE_A)], undefined);
    assert.ok(snapshot[SECRET_KEYS.appSecret] && snapshot[storeKeyKey(INSTANCE_B)] && snapshot[SECRET_KEYS.publicKey]);
    const profile = valueOf(await service.getProfile(INSTANCE_A));
    assert.deepEqual([profile?.label, profile?.hasStoreKey], ['Shop A', false], 'the profile stays, without its key');
    assert.deepEqual(valueOf(await service.storedItems()).map((i) => i.target.kind), ['appId', 'appSecret', 'publicKey', 'storeKey', 'profiles']);
  });

  it('forgetting the profiles takes every store key and the active choice with them', async () => {
    const { store, service } = await filled();
    valueOf(await service.forget([{ kind: 'profiles' }]));
    const keys = Object.keys(store.snapshot()).sort();
    assert.deepEqual(keys, [FOREIGN_KEY, SECRET_KEYS.apiKey, SECRET_KEYS.appId, SECRET_KEYS.appSecret, SECRET_KEYS.publicKey].sort());
    assert.deepEqual(valueOf(await service.listProfiles()), []);
    assert.equal(valueOf(await service.getActiveProfile()), undefined);
  });

  it('forgets everything of ours, orphaned store keys and the unreadable copy included', async () => {
    const { store, service } = await filled();
    await store.store(storeKeyKey('orphan'), 'left behind');
    await store.store(SECRET_KEYS.profilesBackup, 'old text');
    valueOf(await service.forgetAll());
    assert.deepEqual(store.snapshot(), { [FOREIGN_KEY]: 'not ours' });
    assert.deepEqual(valueOf(await service.storedItems()), []);
  });

  it('forgets every known key when the store cannot list its keys', async () => {
    const { store, service: filler } = await filled();
    const withoutKeys: SecretStore = {
      get: (key) => store.get(key),
      store: (key, value) => store.store(key, value),
      delete: (key) => store.delete(key),
      onDidChange: (listener) => store.onDidChange(listener),
    };
    filler.dispose();
    valueOf(await createProfileService(withoutKeys).forgetAll());
    assert.deepEqual(store.snapshot(), { [FOREIGN_KEY]: 'not ours' });
  });

  it('reports an unavailable keyring instead of claiming to have forgotten', async () => {
    const { store, service } = await filled();
    store.simulateFailure(new Error('keyring locked'), ['delete']);
    assert.equal(errorOf(await service.forgetAll()).kind, 'secret-storage-unavailable');
    assert.equal(errorOf(await service.forget([{ kind: 'apiKey' }])).kind, 'secret-storage-unavailable');
    store.clearFailure();
    assert.ok(valueOf(await service.getApiKey()), 'the key is still there and still readable');
  });
});
