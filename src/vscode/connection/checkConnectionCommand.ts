import vscode = require('vscode');
import type { Api2CartProblem, CheckStep, StoreSummary } from '../../core/connection';
import { profileDisplayName, type StoreProfile } from '../../core/profiles';
import { ok, type Problem, type Result } from '../../core/result';
import { clauseLabel } from '../../core/scopes';
import { CommandIds } from '../commandIds';
import { connectionCore } from '../lazyCore';
import type { Services } from '../services';
import { connectedStore, PREREQUISITE_KINDS } from '../store/connectedStore';
import { profileIdArgument } from '../views/storeArgument';
import { addedSinceInstall } from '../permissions/planSnapshot';
import { appInstanceReader, createConnectionClients, reportProblem, showPrerequisite, withCancellableProgress } from './connectionSupport';

const WHAT = 'Check Connection';

interface CheckInputs {
  readonly apiKey: string;
  readonly profile: StoreProfile;
  readonly storeKey: string;
}

/** Nothing is asked for here: a check only makes sense for a store that was added. */
async function readInputs(s: Services, profileId: string | undefined): Promise<Result<CheckInputs, Problem>> {
  const store = await connectedStore(s, { withApiKey: true, profileId });
  return store.ok ? ok({ apiKey: store.value.apiKey!, profile: store.value.profile, storeKey: store.value.storeKey }) : store;
}

const stepText = (): Record<CheckStep, string> => ({
  'api2cart-list': vscode.l10n.t('Looking the store up in your API2Cart account…'),
  'api2cart-validate': vscode.l10n.t('Asking API2Cart to reach the store…'),
});

/** Two lines at most: the store's URL goes to the log and the Stores view's tooltip. */
function connectedMessage(name: string, store: StoreSummary): string {
  return store.appVersion !== undefined
    ? vscode.l10n.t('Connected: API2Cart reaches "{0}". App version on the site: {1}.', name, store.appVersion)
    : vscode.l10n.t('Connected: API2Cart reaches "{0}".', name);
}

/**
 * Wix refused with 403 or with no message: most likely a permission added after this site
 * installed the app. Said first, with the drift's added permissions; API2Cart's own words go to the log.
 */
function notYetApprovedProblem(s: Services, profile: StoreProfile, problem: Api2CartProblem, appVersion: string | undefined): Problem {
  const added = addedSinceInstall(s, profile).map(clauseLabel);
  const version = appVersion !== undefined ? vscode.l10n.t(' (this site runs app version {0})', appVersion) : '';
  const cause = vscode.l10n.t('Likely a permission not yet approved on "{0}"{1}: one added after the site installed the app needs a new app version and the owner\'s approval.', profileDisplayName(profile), version);
  const named = added.length > 0 ? vscode.l10n.t('Added since the store was added: {0}.', added.join('; ')) : vscode.l10n.t('The scope drift lists no added permission.');
  s.log.warn(`${WHAT}: ${problem.kind}: ${problem.message}`);
  return { kind: problem.kind, message: `${cause} ${named}`, fix: 'retry' };
}

/**
 * The saved store key no longer opens a store: say so, show it in the status bar, and offer to
 * forget the key (the store then shows as not added) or to forget it and add the store again.
 * Nothing is forgotten without the person's say.
 */
async function offerToForgetStaleKey(s: Services, profile: StoreProfile, message: string): Promise<void> {
  s.log.warn(`${WHAT}: not-in-account: ${message}`);
  await s.status.setError({ kind: 'not-in-account', message, fix: 'addStore' });
  const forget = vscode.l10n.t('Forget Store Key');
  const again = vscode.l10n.t('Forget and Add Again');
  // Not awaited: the check is over; the person answers whenever they like.
  void vscode.window.showErrorMessage(vscode.l10n.t('"{0}": {1}', profileDisplayName(profile), s.redactor.redact(message)), forget, again)
    .then(async (choice) => {
      if (choice !== forget && choice !== again) return;
      const forgotten = await s.profiles.forget([{ kind: 'storeKey', profileId: profile.id }]);
      if (!forgotten.ok) return reportProblem(s, WHAT, forgotten.error);
      await s.status.setError(undefined);
      s.log.info(`${WHAT}: the stale store key of ${profileDisplayName(profile)} was forgotten`);
      if (choice === again) return void vscode.commands.executeCommand(CommandIds.addStore);
      void vscode.window.showInformationMessage(
        vscode.l10n.t('The store key of "{0}" was forgotten; the store shows as not added.', profileDisplayName(profile)));
    });
}

