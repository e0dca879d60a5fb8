import vscode = require('vscode');
import { CommandIds } from '../commandIds';
import type { RunAction, RunState } from './requestFiles';

/**
 * Above the first line of a request file: Run, Copy as cURL, Next page (when the last answer has
 * one) and the recent runs. Each is the Run command with an action, so the command surface stays
 * the one the design lists. A file whose store is not added to API2Cart (never, or removed) says
 * so and offers Add Store instead of a Run that could only fail.
 */
export class RequestCodeLenses implements vscode.CodeLensProvider {
  constructor(
    /** The runner, once a request has run; before that there is no next page and no history. */
    private readonly runner: () => RunState | undefined,
    readonly onDidChangeCodeLenses: vscode.Event<void>,
    /** The file's store when it is a profile without a store key: its id and name. */
    private readonly notAdded: (text: string) => Promise<{ readonly id: string; readonly name: string } | undefined> = async () => undefined,
  ) {}

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const range = new vscode.Range(0, 0, 0, 0);
    const lens = (title: string, action: RunAction, tooltip: string) =>
      new vscode.CodeLens(range, { title, tooltip, command: CommandIds.runRequest, arguments: [{ uri: document.uri.toString(), action }] });
    const curl = lens(vscode.l10n.t('Copy as cURL'), 'curl', vscode.l10n.t('Copy the request as a cURL command that reads the keys from $API2CART_API_KEY and $API2CART_STORE_KEY'));
    const store = await this.notAdded(document.getText());
    if (store) {
      // Short: the lens row is cut at the editor's width (half of it beside an answer). The store's
      // name is in the tooltips; cURL is left out, as it needs the store key too.
      return [
        // No command: a label, not a button.
        new vscode.CodeLens(range, { title: vscode.l10n.t('$(circle-slash) Store not added to API2Cart'), command: '',
          tooltip: vscode.l10n.t('This file runs on "{0}", which has no store key (never added, or removed): Run would be refused.', store.name) }),
        new vscode.CodeLens(range, { title: vscode.l10n.t('Add Store'), command: CommandIds.addStore, arguments: [{ profileId: store.id }],
          tooltip: vscode.l10n.t('Add "{0}" to API2Cart (it becomes the active store); Run comes back once it has its store key', store.name) }),
      ];
    }
    const lenses = [lens(vscode.l10n.t('$(play) Run'), 'run', vscode.l10n.t('Send this request to API2Cart and open the answer beside it')), curl];
    const runner = this.runner();
    if (runner?.lastRunOf(document.uri)?.nextCursor !== undefined) {
      lenses.push(lens(vscode.l10n.t('Next page'), 'nextPage', vscode.l10n.t('Run again for the page after the last answer')));
    }
    const runs = runner?.history.list().length ?? 0;
    if (runs > 0) lenses.push(lens(vscode.l10n.t('Recent runs ({0})', runs), 'history', vscode.l10n.t('Reopen the answer of one of the last runs')));
    return lenses;
  }
}
