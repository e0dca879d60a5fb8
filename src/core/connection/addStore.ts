import type { Api2CartClient } from '../api2cart/client';
import type { Api2CartProblem } from '../api2cart/types';
import { fail, ok, type Problem, type Result } from '../result';
import type { WixClient } from '../wix/client';
import type { WixAppCredentials } from '../wix/types';
import { findWixStore, type StoreMatch } from './findStore';

export type AddStoreStep = 'wix-token' | 'wix-instance' | 'api2cart-add' | 'api2cart-lookup';

export interface AddStoreDeps {
  readonly wix: Pick<WixClient, 'getAccessToken' | 'getAppInstance'>;
  readonly api2cart: Pick<Api2CartClient, 'addStore' | 'listCarts'>;
}

export interface AddStoreOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (step: AddStoreStep) => void;
}

export interface AddStoreOutcome {
  /** A secret: the caller keeps it in SecretStorage only. */
  readonly storeKey: string;
  /**
   * added: account.cart.add succeeded. adopted: API2Cart said the store exists (code 8) and it was
   * found in account.cart.list. recovered: the add's answer was lost, and the lookup found the store.
   */
  readonly how: 'added' | 'adopted' | 'recovered';
  /** For the store profile: site name, else URL, else the instance id. */
  readonly label: string;
  readonly siteName?: string;
  readonly siteUrl?: string;
  /** Things that went wrong without stopping the flow, in words a person can read. */
  readonly notes: readonly string[];
}

export type AddStoreProblemKind =
  | 'add-cancelled'
  | 'add-uncertain'
  | 'existing-store-not-found'
  | 'existing-store-ambiguous';

/** How far the flow got when the person cancelled: what was sent decides what can be said. */
type CancelPoint = 'before-add' | 'add-in-flight' | 'lookup-after-exists' | 'lookup-after-lost-answer';

const CANCEL_MESSAGES: Readonly<Record<CancelPoint, string>> = {
  'before-add': 'Cancelled; nothing was sent to API2Cart.',
  'add-in-flight':
    'Cancelled after the add request was sent: API2Cart may have added the store. Run Add Store again; if the store exists, it will be found instead of added twice.',
  'lookup-after-exists':
    'Cancelled while looking the store up. The add request was sent, and API2Cart answered that this store is already in your account, so nothing new was added. Run Add Store again to find it and save its store key.',
  'lookup-after-lost-answer':
    'Cancelled while looking the store up. The add request was sent but its answer was lost, so API2Cart may have added the store. Run Add Store again; if the store exists, it will be found instead of added twice.',
};

const cancelled = (point: CancelPoint): Problem<AddStoreProblemKind> => ({ kind: 'add-cancelled', message: CANCEL_MESSAGES[point], fix: 'addStore' });

/**
 * Preflight with Wix, then account.cart.add exactly once. "Already exists" (code 8) and a lost
 * answer to the add are both resolved by looking the store up, never by sending the add again.
 */
