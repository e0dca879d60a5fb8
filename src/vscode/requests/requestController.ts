import { randomUUID } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { CheckedRequest, MethodCatalogue, PreparedWrite, RequestIssue } from '../../core/requests';
import { formatClockTime } from '../../core/profiles';
import { RunHistory, type RunRecord } from '../../core/requests/history';
import { fail, type Problem, type Result } from '../../core/result';
import { CommandIds } from '../commandIds';
import { createConnectionClients, showPrerequisite, withCancellableProgress } from '../connection/connectionSupport';
import { connectionCore, requestsCore } from '../lazyCore';
import { showProblem } from '../problems';
import type { Services } from '../services';
import { readBaseUrl } from '../settings';
import { requestTarget } from './requestTarget';
import { AnswerDocuments } from './answerDocuments';
import { REQUEST_FILE_GLOB, REQUEST_FILE_SUFFIX, type RunAction } from './requestFiles';

const WHAT = 'Run API2Cart Request';
/** Answer bytes kept for the document; the rest is counted and dropped, so a huge answer cannot stall the editor. */
export const ANSWER_KEEP_BYTES = 8 * 1024 * 1024;
const SHOW_PROBLEMS_COMMAND = 'workbench.actions.view.problems';

const isRequestDocument = (document: vscode.TextDocument): boolean => document.uri.path.endsWith(REQUEST_FILE_SUFFIX);

const RUN_ACTIONS: readonly RunAction[] = ['run', 'nextPage', 'curl', 'history'];

export function parseRunArgs(arg: unknown): { readonly uri?: vscode.Uri; readonly action: RunAction } {
  if (arg instanceof vscode.Uri) return { uri: arg, action: 'run' };
  if (typeof arg === 'object' && arg !== null) {
    const { uri, action } = arg as { uri?: unknown; action?: unknown };
    const known = RUN_ACTIONS.find((a) => a === action) ?? 'run';
    if (typeof uri === 'string') {
      try {
        return { uri: vscode.Uri.parse(uri, true), action: known };
      } catch {
        return { action: known };
      }
    }
    return { action: known };
  }
  return { action: 'run' };
}

interface LastRun {
  readonly request: CheckedRequest;
  readonly nextCursor?: string;
}

interface RecentItem extends vscode.QuickPickItem {
  readonly run?: RunRecord;
  readonly file?: vscode.Uri;
  readonly create?: true;
}

/**
 * Request files from the editor to the answer: check (diagnostics, nothing sent when invalid),
 * confirm each distinct write, send with both keys from secret storage, show the answer beside
 * the file, remember the last 20 runs.
 */
export class RequestController implements vscode.Disposable {
  readonly history = new RunHistory();
  private readonly answers = new AnswerDocuments(this.history);
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('api2cart-requests');
  /** Writes (method, parameters, store) the person confirmed in this window. */
  private readonly confirmedWrites = new Set<string>();
  private readonly lastRuns = new Map<string, LastRun>();
  private readonly inFlight = new Map<string, Promise<RunRecord | undefined>>();
  private catalogue: Promise<Result<MethodCatalogue, Problem>> | undefined;
  private shows: Promise<void> = Promise.resolve();
  private readonly subscriptions: vscode.Disposable[];

  /** `changed` fires when a CodeLens may have changed (a run finished, a next page appeared). */
  constructor(private readonly s: Services, private readonly changed: vscode.EventEmitter<void>) {
    this.subscriptions = [
      this.answers,
      this.diagnostics,
      // A diagnostic describes the text as it was run; an edit makes it stale.
      vscode.workspace.onDidChangeTextDocument((e) => this.diagnostics.delete(e.document.uri)),
      vscode.workspace.onDidCloseTextDocument((d) => this.diagnostics.delete(d.uri)),
    ];
  }

  /** The file's last run, for its "Next page" CodeLens. */
  lastRunOf(uri: vscode.Uri): LastRun | undefined {
    return this.lastRuns.get(uri.toString());
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

  async command(arg: unknown): Promise<void> {
    const { uri, action } = parseRunArgs(arg);
    if (action === 'history') return this.showHistory();
    const document = uri ? await vscode.workspace.openTextDocument(uri) : activeRequestDocument();
    if (!document) return this.chooseWhatToRun();
    if (action === 'curl') await this.copyAsCurl(document);
    else await this.run(document, action === 'nextPage');
  }

  /** Checks the file; on problems, shows them as diagnostics and says nothing was sent. */
  private async check(document: vscode.TextDocument): Promise<CheckedRequest | undefined> {
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

  run(document: vscode.TextDocument, nextPage = false): Promise<RunRecord | undefined> {
    return this.guarded(document, () => this.runChecked(document, nextPage));
  }

  /** One run of a file at a time. */
  private guarded(document: vscode.TextDocument, work: () => Promise<RunRecord | undefined>): Promise<RunRecord | undefined> {
    const key = document.uri.toString();
    if (this.inFlight.has(key)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('This request is still running; wait for its answer.'));
      return Promise.resolve(undefined);
    }
    const running = work().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, running);
    return running;
  }

