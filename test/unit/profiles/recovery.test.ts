import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { MAX_PROFILE_BACKUPS, profilesBackupKey, SECRET_KEYS, storeKeyKey } from '../../../src/core/profiles/keys';
import { parseProfilesDocument } from '../../../src/core/profiles/profileDocument';
import { errorOf, INSTANCE_A, INSTANCE_B, makeCanaries, newService, valueOf } from './fixtures';

describe('profiles: recovering from an unreadable profiles document', () => {
  it('starts with no profiles, reports it, and keeps every secret', async () => {
    const c = makeCanaries();
    const { store, service } = newService({
      [SECRET_KEYS.profiles]: '{"version":1,"profiles":[{"instanceId":',
      [SECRET_KEYS.apiKey]: c.apiKey,
      [storeKeyKey(INSTANCE_A)]: c.storeKey,
    });
    assert.deepEqual(valueOf(await service.listProfiles()), []);
    assert.equal(valueOf(await service.getActiveProfile()), undefined);
    const summary = valueOf(await service.summary());
    assert.equal(summary.profilesProblem?.kind, 'profiles-unreadable');
    assert.match(summary.profilesProblem!.message, /could not be read/);
    assert.equal(summary.hasApiKey, true);
    assert.equal(store.snapshot()[storeKeyKey(INSTANCE_A)], c.storeKey);
  });

  it('backs the unreadable text up before the next write, and re-attaches a saved store key by instance id', async () => {
    const c = makeCanaries();
    const broken = 'not json at all';
    const { store, service } = newService({ [SECRET_KEYS.profiles]: broken, [storeKeyKey(INSTANCE_A)]: c.storeKey });
    const { profile } = valueOf(await service.upsertProfileByInstanceId(INSTANCE_A));
    assert.equal(profile.hasStoreKey, true);
    assert.equal(store.snapshot()[SECRET_KEYS.profilesBackup], broken);
    assert.equal(valueOf(await service.summary()).profilesProblem, undefined, 'the rewritten document reads cleanly');
  });

  it('keeps the copy as soon as the problem is seen, and says under which key', async () => {
    const broken = '{"version":1,"profiles":[{"instanceId":';
    const { store, service } = newService({ [SECRET_KEYS.profiles]: broken });
    const problem = valueOf(await service.summary()).profilesProblem;
    assert.equal(store.snapshot()[SECRET_KEYS.profilesBackup], broken, 'kept before any write');
    assert.match(problem!.message, /a copy of what was saved is kept in VS Code's secret storage under "api2cartWix\.profiles\.unreadable"/);
    assert.deepEqual(valueOf(await service.unreadableCopies()), [{ key: SECRET_KEYS.profilesBackup, text: broken }]);
  });

  it('never overwrites the first copy when the document breaks a second time', async () => {
    const { store, service } = newService({ [SECRET_KEYS.profiles]: 'first breakage' });
    valueOf(await service.upsertProfileByInstanceId(INSTANCE_A));
    await store.store(SECRET_KEYS.profiles, '{"version":7}');
    const problem = valueOf(await service.summary()).profilesProblem;
    assert.match(problem!.message, /under "api2cartWix\.profiles\.unreadable\.2"/);
    valueOf(await service.upsertProfileByInstanceId(INSTANCE_B));
    const snapshot = store.snapshot();
    assert.equal(snapshot[SECRET_KEYS.profilesBackup], 'first breakage');
    assert.equal(snapshot[profilesBackupKey(2)], '{"version":7}');
    assert.deepEqual(valueOf(await service.unreadableCopies()).map((c) => c.text), ['first breakage', '{"version":7}']);

    // Forgetting the store profiles removes every copy.
    valueOf(await service.forget([{ kind: 'profiles' }]));
    assert.deepEqual(Object.keys(store.snapshot()).filter((k) => k.includes('unreadable')), []);
  });

  it('keeps the first copy even when every place is taken', async () => {
    const { store, service } = newService({ [SECRET_KEYS.profiles]: 'breakage 1' });
    for (let i = 2; i <= MAX_PROFILE_BACKUPS + 2; i++) {
      valueOf(await service.summary());
      await store.store(SECRET_KEYS.profiles, `breakage ${i}`);
    }
    valueOf(await service.summary());
    assert.equal(store.snapshot()[SECRET_KEYS.profilesBackup], 'breakage 1');
    assert.equal(valueOf(await service.unreadableCopies()).length, MAX_PROFILE_BACKUPS);
  });

  it('treats valid JSON of the wrong shape or version as unreadable', () => {
    for (const raw of ['[]', 'null', '"text"', '{"profiles":[]}', '{"version":2,"profiles":[]}', '{"version":1,"profiles":{}}']) {
      const parsed = parseProfilesDocument(raw);
      assert.equal(parsed.health, 'unreadable', raw);
      assert.deepEqual(parsed.document.profiles, [], raw);
    }
    assert.equal(parseProfilesDocument(undefined).health, 'absent');
    assert.equal(parseProfilesDocument('{"version":1,"profiles":[]}').health, 'readable');
  });

  it('keeps the readable entries of a partly broken document and drops the rest', async () => {
    const raw = JSON.stringify({
      version: 1,
      activeProfileId: 'not-a-uuid',
      profiles: [
        { instanceId: INSTANCE_A, label: 'A', removed: false },
        { instanceId: 'not-a-uuid', removed: false },
        { instanceId: INSTANCE_B, catalogVersion: 'V9', removed: false },
        { instanceId: INSTANCE_A.toUpperCase(), label: 'duplicate' },
        'junk',
      ],
    });
    const { service } = newService({ [SECRET_KEYS.profiles]: raw });
    assert.deepEqual(valueOf(await service.listProfiles()).map((p) => p.label), ['A']);
    assert.equal(valueOf(await service.getActiveProfile()), undefined);
    assert.match(valueOf(await service.summary()).profilesProblem!.message, /Some saved store profiles/);
    const items = valueOf(await service.storedItems());
    assert.match(items.find((i) => i.target.kind === 'profiles')!.detail, /unreadable saved copy/);
  });

  it('never throws on arbitrary document text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.json()), async (raw) => {
        const { service } = newService({ [SECRET_KEYS.profiles]: raw });
        valueOf(await service.listProfiles());
        valueOf(await service.summary());
        valueOf(await service.upsertProfileByInstanceId(INSTANCE_A));
        assert.ok(valueOf(await service.listProfiles()).some((p) => p.id === INSTANCE_A));
      }),
      { numRuns: 200 },
    );
  });

  it('refuses to act on a profile it cannot see rather than guessing', async () => {
    const { service } = newService({ [SECRET_KEYS.profiles]: '{' });
    assert.equal(errorOf(await service.setActiveProfile(INSTANCE_A)).kind, 'profile-not-found');
  });
});
