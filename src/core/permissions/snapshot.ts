/**
 * What the app asked for when a site installed it: the plan's required permissions at the moment
 * Add Store succeeded, kept with the store profile. The profiles document re-validates it on every
 * read through parsePlanSnapshot, like every other field.
 */
import { isMethodName, isScopeName, minimiseClauses, normaliseSelection, planScopes, type Clause, type MethodName } from '../scopes';

export interface PlanSnapshot {
  /** ISO date-time of the Add Store that took it. */
  readonly takenAt: string;
  readonly methods: readonly MethodName[];
  readonly clauses: readonly Clause[];
}

/** Bounds far above any real plan (57 methods, 23 scopes), so a foreign document stays small. */
const MAX_METHODS = 200;
const MAX_CLAUSES = 100;
const MAX_OPTIONS = 30;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

export function takePlanSnapshot(methods: readonly MethodName[], now: Date): PlanSnapshot {
  const plan = planScopes(methods);
  return { takenAt: now.toISOString(), methods: plan.methods, clauses: plan.clauses.map((c) => c.anyOf) };
}

/** The snapshot, normalised, or undefined for anything that is not exactly one. */
export function parsePlanSnapshot(raw: unknown): PlanSnapshot | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const { takenAt, methods, clauses, ...rest } = raw as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return undefined;
  if (typeof takenAt !== 'string' || !ISO_DATE_TIME.test(takenAt) || Number.isNaN(Date.parse(takenAt))) return undefined;
  if (!Array.isArray(methods) || methods.length > MAX_METHODS || ![...methods].every(isMethodName)) return undefined;
  if (!Array.isArray(clauses) || clauses.length > MAX_CLAUSES) return undefined;
  const valid = [...clauses].every(
    (c: unknown) => Array.isArray(c) && c.length > 0 && c.length <= MAX_OPTIONS && [...c].every(isScopeName),
  );
  if (!valid) return undefined;
  return { takenAt, methods: normaliseSelection(methods), clauses: minimiseClauses(clauses as Clause[]) };
}
