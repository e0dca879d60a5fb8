import { ok, type Result } from '../result';
import { profileDisplayName } from './display';
import { describeKey, PROFILE_BACKUP_KEYS, SECRET_KEYS, storeKeyKey } from './keys';
import type { ProfilesDocument } from './profileDocument';
import type { ProfileParts } from './profileParts';
import type { ForgetTarget, ProfileService, StoredItem } from './profileTypes';
import type { ProfileProblem } from './problems';

export type Forgetting = Pick<ProfileService, 'storedItems' | 'forget' | 'forgetAll'>;

/** Forget Credentials: what is stored (names only, never values), and deleting it. */
export function createForgetting({ secrets, documents, toProfiles }: ProfileParts): Forgetting {
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

  return {
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
  };
}
