import * as vscode from 'vscode';
import type { FixAction, Problem } from '../core/result';
import type { Redactor } from '../core/redaction';
import { CommandIds } from './commandIds';

/** The button that fixes a problem: a label and the command it runs. */
const fixes: Record<FixAction, { label: () => string; command: string; args?: unknown[] }> = {
  setApiKey: { label: () => vscode.l10n.t('Set API2Cart API Key…'), command: CommandIds.setApiKey },
  setAppCredentials: { label: () => vscode.l10n.t('Set Wix App Credentials…'), command: CommandIds.setAppCredentials },
  setPublicKey: { label: () => vscode.l10n.t('Set Webhook Public Key…'), command: CommandIds.setPublicKey },
  setInstanceId: { label: () => vscode.l10n.t('Set Instance ID…'), command: CommandIds.setInstanceId },
  addStore: { label: () => vscode.l10n.t('Add Store to API2Cart'), command: CommandIds.addStore },
  checkConnection: { label: () => vscode.l10n.t('Check Connection'), command: CommandIds.checkConnection },
  openSettings: { label: () => vscode.l10n.t('Open Settings'), command: 'workbench.action.openSettings', args: ['api2cartWix'] },
  retry: { label: () => vscode.l10n.t('Retry'), command: '' },
};

/**
 * Show a problem as an error notification with its fix as a button. `retry`, when given, runs
 * for the Retry action. The message is redacted once more on its way out.
 */
export async function showProblem(problem: Problem, redactor: Redactor, retry?: () => unknown): Promise<void> {
  const fix = problem.fix ? fixes[problem.fix] : undefined;
  const usable = fix && (problem.fix !== 'retry' || retry);
  const label = usable ? fix.label() : undefined;
  const choice = await vscode.window.showErrorMessage(redactor.redact(problem.message), ...(label ? [label] : []));
  if (!choice || !fix) return;
  if (problem.fix === 'retry') await retry?.();
  else await vscode.commands.executeCommand(fix.command, ...(fix.args ?? []));
}
