import { ok, type Result } from '../result';
import { createDocumentStore, findProfile, type DocumentStore, type Mutation } from './documentStore';
import { storeKeyKey } from './keys';
import type { ProfilesDocument, StoredProfile } from './profileDocument';
import type { ProfileServiceProblem, ServiceResult, StoreProfile } from './profileTypes';
import type { ProfileProblem } from './problems';
import { createSecretCache, type SecretCache } from './secretCache';
import type { SecretStore } from './secretStore';
import type { Redactor } from '../redaction';

/** What the profile service's parts share: the secrets, the profiles document, and stored profiles read as StoreProfile. */
export interface ProfileParts {
  readonly secrets: SecretCache;
  readonly documents: DocumentStore;
  mutateDocument<T>(change: (document: ProfilesDocument) => Result<Mutation<T>, ProfileServiceProblem>): ServiceResult<T>;
  toProfile(stored: StoredProfile): Promise<Result<StoreProfile, ProfileProblem>>;
  toProfiles(stored: readonly StoredProfile[]): Promise<Result<StoreProfile[], ProfileProblem>>;
  toOptionalProfile(stored: StoredProfile | undefined): ServiceResult<StoreProfile | undefined>;
  getProfile(profileId: string): ServiceResult<StoreProfile | undefined>;
}

export function createProfileParts(store: SecretStore, redactor: Redactor | undefined): ProfileParts {
  const secrets = createSecretCache(store, redactor);
  const documents = createDocumentStore(secrets);
  const { read } = secrets;
  const mutateDocument = <T>(change: (document: ProfilesDocument) => Result<Mutation<T>, ProfileServiceProblem>): ServiceResult<T> =>
    documents.mutate<T, ProfileServiceProblem>(change);

  async function toProfile(stored: StoredProfile): Promise<Result<StoreProfile, ProfileProblem>> {
    const storeKey = await read(storeKeyKey(stored.instanceId));
    if (!storeKey.ok) return storeKey;
    return ok({ id: stored.instanceId, ...stored, hasStoreKey: storeKey.value !== undefined });
  }

  async function toProfiles(stored: readonly StoredProfile[]): Promise<Result<StoreProfile[], ProfileProblem>> {
    const profiles: StoreProfile[] = [];
    for (const result of await Promise.all(stored.map(toProfile))) {
      if (!result.ok) return result;
      profiles.push(result.value);
    }
    return ok(profiles);
  }

  async function toOptionalProfile(stored: StoredProfile | undefined): ServiceResult<StoreProfile | undefined> {
    return stored === undefined ? ok(undefined) : toProfile(stored);
  }

  async function getProfile(profileId: string): ServiceResult<StoreProfile | undefined> {
    const loaded = await documents.load();
    if (!loaded.ok) return loaded;
    return toOptionalProfile(findProfile(loaded.value.document, profileId));
  }

  return { secrets, documents, mutateDocument, toProfile, toProfiles, toOptionalProfile, getProfile };
}
