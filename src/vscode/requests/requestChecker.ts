import { promises as fsp } from 'node:fs';
import vscode = require('vscode');
import type { CheckedRequest, MethodCatalogue, RequestIssue } from '../../core/requests';
import { fail, type Problem, type Result } from '../../core/result';
import { requestsCore } from '../lazyCore';
import { showProblem } from '../problems';
import type { Services } from '../services';

/** The Run command's name, as its log lines begin. */
export const WHAT = 'Run API2Cart Request';
const SHOW_PROBLEMS_COMMAND = 'workbench.actions.view.problems';

/**
 * A request file checked before anything is sent: its problems become diagnostics (an edit makes
 * them stale), and the generated method catalogue is read once, on first use.
 */
export class RequestChecker implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('api2cart-requests');
  private catalogue: Promise<Result<MethodCatalogue, Problem>> | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly s: Services) {
    this.subscriptions = [
      this.diagnostics,
      // A diagnostic describes the text as it was run; an edit makes it stale.
      vscode.workspace.onDidChangeTextDocument((e) => this.diagnostics.delete(e.document.uri)),
      vscode.workspace.onDidCloseTextDocument((d) => this.diagnostics.delete(d.uri)),
    ];
  }

  /** Diagnostics shown for a file (for the tests and the CodeLens). */
  issuesOf(uri: vscode.Uri): readonly vscode.Diagnostic[] {
    return this.diagnostics.get(uri) ?? [];
  }

  /** The generated catalogue, read once, on first use (never at activation). */
  loadCatalogue(): Promise<Result<MethodCatalogue, Problem>> {
    const missing = () => fail({ kind: 'catalogue-missing', message: vscode.l10n.t('The extension\'s list of API2Cart methods is missing or damaged. Reinstall the API2Cart Wix extension.') });
    this.catalogue ??= fsp.readFile(this.s.context.asAbsolutePath('dist/api2cart-methods.json'), 'utf8').then((text) => {
      try {
        return requestsCore().parseCatalogue(JSON.parse(text));
      } catch {
        return missing();
      }
    }, missing);
    return this.catalogue;
  }

  /** Checks the file; on problems, shows them as diagnostics and says nothing was sent. */
  async check(document: vscode.TextDocument): Promise<CheckedRequest | undefined> {
    const catalogue = await this.loadCatalogue();
    if (!catalogue.ok) {
      void showProblem(catalogue.error, this.s.redactor);
      return undefined;
    }
    const profiles = await this.s.profiles.listProfiles();
    if (!profiles.ok) {
      void showProblem(profiles.error, this.s.redactor);
      return undefined;
    }
    const checked = requestsCore().checkRequestText(document.getText(), catalogue.value, [...profiles.value, ...this.s.accountStores.choices()]);
    if (checked.ok) {
      this.diagnostics.delete(document.uri);
      return checked.request;
    }
    // A key pasted into the file by mistake is not repeated in a message.
    const issues = checked.issues.map((issue) => ({ ...issue, message: this.s.redactor.redact(issue.message) }));
    this.diagnostics.set(document.uri, issues.map((issue) => toDiagnostic(document, issue)));
    this.s.log.info(`${WHAT}: ${checked.issues.length} problem(s) in ${document.uri.path.split('/').pop()}, nothing sent`);
    const show = vscode.l10n.t('Show Problems');
    void vscode.window
      .showErrorMessage(vscode.l10n.t('The request has {0} problem(s), marked in the file; nothing was sent. First: {1}', issues.length, issues[0]!.message), show)
      .then((choice) => (choice === show ? vscode.commands.executeCommand(SHOW_PROBLEMS_COMMAND) : undefined));
    return undefined;
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}

function toDiagnostic(document: vscode.TextDocument, issue: RequestIssue): vscode.Diagnostic {
  const start = document.positionAt(issue.span.offset);
  const end = document.positionAt(issue.span.offset + issue.span.length);
  const diagnostic = new vscode.Diagnostic(new vscode.Range(start, end), issue.message, vscode.DiagnosticSeverity.Error);
  diagnostic.source = 'API2Cart Wix';
  return diagnostic;
}
