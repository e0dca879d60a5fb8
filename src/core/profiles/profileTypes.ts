import type { PlanSnapshot } from '../permissions/snapshot';
import type { Redactor } from '../redaction';
import type { Result } from '../result';
import type { PublicKeyProblem } from '../webhook/publicKey';
import type { StoredChange } from './keys';
import type { EventOrder, LifecycleEvent } from './lifecycle';
import type { ProfileProblem } from './problems';
import type { Disposable } from './secretStore';
import type { CatalogVersion, ValidationProblem } from './validation';

// What the profile service offers (profileService.ts makes it): its interface and the shapes it hands out.

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
export type ServiceResult<T> = Promise<Result<T, ProfileServiceProblem>>;

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
