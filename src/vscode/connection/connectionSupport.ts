import type { Dispatcher } from 'undici';
import vscode = require('vscode');
import type { Api2CartClient, WixAppInstance, WixClient } from '../../core/connection';
import { validateApiKey, type StoreProfile } from '../../core/profiles';
import { fail, ok, type Problem, type Result } from '../../core/result';
import { connectionCore } from '../lazyCore';
import { showProblem } from '../problems';
import type { Services } from '../services';
import { readBaseUrls, readSettings } from '../settings';

/** The two HTTP clients of one command run, sharing one proxy-aware dispatcher. */
export interface ConnectionClients {
  readonly api2cart: Api2CartClient;
  readonly wix: WixClient;
  /** For calls outside the clients (the request runner's raw exchange): the same base URL and proxy. */
  readonly api2cartBaseUrl: string;
  readonly dispatcher: Dispatcher;
  /** http.proxyStrictSSL is false and a proxy applies: the server's certificate is not checked. */
  readonly certificatesUnchecked: boolean;
  /** Closes the dispatcher's sockets; call when the command is done. */
  dispose(): Promise<void>;
}

/** Said once in the log per window (Check Connection's result says it each time). */
const UNCHECKED_CERTIFICATES = 'Certificates are not checked for calls through the proxy (http.proxyStrictSSL is false): the keys travel to a server that was not verified.';
let warnedUnchecked = false;

/**
 * Builds the clients from the settings as they are now (base URLs, VS Code's proxy settings), or
 * says which setting, variable or saved key is in the way. Nothing here may throw: a bad value
 * is a Problem with its fix, never "failed unexpectedly".
 */
export function createConnectionClients(s: Services, apiKey: string): Result<ConnectionClients, Problem> {
  const settings = readSettings();
  const urls = readBaseUrls(settings);
  if (!urls.ok) return urls;
  // A key saved before keys were checked at input may hold a character no header can carry.
  const key = validateApiKey(apiKey);
  if (!key.ok) return fail({ kind: key.error.kind, message: vscode.l10n.t('The saved API2Cart API key cannot be sent. {0}', key.error.message), fix: 'setApiKey' });
  const core = connectionCore();
  const dispatcher = core.createDispatcher(settings.proxy);
  if (!dispatcher.ok) return dispatcher;
  const log = (line: string) => s.log.info(line);
  const certificatesUnchecked = core.certificateChecksOff(settings.proxy);
  if (certificatesUnchecked && !warnedUnchecked) {
    warnedUnchecked = true;
    s.log.warn(UNCHECKED_CERTIFICATES);
  }
  s.log.info(`API2Cart at ${new URL(urls.value.api2cart).host}, Wix at ${new URL(urls.value.wix).host}${settings.proxy.proxy ? ', through the http.proxy setting' : ''}`);
  return ok({
    api2cart: core.createApi2CartClient({ baseUrl: urls.value.api2cart, apiKey: key.value, dispatcher: dispatcher.value, log }),
    wix: core.createWixClient({ baseUrl: urls.value.wix, dispatcher: dispatcher.value, log }),
    api2cartBaseUrl: urls.value.api2cart,
    dispatcher: dispatcher.value,
    certificatesUnchecked,
    dispose: () => dispatcher.value.close().catch(() => undefined),
  });
}

/** Reads a store's app instance from Wix (GET /apps/v1/instance). */
export type AppInstanceReader = (signal: AbortSignal | undefined) => Promise<Result<WixAppInstance, Problem>>;

/** With a client-credentials token for the store's instance; undefined when the app credentials are not set. */
export async function appInstanceReader(s: Services, clients: ConnectionClients, profile: StoreProfile): Promise<AppInstanceReader | undefined> {
  const app = await s.profiles.getAppCredentials();
  if (!app.ok || app.value === undefined) return undefined;
  const credentials = { ...app.value, instanceId: profile.instanceId };
  return async (signal) => {
    const token = await clients.wix.getAccessToken(credentials, { signal });
    if (!token.ok) return token;
    s.redactor.setSecrets('wixAccessToken', [token.value.accessToken]);
    return clients.wix.getAppInstance(token.value.accessToken, { signal });
  };
}

/** VS Code keeps a progress notification open at least this long (its progressService, without a delay). */
const PROGRESS_MIN_SHOWN_MS = 800;

/** Work that ends sooner shows only its result: no progress toast flashes up for it. */
const PROGRESS_DELAY_MS = 1_000;

/** The notification itself, cancellable: Cancel aborts the signal the core passes to every request. */
function showCancellableProgress<T>(
  title: string,
  work: (signal: AbortSignal, say: (message: string) => void) => Promise<T>,
): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      return await work(controller.signal, (message) => progress.report({ message }));
    } finally {
      subscription.dispose();
    }
  });
}

/**
 * Runs `work` under a cancellable progress notification that appears only once the work has taken
 * `delayMs`. The promise settles only once that notification can have closed: VS Code keeps it
 * open for PROGRESS_MIN_SHOWN_MS, so a result shown at once would appear under a progress toast
 * still running. Quick work shows its result alone, which also keeps a burst of toasts under
 * VS Code's spam protection (a fourth toast within 800 ms is never shown, only listed in the bell).
 */
export async function withCancellableProgress<T>(
  title: string,
  work: (signal: AbortSignal, say: (message: string) => void) => Promise<T>,
  delayMs = PROGRESS_DELAY_MS,
): Promise<T> {
  const controller = new AbortController();
  let said: string | undefined;
  let say = (message: string): void => {
    said = message;
  };
  const running = work(controller.signal, (message) => say(message));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = await Promise.race([
    running.then(() => false, () => false),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), delayMs))),
  ]);
  clearTimeout(timer);
  if (!late) return running;
  const shownAt = Date.now();
  try {
    return await showCancellableProgress(title, async (signal, report) => {
      const abort = () => controller.abort();
      signal.addEventListener('abort', abort);
      if (said !== undefined) report(said);
      say = report;
      try {
        return await running;
      } finally {
        signal.removeEventListener('abort', abort);
      }
    });
  } finally {
    const left = PROGRESS_MIN_SHOWN_MS - (Date.now() - shownAt);
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
  }
}

/**
 * Logs the problem, shows it in the status bar and as a notification with its fix button. The
 * notification is not awaited: the command is over, the person answers whenever they like.
 */
export async function reportProblem(s: Services, what: string, problem: Problem, retry?: () => unknown): Promise<void> {
  // A server may echo a secret the failing client did not send; the log, the status bar and the
  // notification each redact with every known secret on their way out.
  s.log.error(`${what}: ${problem.kind}: ${problem.message}`);
  await s.status.setError(problem);
  void showProblem(problem, s.redactor, retry);
}

/** Shows a problem that is not about the connection (e.g. a missing prerequisite) without marking the status bar. */
export function showPrerequisite(s: Services, what: string, problem: Problem): void {
  s.log.warn(`${what}: ${problem.kind}: ${problem.message}`);
  void showProblem(problem, s.redactor);
}
