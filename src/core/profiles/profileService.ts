import type { Redactor } from '../redaction';
import { fail, ok, type Result } from '../result';
import { parsePublicKey, type PublicKeyProblem } from '../webhook/publicKey';
import { profileDisplayName } from './display';
import { describeKey, KEY_PREFIX, SECRET_KEYS, storeKeyKey, type StoredChange } from './keys';
import {
  parseProfilesDocument,
  serializeProfilesDocument,
  storedProfile,
  type ParsedDocument,
  type ProfilesDocument,
  type StoredProfile,
} from './profileDocument';
import { profileNotFound, profilesUnreadable, secretStorageUnavailable, type ProfileProblem } from './problems';
import type { Disposable, SecretStore } from './secretStore';
import {
  validateApiKey,
  validateAppId,
  validateAppSecret,
  validateCatalogVersion,
  validateInstanceId,
  validateLabel,
  validateSiteUrl,
  validateStoreKey,
  type CatalogVersion,
  type ValidationProblem,
} from './validation';

export interface StoreProfile {
  /**
   * Equal to `instanceId`. Wix keeps the instance id across uninstall and reinstall, so a store
   * key saved under it re-attaches even if the profiles document ever has to be rebuilt.
   */
  readonly id: string;
  readonly instanceId: string;
  readonly label?: string;
  readonly siteUrl?: string;
  readonly catalogVersion?: CatalogVersion;
  /** Set when an AppRemoved webhook arrived; cleared when the instance is upserted again. */
  readonly removed: boolean;
  /** Whether an API2Cart store key is saved for this store (the key itself stays a secret). */
  readonly hasStoreKey: boolean;
}

export interface AppCredentials {
  readonly appId: string;
  readonly appSecret: string;
}

export interface UpsertOptions {
  /** Applied only when given and non-empty: a webhook without a label must not erase one. */
  readonly label?: string;
  readonly siteUrl?: string;
  /** Make this the active profile. The first profile becomes active regardless. */
  readonly activate?: boolean;
}

export interface ProfilePatch {
  /** '' clears the label. */
  readonly label?: string;
  /** '' clears the site URL. */
  readonly siteUrl?: string;
  /** null clears the catalog version. */
  readonly catalogVersion?: CatalogVersion | null;
}

export type ForgetTarget =
  | { readonly kind: 'apiKey' }
  | { readonly kind: 'appId' }
  | { readonly kind: 'appSecret' }
  | { readonly kind: 'publicKey' }
  | { readonly kind: 'storeKey'; readonly profileId: string }
  /** Every profile, the active choice, every store key and any unreadable copy. */
  | { readonly kind: 'profiles' };

/** One line of the Forget Credentials multi-pick: names only, never values. */
export interface StoredItem {
  readonly target: ForgetTarget;
  readonly label: string;
  readonly detail: string;
  readonly secret: boolean;
}

export interface CredentialSummary {
  readonly hasApiKey: boolean;
  readonly hasAppId: boolean;
  readonly hasAppSecret: boolean;
  readonly hasPublicKey: boolean;
  readonly profileCount: number;
  readonly activeProfile?: StoreProfile;
  /** Set when the saved profiles could not be read (wholly or partly) and were recovered. */
  readonly profilesProblem?: ProfileProblem;
}

export type ProfileServiceProblem = ProfileProblem | ValidationProblem | PublicKeyProblem;
type ServiceResult<T> = Promise<Result<T, ProfileServiceProblem>>;

export interface ProfileService {
  getApiKey(): ServiceResult<string | undefined>;
  setApiKey(input: string): ServiceResult<void>;
  /** The App ID alone is not secret: useful as an input box's default value. */
  getAppId(): ServiceResult<string | undefined>;
  /** Both parts, or undefined when either is missing. */
  getAppCredentials(): ServiceResult<AppCredentials | undefined>;
  setAppCredentials(appId: string, appSecret: string): ServiceResult<void>;
  getPublicKey(): ServiceResult<string | undefined>;
  /** Accepts the forms `parsePublicKey` accepts and stores normalised SPKI PEM. */
  setPublicKey(input: string): ServiceResult<void>;
  listProfiles(): ServiceResult<readonly StoreProfile[]>;
  getProfile(profileId: string): ServiceResult<StoreProfile | undefined>;
  getActiveProfile(): ServiceResult<StoreProfile | undefined>;
  setActiveProfile(profileId: string): ServiceResult<StoreProfile>;
  upsertProfileByInstanceId(instanceId: string, options?: UpsertOptions): ServiceResult<{ profile: StoreProfile; created: boolean }>;
  updateProfile(profileId: string, patch: ProfilePatch): ServiceResult<StoreProfile>;
  /** For an AppRemoved webhook; undefined when the instance is not one of ours. */
  markRemoved(instanceId: string): ServiceResult<StoreProfile | undefined>;
  setStoreKey(profileId: string, storeKey: string): ServiceResult<void>;
  getStoreKey(profileId: string): ServiceResult<string | undefined>;
  summary(): ServiceResult<CredentialSummary>;
  storedItems(): ServiceResult<readonly StoredItem[]>;
  forget(which: readonly ForgetTarget[]): ServiceResult<void>;
  forgetAll(): ServiceResult<void>;
  /** Fires for changes to any of our keys, from this window or another. */
  onDidChange(listener: (change: StoredChange) => void): Disposable;
  dispose(): void;
}

