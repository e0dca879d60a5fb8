import type { PlanSnapshot } from '../permissions/snapshot';
import type { Redactor } from '../redaction';
import { fail, ok, type Result } from '../result';
import { parsePublicKey, type PublicKeyProblem } from '../webhook/publicKey';
import { profileDisplayName } from './display';
import { activeOf, createDocumentStore, findProfile, replaceProfile, type Mutation } from './documentStore';
import { describeKey, PROFILE_BACKUP_KEYS, SECRET_KEYS, storeKeyKey, type StoredChange } from './keys';
import { storedProfile, type ProfilesDocument, type StoredProfile } from './profileDocument';
import { orderAgainst, type EventOrder, type LifecycleEvent } from './lifecycle';
import { profileNotFound, profilesUnreadable, type ProfileProblem } from './problems';
import { createSecretCache } from './secretCache';
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
  /** The newest App Installed / App Removed acted on (see lifecycle.ts). */
  readonly lastEvent?: LifecycleEvent;
  /** Whether an API2Cart store key is saved for this store (the key itself stays a secret). */
  readonly hasStoreKey: boolean;
  /** The plan's required permissions when the store was added. */
  readonly planSnapshot?: PlanSnapshot;
}

/** What an App Removed did: nothing for a store that is not ours, or for an event older than the last one acted on. */
export interface RemovalOutcome {
  readonly profile?: StoreProfile;
  readonly order: EventOrder;
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
  /** The App Installed this comes from: one older than the store's last event does not clear "removed". */
  readonly event?: LifecycleEvent;
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
  /** With profilesProblem: whether anything of the document could be used. */
  readonly profilesHealth?: 'partly' | 'unreadable';
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
  upsertProfileByInstanceId(instanceId: string, options?: UpsertOptions): ServiceResult<{ profile: StoreProfile; created: boolean; order: EventOrder }>;
  updateProfile(profileId: string, patch: ProfilePatch): ServiceResult<StoreProfile>;
  /** Keeps the plan snapshot taken when the store was added; undefined removes it. */
  setPlanSnapshot(profileId: string, snapshot: PlanSnapshot | undefined): ServiceResult<StoreProfile>;
  /** For an AppRemoved webhook (its `iat` orders it against the store's last event). */
  markRemoved(instanceId: string, event?: LifecycleEvent): ServiceResult<RemovalOutcome>;
  setStoreKey(profileId: string, storeKey: string): ServiceResult<void>;
  getStoreKey(profileId: string): ServiceResult<string | undefined>;
  summary(): ServiceResult<CredentialSummary>;
  storedItems(): ServiceResult<readonly StoredItem[]>;
  /** The copies kept of unreadable profiles documents (key and text; no secret is in them), oldest first. */
  unreadableCopies(): ServiceResult<readonly { readonly key: string; readonly text: string }[]>;
  forget(which: readonly ForgetTarget[]): ServiceResult<void>;
  forgetAll(): ServiceResult<void>;
  /** Fires for changes to any of our keys, from this window or another. */
  onDidChange(listener: (change: StoredChange) => void): Disposable;
  /** setAppCredentials replaced the App Secret Key of the same App ID: the stores connected with it need it too. */
  onDidReplaceAppSecret(listener: (appId: string) => void): Disposable;
  dispose(): void;
}

export interface ProfileServiceOptions {
  /** Told every secret value the service reads or writes, so logs and messages can mask it. */
  readonly redactor?: Redactor;
}

