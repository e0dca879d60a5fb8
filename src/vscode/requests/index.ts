import * as vscode from 'vscode';
import type { RunRecord } from '../../core/requests/history';
import { CommandIds } from '../commandIds';
import { requestsFeature } from '../lazyCore';
import { SELECTION_STATE_KEY } from '../scopePlanner/scopePlannerPanel';
import type { Services } from '../services';
import { workspaceFacts } from '../store/workspacePolicy';
import { guardedCommand } from '../problems';
import { RequestCodeLenses } from './codeLens';
import type { RequestController } from './requestController';
import { REQUEST_FILE_GLOB } from './requestFiles';
import { storeArgument } from '../views/storeArgument';

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

/**
 * New API2Cart Request and Run API2Cart Request, with the request files' CodeLenses. The runner
 * (feature-requests, core-requests) loads on the first command, not at activation.
 */
export function registerRequestCommands(s: Services): vscode.Disposable[] {
  const changed = new vscode.EventEmitter<void>();
  create = () => (current ??= new (requestsFeature().RequestController)(s, changed));
  const controller = create;
  runs = { list: () => current?.history.list() ?? [], onDidChange: changed.event, openRun: (id) => controller().openRun(id) };
  return [
    changed,
    { dispose: () => current?.dispose() },
    vscode.languages.registerCodeLensProvider({ pattern: REQUEST_FILE_GLOB }, new RequestCodeLenses(() => current, changed.event)),
    vscode.commands.registerCommand(CommandIds.newRequest, (arg?: unknown) => guardedCommand(s.log, 'New API2Cart Request', () =>
      requestsFeature().newRequestCommand(s, controller(), {
        facts: workspaceFacts(),
        plannedMethods: s.context.workspaceState.get<unknown[]>(SELECTION_STATE_KEY) ?? [],
        store: storeArgument(arg),
      }))()),
    vscode.commands.registerCommand(CommandIds.runRequest, (arg?: unknown) => guardedCommand(s.log, 'Run API2Cart Request', () => controller().command(arg))()),
  ];
}
