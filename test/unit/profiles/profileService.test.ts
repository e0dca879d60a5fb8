import { strict as assert } from 'node:assert';
import { createRedactor, MASK } from '../../../src/core/redaction';
import { SECRET_KEYS, storeKeyKey } from '../../../src/core/profiles/keys';
import { MemorySecretStore } from '../../../src/core/profiles/memorySecretStore';
import { createProfileService } from '../../../src/core/profiles/profileService';
import { errorOf, INSTANCE_A, INSTANCE_B, makeCanaries, newService, publicKeyPem, valueOf } from './fixtures';

describe('profiles: credentials', () => {
  it('stores the API key trimmed under its own key and reads it back', async () => {
    const { store, service } = newService();
    const { apiKey } = makeCanaries();
    valueOf(await service.setApiKey(` ${apiKey} `));
    assert.equal(valueOf(await service.getApiKey()), apiKey);
    assert.equal(store.snapshot()[SECRET_KEYS.apiKey], apiKey);
  });

  it('refuses an invalid API key and keeps the old one', async () => {
    const { service } = newService();
    const { apiKey } = makeCanaries();
    valueOf(await service.setApiKey(apiKey));
    assert.equal(errorOf(await service.setApiKey('two words')).kind, 'invalid-api-key');
    assert.equal(valueOf(await service.getApiKey()), apiKey);
  });

  it('stores App ID and App Secret Key as separate keys; both are needed for credentials', async () => {
    const { store, service } = newService();
    const c = makeCanaries();
    assert.equal(valueOf(await service.getAppCredentials()), undefined);
    valueOf(await service.setAppCredentials(`  ${c.appId.toUpperCase()} `, c.appSecret));
    assert.deepEqual(valueOf(await service.getAppCredentials()), { appId: c.appId, appSecret: c.appSecret });
    assert.equal(valueOf(await service.getAppId()), c.appId);
    await store.delete(SECRET_KEYS.appSecret);
    assert.equal(valueOf(await service.getAppCredentials()), undefined);
  });

  it('writes neither part when either part of the app credentials is invalid', async () => {
    const { store, service } = newService();
    const c = makeCanaries();
    assert.equal(errorOf(await service.setAppCredentials('nope', c.appSecret)).kind, 'invalid-app-id');
    assert.equal(errorOf(await service.setAppCredentials(c.appId, 'has space')).kind, 'invalid-app-secret');
    assert.deepEqual(store.snapshot(), {});
  });

  it('stores a public key as normalised PEM, accepting one flattened by an input box', async () => {
    const { service } = newService();
    const pem = publicKeyPem();
    valueOf(await service.setPublicKey(pem.replace(/\n/g, ' ')));
    assert.equal(valueOf(await service.getPublicKey())?.trim(), pem.trim());
    const error = errorOf(await service.setPublicKey('certainly not a key'));
    assert.match(error.kind, /^public-key-/);
    assert.equal(valueOf(await service.getPublicKey())?.trim(), pem.trim(), 'a bad key changes nothing');
  });

  it('feeds current secret values to a redactor, and drops forgotten ones', async () => {
    const store = new MemorySecretStore();
    const redactor = createRedactor();
    const service = createProfileService(store, { redactor });
    const c = makeCanaries();
    valueOf(await service.setApiKey(c.apiKey));
    valueOf(await service.setAppCredentials(c.appId, c.appSecret));
    assert.equal(redactor.redact(`${c.apiKey} ${c.appSecret} ${c.appId}`), `${MASK} ${MASK} ${c.appId}`);
    valueOf(await service.forget([{ kind: 'apiKey' }]));
    assert.equal(redactor.redact(c.apiKey), c.apiKey);

    // Secrets that were already stored are learnt when first read.
    const other = createRedactor();
    valueOf(await createProfileService(store, { redactor: other }).getAppCredentials());
    assert.equal(other.redact(c.appSecret), MASK);
  });
});

