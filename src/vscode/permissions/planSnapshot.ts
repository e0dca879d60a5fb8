import { takePlanSnapshot } from '../../core/permissions/snapshot';
import { normaliseSelection } from '../../core/scopes';
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
