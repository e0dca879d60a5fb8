import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';

/**
 * What to do with a store once it is connected (journey step 5), as notification buttons: the
 * labels to show and what a click runs. Add Store offers these when it succeeds. The labels are
 * short because a notification cuts longer ones to "Write Store Key to …".
 */
export function connectedNextSteps(): { readonly labels: string[]; run(choice: string | undefined): Thenable<unknown> | undefined } {
  const steps: [string, string][] = [
    [vscode.l10n.t('Copy Store Key'), CommandIds.copyStoreKey],
    [vscode.l10n.t('Write to .env'), CommandIds.writeStoreKeyToEnv],
    [vscode.l10n.t('New Request'), CommandIds.newRequest],
  ];
  return {
    labels: steps.map(([label]) => label),
    run: (choice) => {
      const command = steps.find(([label]) => label === choice)?.[1];
      return command ? vscode.commands.executeCommand(command) : undefined;
    },
  };
}