  private async runChecked(document: vscode.TextDocument, nextPage: boolean): Promise<RunRecord | undefined> {
    const s = this.s;
    const checked = await this.check(document);
    if (!checked) return undefined;
    let request = checked;
    if (nextPage) {
      const cursor = this.lastRunOf(document.uri)?.nextCursor;
      const next = cursor !== undefined ? requestsCore().nextPageRequest(checked, cursor) : undefined;
      if (!next) {
        void vscode.window.showInformationMessage(vscode.l10n.t('The last answer of this request has no next page. Run it first.'));
        return undefined;
      }
      request = next;
    }
    const store = await requestTarget(s, request.storeId);
    if (!store.ok) {
      showPrerequisite(s, WHAT, store.error);
      return undefined;
    }
    const { id, name, url, storeKey, apiKey } = store.value;
    const core = requestsCore();
    const write = core.isWriteMethod(request.spec);
    if (write && !(await this.confirmWrite(request, id, name, url))) {
      s.log.info(`${WHAT}: ${request.method} not confirmed, nothing sent`);
      return undefined;
    }
    const catalogue = await this.loadCatalogue();
    // Prepared once per confirmed run: a Retry sends this same request, idempotency_key included.
    const prepared = write && catalogue.ok ? core.prepareWrite(catalogue.value, request, randomUUID) : undefined;
    return this.send(document, prepared?.request ?? request, prepared, { name, storeKey, apiKey: apiKey! });
  }

  /** Sends a checked (and, for a write, confirmed and prepared) request and shows its answer. */
  private async send(document: vscode.TextDocument, request: CheckedRequest, prepared: PreparedWrite | undefined,
    store: { readonly name: string; readonly storeKey: string; readonly apiKey: string }): Promise<RunRecord | undefined> {
    const s = this.s;
    const core = requestsCore();
    const { name, storeKey, apiKey } = store;
    const clients = createConnectionClients(s, apiKey);
    if (!clients.ok) {
      void showProblem(clients.error, s.redactor);
      return undefined;
    }
    const { api2cartBaseUrl, dispatcher } = clients.value;
    try {
      const placed = core.placeRequest(request);
      const at = new Date();
      // A write waits for its answer until cancelled (FACTS.md): a timed-out write may still be applied.
      const timeoutMs = prepared ? Number.POSITIVE_INFINITY : connectionCore().DEFAULT_API2CART_TIMEOUT_MS;
      const sent = await withCancellableProgress(vscode.l10n.t('{0} on "{1}"', request.method, name), (signal) =>
        core.runPlacedRequest(
          {
            now: () => performance.now(),
            send: (call) => connectionCore().requestRaw({ service: 'API2Cart', ...call, dispatcher, timeoutMs, keepBytes: ANSWER_KEEP_BYTES }),
          },
          { placed, baseUrl: api2cartBaseUrl, apiKey, storeKey, signal },
        ));
      if (!sent.ok) {
        s.log.warn(`${WHAT}: ${request.method}: ${sent.error.kind}`);
        const failed = core.failedRunProblem(request, prepared, sent.error);
        // A Retry pressed while this run is still finishing waits for it rather than being refused.
        const retry = async () => {
          await this.inFlight.get(document.uri.toString());
          return this.guarded(document, () => this.send(document, request, prepared, store));
        };
        if (sent.error.kind !== 'http-cancelled') void showProblem(failed.problem, s.redactor, failed.retry ? retry : undefined);
        return undefined;
      }
      const view = core.formatAnswer({ method: request.method, storeName: name, answer: sent.value.answer, ms: sent.value.ms, at, redact: (t) => s.redactor.redact(t) });
      const record = this.history.add({
        method: request.method, storeName: name, at, title: view.title, summary: view.summary,
        requestUri: document.uri.toString(), language: view.language, text: view.text,
      });
      this.lastRuns.set(document.uri.toString(), { request, ...(view.nextCursor !== undefined ? { nextCursor: view.nextCursor } : {}) });
      this.changed.fire();
      s.log.info(`${WHAT}: ${request.method} on ${name}: ${view.summary} in ${Math.round(sent.value.ms)} ms`);
      // The run is done once the answer is handed over; drawing the editor is VS Code's part, and
      // with a large answer it should not hold the command (npm run bench times both).
      this.showAnswer(record);
      return record;
    } finally {
      void clients.value.dispose();
    }
  }

  /** Answers open in the order their runs finished. */
  private showAnswer(record: RunRecord): void {
    this.shows = this.shows.then(() => this.answers.show(record)).then(undefined, (error: unknown) =>
      this.s.log.error(`${WHAT}: the answer could not be shown: ${error instanceof Error ? error.message : String(error)}`));
  }

  /** Resolves once every answer handed over so far is on screen (for the tests). */
  answersShown(): Promise<void> {
    return this.shows;
  }

