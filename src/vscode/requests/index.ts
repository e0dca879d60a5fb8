import vscode = require('vscode');
import type { RunRecord } from '../../core/requests/history';
import { profileDisplayName, type StoreProfile } from '../../core/profiles';
import { matchStores, storeFieldOf } from '../../core/requests/storeField';
import { CommandIds } from '../commandIds';
import { registerCommands } from '../commands';
import { bundleLoader } from '../bundles';
import { SELECTION_STATE_KEY } from '../scopePlanner/scopePlannerPanel';
import type { Services } from '../services';
import { workspaceFacts } from '../store/workspacePolicy';
import { RequestCodeLenses } from './codeLens';
import type { RequestController } from './requestController';
import { REQUEST_FILE_GLOB } from './requestFiles';
import { ACCOUNT_STORE_PREFIX } from '../views/accountStores';
import { storeArgument } from '../views/storeArgument';

/** The runner's VS Code side (feature-requests): loaded on the first New or Run. */
const requestsFeature = bundleLoader<typeof import('./feature')>('feature-requests');

let current: RequestController | undefined;
let create: (() => RequestController) | undefined;

/** The Requests view's source: the runs so far (none before the runner first loads) and when they change. */
export interface RequestRuns {
  list(): readonly RunRecord[];
  readonly onDidChange: vscode.Event<void>;
  openRun(id: number): Promise<void>;
}
let runs: RequestRuns | undefined;
export const requestRuns = (): RequestRuns | undefined => runs;

/** For the integration tests: the live controller (history, diagnostics, last runs), created if need be. */
export const requestControllerForTests = (): RequestController | undefined => current ?? create?.();

/** The file's store (named, or the active one) when it is a profile without a store key. */
async function storeNotAdded(s: Services, text: string): Promise<{ id: string; name: string } | undefined> {
  const named = storeFieldOf(text);
  if (named?.startsWith(ACCOUNT_STORE_PREFIX)) return undefined;
  let profile: StoreProfile | undefined;
  if (named === undefined) {
    const active = await s.profiles.getActiveProfile();
    profile = active.ok ? active.value : undefined;
  } else {
    const list = await s.profiles.listProfiles();
    const matches = list.ok ? matchStores(named, list.value) : [];
    // No match, or two: the file's diagnostics say so when it runs.
    profile = matches.length === 1 ? matches[0] : undefined;
  }
  return profile && !profile.hasStoreKey ? { id: profile.id, name: profileDisplayName(profile) } : undefined;
}

/**
 * New API2Cart Request and Run API2Cart Request, with the request files' CodeLenses. The runner
 * (feature-requests, core-requests) loads on the first command, not at activation.
 */
export function registerRequestCommands(s: Services): vscode.Disposable[] {
  const changed = new vscode.EventEmitter<void>();
  create = () => (current ??= new (requestsFeature().RequestController)(s, changed));
  const controller = create;
  runs = { list: () => current?.history.list() ?? [], onDidChange: changed.event, openRun: (id) => controller().openRun(id) };
  // The lenses change with a run, and with the stores: one added or removed says so at once.
  const lensesChanged = new vscode.EventEmitter<void>();
  return [
    changed,
    lensesChanged,
    changed.event(() => lensesChanged.fire()),
    s.profiles.onDidChange(() => lensesChanged.fire()),
    { dispose: () => current?.dispose() },
    vscode.languages.registerCodeLensProvider({ pattern: REQUEST_FILE_GLOB }, new RequestCodeLenses(() => current, lensesChanged.event, (text) => storeNotAdded(s, text))),
    ...registerCommands(s.log, {
      [CommandIds.newRequest]: { title: 'New API2Cart Request', run: (arg?: unknown) => requestsFeature().newRequestCommand(s, controller(), {
        facts: workspaceFacts(),
        plannedMethods: s.context.workspaceState.get<unknown[]>(SELECTION_STATE_KEY) ?? [],
        store: storeArgument(arg),
      }) },
      [CommandIds.runRequest]: { title: 'Run API2Cart Request', run: (arg?: unknown) => controller().command(arg) },
    }),
  ];
}