describe('profiles: store profiles', () => {
  it('creates a profile from an instance id, makes the first one active, and finds it again', async () => {
    const { service } = newService();
    const first = valueOf(await service.upsertProfileByInstanceId(` ${INSTANCE_A.toUpperCase()} `, { label: 'Shop A' }));
    assert.equal(first.created, true);
    assert.deepEqual(first.profile, { id: INSTANCE_A, instanceId: INSTANCE_A, label: 'Shop A', removed: false, hasStoreKey: false });
    assert.equal(valueOf(await service.getActiveProfile())?.id, INSTANCE_A);

    const again = valueOf(await service.upsertProfileByInstanceId(INSTANCE_A, { siteUrl: 'https://a.wixsite.com/shop' }));
    assert.equal(again.created, false);
    assert.equal(again.profile.label, 'Shop A', 'an upsert without a label keeps the old one');
    assert.equal(again.profile.siteUrl, 'https://a.wixsite.com/shop');
    assert.equal(valueOf(await service.listProfiles()).length, 1);
  });

  it('keeps the active profile on later upserts unless asked to activate', async () => {
    const { service } = newService();
    valueOf(await service.upsertProfileByInstanceId(INSTANCE_A));
    valueOf(await service.upsertProfileByInstanceId(INSTANCE_B));
    assert.equal(valueOf(await service.getActiveProfile())?.id, INSTANCE_A);
    valueOf(await service.upsertProfileByInstanceId(INSTANCE_B, { activate: true }));
    assert.equal(valueOf(await service.getActiveProfile())?.id, INSTANCE_B);
    assert.deepEqual(valueOf(await service.listProfiles()).map((p) => p.id), [INSTANCE_A, INSTANCE_B]);
  });

  it('refuses an invalid instance id, label or site URL and changes nothing', async () => {
    const { store, service } = newService();
    assert.equal(errorOf(await service.upsertProfileByInstanceId('{' + INSTANCE_A + '}')).kind, 'invalid-instance-id');
    assert.equal(errorOf(await service.upsertProfileByInstanceId(INSTANCE_A, { siteUrl: 'not a url' })).kind, 'invalid-site-url');
    assert.equal(errorOf(await service.upsertProfileByInstanceId(INSTANCE_A, { label: 'x'.repeat(200) })).kind, 'invalid-label');
    assert.deepEqual(store.snapshot(), {});
  });

  it('switches the active profile, refusing an unknown one', async () => {
    const { service } = newService();
    valueOf(await service.upsertProfileByInstanceId(INSTANCE_A));
    valueOf(await service.upsertProfileByInstanceId(INSTANCE_B));
    assert.equal(valueOf(await service.setActiveProfile(INSTANCE_B)).id, INSTANCE_B);
    assert.equal(valueOf(await service.getActiveProfile())?.id, INSTANCE_B);
    const error = errorOf(await service.setActiveProfile('11111111-2222-4333-8444-555555555555'));
    assert.equal(error.kind, 'profile-not-found');
    assert.equal(valueOf(await service.getActiveProfile())?.id, INSTANCE_B);
  });

  it('updates label, site URL and catalog version; empty or null clears them', async () => {
    const { service } = newService();
    valueOf(await service.upsertProfileByInstanceId(INSTANCE_A, { label: 'Old', siteUrl: 'https://a.example/' }));
    let profile = valueOf(await service.updateProfile(INSTANCE_A, { label: 'New', catalogVersion: 'V3_CATALOG' }));
    assert.deepEqual([profile.label, profile.siteUrl, profile.catalogVersion], ['New', 'https://a.example/', 'V3_CATALOG']);
    profile = valueOf(await service.updateProfile(INSTANCE_A, { label: '', siteUrl: '', catalogVersion: null }));
    assert.deepEqual(profile, { id: INSTANCE_A, instanceId: INSTANCE_A, removed: false, hasStoreKey: false });
    assert.equal(errorOf(await service.updateProfile(INSTANCE_B, { label: 'x' })).kind, 'profile-not-found');
    assert.equal(errorOf(await service.updateProfile(INSTANCE_A, { siteUrl: 'ftp://x' })).kind, 'invalid-site-url');
  });

  it('marks a profile removed on AppRemoved and clears the mark when the app is installed again', async () => {
    const { store, service } = newService();
    valueOf(await service.upsertProfileByInstanceId(INSTANCE_A));
    assert.equal(valueOf(await service.markRemoved(INSTANCE_A)).profile?.removed, true);
    assert.equal(valueOf(await service.getProfile(INSTANCE_A))?.removed, true);
    const before = store.snapshot();
    assert.equal(valueOf(await service.markRemoved(INSTANCE_B)).profile, undefined, 'another site is not ours');
    assert.deepEqual(store.snapshot(), before);
    assert.equal(valueOf(await service.upsertProfileByInstanceId(INSTANCE_A)).profile.removed, false);
  });

  it('orders lifecycle events by iat: a late App Removed after a reinstall changes nothing, even in a new service', async () => {
    const { store, service } = newService();
    const installed = { type: 'AppInstalled', at: 1_000 };
    const removed = { type: 'AppRemoved', at: 2_000 };
    const reinstalled = { type: 'AppInstalled', at: 3_000 };
    valueOf(await service.upsertProfileByInstanceId(INSTANCE_A, { event: installed }));
    assert.equal(valueOf(await service.markRemoved(INSTANCE_A, removed)).order, 'newer');
    assert.equal(valueOf(await service.upsertProfileByInstanceId(INSTANCE_A, { event: reinstalled })).profile.removed, false);

    // Wix retries the removal hours later; the window was reloaded in between (a new service, same storage).
    const reloaded = createProfileService(store);
    const late = valueOf(await reloaded.markRemoved(INSTANCE_A, removed));
    assert.equal(late.order, 'older');
    assert.equal(late.profile?.removed, false, 'the reinstalled store stays installed');
    assert.deepEqual(valueOf(await reloaded.getProfile(INSTANCE_A))?.lastEvent, reinstalled);

    // And an install older than a removal cannot clear it.
    valueOf(await reloaded.markRemoved(INSTANCE_A, { type: 'AppRemoved', at: 4_000 }));
    const stale = valueOf(await reloaded.upsertProfileByInstanceId(INSTANCE_A, { event: reinstalled }));
    assert.equal(stale.order, 'older');
    assert.equal(stale.profile.removed, true);
    // The very event acted on already, delivered again, is 'same' and changes nothing.
    assert.equal(valueOf(await reloaded.markRemoved(INSTANCE_A, { type: 'AppRemoved', at: 4_000 })).order, 'same');
  });

  it('keeps the store key as its own secret; the profile only knows that one exists', async () => {
    const { store, service } = newService();
    const { storeKey } = makeCanaries();
    valueOf(await service.upsertProfileByInstanceId(INSTANCE_A));
    assert.equal(errorOf(await service.setStoreKey(INSTANCE_B, storeKey)).kind, 'profile-not-found');
    assert.equal(errorOf(await service.setStoreKey(INSTANCE_A, 'a b')).kind, 'invalid-store-key');
    valueOf(await service.setStoreKey(INSTANCE_A, storeKey));
    assert.equal(valueOf(await service.getStoreKey(INSTANCE_A)), storeKey);
    assert.equal(valueOf(await service.getActiveProfile())?.hasStoreKey, true);
    const snapshot = store.snapshot();
    assert.equal(snapshot[storeKeyKey(INSTANCE_A)], storeKey);
    assert.ok(!snapshot[SECRET_KEYS.profiles]!.includes(storeKey), 'the profiles document holds no secret');
  });

  it('loses no update when many upserts run at once', async () => {
    const { service } = newService();
    const ids = Array.from({ length: 25 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const results = await Promise.all(ids.map((id, i) => service.upsertProfileByInstanceId(id, { label: `Shop ${i}` })));
    assert.ok(results.every((r) => r.ok && r.value.created));
    const listed = valueOf(await service.listProfiles());
    assert.deepEqual(listed.map((p) => p.id).sort(), [...ids].sort());
    assert.equal(valueOf(await service.getActiveProfile())?.id, ids[0]);
  });

  it('creates a profile once when the same instance is upserted concurrently', async () => {
    const { service } = newService();
    const results = await Promise.all(Array.from({ length: 10 }, () => service.upsertProfileByInstanceId(INSTANCE_A)));
    assert.equal(results.filter((r) => r.ok && r.value.created).length, 1);
    assert.equal(valueOf(await service.listProfiles()).length, 1);
  });

  it('a failed change does not block the changes queued after it', async () => {
    const { service } = newService();
    const [bad, good] = await Promise.all([
      service.setActiveProfile(INSTANCE_B),
      service.upsertProfileByInstanceId(INSTANCE_A),
    ]);
    assert.equal(errorOf(bad).kind, 'profile-not-found');
    assert.equal(valueOf(good).created, true);
  });

  it('summarises presence without values', async () => {
    const { service } = newService();
    const c = makeCanaries();
    assert.deepEqual(valueOf(await service.summary()), {
      hasApiKey: false, hasAppId: false, hasAppSecret: false, hasPublicKey: false, profileCount: 0,
    });
    valueOf(await service.setApiKey(c.apiKey));
    valueOf(await service.setAppCredentials(c.appId, c.appSecret));
    valueOf(await service.upsertProfileByInstanceId(INSTANCE_A, { label: 'A' }));
    valueOf(await service.upsertProfileByInstanceId(INSTANCE_B));
    const summary = valueOf(await service.summary());
    assert.equal(summary.hasApiKey && summary.hasAppId && summary.hasAppSecret, true);
    assert.equal(summary.hasPublicKey, false);
    assert.equal(summary.profileCount, 2);
    assert.equal(summary.activeProfile?.label, 'A');
    assert.equal(summary.profilesProblem, undefined);
    const text = JSON.stringify(summary);
    for (const secret of [c.apiKey, c.appSecret]) assert.ok(!text.includes(secret));
  });
});