  /** Once per method, parameters and store in this window: any change asks again. */
  private async confirmWrite(request: CheckedRequest, profileId: string, name: string, url: string | undefined): Promise<boolean> {
    const key = requestsCore().writeConfirmationKey(request, profileId);
    if (this.confirmedWrites.has(key)) return true;
    const send = vscode.l10n.t('Send');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} changes the live store "{1}"{2}. Send it?', request.method, name, url ? ` (${url})` : ''),
      { modal: true, detail: vscode.l10n.t('{0} {1}.json writes to the store\'s data through API2Cart. You are asked again whenever the method, a parameter or the store changes.', request.spec.http, request.method) },
      send,
    );
    if (choice !== send) return false;
    this.confirmedWrites.add(key);
    return true;
  }

  /** Copy as cURL: the request with $API2CART_API_KEY and $API2CART_STORE_KEY in place of the keys. */
  async copyAsCurl(document: vscode.TextDocument): Promise<string | undefined> {
    const request = await this.check(document);
    if (!request) return undefined;
    // The same check Run makes: a query or fragment in the base URL would swallow the method name.
    const baseUrl = readBaseUrl('api2cart');
    if (!baseUrl.ok) {
      void showProblem(baseUrl.error, this.s.redactor);
      return undefined;
    }
    const core = requestsCore();
    // The keys are variables; a key value pasted into the params is masked rather than copied.
    const command = this.s.redactor.redact(core.renderCurl(baseUrl.value, core.placeRequest(request)));
    await vscode.env.clipboard.writeText(command);
    void vscode.window.showInformationMessage(vscode.l10n.t(
      'Copied {0} as a cURL command. It reads the keys from ${1} and ${2} (Write Store Key to .env writes both).',
      request.method, core.API_KEY_VARIABLE, core.STORE_KEY_VARIABLE));
    return command;
  }

  /** Reopens a run's answer (the Requests view's run items). */
  async openRun(id: number): Promise<void> {
    const run = this.history.get(id);
    if (!run) return;
    this.showAnswer(run);
    await this.shows;
  }

  /** The last runs, newest first; a pick reopens its answer. */
  async showHistory(): Promise<void> {
    const runs = this.history.list();
    if (runs.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No request has run in this window yet.'));
      return;
    }
    const picked = await vscode.window.showQuickPick(runs.map(runItem), {
      title: vscode.l10n.t('Recent API2Cart runs (newest first)'),
      placeHolder: vscode.l10n.t('Pick a run to open its answer'),
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (picked?.run) {
      this.showAnswer(picked.run);
      await this.shows;
    }
  }

  /** Run from the palette with no request file in the editor: recent runs, request files, or a new one. */
  private async chooseWhatToRun(): Promise<void> {
    const files = await vscode.workspace.findFiles(REQUEST_FILE_GLOB, '**/node_modules/**', 50);
    const items: RecentItem[] = [
      { label: vscode.l10n.t('$(new-file) New API2Cart Request…'), create: true },
      ...(files.length ? [{ label: vscode.l10n.t('Request files'), kind: vscode.QuickPickItemKind.Separator }] : []),
      ...files.map((file): RecentItem => ({ label: `$(json) ${file.path.split('/').pop()}`, description: vscode.workspace.asRelativePath(file), file })),
      ...(this.history.list().length ? [{ label: vscode.l10n.t('Recent runs: open the answer'), kind: vscode.QuickPickItemKind.Separator }] : []),
      ...this.history.list().map(runItem),
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Run API2Cart Request'),
      placeHolder: vscode.l10n.t('No request file is open: pick one to run, a recent answer, or create a request'),
      matchOnDescription: true,
    });
    if (picked?.create) await vscode.commands.executeCommand(CommandIds.newRequest);
    else if (picked?.run) {
      this.showAnswer(picked.run);
      await this.shows;
    }
    else if (picked?.file) {
      const document = await vscode.workspace.openTextDocument(picked.file);
      await vscode.window.showTextDocument(document);
      await this.run(document);
    }
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}

function activeRequestDocument(): vscode.TextDocument | undefined {
  const document = vscode.window.activeTextEditor?.document;
  return document && isRequestDocument(document) ? document : undefined;
}

function runItem(run: RunRecord): RecentItem {
  return {
    label: `$(history) ${run.title}`,
    description: `${run.storeName} · ${formatClockTime(run.at, vscode.env.language)}`,
    detail: `${run.summary} · ${run.requestUri.split('/').pop() ?? ''}${run.text === undefined ? ` · ${vscode.l10n.t('answer no longer in memory')}` : ''}`,
    run,
  };
}

function toDiagnostic(document: vscode.TextDocument, issue: RequestIssue): vscode.Diagnostic {
  const start = document.positionAt(issue.span.offset);
  const end = document.positionAt(issue.span.offset + issue.span.length);
  const diagnostic = new vscode.Diagnostic(new vscode.Range(start, end), issue.message, vscode.DiagnosticSeverity.Error);
  diagnostic.source = 'API2Cart Wix';
  return diagnostic;
}
