import { fail, ok } from '../result';
import { parsePublicKey } from '../webhook/publicKey';
import { activeOf } from './documentStore';
import { createForgetting } from './forgetting';
import { SECRET_KEYS, storeKeyKey } from './keys';
import { createProfileEdits } from './profileEdits';
import { createProfileParts } from './profileParts';
import type { ProfileService, ProfileServiceOptions } from './profileTypes';
import { profileNotFound, profilesUnreadable } from './problems';
import type { SecretStore } from './secretStore';
import { validateApiKey, validateAppId, validateAppSecret, validateStoreKey } from './validation';

/**
 * The store profiles and credentials in secret storage (the interface is in profileTypes.ts).
 * Here: the credentials and the reads; profileEdits.ts changes profiles, forgetting.ts forgets.
 */
export function createProfileService(store: SecretStore, options: ProfileServiceOptions = {}): ProfileService {
  const parts = createProfileParts(store, options.redactor);
  const { secrets, documents, toProfiles, toOptionalProfile, getProfile } = parts;
  const { read, write } = secrets;
  const secretReplaced = new Set<(appId: string) => void>();

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

    ...createProfileEdits(parts),

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

    unreadableCopies: () => documents.unreadableCopies(),

    ...createForgetting(parts),

    onDidChange: (listener) => secrets.onDidChange(listener),
    onDidReplaceAppSecret(listener) {
      secretReplaced.add(listener);
      return { dispose: () => void secretReplaced.delete(listener) };
    },

    dispose: () => secrets.dispose(),
  };
  return service;
}
