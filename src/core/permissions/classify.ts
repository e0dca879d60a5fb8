import type { Api2CartProblem } from '../api2cart/types';
import type { ProbeOutcome } from './types';

/** Store, account and "too many requests to the store" limits: no verdict, try again later. */
export const RATE_LIMIT_CODES: ReadonlySet<number> = new Set([7, 10, 110]);

/**
 * Codes about API2Cart itself or the account (service down, API key, method, store key, plan):
 * every probe would fail alike, and none says anything about the Wix app's permissions.
 */
export const ACCOUNT_CODES: ReadonlySet<number> = new Set([1, 2, 3, 4, 5, 6, 9]);

/** Turns a failed probe call into its outcome; the message is the client's, already explained and redacted. */
export function classifyProbeFailure(problem: Api2CartProblem, ms: number): ProbeOutcome {
  const code = problem.returnCode;
  if (code !== undefined) {
    if (RATE_LIMIT_CODES.has(code)) return { kind: 'rate-limited', returnCode: code, message: problem.message };
    if (ACCOUNT_CODES.has(code)) return { kind: 'unavailable', reason: 'account', returnCode: code, message: problem.message };
    return { kind: 'fails', returnCode: code, message: problem.message, ...(problem.said !== undefined ? { said: problem.said } : {}), ms };
  }
  switch (problem.kind) {
    case 'http-cancelled':
      return { kind: 'cancelled', sent: true };
    case 'http-timeout':
      return { kind: 'timed-out', afterMs: ms };
    case 'http-not-json':
    case 'http-too-large':
      return { kind: 'unavailable', reason: 'not-json', message: problem.message };
    case 'http-status':
      return {
        kind: 'unavailable',
        reason: 'http-status',
        message: problem.message,
        ...('status' in problem && typeof problem.status === 'number' ? { status: problem.status } : {}),
      };
    case 'api2cart-bad-response':
      return { kind: 'unavailable', reason: 'bad-response', message: problem.message };
    default:
      return { kind: 'unavailable', reason: 'network', message: problem.message };
  }
}
