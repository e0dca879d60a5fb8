import type { Api2CartClient } from '../api2cart/client';
import type { Api2CartProblem } from '../api2cart/types';
import { looksNotYetApproved } from '../permissions/notApproved';
import { ok, type Problem, type Result } from '../result';
import type { WixAppInstance } from '../wix/types';

export type CheckStep = 'api2cart-list' | 'api2cart-validate';

export interface StoreSummary {
  readonly url?: string;
  readonly label?: string;
  /** The app version this site runs, from Wix's GET /apps/v1/instance, when it was read. */
  readonly appVersion?: string;
}

export type ConnectionStatus =
  | ({ readonly state: 'connected'; readonly validateStatus?: string } & StoreSummary)
  /** The account does not list this store key: it was deleted or belongs to another account. */
  | { readonly state: 'not-in-account'; readonly message: string; readonly fix: 'addStore' }
  /** Listed, but API2Cart cannot reach the store with its saved credentials. */
  | ({
      readonly state: 'store-unreachable';
      readonly problem: Api2CartProblem;
      /** Refused with 403 or with no message: likely a permission the site has not approved yet. */
      readonly notYetApproved: boolean;
    } & StoreSummary);

export interface CheckOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (step: CheckStep) => void;
  /** Reads the app instance from Wix alongside (absent without app credentials); a failure only leaves the version out. */
  readonly readAppInstance?: (signal: AbortSignal | undefined) => Promise<Result<WixAppInstance, Problem>>;
}

const NOT_IN_ACCOUNT_CODES = new Set([4, 101]);
const notInAccount: ConnectionStatus = {
  state: 'not-in-account',
  message: 'This store key is not in your API2Cart account (the store was deleted, or the key belongs to another account). Add the store again.',
  fix: 'addStore',
};

/**
 * account.cart.list (filtered by the key) then cart.validate. A Result error means the check
 * itself could not run (network, API key); the store's state is in the ok value.
 */
export async function checkConnection(
  api2cart: Pick<Api2CartClient, 'listCarts' | 'validate'>,
  storeKey: string,
  options: CheckOptions = {},
): Promise<Result<ConnectionStatus, Problem>> {
  // Alongside the API2Cart calls, so the version costs no time; never rejects.
  const instance = options.readAppInstance?.(options.signal).catch(() => undefined);
  const appVersion = async (): Promise<{ appVersion?: string }> => {
    const read = await instance;
    return read?.ok && read.value.appVersion !== undefined ? { appVersion: read.value.appVersion } : {};
  };
  options.onProgress?.('api2cart-list');
  const list = await api2cart.listCarts({ storeKey }, { signal: options.signal });
  if (!list.ok) {
    return list.error.returnCode !== undefined && NOT_IN_ACCOUNT_CODES.has(list.error.returnCode) ? ok(notInAccount) : list;
  }
  const { carts } = list.value;
  // The filter may be ignored by an older API; only trust an entry without a key when it is the only one.
  const cart = carts.find((c) => c.storeKey === storeKey) ?? (carts.length === 1 && carts[0]?.storeKey === undefined ? carts[0] : undefined);
  if (!cart) {
    return ok(notInAccount);
  }
  const summary: StoreSummary = { url: cart.url, label: cart.customLabel ?? cart.url, ...(await appVersion()) };

  options.onProgress?.('api2cart-validate');
  const validated = await api2cart.validate(storeKey, { signal: options.signal });
  if (validated.ok) {
    return ok({ state: 'connected', validateStatus: validated.value.status, ...summary });
  }
  if (validated.error.returnCode === undefined) {
    return validated;
  }
  return NOT_IN_ACCOUNT_CODES.has(validated.error.returnCode)
    ? ok(notInAccount)
    : ok({ state: 'store-unreachable', problem: validated.error, notYetApproved: looksNotYetApproved(validated.error.said ?? validated.error.message), ...summary });
}
