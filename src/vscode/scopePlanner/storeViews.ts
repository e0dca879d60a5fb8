/**
 * The planner's view of the active store: the check's badges and the scope drift, computed on the
 * host from core results (no VS Code here, so unit tests build them directly). Only names, codes
 * and explained messages go in: the store key never does.
 */
import { computeDrift, DRIFT_NOTE } from '../../core/permissions/drift';
import {
  entityLabel,
  entityVerdict,
  failureConclusion,
  failureHint,
  failureText,
  outcomeLabel,
  summaryLine,
  unlistedConclusion,
  unlistedMethods,
  type EntityVerdict,
} from '../../core/permissions/format';
import { addedPermissionsText, looksNotYetApproved, NOT_YET_APPROVED } from '../../core/permissions/notApproved';
import type { PlanSnapshot } from '../../core/permissions/snapshot';
import type { EntityCheck, ProbeOutcome, VerificationResult } from '../../core/permissions/types';
import { clauseLabel, type Clause, type MethodName } from '../../core/scopes';
import type { BadgeTone, DriftView, GroupVerificationView, ProbeLineView, VerificationView } from '../../shared/scopePlannerProtocol';

/** What the host knows about the active store; the planner turns it into views. */
export interface PlannerStoreContext {
  readonly name: string;
  readonly connected: boolean;
  readonly snapshot?: PlanSnapshot;
  readonly verification?: VerificationResult;
}

const ENTITY_TONES: Record<EntityVerdict, BadgeTone> = {
  checking: 'checking',
  works: 'works',
  'works-unlisted': 'limited',
  fails: 'fails',
  unknown: 'unknown',
  'not-probed': 'neutral',
  cancelled: 'neutral',
};

function probeTone(outcome: ProbeOutcome): BadgeTone {
  switch (outcome.kind) {
    case 'pending':
      return 'checking';
    case 'works':
      return 'works';
    case 'fails':
      return 'fails';
    case 'cancelled':
      return 'neutral';
    default:
      return 'unknown';
  }
}

const labels = (clauses: readonly Clause[]): string[] => clauses.map(clauseLabel);

function groupView(result: VerificationResult, check: EntityCheck): GroupVerificationView {
  const hint = failureHint(result);
  const unlisted = unlistedMethods(result);
  const probes: ProbeLineView[] = check.probes.map((p) => ({
    method: p.method,
    label: outcomeLabel(p.outcome),
    text: failureText(result, p),
    tone: probeTone(p.outcome),
    ...(p.permissionsToCheck ? { permissions: labels(p.permissionsToCheck) } : {}),
  }));
  const notes: string[] = [];
  if (hint !== undefined && check.status === 'fails') notes.push(hint);
  if (check.probes.some((p) => p.outcome.kind === 'fails' && looksNotYetApproved(p.outcome.said ?? p.outcome.message))) {
    notes.push(`${NOT_YET_APPROVED} ${addedPermissionsText(labels(result.addedSinceInstall ?? []))}`);
  }
  if (check.notProbedReason !== undefined) notes.push(`Not probed: ${check.notProbedReason}`);
  else if (check.notChecked.length > 0) notes.push(`Not checked (probes only read): ${check.notChecked.join(', ')}.`);
  if (check.notExercised.length > 0) notes.push(`The probes did not exercise: ${labels(check.notExercised).join(', ')}.`);
  // The card opens with its conclusion: what was refused, or why a working read is not green.
  const conclusion = [
    ...check.probes.filter((p) => p.outcome.kind === 'fails').map((p) => failureConclusion(result, check, p)),
    unlistedConclusion(check, unlisted),
  ].filter((line): line is string => line !== undefined);
  return {
    entity: check.entity,
    label: entityLabel(check, unlisted),
    tone: ENTITY_TONES[entityVerdict(check, unlisted)],
    ...(conclusion.length > 0 ? { conclusion: conclusion.join(' ') } : {}),
    probes,
    notes,
  };
}

const sameMethods = (a: readonly MethodName[], b: readonly MethodName[]): boolean =>
  a.length === b.length && a.every((m, i) => m === b[i]);

export function verificationView(
  result: VerificationResult,
  selection: readonly MethodName[],
  formatTime: (iso: string) => string,
): VerificationView {
  const what = result.methods.length > 0
    ? `${result.methods.length} ticked method${result.methods.length === 1 ? '' : 's'}`
    : 'the picked groups';
  const verb = { running: 'Checking', done: 'Checked', cancelled: 'Cancelled the check of' }[result.status];
  const view: VerificationView = {
    status: result.status,
    summary: `${verb} "${result.store.name}" at ${formatTime(result.startedAt)} for ${what}: ${summaryLine(result)}.`,
    groups: result.entities.map((check) => groupView(result, check)),
    unsupported: result.platform.kind === 'read' ? result.platform.unsupported : [],
    // Picked groups are not tied to ticks, so a later selection does not make them stale.
    stale: result.methods.length > 0 && !sameMethods(result.methods, selection),
  };
  const platformNote = (() => {
    switch (result.platform.kind) {
      case 'read':
        return result.platform.methods === 0 ? 'cart.methods listed no methods, so nothing is flagged.' : undefined;
      case 'failed':
        return `cart.methods not read: ${result.platform.message}`;
      case 'cancelled':
        return 'cart.methods not read: the check was cancelled.';
      default:
        return undefined;
    }
  })();
  const wix = result.wix;
  return {
    ...view,
    ...(platformNote !== undefined ? { platformNote } : {}),
    ...(wix.kind === 'read' ? { wixPermissions: wix.permissions } : {}),
    ...(wix.kind === 'read' && wix.appVersion !== undefined ? { wixAppVersion: wix.appVersion } : {}),
    ...(wix.kind === 'failed' ? { wixNote: `The app instance was not read from Wix: ${wix.message}` } : {}),
    ...(wix.kind === 'skipped' ? { wixNote: `The app instance was not read from Wix: ${wix.reason}` } : {}),
  };
}

export function driftView(snapshot: PlanSnapshot | undefined, current: readonly Clause[]): DriftView {
  if (snapshot === undefined) return { kind: 'no-snapshot' };
  const drift = computeDrift(snapshot.clauses, current);
  return {
    kind: 'compared',
    since: snapshot.takenAt.slice(0, 10),
    added: labels(drift.added),
    removed: labels(drift.removed),
    unchanged: drift.unchanged,
    note: DRIFT_NOTE,
  };
}
