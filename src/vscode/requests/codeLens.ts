import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import type { RunAction, RunState } from './requestFiles';

/**
 * Above the first line of a request file: Run, Copy as cURL, Next page (when the last answer has
 * one) and the recent runs. Each is the Run command with an action, so the command surface stays
 * the one the design lists.
 */
export class RequestCodeLenses implements vscode.CodeLensProvider {
  constructor(
    /** The runner, once a request has run; before that there is no next page and no history. */
    private readonly runner: () => RunState | undefined,
    readonly onDidChangeCodeLenses: vscode.Event<void>,
  ) {}

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const range = new vscode.Range(0, 0, 0, 0);
    const lens = (title: string, action: RunAction, tooltip: string) =>
      new vscode.CodeLens(range, { title, tooltip, command: CommandIds.runRequest, arguments: [{ uri: document.uri.toString(), action }] });
    const lenses = [
      lens(vscode.l10n.t('$(play) Run'), 'run', vscode.l10n.t('Send this request to API2Cart and open the answer beside it')),
      lens(vscode.l10n.t('Copy as cURL'), 'curl', vscode.l10n.t('Copy the request as a cURL command that reads the keys from $API2CART_API_KEY and $API2CART_STORE_KEY')),
    ];
    const runner = this.runner();
    if (runner?.lastRunOf(document.uri)?.nextCursor !== undefined) {
      lenses.push(lens(vscode.l10n.t('Next page'), 'nextPage', vscode.l10n.t('Run again for the page after the last answer')));
    }
    const runs = runner?.history.list().length ?? 0;
    if (runs > 0) lenses.push(lens(vscode.l10n.t('Recent runs ({0})', runs), 'history', vscode.l10n.t('Reopen the answer of one of the last runs')));
    return lenses;
  }
}
