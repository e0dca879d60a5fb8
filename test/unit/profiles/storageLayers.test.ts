// The two layers under the profile service, each on its own: the secret cache and the profiles document.
import { strict as assert } from 'node:assert';
import { createRedactor } from '../../../src/core/redaction';
import { createDocumentStore, findProfile, replaceProfile } from '../../../src/core/profiles/documentStore';
import { SECRET_KEYS, storeKeyKey } from '../../../src/core/profiles/keys';
import { MemorySecretStore } from '../../../src/core/profiles/memorySecretStore';
import { storedProfile } from '../../../src/core/profiles/profileDocument';
import { createSecretCache } from '../../../src/core/profiles/secretCache';
import { INSTANCE_A, INSTANCE_B, makeCanaries, valueOf } from './fixtures';

describe('secret cache', () => {
  it('reads once until a change event, and keeps the redactor in step with the value', async () => {
    const { storeKey } = makeCanaries();
    const store = new MemorySecretStore({ [storeKeyKey(INSTANCE_A)]: storeKey });
    const redactor = createRedactor();
    const secrets = createSecretCache(store, redactor);
    assert.equal(valueOf(await secrets.read(storeKeyKey(INSTANCE_A))), storeKey);
    assert.equal(valueOf(await secrets.read(storeKeyKey(INSTANCE_A))), storeKey);
    assert.equal(store.callCount('get'), 1);
    assert.equal(redactor.redact(`key ${storeKey}`), 'key •••');

    await store.store(storeKeyKey(INSTANCE_A), `${storeKey}-new`); // another window
    assert.equal(valueOf(await secrets.read(storeKeyKey(INSTANCE_A))), `${storeKey}-new`);
    assert.equal(store.callCount('get'), 2);
    secrets.dispose();
  });

  it('never caches a failed read: the keyring may come back', async () => {
    const store = new MemorySecretStore({ [SECRET_KEYS.appId]: INSTANCE_B });
    const secrets = createSecretCache(store);
    store.simulateFailure();
    assert.equal((await secrets.read(SECRET_KEYS.appId)).ok, false);
    store.clearFailure();
    assert.equal(valueOf(await secrets.read(SECRET_KEYS.appId)), INSTANCE_B);
    secrets.dispose();
  });
});

describe('profiles document store', () => {
  it('serialises read-modify-writes, so concurrent changes are all kept', async () => {
    const documents = createDocumentStore(createSecretCache(new MemorySecretStore()));
    await Promise.all([INSTANCE_A, INSTANCE_B].map((instanceId) =>
      documents.mutate((document) => ({ ok: true, value: { next: replaceProfile(document, storedProfile({ instanceId, removed: false })), result: undefined } }))));
    const loaded = valueOf(await documents.load());
    assert.ok(findProfile(loaded.document, INSTANCE_A) && findProfile(loaded.document, INSTANCE_B));
  });

  it('backs up an unreadable document before replacing it', async () => {
    const store = new MemorySecretStore({ [SECRET_KEYS.profiles]: '{not json' });
    const documents = createDocumentStore(createSecretCache(store));
    assert.equal(valueOf(await documents.load()).health, 'unreadable');
    valueOf(await documents.mutate((document) => ({ ok: true, value: { next: replaceProfile(document, storedProfile({ instanceId: INSTANCE_A, removed: false })), result: undefined } })));
    assert.equal(store.snapshot()[SECRET_KEYS.profilesBackup], '{not json');
    assert.equal(valueOf(await documents.load()).health, 'readable');
  });
});
