import type { AccountRow } from '../../core/views/storesTree';

/** How a request file names a store of the account that has no profile here. */
export const ACCOUNT_STORE_PREFIX = 'api2cart:';

/**
 * The account's other stores (account.cart.list), cached for the session: the Stores view fills
 * it when shown and on Refresh Stores; New API2Cart Request and the runner read it. The store keys
 * live only here, in memory, never in a file, the tree or a log.
 */
export class AccountStoreCache {
  private rows: readonly AccountRow[] | undefined;
  private keys: ReadonlyMap<string, string> = new Map();

  get loaded(): boolean {
    return this.rows !== undefined;
  }

  get list(): readonly AccountRow[] {
    return this.rows ?? [];
  }

  set(rows: readonly AccountRow[], keys: ReadonlyMap<string, string>): void {
    this.rows = rows;
    this.keys = keys;
  }

  clear(): void {
    this.rows = undefined;
    this.keys = new Map();
  }

  get(accountId: string): { readonly row: AccountRow; readonly storeKey: string } | undefined {
    const row = this.rows?.find((r) => r.accountId === accountId);
    const storeKey = this.keys.get(accountId);
    return row && storeKey !== undefined ? { row, storeKey } : undefined;
  }

  /** As request files name them: `"store": "api2cart:<id>"`. */
  // By id only: an account store's label may repeat a profile's.
  choices(): { readonly id: string; readonly instanceId: string }[] {
    return this.list.filter((r) => this.keys.has(r.accountId)).map((r) => ({ id: `${ACCOUNT_STORE_PREFIX}${r.accountId}`, instanceId: `${ACCOUNT_STORE_PREFIX}${r.accountId}` }));
  }
}
