import vscode = require('vscode');
import { CommandIds } from '../commandIds';

/**
 * What to do with a store once it is connected (journey step 5), as notification buttons: the
 * labels to show and what a click runs. Add Store offers these when it succeeds. Three at most,
 * each short: a notification cuts longer or more labels ("Write Store Key to …", "Check Co…").
 * Verify Permissions comes first, for that very store: a permission found missing now still
 * fits in before the app is published. Copy Store Key stays in Show Actions and the Stores view;
 * Write to .env hands the key over as well, without the clipboard.
 */
export function connectedNextSteps(profileId: string): { readonly labels: string[]; run(choice: string | undefined): Thenable<unknown> | undefined } {
  const steps: [string, () => Thenable<unknown>][] = [
    [vscode.l10n.t('Verify Permissions'), () => vscode.commands.executeCommand(CommandIds.verifyPermissions, profileId)],
    [vscode.l10n.t('Write to .env'), () => vscode.commands.executeCommand(CommandIds.writeStoreKeyToEnv)],
    [vscode.l10n.t('New Request'), () => vscode.commands.executeCommand(CommandIds.newRequest)],
  ];
  return {
    labels: steps.map(([label]) => label),
    run: (choice) => steps.find(([label]) => label === choice)?.[1](),
  };
}
