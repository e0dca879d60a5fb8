import vscode = require('vscode');
import { inertText } from '../core/inertText';
import type { FixAction, Problem } from '../core/result';
import type { Redactor } from '../core/redaction';
import { actionCommands } from './commandIds';
import type { Log } from './log';

/** The label of the button that fixes a problem; the command comes from `actionCommands`. */
const fixLabels: Record<FixAction, () => string> = {
  setApiKey: () => vscode.l10n.t('Set API2Cart API Key…'),
  setAppCredentials: () => vscode.l10n.t('Set Wix App Credentials…'),
  setPublicKey: () => vscode.l10n.t('Set Webhook Public Key…'),
  setInstanceId: () => vscode.l10n.t('Set Instance ID…'),
  addStore: () => vscode.l10n.t('Add Store to API2Cart'),
  checkConnection: () => vscode.l10n.t('Check Connection'),
  openSettings: () => vscode.l10n.t('Open Settings'),
  openProxySettings: () => vscode.l10n.t('Open Settings'),
  retry: () => vscode.l10n.t('Retry'),
};

/**
 * Show a problem as an error notification with its fix as a button. `retry`, when given, runs
 * for the Retry action. The message is redacted once more on its way out.
 */
export async function showProblem(problem: Problem, redactor: Redactor, retry?: () => unknown): Promise<void> {
  const fix = problem.fix;
  const label = fix && (fix !== 'retry' || retry) ? fixLabels[fix]() : undefined;
  // Messages carry API answers and webhook fields: never a live link or a second line.
  const choice = await vscode.window.showErrorMessage(inertText(redactor.redact(problem.message), { max: 2000 }), ...(label ? [label] : []));
  if (!choice || !fix) return;
  if (fix === 'retry') {
    await retry?.();
    return;
  }
  const target = actionCommands[fix];
  await vscode.commands.executeCommand(target.command, ...(target.args ?? []));
}

/**
 * Runs a command; a bug (an exception, not a Problem) goes to the log with its stack and the
 * person sees one short sentence, never a stack or a raw message.
 */
export function guardedCommand<A extends unknown[], T>(log: Log, title: string, command: (...args: A) => Promise<T>): (...args: A) => Promise<T | undefined> {
  return async (...args: A) => {
    try {
      return await command(...args);
    } catch (error) {
      log.error(`${title}: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} failed unexpectedly. The API2Cart Wix log has the details.', title));
      return undefined;
    }
  };
}
