import vscode = require('vscode');
import type { RunHistory, RunRecord } from '../../core/requests/history';

export const ANSWER_SCHEME = 'api2cart-wix-answer';

/**
 * Read-only documents for the answers of request runs (`api2cart-wix-answer:/<run id>/<title>`):
 * the tab shows the title (method, HTTP status, time taken). The text lives in the run history,
 * in memory only: nothing is saved, nothing is left on disk.
 */
export class AnswerDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly registration: vscode.Disposable;

  constructor(private readonly history: RunHistory) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(ANSWER_SCHEME, this);
  }

  static uriOf(record: RunRecord): vscode.Uri {
    // '/' would split the title into folders; the rest is allowed in a path.
    return vscode.Uri.from({ scheme: ANSWER_SCHEME, path: `/${record.id}/${record.title.replace(/[/\\]/g, '-')}` });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const id = Number(uri.path.split('/')[1]);
    return this.history.get(id)?.text
      ?? `// ${vscode.l10n.t('This answer is no longer in memory (only the last runs are kept). Run the request again.')}\n`;
  }

  /** Opens the answer beside the request file, keeping the focus where it is. */
  async show(record: RunRecord): Promise<vscode.TextEditor> {
    const document = await vscode.workspace.openTextDocument(AnswerDocuments.uriOf(record));
    const typed = document.languageId === record.language ? document : await vscode.languages.setTextDocumentLanguage(document, record.language);
    return vscode.window.showTextDocument(typed, { viewColumn: vscode.ViewColumn.Beside, preview: false, preserveFocus: true });
  }

  dispose(): void {
    this.registration.dispose();
  }
}
