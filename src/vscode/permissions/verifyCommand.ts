import vscode = require('vscode');
import type { CheckRequest } from '../../core/permissions/probes';
import type { VerifyDeps } from '../../core/permissions/verify';
import type { VerificationResult } from '../../core/permissions/types';
import { profileDisplayName, type StoreProfile } from '../../core/profiles';
import type { Problem } from '../../core/result';
import { normaliseSelection, type Entity } from '../../core/scopes';
import { CommandIds } from '../commandIds';
import { appInstanceReader, createConnectionClients, reportProblem, showPrerequisite, withCancellableProgress, type ConnectionClients } from '../connection/connectionSupport';
import { permissionsCore } from '../lazyCore';
import { SELECTION_STATE_KEY } from '../scopePlanner/scopePlannerPanel';
import type { Services } from '../services';
import { connectedStore, PREREQUISITE_KINDS } from '../store/connectedStore';
import type { PermissionChecks } from './checks';
import { addedSinceInstall } from './planSnapshot';

const WHAT = 'Verify Store Permissions';

interface Target {
  readonly apiKey: string;
  readonly profile: StoreProfile;
  readonly storeKey: string;
}

/** The API key and a store that was added to API2Cart and still has the app; otherwise what to do first. */
async function readTarget(s: Services, profileId: string | undefined): Promise<{ target: Target } | { problem: Problem; prerequisite: boolean }> {
  const store = await connectedStore(s, { withApiKey: true, refuseRemoved: true, profileId });
  if (!store.ok) return { problem: store.error, prerequisite: PREREQUISITE_KINDS.includes(store.error.kind) };
  return { target: { apiKey: store.value.apiKey!, profile: store.value.profile, storeKey: store.value.storeKey } };
}

