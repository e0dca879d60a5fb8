/**
 * Words for a check's outcomes, shared by the planner's badges, the notification and the report.
 * Pure and small: the planner (in the activation bundle) imports this file alone.
 */
import { RETURN_CODES } from '../api2cart/returnCodes';
import type { MethodName } from '../scopes';
import { ALL_PROBES } from './probes';
import type { EntityCheck, ProbeOutcome, ProbeRun, VerificationResult } from './types';

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

/** Ticked methods the platform's method list (cart.methods) leaves out; none when it was not read. */
export const unlistedMethods = (result: VerificationResult): readonly MethodName[] =>
  result.platform.kind === 'read' ? result.platform.unsupported : [];

/**
 * The group's verdict: its status, except that a group whose probes work while a ticked method is
 * missing from the platform's list is not plainly "works": the read is allowed, the method may not be.
 */
export type EntityVerdict = EntityCheck['status'] | 'works-unlisted';

export function entityVerdict(check: EntityCheck, unlisted: readonly MethodName[] = []): EntityVerdict {
  return check.status === 'works' && check.methods.some((m) => unlisted.includes(m)) ? 'works-unlisted' : check.status;
}

/** The badge of an entity: its verdict, or for "unknown" the first probe's reason. */
export function entityLabel(check: EntityCheck, unlisted: readonly MethodName[] = []): string {
  const verdict = entityVerdict(check, unlisted);
  switch (verdict) {
    case 'checking':
      return 'Checking…';
    case 'works':
      return 'Works';
    case 'works-unlisted':
      return 'Readable but not on cart.methods';
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
  /** Working groups whose ticked methods are all on the platform's list (or it was not read). */
  readonly works: number;
  /** Working groups with a ticked method missing from the platform's list. */
  readonly unlisted: number;
  readonly fails: number;
  readonly unknown: number;
  readonly notProbed: number;
  readonly cancelled: number;
  readonly checking: number;
}

export function countEntities(result: VerificationResult): CheckCounts {
  const unlisted = unlistedMethods(result);
  const count = (verdict: EntityVerdict) => result.entities.filter((e) => entityVerdict(e, unlisted) === verdict).length;
  return {
    works: count('works'),
    unlisted: count('works-unlisted'),
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
    c.unlisted > 0 ? `${c.unlisted} readable but not on cart.methods` : '',
    c.unknown > 0 ? `${c.unknown} could not tell` : '',
    c.notProbed > 0 ? `${c.notProbed} not probed` : '',
    c.cancelled > 0 ? `${c.cancelled} cancelled` : '',
    c.checking > 0 ? `${c.checking} checking` : '',
  ].filter((p) => p !== '');
  return parts.length > 0 ? parts.join(', ') : 'nothing to check';
}

/** Other probes on the store worked: the credentials and the connection are fine. */
const otherProbesWork = (result: VerificationResult): boolean =>
  result.entities.some((e) => e.probes.some((p) => p.outcome.kind === 'works'));

/** "`order.list`", "`order.list`, `order.info`", or the group when it was picked, not ticked. */
function standsFor(check: EntityCheck, probe: ProbeRun): string {
  const covers = ALL_PROBES.find((p) => p.method === probe.method)?.covers ?? [];
  const ticked = check.methods.filter((m) => covers.includes(m) && m !== probe.method);
  if (ticked.length > 0) return `, the read-only probe for ${ticked.map((m) => `\`${m}\``).join(', ')}`;
  return check.methods.includes(probe.method) ? ' (read-only)' : `, the read-only probe of ${check.entity}`;
}

/**
 * The first line of a failure card: what was refused, and what it stands for. Only "permission
 * refused" when other probes worked, since otherwise the credentials may be the cause.
 */
export function failureConclusion(result: VerificationResult, check: EntityCheck, probe: ProbeRun): string {
  const what = `\`${probe.method}\`${standsFor(check, probe)}`;
  return otherProbesWork(result) ? `Permission refused: ${what}.` : `Refused: ${what}.`;
}

/** The first line of an amber card: the read works, the platform does not list a ticked method. */
export function unlistedConclusion(check: EntityCheck, unlisted: readonly MethodName[]): string | undefined {
  const missing = check.methods.filter((m) => unlisted.includes(m));
  if (entityVerdict(check, unlisted) !== 'works-unlisted') return undefined;
  const names = missing.map((m) => `\`${m}\``).join(', ');
  return `The read works, but ${names} ${missing.length === 1 ? 'is' : 'are'} not on the platform's method list (cart.methods): API2Cart may not support ${missing.length === 1 ? 'it' : 'them'} for this store.`;
}

/** Code 100's explanation lists credential causes; other probes working rule those out. */
const CODE_100_CAUSES = RETURN_CODES[100]?.message ?? '';

/** outcomeText, without the credential causes of code 100 when other probes on the store worked. */
export function failureText(result: VerificationResult, probe: ProbeRun): string {
  const outcome = probe.outcome;
  if (outcome.kind !== 'fails' || outcome.returnCode !== 100 || !otherProbesWork(result) || !outcome.message.startsWith(CODE_100_CAUSES)) {
    return outcomeText(probe.method, outcome);
  }
  const said = outcome.message.slice(CODE_100_CAUSES.length).trim();
  return `${probe.method} failed with API2Cart code 100: API2Cart could not read it from the Wix store.${said ? ` ${said}` : ''}`;
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
