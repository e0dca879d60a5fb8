/**
 * Scope drift: the plan now against the snapshot taken when the store was added. Permissions are
 * compared as the planner shows them ("A or B" is one permission entry), so the person sees the
 * same lines they copied into the app dashboard back then.
 */
import { APPROVAL_NOTE, clauseLabel, type Clause } from '../scopes';
import type { PlanSnapshot } from './snapshot';

export interface PlanDrift {
  /** In the plan now, not in the snapshot: the app must request them in a new version. */
  readonly added: readonly Clause[];
  /** In the snapshot, no longer in the plan: the app may stop requesting them. */
  readonly removed: readonly Clause[];
  readonly unchanged: number;
}

export const DRIFT_NOTE = `Added permissions need a new app version and the site owner's approval. ${APPROVAL_NOTE}`;

export function computeDrift(snapshot: readonly Clause[], current: readonly Clause[]): PlanDrift {
  const before = new Set(snapshot.map(clauseLabel));
  const now = new Set(current.map(clauseLabel));
  return {
    added: current.filter((c) => !before.has(clauseLabel(c))),
    removed: snapshot.filter((c) => !now.has(clauseLabel(c))),
    unchanged: current.filter((c) => before.has(clauseLabel(c))).length,
  };
}

export const hasDrift = (drift: PlanDrift): boolean => drift.added.length > 0 || drift.removed.length > 0;

/** For the clipboard: plain text a developer pastes into a release checklist. */
export function formatDriftText(drift: PlanDrift, storeName: string, snapshot: PlanSnapshot): string {
  const lines = [`Wix permission changes for ${storeName} since it was added (${snapshot.takenAt.slice(0, 10)}):`];
  if (!hasDrift(drift)) return [...lines, 'None: the plan asks for the same permissions.', ''].join('\n');
  if (drift.added.length > 0) lines.push('', `Added (${drift.added.length}):`, ...drift.added.map((c) => `+ ${clauseLabel(c)}`));
  if (drift.removed.length > 0) lines.push('', `Removed (${drift.removed.length}):`, ...drift.removed.map((c) => `- ${clauseLabel(c)}`));
  return [...lines, '', DRIFT_NOTE, ''].join('\n');
}
