import type { Api2CartClient } from '../api2cart/client';
import { describeReturnCode, RETURN_CODES } from '../api2cart/returnCodes';
import type { Api2CartProblem } from '../api2cart/types';
import { fail, ok, type FixAction, type Problem, type Result } from '../result';

export interface RemoveStoreOptions {
  readonly signal?: AbortSignal;
}

/**
 * removed: cart.delete succeeded. gone: API2Cart no longer knows the key (deleted elsewhere, or
 * another account's), so there is nothing left to remove there either.
 */
export type RemoveStoreOutcome = { readonly state: 'removed' } | { readonly state: 'gone'; readonly returnCode: number };

const GONE_CODES = new Set([4, 101]);

/**
 * What the table says about adding a store is not always right for removing one: these codes get
 * their own words. Every code ends up with a message and a fix (a unit test checks).
 */
const REMOVAL_WORDING: Readonly<Record<number, { readonly message: string; readonly fix: FixAction }>> = {
  8: { message: 'API2Cart answered cart.delete with "store already exists", which makes no sense for a removal. Check the connection, then try again.', fix: 'checkConnection' },
  100: { message: 'API2Cart could not reach the Wix store to remove it. Check the connection, then try again.', fix: 'checkConnection' },
  109: { message: 'API2Cart rejected the removal request as incorrect. Check the connection, then try again.', fix: 'checkConnection' },
};

/** The problem for a failed cart.delete: its message, and always a fix. */
export function removalProblem(problem: Api2CartProblem): Problem {
  const code = problem.returnCode;
  if (code === undefined) return { ...problem, fix: problem.fix ?? 'retry' };
  const own = REMOVAL_WORDING[code];
  if (own) return { kind: problem.kind, message: own.message, fix: own.fix };
  const info = RETURN_CODES[code] ?? describeReturnCode(code);
  return { kind: problem.kind, message: problem.message, fix: info.fix ?? 'checkConnection' };
}

/** `DELETE cart.delete.json` with the API key and this store's key, once. */
export async function removeStore(
  api2cart: Pick<Api2CartClient, 'callMethod'>,
  storeKey: string,
  options: RemoveStoreOptions = {},
): Promise<Result<RemoveStoreOutcome, Problem>> {
  const deleted = await api2cart.callMethod('cart.delete', { httpMethod: 'DELETE', storeKey }, { signal: options.signal });
  if (deleted.ok) return ok({ state: 'removed' });
  const code = deleted.error.returnCode;
  if (code !== undefined && GONE_CODES.has(code)) return ok({ state: 'gone', returnCode: code });
  if (deleted.error.kind === 'http-cancelled') {
    return fail({ kind: 'remove-cancelled', message: 'Cancelled. API2Cart may or may not have removed the store; Check Connection tells.', fix: 'checkConnection' });
  }
  return fail(removalProblem(deleted.error));
}
