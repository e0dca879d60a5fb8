export type { Disposable, SecretStore } from './secretStore';
export { MemorySecretStore, type SecretStoreOperation } from './memorySecretStore';
export { KEY_PREFIX, SECRET_KEYS, storeKeyKey, describeKey, type StoredChange, type StoredItemKind } from './keys';
export * from './validation';
export { formatClockTime, profileDisplayName, profileNameWithId, shortInstanceId, storeForInstance } from './display';
export { orderAgainst, type EventOrder, type LifecycleEvent } from './lifecycle';
export { secretStorageUnavailable, type ProfileProblem, type ProfileProblemKind } from './problems';
export { createProfileService } from './profileService';
export type {
  AppCredentials,
  CredentialSummary,
  ForgetTarget,
  ProfilePatch,
  ProfileService,
  ProfileServiceOptions,
  ProfileServiceProblem,
  RemovalOutcome,
  StoredItem,
  StoreProfile,
  UpsertOptions,
} from './profileTypes';
