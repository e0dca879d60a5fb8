/**
 * Every SecretStorage key the extension uses, in one place. Everything lives in SecretStorage
 * (non-secret values included) so that one change event covers edits from other windows.
 */
export const KEY_PREFIX = 'api2cartWix.';

export const SECRET_KEYS = {
  apiKey: `${KEY_PREFIX}apiKey`,
  appId: `${KEY_PREFIX}wix.appId`,
  appSecret: `${KEY_PREFIX}wix.appSecret`,
  publicKey: `${KEY_PREFIX}wix.publicKey`,
  /** One JSON document: the store profiles and the active profile id. */
  profiles: `${KEY_PREFIX}profiles`,
  /** The last profiles document that could not be read, kept before it is overwritten. */
  profilesBackup: `${KEY_PREFIX}profiles.unreadable`,
} as const;

const STORE_KEY_PREFIX = `${KEY_PREFIX}storeKey.`;

/** How many unreadable versions of the profiles document are kept; the first is never replaced. */
export const MAX_PROFILE_BACKUPS = 5;

/** Where the n-th unreadable copy is kept (1-based): the first under `profilesBackup`, then `….2`, `….3`, … */
export function profilesBackupKey(n: number): string {
  return n === 1 ? SECRET_KEYS.profilesBackup : `${SECRET_KEYS.profilesBackup}.${n}`;
}

export const PROFILE_BACKUP_KEYS: readonly string[] = Array.from({ length: MAX_PROFILE_BACKUPS }, (_, i) => profilesBackupKey(i + 1));

export function storeKeyKey(profileId: string): string {
  return STORE_KEY_PREFIX + profileId;
}

export type StoredItemKind = keyof typeof SECRET_KEYS | 'storeKey';

export interface StoredChange {
  readonly item: StoredItemKind;
  /** Set when `item` is 'storeKey'. */
  readonly profileId?: string;
}

/** Which item a raw key belongs to; undefined for keys that are not ours. */
export function describeKey(key: string): StoredChange | undefined {
  if (key.startsWith(STORE_KEY_PREFIX)) return { item: 'storeKey', profileId: key.slice(STORE_KEY_PREFIX.length) };
  if (PROFILE_BACKUP_KEYS.includes(key)) return { item: 'profilesBackup' };
  for (const [item, name] of Object.entries(SECRET_KEYS) as [keyof typeof SECRET_KEYS, string][]) {
    if (name === key) return { item };
  }
  return undefined;
}
