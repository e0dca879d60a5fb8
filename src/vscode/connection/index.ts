import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import { guardedCommand } from '../problems';
import type { Services } from '../services';
import { addStoreCommand } from './addStoreCommand';
import { checkConnectionCommand } from './checkConnectionCommand';

/**
 * A command that runs once at a time: invoked again while it runs (from the palette, the
 * walkthrough, a notification's button), it says so and joins the run under way instead of
 * starting another. For Add Store that is the duplicate account.cart.add the design forbids.
 */
function singleFlight(s: Services, title: string, command: (s: Services, arg?: unknown) => Promise<void>): (arg?: unknown) => Promise<void> {
  let inFlight: Promise<void> | undefined;
  return (arg?: unknown) => {
    if (inFlight) {
      s.log.info(`${title}: already running; not started again`);
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} is already running; its progress is in the notification.', title));
      return inFlight;
    }
    inFlight = guardedCommand(s.log, title, () => command(s, arg))().then(() => undefined).finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
}

/** Add Store and Check Connection, each single-flight; Check Connection takes the store it was invoked on. */
export function registerConnectionCommands(s: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(CommandIds.addStore, singleFlight(s, vscode.l10n.t('Add Store to API2Cart'), addStoreCommand)),
    vscode.commands.registerCommand(CommandIds.checkConnection, singleFlight(s, vscode.l10n.t('Check Connection'), checkConnectionCommand)),
  ];
}
