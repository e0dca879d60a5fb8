import vscode = require('vscode');
import { profileDisplayName, type StoreProfile } from '../../core/profiles';
import { fail, ok, type Problem, type Result } from '../../core/result';

export interface ConnectedStore {
  readonly profile: StoreProfile;
  readonly name: string;
  /** Secrets: for the outbound request or the person's explicit hand-over only. */
  readonly storeKey: string;
  readonly apiKey?: string;
}

/** Kinds of problem that mean "do this first", not "the connection broke": shown without marking the status bar. */
export const PREREQUISITE_KINDS: readonly string[] = ['no-api-key', 'no-store', 'store-not-added', 'store-removed'];

interface Reader {
  readonly profiles: {
    getActiveProfile(): Promise<Result<StoreProfile | undefined, Problem>>;
    getProfile(id: string): Promise<Result<StoreProfile | undefined, Problem>>;
    getStoreKey(id: string): Promise<Result<string | undefined, Problem>>;
    getApiKey(): Promise<Result<string | undefined, Problem>>;
  };
}

export interface ConnectedStoreOptions {
  /** The store a removal or a request file names; the active store otherwise. */
  readonly profileId?: string;
  readonly withApiKey: boolean;
  /**
   * A store whose app was uninstalled from its Wix site (App Removed) still has its key at
   * API2Cart: handing the key over or removing the store works, a check of the Wix side cannot.
   */
  readonly refuseRemoved?: boolean;
}

/**
 * The one reader of "which store, its store key, the API key" for every command: the active store
 * (or `profileId`) with its store key, and the API key when `withApiKey`. A missing piece is a
 * problem whose fix adds it (PREREQUISITE_KINDS).
 */
export async function connectedStore(s: Reader, options: ConnectedStoreOptions): Promise<Result<ConnectedStore, Problem>> {
  const profile = options.profileId !== undefined ? await s.profiles.getProfile(options.profileId) : await s.profiles.getActiveProfile();
  if (!profile.ok) return profile;
  if (profile.value === undefined) {
    return fail({ kind: 'no-store', message: vscode.l10n.t('No store is connected yet: add a Wix store to API2Cart first.'), fix: 'addStore' });
  }
  const name = profileDisplayName(profile.value);
  if (options.refuseRemoved && profile.value.removed) {
    return fail({ kind: 'store-removed', message: vscode.l10n.t('The app was removed from the Wix site of "{0}". Install it on the site again, then try again.', name) });
  }
  const storeKey = await s.profiles.getStoreKey(profile.value.id);
  if (!storeKey.ok) return storeKey;
  if (storeKey.value === undefined) {
    return fail({ kind: 'store-not-added', message: vscode.l10n.t('"{0}" is not connected: it has not been added to API2Cart yet.', name), fix: 'addStore' });
  }
  if (!options.withApiKey) return ok({ profile: profile.value, name, storeKey: storeKey.value });
  const apiKey = await s.profiles.getApiKey();
  if (!apiKey.ok) return apiKey;
  if (apiKey.value === undefined) {
    return fail({ kind: 'no-api-key', message: vscode.l10n.t('Set your API2Cart API key first.'), fix: 'setApiKey' });
  }
  return ok({ profile: profile.value, name, storeKey: storeKey.value, apiKey: apiKey.value });
}