export async function addStore(
  deps: AddStoreDeps,
  credentials: WixAppCredentials,
  options: AddStoreOptions = {},
): Promise<Result<AddStoreOutcome, Problem>> {
  const { signal, onProgress } = options;
  const notes: string[] = [];

  if (signal?.aborted) {
    return fail(cancelled('before-add'));
  }
  onProgress?.('wix-token');
  const token = await deps.wix.getAccessToken(credentials, { signal });
  if (!token.ok) {
    return token.error.kind === 'http-cancelled' ? fail(cancelled('before-add')) : token;
  }

  onProgress?.('wix-instance');
  const instance = await deps.wix.getAppInstance(token.value.accessToken, { signal });
  if (signal?.aborted) {
    return fail(cancelled('before-add'));
  }
  const siteName = instance.ok ? instance.value.siteName : undefined;
  const siteUrl = instance.ok ? instance.value.siteUrl : undefined;
  if (!instance.ok) {
    notes.push(`The site's name and URL are unknown: ${instance.error.message}`);
  } else if (siteUrl === undefined) {
    notes.push('Wix did not report a URL for the site (it may not be published), so no store_url was sent.');
  }
  const describe = { siteName, siteUrl, label: siteName ?? siteUrl ?? `Wix ${credentials.instanceId}` };

  onProgress?.('api2cart-add');
  const added = await deps.api2cart.addStore(
    { appId: credentials.appId, appSecret: credentials.appSecret, instanceId: credentials.instanceId, storeUrl: siteUrl },
    { signal },
  );
  if (added.ok) {
    return ok({ storeKey: added.value.storeKey, how: 'added', ...describe, notes });
  }
  const problem = added.error;
  if (problem.kind === 'http-cancelled') {
    return fail(cancelled('add-in-flight'));
  }
  const alreadyExists = problem.returnCode === 8;
  if (!alreadyExists && !problem.maybeDelivered) {
    return added;
  }

  onProgress?.('api2cart-lookup');
  const lookup = await lookUpStore(deps.api2cart, { instanceId: credentials.instanceId, storeUrl: siteUrl }, signal);
  if (signal?.aborted) {
    return fail(cancelled(alreadyExists ? 'lookup-after-exists' : 'lookup-after-lost-answer'));
  }
  const { list, match } = lookup;
  if (match?.kind === 'found') {
    const how = alreadyExists ? 'adopted' : 'recovered';
    if (how === 'recovered') {
      notes.push(`The answer to account.cart.add was lost (${problem.message}) but the store is in account.cart.list, so it was not added again.`);
    }
    return ok({
      storeKey: match.cart.storeKey,
      how,
      ...describe,
      label: siteName ?? match.cart.customLabel ?? match.cart.url ?? describe.label,
      notes,
    });
  }
  return fail(alreadyExists ? existingNotFound(match, list, siteUrl) : uncertain(problem, match, list));
}

/**
 * account.cart.list filtered by the site's URL when it is known, so a large account stays under
 * the list's size cap; the whole list when that finds nothing, since API2Cart may keep another
 * form of the URL (www., scheme, trailing slash).
 */
async function lookUpStore(
  api2cart: AddStoreDeps['api2cart'],
  wanted: { readonly instanceId: string; readonly storeUrl?: string },
  signal: AbortSignal | undefined,
): Promise<{ readonly list: Result<unknown, Api2CartProblem>; readonly match?: StoreMatch }> {
  if (wanted.storeUrl !== undefined) {
    const filtered = await api2cart.listCarts({ storeUrl: wanted.storeUrl }, { signal });
    const match = filtered.ok ? findWixStore(filtered.value.carts, wanted) : undefined;
    if (signal?.aborted || (match !== undefined && match.kind !== 'none')) return { list: filtered, match };
  }
  const list = await api2cart.listCarts({}, { signal });
  return { list, ...(list.ok ? { match: findWixStore(list.value.carts, wanted) } : {}) };
}

function lookupSummary(match: StoreMatch | undefined, list: Result<unknown, Api2CartProblem>, siteUrl?: string): string {
  if (!list.ok) {
    return `Looking it up with account.cart.list failed too: ${list.error.message}`;
  }
  switch (match?.kind) {
    case 'ambiguous':
      return `account.cart.list shows ${match.count} Wix stores with the URL ${siteUrl ?? ''}, so it is not clear which one is this store.`;
    case 'unidentifiable':
      return "The site's URL is unknown (Wix did not report it), so it cannot be matched in account.cart.list.";
    default:
      return `No Wix store${siteUrl ? ` with the URL ${siteUrl}` : ''} is in account.cart.list.`;
  }
}

function existingNotFound(
  match: StoreMatch | undefined,
  list: Result<unknown, Api2CartProblem>,
  siteUrl?: string,
): Problem<AddStoreProblemKind> {
  return {
    kind: match?.kind === 'ambiguous' ? 'existing-store-ambiguous' : 'existing-store-not-found',
    message: `API2Cart says this store is already connected, but it could not be identified. ${lookupSummary(match, list, siteUrl)} Find its store key in the API2Cart dashboard.`,
    fix: list.ok ? 'checkConnection' : 'retry',
  };
}

function uncertain(
  problem: Api2CartProblem,
  match: StoreMatch | undefined,
  list: Result<unknown, Api2CartProblem>,
): Problem<AddStoreProblemKind> {
  return {
    kind: 'add-uncertain',
    message: `${problem.message} The add request had already been sent, so the store may or may not have been added; it was not sent again to avoid adding it twice. ${lookupSummary(match, list)} Run Add Store again later: if the store exists, it will be found instead of added twice.`,
    fix: 'addStore',
  };
}