/** Nothing is ticked in the planner: the person picks which groups to probe. */
async function pickEntities(): Promise<Entity[] | undefined> {
  const { PROBED_ENTITIES, PROBES } = permissionsCore();
  const items = PROBED_ENTITIES.map((entity) => ({
    label: entity,
    description: PROBES[entity].map((p) => p.method).join(', '),
    entity,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: vscode.l10n.t('Verify Store Permissions'),
    placeHolder: vscode.l10n.t('No methods are ticked in the scope planner: pick the groups to check with read-only probes'),
  });
  return picked && picked.length > 0 ? picked.map((item) => item.entity) : undefined;
}

/** Reads the app instance with a client-credentials token; skipped when the app credentials are missing. */
async function wixDeps(s: Services, clients: ConnectionClients, profile: StoreProfile): Promise<VerifyDeps['wix']> {
  const read = await appInstanceReader(s, clients, profile);
  return read ? { read } : { skipped: vscode.l10n.t('the Wix App ID and App Secret Key are not set.') };
}

function progressText(result: VerificationResult): string {
  const probes = result.entities.flatMap((e) => e.probes);
  const done = probes.filter((p) => p.outcome.kind !== 'pending').length;
  return vscode.l10n.t('{0} of {1} read-only probes answered', done, probes.length);
}

function logResult(s: Services, result: VerificationResult): void {
  const { entityLabel, outcomeLabel } = permissionsCore();
  for (const entity of result.entities) {
    const probes = entity.probes.map((p) => `${p.method} ${outcomeLabel(p.outcome)}`).join(', ');
    s.log.info(`${WHAT}: ${entity.entity}: ${entityLabel(entity)}${probes ? ` (${probes})` : ''}`);
  }
  s.log.info(`${WHAT}: cart.methods ${result.platform.kind}, Wix app instance ${result.wix.kind}`);
}

/** The outcome in one notification, with the two places to look further. */
function announce(s: Services, result: VerificationResult, saveReport: () => unknown): void {
  const { countEntities, summaryLine } = permissionsCore();
  const counts = countEntities(result);
  const show = vscode.l10n.t('Show in Planner');
  const save = vscode.l10n.t('Save Report…');
  const unsupported = result.platform.kind === 'read' ? result.platform.unsupported.length : 0;
  let message: string;
  if (result.status === 'cancelled') {
    message = vscode.l10n.t('Cancelled the permission check of "{0}": {1}.', result.store.name, summaryLine(result));
  } else {
    message = vscode.l10n.t('Permissions on "{0}": {1}.', result.store.name, summaryLine(result));
    if (counts.fails > 0) message += ' ' + vscode.l10n.t('Each failure names the Wix permissions to check.');
    if (unsupported > 0) {
      message += ' ' + (unsupported === 1
        ? vscode.l10n.t('1 ticked method is not on the platform\'s method list (cart.methods).')
        : vscode.l10n.t('{0} ticked methods are not on the platform\'s method list (cart.methods).', unsupported));
    }
  }
  const text = s.redactor.redact(message);
  const shown = counts.fails > 0 || unsupported > 0
    ? vscode.window.showWarningMessage(text, show, save)
    : vscode.window.showInformationMessage(text, show, save);
  void shown.then((choice) => {
    if (choice === show) return vscode.commands.executeCommand(CommandIds.planScopes);
    if (choice === save) return saveReport();
    return undefined;
  });
}

/**
 * Verify Store Permissions: read-only probes for the planner's selection (or picked groups) on
 * the active store, at most 3 at a time, with cart.methods and the app instance alongside.
 */
export async function verifyPermissionsCommand(s: Services, checks: PermissionChecks, saveReport: () => unknown, profileId?: string): Promise<void> {
  if (checks.running) {
    void vscode.window.showInformationMessage(vscode.l10n.t('A store permission check is already running; wait for it or cancel it.'));
    return;
  }
  const read = await readTarget(s, profileId);
  if ('problem' in read) return read.prerequisite ? showPrerequisite(s, WHAT, read.problem) : reportProblem(s, WHAT, read.problem);
  const { apiKey, profile, storeKey } = read.target;
  const selection = normaliseSelection(s.context.workspaceState.get<unknown[]>(SELECTION_STATE_KEY) ?? []);
  let request: CheckRequest;
  if (selection.length > 0) request = { methods: selection };
  else {
    const entities = await pickEntities();
    if (!entities) return;
    request = { entities };
  }
  const clients = createConnectionClients(s, apiKey);
  if (!clients.ok) return reportProblem(s, WHAT, clients.error);
  const name = profileDisplayName(profile);
  const core = permissionsCore();
  checks.platformMethods ??= core.createPlatformMethodsCache();
  const cancel = new AbortController();
  checks.running = { profileId: profile.id, controller: cancel };
  // The planner shows the store checked, also when it is not the active one (a Stores view item).
  const active = await s.profiles.getActiveProfile();
  checks.shown = { profileId: profile.id, whileActive: active.ok ? active.value?.id : undefined };
  s.log.info(`${WHAT}: started on ${name} for ${'methods' in request ? `${request.methods.length} ticked methods` : request.entities.join(', ')}`);
  try {
    const deps: VerifyDeps = {
      api2cart: clients.value.api2cart,
      storeKey,
      wix: await wixDeps(s, clients.value, profile),
      platformMethods: checks.platformMethods,
      addedSinceInstall: addedSinceInstall(s, profile),
    };
    const result = await withCancellableProgress(vscode.l10n.t('Verify Store Permissions on {0}', name), (signal, say) =>
      core.verifyStore(deps, { id: profile.id, name }, request, {
        signal: AbortSignal.any([signal, cancel.signal]),
        ...(checks.probeTimeoutMs !== undefined ? { timeoutMs: checks.probeTimeoutMs } : {}),
        onUpdate: (partial) => {
          checks.set(profile.id, partial);
          say(progressText(partial));
        },
      }),
    );
    checks.set(profile.id, result);
    logResult(s, result);
    announce(s, result, saveReport);
  } finally {
    checks.running = undefined;
    await clients.value.dispose();
  }
}
