import type * as vscode from 'vscode';
import type { ProfileService } from '../core/profiles';
import type { Redactor } from '../core/redaction';
import type { Log } from './log';
import type { ConnectionStatus } from './statusBar';

/** What every feature's command module is given by activate(). */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: Log;
  readonly redactor: Redactor;
  readonly profiles: ProfileService;
  readonly status: ConnectionStatus;
}
