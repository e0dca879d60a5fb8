import type * as vscode from 'vscode';
import type { ProfileService } from '../core/profiles';
import type { Redactor } from '../core/redaction';
import type { Log } from './log';
import type { ConnectionStatus } from './statusBar';
import type { AccountStoreCache } from './views/accountStores';
import type { StoreChecks } from './views/storeArgument';

/** What every feature's command module is given by activate(). */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: Log;
  readonly redactor: Redactor;
  readonly profiles: ProfileService;
  readonly status: ConnectionStatus;
  /** The last Check Connection per store in this window (the Stores view's icons). */
  readonly storeChecks: StoreChecks;
  /** The account's other stores and their keys, in memory for the session (Stores view, requests). */
  readonly accountStores: AccountStoreCache;
}
