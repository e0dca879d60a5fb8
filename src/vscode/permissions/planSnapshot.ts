import { computeDrift } from '../../core/permissions/drift';
import { takePlanSnapshot } from '../../core/permissions/snapshot';
import type { StoreProfile } from '../../core/profiles';
import { normaliseSelection, type Clause } from '../../core/scopes';
import { SELECTION_STATE_KEY } from '../scopePlanner/scopePlannerPanel';
import type { Services } from '../services';

/**
 * Called when Add Store succeeds: keeps the plan's required permissions with the store profile, as
 * what the app asked for when this site installed it. Scope drift compares later plans with it.
 * With nothing ticked there is no plan to keep, and an earlier snapshot stays.
 */
export async function recordPlanSnapshot(s: Services, profileId: string): Promise<void> {
  const selection = normaliseSelection(s.context.workspaceState.get<unknown[]>(SELECTION_STATE_KEY) ?? []);
  if (selection.length === 0) {
    s.log.info('Add Store: no methods are ticked in the scope planner, so no plan was kept for scope drift');
    return;
  }
  const snapshot = takePlanSnapshot(selection, new Date());
  const saved = await s.profiles.setPlanSnapshot(profileId, snapshot);
  if (saved.ok) s.log.info(`Add Store: kept the plan's ${snapshot.clauses.length} permissions for ${selection.length} methods, for scope drift`);
  else s.log.warn(`Add Store: the plan was not kept for scope drift: ${saved.error.message}`);
}

/** The scope drift's added permissions: in the planner's plan now, not in the one kept when the store was added. */
export function addedSinceInstall(s: Services, profile: StoreProfile): readonly Clause[] {
  const selection = normaliseSelection(s.context.workspaceState.get<unknown[]>(SELECTION_STATE_KEY) ?? []);
  if (!profile.planSnapshot || selection.length === 0) return [];
  return computeDrift(profile.planSnapshot.clauses, takePlanSnapshot(selection, new Date()).clauses).added;
}
