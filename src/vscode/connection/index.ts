import vscode = require('vscode');
import { CommandIds } from '../commandIds';
import { registerCommands } from '../commands';
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
    inFlight = command(s, arg).finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
}

/** Add Store and Check Connection, each single-flight; Check Connection takes the store it was invoked on. */
export function registerConnectionCommands(s: Services): vscode.Disposable[] {
  const command = (title: string, run: (s: Services, arg?: unknown) => Promise<void>) => ({ title, run: singleFlight(s, title, run) });
  return registerCommands(s.log, {
    [CommandIds.addStore]: command(vscode.l10n.t('Add Store to API2Cart'), addStoreCommand),
    [CommandIds.checkConnection]: command(vscode.l10n.t('Check Connection'), checkConnectionCommand),
  });
}