export function createProfileService(store: SecretStore, options: ProfileServiceOptions = {}): ProfileService {
  const secrets = createSecretCache(store, options.redactor);
  const documents = createDocumentStore(secrets);
  const { read, write } = secrets;
  const secretReplaced = new Set<(appId: string) => void>();
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

  /** Store keys of readable profiles plus, where the store can list keys, any orphaned ones. */
  async function allStoreKeyKeys(document: ProfilesDocument): Promise<Result<string[], ProfileProblem>> {
    const known = document.profiles.map((p) => storeKeyKey(p.instanceId));
    const listed = await secrets.listOurKeys();
    if (!listed.ok) return listed;
    return ok([...known, ...listed.value.filter((key) => describeKey(key)?.item === 'storeKey')]);
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
        const loaded = await documents.load();
        if (!loaded.ok) return loaded;
        const storeKeys = await allStoreKeyKeys(loaded.value.document);
        if (!storeKeys.ok) return storeKeys;
        // The document goes last: if a delete fails midway, the remaining store keys stay findable.
        return ok([...storeKeys.value, ...PROFILE_BACKUP_KEYS, SECRET_KEYS.profiles]);
      }
    }
  }

  const service: ProfileService = {
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
      const before = await service.getAppCredentials();
      const wroteId = await write(SECRET_KEYS.appId, appId.value);
      const wrote = wroteId.ok ? await write(SECRET_KEYS.appSecret, appSecret.value) : wroteId;
      if (wrote.ok && before.ok && before.value?.appId === appId.value && before.value.appSecret !== appSecret.value) {
        for (const listener of [...secretReplaced]) listener(appId.value);
      }
      return wrote;
    },

    getPublicKey: () => read(SECRET_KEYS.publicKey),

    async setPublicKey(input) {
      const parsed = parsePublicKey(input);
      return parsed.ok ? write(SECRET_KEYS.publicKey, parsed.value.pem) : parsed;
    },

    async listProfiles() {
      const loaded = await documents.load();
      return loaded.ok ? toProfiles(loaded.value.document.profiles) : loaded;
    },

    getProfile,

    async getActiveProfile() {
      const loaded = await documents.load();
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
        const order: EventOrder = upsert.event ? orderAgainst(existing?.lastEvent, upsert.event) : 'newer';
        const stale = order === 'older';
        const profile = storedProfile({
          ...existing,
          instanceId: instanceId.value,
          label: label.value ?? existing?.label,
          siteUrl: siteUrl.value ?? existing?.siteUrl,
          // An install (or a person entering the id) means the app is on the site again, unless
          // this install is older than a removal already seen.
          removed: stale ? existing?.removed === true : false,
          lastEvent: upsert.event && !stale ? upsert.event : existing?.lastEvent,
        });
        const next = replaceProfile(document, profile);
        const activate = upsert.activate === true || document.activeProfileId === undefined;
        return ok({
          next: activate ? { ...next, activeProfileId: profile.instanceId } : next,
          result: { stored: profile, created: existing === undefined, order },
        });
      });
      if (!upserted.ok) return upserted;
      const profile = await toProfile(upserted.value.stored);
      return profile.ok ? ok({ profile: profile.value, created: upserted.value.created, order: upserted.value.order }) : profile;
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

    async setPlanSnapshot(profileId, snapshot) {
      const updated = await mutateDocument<StoredProfile>((document) => {
        const existing = findProfile(document, profileId);
        if (existing === undefined) return fail(profileNotFound());
        const profile = storedProfile({ ...existing, planSnapshot: snapshot });
        return ok({ next: replaceProfile(document, profile), result: profile });
      });
      return updated.ok ? toProfile(updated.value) : updated;
    },

    async markRemoved(instanceIdInput, event) {
      const instanceId = validateInstanceId(instanceIdInput);
      if (!instanceId.ok) return instanceId;
      const marked = await mutateDocument<{ stored?: StoredProfile; order: EventOrder }>((document) => {
        const existing = findProfile(document, instanceId.value);
        if (existing === undefined) return ok({ result: { order: 'newer' } });
        const order = event ? orderAgainst(existing.lastEvent, event) : 'newer';
        if (order !== 'newer') return ok({ result: { stored: existing, order } });
        const profile = storedProfile({ ...existing, removed: true, lastEvent: event ?? existing.lastEvent });
        return ok({ next: replaceProfile(document, profile), result: { stored: profile, order } });
      });
      if (!marked.ok) return marked;
      const profile = await toOptionalProfile(marked.value.stored);
      return profile.ok ? ok({ ...(profile.value ? { profile: profile.value } : {}), order: marked.value.order }) : profile;
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
      const presence = await secrets.readPresence(['apiKey', 'appId', 'appSecret', 'publicKey']);
      if (!presence.ok) return presence;
      const [hasApiKey = false, hasAppId = false, hasAppSecret = false, hasPublicKey = false] = presence.value;
      const loaded = await documents.load();
      if (!loaded.ok) return loaded;
      const { health, document } = loaded.value;
      const active = await toOptionalProfile(activeOf(document));
      if (!active.ok) return active;
      // The copy is made now, not at the next write, so the message can say where it is.
      const keptAs = health === 'partly' || health === 'unreadable' ? await documents.keepUnreadable() : ok(undefined);
      if (!keptAs.ok) return keptAs;
      return ok({
        hasApiKey,
        hasAppId,
        hasAppSecret,
        hasPublicKey,
        profileCount: document.profiles.length,
        ...(active.value !== undefined ? { activeProfile: active.value } : {}),
        ...(health === 'partly' || health === 'unreadable' ? { profilesProblem: profilesUnreadable(health, keptAs.value), profilesHealth: health } : {}),
      });
    },

    async storedItems() {
      const fixed = [
        { kind: 'apiKey', label: 'API2Cart API key', detail: 'Secret', secret: true },
        { kind: 'appId', label: 'Wix App ID', detail: 'Not secret, but useless without the App Secret Key', secret: false },
        { kind: 'appSecret', label: 'Wix App Secret Key', detail: 'Secret', secret: true },
        { kind: 'publicKey', label: 'Webhook public key', detail: 'Not secret; verifies webhook signatures', secret: false },
      ] as const;
      const presence = await secrets.readPresence(fixed.map((item) => item.kind));
      if (!presence.ok) return presence;
      const items: StoredItem[] = fixed
        .filter((_, index) => presence.value[index])
        .map((item) => ({ target: { kind: item.kind }, label: item.label, detail: item.detail, secret: item.secret }));
      const loaded = await documents.load();
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
      const backups = await documents.unreadableCopies();
      if (!backups.ok) return backups;
      if (loaded.value.raw !== undefined || backups.value.length > 0) {
        const count = profiles.value.length;
        const parts = [`${count} store profile${count === 1 ? '' : 's'} with their store keys`];
        if (backups.value.length > 0 || loaded.value.health === 'partly' || loaded.value.health === 'unreadable') {
          parts.push('and an unreadable saved copy');
        }
        items.push({ target: { kind: 'profiles' }, label: 'Store profiles', detail: parts.join(' '), secret: false });
      }
      return ok(items);
    },

    unreadableCopies: () => documents.unreadableCopies(),

    forget(which) {
      return documents.exclusive(async () => {
        const keys: string[] = [];
        for (const target of which) {
          const targetKeys = await keysOf(target);
          if (!targetKeys.ok) return targetKeys;
          keys.push(...targetKeys.value);
        }
        return secrets.removeAll(keys);
      });
    },

    forgetAll() {
      return documents.exclusive(async () => {
        const loaded = await documents.load();
        // An unreadable keyring cannot be cleared either; say so rather than pretend.
        if (!loaded.ok) return loaded;
        const listed = await secrets.listOurKeys();
        if (!listed.ok) return listed;
        const storeKeys = loaded.value.document.profiles.map((p) => storeKeyKey(p.instanceId));
        const others = [...listed.value, ...Object.values(SECRET_KEYS), ...PROFILE_BACKUP_KEYS].filter((key) => key !== SECRET_KEYS.profiles);
        // The document goes last, as in `forget`.
        return secrets.removeAll([...storeKeys, ...others, SECRET_KEYS.profiles]);
      });
    },

    onDidChange: (listener) => secrets.onDidChange(listener),
    onDidReplaceAppSecret(listener) {
      secretReplaced.add(listener);
      return { dispose: () => void secretReplaced.delete(listener) };
    },

    dispose: () => secrets.dispose(),
  };
  return service;
}