/**
 * Check Connection: account.cart.list filtered by the store key, then cart.validate, once. On
 * the store it was invoked on (a Stores view item), else the active one.
 */
export async function checkConnectionCommand(s: Services, arg?: unknown): Promise<void> {
  s.log.info(`${WHAT}: started`);
  const inputs = await readInputs(s, profileIdArgument(arg));
  if (!inputs.ok) {
    // A missing prerequisite is not a broken connection; an unreadable keyring is.
    const prerequisite = PREREQUISITE_KINDS.includes(inputs.error.kind);
    return prerequisite ? showPrerequisite(s, WHAT, inputs.error) : reportProblem(s, WHAT, inputs.error);
  }
  const { apiKey, profile, storeKey } = inputs.value;
  const clients = createConnectionClients(s, apiKey);
  if (!clients.ok) return reportProblem(s, WHAT, clients.error);
  const readAppInstance = await appInstanceReader(s, clients.value, profile);
  const retry = () => vscode.commands.executeCommand(CommandIds.checkConnection, profile.id);
  const name = profileDisplayName(profile);
  const steps = stepText();

  await s.status.setChecking(vscode.l10n.t('Checking the connection to {0}', name));
  try {
    const checked = await withCancellableProgress(vscode.l10n.t('Check Connection'), (signal, say) =>
      connectionCore().checkConnection(clients.value.api2cart, storeKey, {
        signal,
        ...(readAppInstance ? { readAppInstance } : {}),
        onProgress: (step) => {
          s.log.info(`${WHAT}: ${step}`);
          say(steps[step]);
        },
      }),
    );
    if (!checked.ok) {
      if (checked.error.kind === 'http-cancelled') {
        s.log.info(`${WHAT}: cancelled`);
        return;
      }
      s.storeChecks.record(profile.id, { ok: false, message: s.redactor.redact(checked.error.message) });
      return reportProblem(s, WHAT, checked.error, retry);
    }
    const status = checked.value;
    const version = status.state !== 'not-in-account' ? status.appVersion : undefined;
    const where = status.state !== 'not-in-account' && status.url ? ` at ${status.url}` : '';
    s.log.info(`${WHAT}: ${status.state}${where}, app version on the site: ${version ?? (readAppInstance ? 'not read' : 'not read (no Wix app credentials)')}`);
    s.storeChecks.record(profile.id, {
      ...(status.state === 'connected' ? { ok: true } : { ok: false, message: s.redactor.redact(status.state === 'not-in-account' ? status.message : status.problem.message) }),
      ...(version !== undefined ? { appVersion: version } : {}),
    });
    switch (status.state) {
      case 'connected': {
        await s.status.setError(undefined);
        const unchecked = clients.value.certificatesUnchecked
          ? ` ${vscode.l10n.t('Certificates are not checked for calls through the proxy (http.proxyStrictSSL is false): the keys travel to a server that was not verified.')}` : '';
        // The next step after a connection; a toast with a button also shows its message whole (two lines).
        const verify = vscode.l10n.t('Verify Store Permissions');
        void vscode.window.showInformationMessage(`${connectedMessage(name, status)}${unchecked}`, verify).then((choice) =>
          choice === verify ? vscode.commands.executeCommand(CommandIds.verifyPermissions, profile.id) : undefined);
        return;
      }
      case 'not-in-account':
        return offerToForgetStaleKey(s, profile, status.message);
      case 'store-unreachable':
        return reportProblem(s, WHAT, status.notYetApproved ? notYetApprovedProblem(s, profile, status.problem, version) : status.problem, retry);
    }
  } finally {
    await s.status.setChecking(undefined);
    await clients.value.dispose();
  }
}
