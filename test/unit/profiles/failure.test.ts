import { strict as assert } from 'node:assert';
import { MemorySecretStore } from '../../../src/core/profiles/memorySecretStore';
import { createProfileService } from '../../../src/core/profiles/profileService';
import type { ProfileService } from '../../../src/core/profiles/profileTypes';
import type { SecretStore } from '../../../src/core/profiles/secretStore';
import type { Result } from '../../../src/core/result';
import { errorOf, INSTANCE_A, makeCanaries, valueOf } from './fixtures';

/** Every service call that touches the store, with valid input so only the store can fail. */
function everyCall(service: ProfileService, secret: string): Record<string, () => Promise<Result<unknown>>> {
  const c = makeCanaries();
  return {
    getApiKey: () => service.getApiKey(),
    setApiKey: () => service.setApiKey(secret),
    getAppId: () => service.getAppId(),
    getAppCredentials: () => service.getAppCredentials(),
    setAppCredentials: () => service.setAppCredentials(c.appId, secret),
    getPublicKey: () => service.getPublicKey(),
    listProfiles: () => service.listProfiles(),
    getProfile: () => service.getProfile(INSTANCE_A),
    getActiveProfile: () => service.getActiveProfile(),
    setActiveProfile: () => service.setActiveProfile(INSTANCE_A),
    upsertProfileByInstanceId: () => service.upsertProfileByInstanceId(INSTANCE_A),
    updateProfile: () => service.updateProfile(INSTANCE_A, { label: 'x' }),
    markRemoved: () => service.markRemoved(INSTANCE_A),
    setStoreKey: () => service.setStoreKey(INSTANCE_A, secret),
    getStoreKey: () => service.getStoreKey(INSTANCE_A),
    summary: () => service.summary(),
    storedItems: () => service.storedItems(),
    forget: () => service.forget([{ kind: 'apiKey' }, { kind: 'profiles' }]),
    forgetAll: () => service.forgetAll(),
  };
}

describe('profiles: when the OS keyring is unavailable', () => {
  it('every call returns the secret-storage-unavailable Problem, without echoing the store\'s error', async () => {
    const c = makeCanaries();
    const store = new MemorySecretStore();
    // A store error that quotes a secret must not reach the person.
    store.simulateFailure(new Error(`cannot save ${c.apiKey}: no org.freedesktop.secrets provider`));
    const service = createProfileService(store);
    for (const [name, call] of Object.entries(everyCall(service, c.apiKey))) {
      const error = errorOf(await call());
      assert.equal(error.kind, 'secret-storage-unavailable', name);
      assert.match(error.message, /OS keyring is unavailable/, name);
      assert.match(error.message, /will not fall back to plain settings/, name);
      assert.ok(!error.message.includes(c.apiKey), `${name} leaked the secret`);
      assert.ok(!error.message.includes('freedesktop'), `${name} echoed the store's error`);
    }
  });

  it('does not cache the failure: reads work again once the keyring is back', async () => {
    const c = makeCanaries();
    const store = new MemorySecretStore({ 'api2cartWix.apiKey': c.apiKey });
    const service = createProfileService(store);
    store.simulateFailure();
    errorOf(await service.getApiKey());
    store.clearFailure();
    assert.equal(valueOf(await service.getApiKey()), c.apiKey);
  });

  it('keeps the old value when only writing fails', async () => {
    const c = makeCanaries();
    const store = new MemorySecretStore();
    const service = createProfileService(store);
    valueOf(await service.setApiKey(c.apiKey));
    store.simulateFailure(undefined, ['store']);
    assert.equal(errorOf(await service.setApiKey(`${c.apiKey}new`)).kind, 'secret-storage-unavailable');
    assert.equal(valueOf(await service.getApiKey()), c.apiKey);
    assert.equal(errorOf(await service.upsertProfileByInstanceId(INSTANCE_A)).kind, 'secret-storage-unavailable');
    store.clearFailure();
    assert.deepEqual(valueOf(await service.listProfiles()), []);
  });

  it('turns a store that throws synchronously into a Problem too', async () => {
    const throwing: SecretStore = {
      get: () => {
        throw new Error('sync failure');
      },
      store: () => {
        throw new Error('sync failure');
      },
      delete: () => {
        throw new Error('sync failure');
      },
      onDidChange: () => ({ dispose() {} }),
    };
    const service = createProfileService(throwing);
    assert.equal(errorOf(await service.summary()).kind, 'secret-storage-unavailable');
    assert.equal(errorOf(await service.setApiKey('abc')).kind, 'secret-storage-unavailable');
    assert.equal(errorOf(await service.forgetAll()).kind, 'secret-storage-unavailable');
  });
});