export interface ProfileServiceOptions {
  /** Told every secret value the service reads or writes, so logs and messages can mask it. */
  readonly redactor?: Redactor;
}

interface LoadedDocument extends ParsedDocument {
  readonly raw: string | undefined;
}

interface Mutation<T> {
  /** The document to save; omitted when nothing changed. */
  readonly next?: ProfilesDocument;
  readonly result: T;
}

const SECRET_ITEMS: ReadonlySet<StoredChange['item']> = new Set(['apiKey', 'appSecret', 'storeKey']);

export function createProfileService(store: SecretStore, options: ProfileServiceOptions = {}): ProfileService {
  // Raw values by key. Entries are dropped on every change event, ours or another window's.
  const cache = new Map<string, Promise<string | undefined>>();
  const listeners = new Set<(change: StoredChange) => void>();
  // Read-modify-write of the profiles document is serialised so concurrent calls don't lose updates.
  let queue: Promise<unknown> = Promise.resolve();

  const subscription = store.onDidChange((key) => {
    const change = describeKey(key);
    if (change === undefined) return;
    cache.delete(key);
    for (const listener of [...listeners]) {
      try {
        listener(change);
      } catch {
        // A failing listener must not keep the others from hearing about the change.
      }
    }
  });

  /** Keeps the redactor in step with the current value of each secret (a source per key). */
  function rememberSecret(key: string, value: string | undefined): void {
    const item = describeKey(key)?.item;
    if (item !== undefined && SECRET_ITEMS.has(item)) options.redactor?.setSecrets(key, [value]);
  }

  async function attempt<T>(operation: () => Promise<T>): Promise<Result<T, ProfileProblem>> {
    try {
      return ok(await operation());
    } catch {
      return fail(secretStorageUnavailable());
    }
  }

  function read(key: string): Promise<Result<string | undefined, ProfileProblem>> {
    let pending = cache.get(key);
    if (pending === undefined) {
      // The executor turns a synchronous throw from the store into a rejection.
      const fetched = new Promise<string | undefined>((resolve) => resolve(store.get(key)));
      cache.set(key, fetched);
      fetched.then(
        (value) => {
          // A read overtaken by a write must not hand the redactor the old value.
          if (cache.get(key) === fetched) rememberSecret(key, value);
        },
        () => {
          // Never cache a failure: the keyring may come back.
          if (cache.get(key) === fetched) cache.delete(key);
        },
      );
      pending = fetched;
    }
    const settled = pending;
    return attempt(() => settled);
  }

  async function write(key: string, value: string): Promise<Result<void, ProfileProblem>> {
    rememberSecret(key, value);
    cache.delete(key);
    const written = await attempt(async () => store.store(key, value));
    if (written.ok) cache.set(key, Promise.resolve(value));
    return written;
  }

  async function remove(key: string): Promise<Result<void, ProfileProblem>> {
    cache.delete(key);
    const removed = await attempt(async () => store.delete(key));
    if (removed.ok) {
      cache.set(key, Promise.resolve(undefined));
      rememberSecret(key, undefined);
    }
    return removed;
  }

  async function removeAll(keys: Iterable<string>): Promise<Result<void, ProfileProblem>> {
    for (const key of new Set(keys)) {
      const removed = await remove(key);
      if (!removed.ok) return removed;
    }
    return ok(undefined);
  }

  function exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  }

  async function loadDocument(): Promise<Result<LoadedDocument, ProfileProblem>> {
    const raw = await read(SECRET_KEYS.profiles);
    if (!raw.ok) return raw;
    return ok({ raw: raw.value, ...parseProfilesDocument(raw.value) });
  }

  async function saveDocument(loaded: LoadedDocument, next: ProfilesDocument): Promise<Result<void, ProfileProblem>> {
    if ((loaded.health === 'partly' || loaded.health === 'unreadable') && loaded.raw !== undefined) {
      const backedUp = await write(SECRET_KEYS.profilesBackup, loaded.raw);
      if (!backedUp.ok) return backedUp;
    }
    return write(SECRET_KEYS.profiles, serializeProfilesDocument(next));
  }

  function mutateDocument<T>(
    change: (document: ProfilesDocument) => Result<Mutation<T>, ProfileServiceProblem>,
  ): ServiceResult<T> {
    return exclusive(async () => {
      const loaded = await loadDocument();
      if (!loaded.ok) return loaded;
      const outcome = change(loaded.value.document);
      if (!outcome.ok) return outcome;
      const { next, result } = outcome.value;
      if (next !== undefined && serializeProfilesDocument(next) !== serializeProfilesDocument(loaded.value.document)) {
        const saved = await saveDocument(loaded.value, next);
        if (!saved.ok) return saved;
      }
      return ok(result);
    });
  }

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

  function findProfile(document: ProfilesDocument, profileId: string): StoredProfile | undefined {
    const id = profileId.trim().toLowerCase();
    return document.profiles.find((p) => p.instanceId === id);
  }

  function replaceProfile(document: ProfilesDocument, profile: StoredProfile): ProfilesDocument {
    const exists = document.profiles.some((p) => p.instanceId === profile.instanceId);
    return {
      ...document,
      profiles: exists ? document.profiles.map((p) => (p.instanceId === profile.instanceId ? profile : p)) : [...document.profiles, profile],
    };
  }

  async function getProfile(profileId: string): ServiceResult<StoreProfile | undefined> {
    const loaded = await loadDocument();
    if (!loaded.ok) return loaded;
    return toOptionalProfile(findProfile(loaded.value.document, profileId));
  }

  function activeOf(document: ProfilesDocument): StoredProfile | undefined {
    return document.activeProfileId === undefined ? undefined : findProfile(document, document.activeProfileId);
  }

  async function readPresence(kinds: readonly (keyof typeof SECRET_KEYS)[]): Promise<Result<boolean[], ProfileProblem>> {
    const values = await Promise.all(kinds.map((kind) => read(SECRET_KEYS[kind])));
    const presence: boolean[] = [];
    for (const value of values) {
      if (!value.ok) return value;
      presence.push(value.value !== undefined);
    }
    return ok(presence);
  }

  /** Store keys of readable profiles plus, where the store can list keys, any orphaned ones. */
  async function allStoreKeyKeys(document: ProfilesDocument): Promise<Result<string[], ProfileProblem>> {
    const known = document.profiles.map((p) => storeKeyKey(p.instanceId));
    const listed = await listOurKeys();
    if (!listed.ok) return listed;
    return ok([...known, ...listed.value.filter((key) => describeKey(key)?.item === 'storeKey')]);
  }

  async function listOurKeys(): Promise<Result<string[], ProfileProblem>> {
    const keys = store.keys;
    if (keys === undefined) return ok([]);
    const listed = await attempt(() => keys.call(store));
    return listed.ok ? ok(listed.value.filter((key) => key.startsWith(KEY_PREFIX))) : listed;
  }

  async function keysOf(target: ForgetTarget): Promise<Result<string[], ProfileProblem>> {
    switch (target.kind) {
      case 'apiKey':
      case 'appId':
      case 'appSecret':
      case 'publicKey':
        return ok([SECRET_KEYS[target.kind]]);
      case 'storeKey':
        return ok([storeKeyKey(target.profileId.trim().toLowerCase())]);
      case 'profiles': {
        const loaded = await loadDocument();
        if (!loaded.ok) return loaded;
        const storeKeys = await allStoreKeyKeys(loaded.value.document);
        if (!storeKeys.ok) return storeKeys;
        // The document goes last: if a delete fails midway, the remaining store keys stay findable.
        return ok([...storeKeys.value, SECRET_KEYS.profilesBackup, SECRET_KEYS.profiles]);
      }
    }
  }

  return {
    getApiKey: () => read(SECRET_KEYS.apiKey),

    async setApiKey(input) {
      const apiKey = validateApiKey(input);
      return apiKey.ok ? write(SECRET_KEYS.apiKey, apiKey.value) : apiKey;
    },

    getAppId: () => read(SECRET_KEYS.appId),

    async getAppCredentials() {
      const [appId, appSecret] = await Promise.all([read(SECRET_KEYS.appId), read(SECRET_KEYS.appSecret)]);
      if (!appId.ok) return appId;
      if (!appSecret.ok) return appSecret;
      return ok(appId.value !== undefined && appSecret.value !== undefined ? { appId: appId.value, appSecret: appSecret.value } : undefined);
    },

    async setAppCredentials(appIdInput, appSecretInput) {
      const appId = validateAppId(appIdInput);
      if (!appId.ok) return appId;
      const appSecret = validateAppSecret(appSecretInput);
      if (!appSecret.ok) return appSecret;
      const wroteId = await write(SECRET_KEYS.appId, appId.value);
      return wroteId.ok ? write(SECRET_KEYS.appSecret, appSecret.value) : wroteId;
    },

    getPublicKey: () => read(SECRET_KEYS.publicKey),

    async setPublicKey(input) {
      const parsed = parsePublicKey(input);
      return parsed.ok ? write(SECRET_KEYS.publicKey, parsed.value.pem) : parsed;
    },

    async listProfiles() {
      const loaded = await loadDocument();
      return loaded.ok ? toProfiles(loaded.value.document.profiles) : loaded;
    },

    getProfile,

    async getActiveProfile() {
      const loaded = await loadDocument();
      return loaded.ok ? toOptionalProfile(activeOf(loaded.value.document)) : loaded;
    },

    async setActiveProfile(profileId) {
      const activated = await mutateDocument<StoredProfile>((document) => {
        const profile = findProfile(document, profileId);
        if (profile === undefined) return fail(profileNotFound());
        return ok({ next: { ...document, activeProfileId: profile.instanceId }, result: profile });
      });
      return activated.ok ? toProfile(activated.value) : activated;
    },

    async upsertProfileByInstanceId(instanceIdInput, upsert = {}) {
      const instanceId = validateInstanceId(instanceIdInput);
      if (!instanceId.ok) return instanceId;
      const label = validateLabel(upsert.label ?? '');
      if (!label.ok) return label;
      const siteUrl = validateSiteUrl(upsert.siteUrl ?? '');
      if (!siteUrl.ok) return siteUrl;
      const upserted = await mutateDocument((document) => {
        const existing = findProfile(document, instanceId.value);
        const profile = storedProfile({
          ...existing,
          instanceId: instanceId.value,
          label: label.value ?? existing?.label,
          siteUrl: siteUrl.value ?? existing?.siteUrl,
          // An install (or a person entering the id) means the app is on the site again.
          removed: false,
        });
        const next = replaceProfile(document, profile);
        const activate = upsert.activate === true || document.activeProfileId === undefined;
        return ok({
          next: activate ? { ...next, activeProfileId: profile.instanceId } : next,
          result: { stored: profile, created: existing === undefined },
        });
      });
      if (!upserted.ok) return upserted;
      const profile = await toProfile(upserted.value.stored);
      return profile.ok ? ok({ profile: profile.value, created: upserted.value.created }) : profile;
    },

    async updateProfile(profileId, patch) {
      const label = patch.label === undefined ? undefined : validateLabel(patch.label);
      if (label !== undefined && !label.ok) return label;
      const siteUrl = patch.siteUrl === undefined ? undefined : validateSiteUrl(patch.siteUrl);
      if (siteUrl !== undefined && !siteUrl.ok) return siteUrl;
      const catalogVersion = patch.catalogVersion == null ? undefined : validateCatalogVersion(patch.catalogVersion);
      if (catalogVersion !== undefined && !catalogVersion.ok) return catalogVersion;
      const updated = await mutateDocument<StoredProfile>((document) => {
        const existing = findProfile(document, profileId);
        if (existing === undefined) return fail(profileNotFound());
        const profile = storedProfile({
          ...existing,
          label: label === undefined ? existing.label : label.value,
          siteUrl: siteUrl === undefined ? existing.siteUrl : siteUrl.value,
          catalogVersion: patch.catalogVersion === undefined ? existing.catalogVersion : catalogVersion?.value,
        });
        return ok({ next: replaceProfile(document, profile), result: profile });
      });
      return updated.ok ? toProfile(updated.value) : updated;
    },

    async markRemoved(instanceIdInput) {
      const instanceId = validateInstanceId(instanceIdInput);
      if (!instanceId.ok) return instanceId;
      const marked = await mutateDocument<StoredProfile | undefined>((document) => {
        const existing = findProfile(document, instanceId.value);
        if (existing === undefined) return ok({ result: undefined });
        const profile = storedProfile({ ...existing, removed: true });
        return ok({ next: replaceProfile(document, profile), result: profile });
      });
      return marked.ok ? toOptionalProfile(marked.value) : marked;
    },

    async setStoreKey(profileId, storeKeyInput) {
      const storeKey = validateStoreKey(storeKeyInput);
      if (!storeKey.ok) return storeKey;
      const profile = await getProfile(profileId);
      if (!profile.ok) return profile;
      if (profile.value === undefined) return fail(profileNotFound());
      return write(storeKeyKey(profile.value.id), storeKey.value);
    },

    getStoreKey: (profileId) => read(storeKeyKey(profileId.trim().toLowerCase())),

    async summary() {
      const presence = await readPresence(['apiKey', 'appId', 'appSecret', 'publicKey']);
      if (!presence.ok) return presence;
      const [hasApiKey = false, hasAppId = false, hasAppSecret = false, hasPublicKey = false] = presence.value;
      const loaded = await loadDocument();
      if (!loaded.ok) return loaded;
      const { health, document } = loaded.value;
      const active = await toOptionalProfile(activeOf(document));
      if (!active.ok) return active;
      return ok({
        hasApiKey,
        hasAppId,
        hasAppSecret,
        hasPublicKey,
        profileCount: document.profiles.length,
        ...(active.value !== undefined ? { activeProfile: active.value } : {}),
        ...(health === 'partly' || health === 'unreadable' ? { profilesProblem: profilesUnreadable(health) } : {}),
      });
    },

    async storedItems() {
      const fixed = [
        { kind: 'apiKey', label: 'API2Cart API key', detail: 'Secret', secret: true },
        { kind: 'appId', label: 'Wix App ID', detail: 'Not secret, but useless without the App Secret Key', secret: false },
        { kind: 'appSecret', label: 'Wix App Secret Key', detail: 'Secret', secret: true },
        { kind: 'publicKey', label: 'Webhook public key', detail: 'Not secret; verifies webhook signatures', secret: false },
      ] as const;
      const presence = await readPresence(fixed.map((item) => item.kind));
      if (!presence.ok) return presence;
      const items: StoredItem[] = fixed
        .filter((_, index) => presence.value[index])
        .map((item) => ({ target: { kind: item.kind }, label: item.label, detail: item.detail, secret: item.secret }));
      const loaded = await loadDocument();
      if (!loaded.ok) return loaded;
      const profiles = await toProfiles(loaded.value.document.profiles);
      if (!profiles.ok) return profiles;
      for (const profile of profiles.value.filter((p) => p.hasStoreKey)) {
        items.push({
          target: { kind: 'storeKey', profileId: profile.id },
          label: `Store key for ${profileDisplayName(profile)}`,
          detail: `Secret; instance ${profile.instanceId}`,
          secret: true,
        });
      }
      const backup = await read(SECRET_KEYS.profilesBackup);
      if (!backup.ok) return backup;
      if (loaded.value.raw !== undefined || backup.value !== undefined) {
        const count = profiles.value.length;
        const parts = [`${count} store profile${count === 1 ? '' : 's'} with their store keys`];
        if (backup.value !== undefined || loaded.value.health === 'partly' || loaded.value.health === 'unreadable') {
          parts.push('and an unreadable saved copy');
        }
        items.push({ target: { kind: 'profiles' }, label: 'Store profiles', detail: parts.join(' '), secret: false });
      }
      return ok(items);
    },

    forget(which) {
      return exclusive(async () => {
        const keys: string[] = [];
        for (const target of which) {
          const targetKeys = await keysOf(target);
          if (!targetKeys.ok) return targetKeys;
          keys.push(...targetKeys.value);
        }
        return removeAll(keys);
      });
    },

    forgetAll() {
      return exclusive(async () => {
        const loaded = await loadDocument();
        // An unreadable keyring cannot be cleared either; say so rather than pretend.
        if (!loaded.ok) return loaded;
        const listed = await listOurKeys();
        if (!listed.ok) return listed;
        const storeKeys = loaded.value.document.profiles.map((p) => storeKeyKey(p.instanceId));
        const others = [...listed.value, ...Object.values(SECRET_KEYS)].filter((key) => key !== SECRET_KEYS.profiles);
        // The document goes last, as in `forget`.
        return removeAll([...storeKeys, ...others, SECRET_KEYS.profiles]);
      });
    },

    onDidChange(listener) {
      listeners.add(listener);
      return { dispose: () => void listeners.delete(listener) };
    },

    dispose() {
      subscription.dispose();
      listeners.clear();
    },
  };
}
