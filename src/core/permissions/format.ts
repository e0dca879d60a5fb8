/**
 * Words for a check's outcomes, shared by the planner's badges, the notification and the report.
 * Pure and small: the planner (in the activation bundle) imports this file alone.
 */
import type { EntityCheck, ProbeOutcome, VerificationResult } from './types';

export function outcomeLabel(outcome: ProbeOutcome): string {
  switch (outcome.kind) {
    case 'pending':
      return 'Checking…';
    case 'works':
      return 'Works';
    case 'fails':
      return `Fails (code ${outcome.returnCode})`;
    case 'rate-limited':
      return `Rate limited (code ${outcome.returnCode})`;
    case 'timed-out':
      return 'Timed out';
    case 'unavailable':
      switch (outcome.reason) {
        case 'not-json':
          return 'Not JSON';
        case 'http-status':
          return outcome.status !== undefined ? `HTTP ${outcome.status}` : 'HTTP error';
        case 'account':
          return outcome.returnCode !== undefined ? `Could not tell (code ${outcome.returnCode})` : 'Could not tell';
        default:
          return 'Could not tell';
      }
    case 'cancelled':
      return outcome.sent ? 'Cancelled' : 'Not sent';
  }
}

/** One sentence on what the outcome means, for a tooltip or a report line. */
export function outcomeText(method: string, outcome: ProbeOutcome): string {
  switch (outcome.kind) {
    case 'pending':
      return `${method} is still running.`;
    case 'works':
      return `${method} worked (${outcome.ms} ms).`;
    case 'fails':
      return `${method} failed with API2Cart code ${outcome.returnCode}: ${outcome.message}`;
    case 'rate-limited':
      return `${method} hit a request limit (code ${outcome.returnCode}), so it says nothing about permissions: ${outcome.message}`;
    case 'timed-out':
      return `${method} did not answer within ${Math.round(outcome.afterMs / 1000)} s.`;
    case 'unavailable':
      return `${method} gave no verdict: ${outcome.message}`;
    case 'cancelled':
      return outcome.sent ? `${method} was cancelled while it ran.` : `${method} was cancelled before it was sent.`;
  }
}

/** The badge of an entity: its status, or for "unknown" the first probe's reason. */
export function entityLabel(check: EntityCheck): string {
  switch (check.status) {
    case 'checking':
      return 'Checking…';
    case 'works':
      return 'Works';
    case 'fails':
      return 'Fails';
    case 'not-probed':
      return 'Not probed';
    case 'cancelled':
      return 'Cancelled';
    case 'unknown': {
      const first = check.probes.find((p) => ['rate-limited', 'timed-out', 'unavailable'].includes(p.outcome.kind));
      return first ? outcomeLabel(first.outcome) : 'Could not tell';
    }
  }
}

export interface CheckCounts {
  readonly works: number;
  readonly fails: number;
  readonly unknown: number;
  readonly notProbed: number;
  readonly cancelled: number;
  readonly checking: number;
}

export function countEntities(result: VerificationResult): CheckCounts {
  const count = (status: EntityCheck['status']) => result.entities.filter((e) => e.status === status).length;
  return {
    works: count('works'),
    fails: count('fails'),
    unknown: count('unknown'),
    notProbed: count('not-probed'),
    cancelled: count('cancelled'),
    checking: count('checking'),
  };
}

/** "3 work, 1 fails, 1 could not tell, 1 not probed": only the non-zero parts. */
export function summaryLine(result: VerificationResult): string {
  const c = countEntities(result);
  const parts = [
    c.works > 0 ? `${c.works} ${c.works === 1 ? 'works' : 'work'}` : '',
    c.fails > 0 ? `${c.fails} ${c.fails === 1 ? 'fails' : 'fail'}` : '',
    c.unknown > 0 ? `${c.unknown} could not tell` : '',
    c.notProbed > 0 ? `${c.notProbed} not probed` : '',
    c.cancelled > 0 ? `${c.cancelled} cancelled` : '',
    c.checking > 0 ? `${c.checking} checking` : '',
  ].filter((p) => p !== '');
  return parts.length > 0 ? parts.join(', ') : 'nothing to check';
}

/**
 * When other probes on the store work, a failing one is about that read, not the credentials or
 * the connection; API2Cart's explanation of its code cannot know that.
 */
export function failureHint(result: VerificationResult): string | undefined {
  const probes = result.entities.flatMap((e) => e.probes);
  if (!probes.some((p) => p.outcome.kind === 'fails') || !probes.some((p) => p.outcome.kind === 'works')) return undefined;
  return 'Other probes on this store work, so the credentials and the connection are fine: the likely cause is a permission the app does not request, or one the site owner has not approved yet.';
}
