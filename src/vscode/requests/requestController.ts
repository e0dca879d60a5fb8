import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import vscode = require('vscode');
import type { CheckedRequest, MethodCatalogue, PreparedWrite } from '../../core/requests';
import { RunHistory, type RunRecord } from '../../core/requests/history';
import type { Problem, Result } from '../../core/result';
import { createConnectionClients, showPrerequisite, withCancellableProgress } from '../connection/connectionSupport';
import { connectionCore, requestsCore } from '../lazyCore';
import { showProblem } from '../problems';
import type { Services } from '../services';
import { readBaseUrl } from '../settings';
import { requestTarget } from './requestTarget';
import { AnswerDocuments } from './answerDocuments';
import { RequestChecker, WHAT } from './requestChecker';
import { activeRequestDocument, parseRunArgs } from './runArgs';
import { chooseWhatToRun, showHistory } from './runPicks';
import { WriteConfirmations } from './writeConfirmations';

/** Answer bytes kept for the document; the rest is counted and dropped, so a huge answer cannot stall the editor. */
export const ANSWER_KEEP_BYTES = 8 * 1024 * 1024;

interface LastRun {
  readonly request: CheckedRequest;
  readonly nextCursor?: string;
}

/**
 * Request files from the editor to the answer: check (diagnostics, nothing sent when invalid),
 * confirm each distinct write, send with both keys from secret storage, show the answer beside
 * the file, remember the last 20 runs.
 */
export class RequestController implements vscode.Disposable {
  readonly history = new RunHistory();
  private readonly answers = new AnswerDocuments(this.history);
  private readonly checker: RequestChecker;
  private readonly confirmations = new WriteConfirmations();
  private readonly lastRuns = new Map<string, LastRun>();
  private readonly inFlight = new Map<string, Promise<RunRecord | undefined>>();
  private shows: Promise<void> = Promise.resolve();
  private readonly subscriptions: vscode.Disposable[];

  /** `changed` fires when a CodeLens may have changed (a run finished, a next page appeared). */
  constructor(private readonly s: Services, private readonly changed: vscode.EventEmitter<void>) {
    this.checker = new RequestChecker(s);
    this.subscriptions = [this.answers, this.checker];
  }

  /** The file's last run, for its "Next page" CodeLens. */
  lastRunOf(uri: vscode.Uri): LastRun | undefined {
    return this.lastRuns.get(uri.toString());
  }

  /** Diagnostics shown for a file (for the tests and the CodeLens). */
  issuesOf(uri: vscode.Uri): readonly vscode.Diagnostic[] {
    return this.checker.issuesOf(uri);
  }

  /** The generated catalogue, read once, on first use (never at activation). */
  loadCatalogue(): Promise<Result<MethodCatalogue, Problem>> {
    return this.checker.loadCatalogue();
  }

  async command(arg: unknown): Promise<void> {
    const { uri, action } = parseRunArgs(arg);
    if (action === 'history') return this.showHistory();
    const document = uri ? await vscode.workspace.openTextDocument(uri) : activeRequestDocument();
    if (!document) return this.chooseWhatToRun();
    if (action === 'curl') await this.copyAsCurl(document);
    else await this.run(document, action === 'nextPage');
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
    const checked = await this.checker.check(document);
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
    if (write && !(await this.confirmations.confirm(request, id, name, url))) {
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

  /** Copy as cURL: the request with $API2CART_API_KEY and $API2CART_STORE_KEY in place of the keys. */
  async copyAsCurl(document: vscode.TextDocument): Promise<string | undefined> {
    const request = await this.checker.check(document);
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
    await this.openAnswer(run);
  }

  /** The last runs, newest first; a pick reopens its answer. */
  showHistory(): Promise<void> {
    return showHistory(this.history, this);
  }

  /** Run from the palette with no request file in the editor: recent runs, request files, or a new one. */
  private chooseWhatToRun(): Promise<void> {
    return chooseWhatToRun(this.history, this);
  }

  /** Shows a run's answer; resolves once it is on screen. */
  async openAnswer(run: RunRecord): Promise<void> {
    this.showAnswer(run);
    await this.shows;
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}
