import vscode = require('vscode');
import { fail, ok, type Problem, type Result } from '../../core/result';
import type { Services } from '../services';
import { connectedStore } from '../store/connectedStore';
import { ACCOUNT_STORE_PREFIX } from '../views/accountStores';

/** The store a request runs on, whether a profile or one of the account's other stores. */
export interface RequestTarget {
  /** The profile id, or `api2cart:<id>`: what a write confirmation is remembered under. */
  readonly id: string;
  readonly name: string;
  readonly url?: string;
  /** Secrets: for the outbound request only. */
  readonly storeKey: string;
  readonly apiKey: string;
}

/** The file's store (a profile, or an account store by `api2cart:<id>`), else the active one. */
export async function requestTarget(s: Services, storeId: string | undefined): Promise<Result<RequestTarget, Problem>> {
  if (storeId?.startsWith(ACCOUNT_STORE_PREFIX)) {
    const found = s.accountStores.get(storeId.slice(ACCOUNT_STORE_PREFIX.length));
    if (!found) {
      return fail({ kind: 'no-store', message: vscode.l10n.t('The account\'s other stores are not loaded in this window: open the API2Cart sidebar\'s Stores view (or Refresh Stores), then run again.'), fix: 'retry' });
    }
    const apiKey = await s.profiles.getApiKey();
    if (!apiKey.ok) return apiKey;
    if (apiKey.value === undefined) return fail({ kind: 'no-api-key', message: vscode.l10n.t('Set your API2Cart API key first.'), fix: 'setApiKey' });
    return ok({ id: storeId, name: found.row.name, ...(found.row.url ? { url: found.row.url } : {}), storeKey: found.storeKey, apiKey: apiKey.value });
  }
  const store = await connectedStore(s, { withApiKey: true, ...(storeId !== undefined ? { profileId: storeId } : {}) });
  if (!store.ok) return store;
  const { profile, name, storeKey, apiKey } = store.value;
  return ok({ id: profile.id, name, ...(profile.siteUrl ? { url: profile.siteUrl } : {}), storeKey, apiKey: apiKey! });
}
