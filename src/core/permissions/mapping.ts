/**
 * From probe outcomes back to the planner's Wix permissions. The guide lists what each method
 * needs; a probe is a guide method, so a failing probe points at its own permissions and at those
 * of the ticked methods it stands for. What Wix calls the same permissions (`WIX_STORES.…` ids in
 * the app instance) is not mapped: that relation is undocumented and many-to-many.
 */
import { minimiseClauses, requirementsOf, type Clause, type MethodName } from '../scopes';
import type { Probe } from './probes';

/** What to check on the app's Permissions page when `probe` fails, minimal and sorted. */
export function permissionsToCheck(probe: Probe, ticked: readonly MethodName[]): Clause[] {
  const standsFor = ticked.filter((m) => probe.covers.includes(m));
  return minimiseClauses([probe.method, ...standsFor].flatMap((m) => requirementsOf(m)));
}

/** `granted` satisfies `needed` when each of its options is one of needed's options. */
const satisfies = (granted: Clause, needed: Clause): boolean => granted.every((scope) => needed.includes(scope));

/**
 * Requirements of the ticked methods that no working probe exercised: a working probe shows its
 * own permissions are granted, nothing more.
 */
export function notExercised(working: readonly MethodName[], ticked: readonly MethodName[]): Clause[] {
  if (working.length === 0) return [];
  const exercised = working.flatMap((m) => requirementsOf(m));
  const needed = minimiseClauses(ticked.flatMap((m) => requirementsOf(m)));
  return needed.filter((clause) => !exercised.some((granted) => satisfies(granted, clause)));
}
