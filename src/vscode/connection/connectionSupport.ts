import type { Dispatcher } from 'undici';
import * as vscode from 'vscode';
import type { Api2CartClient, WixClient } from '../../core/connection';
import { fail, ok, type Problem, type Result } from '../../core/result';
import { connectionCore } from '../lazyCore';
import { showProblem } from '../problems';
import type { Services } from '../services';
import { readSettings, SETTINGS_SECTION } from '../settings';

/** The two HTTP clients of one command run, sharing one proxy-aware dispatcher. */
export interface ConnectionClients {
  readonly api2cart: Api2CartClient;
  readonly wix: WixClient;
  /** For calls outside the clients (the request runner's raw exchange): the same base URL and proxy. */
  readonly api2cartBaseUrl: string;
  readonly dispatcher: Dispatcher;
  /** Closes the dispatcher's sockets; call when the command is done. */
  dispose(): Promise<void>;
}

/** A base-URL setting that `new URL` would throw on must become a Problem, not a crash. */
function badBaseUrl(setting: string, value: string): Problem | undefined {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || url.protocol === 'http:') return undefined;
  } catch {
    // Reported below.
  }
  // The value itself is not repeated: a URL may carry a user name and password.
  return {
    kind: 'invalid-base-url',
    message: `The setting ${SETTINGS_SECTION}.${setting} is not an http(s) URL. Correct it, or remove it to use the default.`,
    fix: 'openSettings',
  };
}

/** Builds the clients from the settings as they are now (base URLs, VS Code's proxy settings). */
export function createConnectionClients(s: Services, apiKey: string): Result<ConnectionClients, Problem> {
  const settings = readSettings();
  const problem = badBaseUrl('api2cart.baseUrl', settings.api2cartBaseUrl) ?? badBaseUrl('wix.baseUrl', settings.wixBaseUrl);
  if (problem) return fail(problem);
  const core = connectionCore();
  const dispatcher = core.createDispatcher(settings.proxy);
  const log = (line: string) => s.log.info(line);
  s.log.info(`API2Cart at ${new URL(settings.api2cartBaseUrl).host}, Wix at ${new URL(settings.wixBaseUrl).host}${settings.proxy.proxy ? ', through the http.proxy setting' : ''}`);
  return ok({
    api2cart: core.createApi2CartClient({ baseUrl: settings.api2cartBaseUrl, apiKey, dispatcher, log }),
    wix: core.createWixClient({ baseUrl: settings.wixBaseUrl, dispatcher, log }),
    api2cartBaseUrl: settings.api2cartBaseUrl,
    dispatcher,
    dispose: () => dispatcher.close().catch(() => undefined),
  });
}

/**
 * Runs `work` under a cancellable progress notification; Cancel aborts the signal, which the
 * core passes to every request.
 */
export function withCancellableProgress<T>(
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
