import vscode = require('vscode');
import type { AddStoreOutcome, AddStoreStep, CatalogVersion, WixClient } from '../../core/connection';
import { MAX_LABEL_LENGTH, profileDisplayName, type AppCredentials, type ProfilePatch, type StoreProfile } from '../../core/profiles';
import { ok, type Problem, type Result } from '../../core/result';
import { CommandIds } from '../commandIds';
import { connectionCore } from '../lazyCore';
import { recordPlanSnapshot } from '../permissions/planSnapshot';
import type { Services } from '../services';
import { connectedNextSteps } from '../store/nextSteps';
import { profileIdArgument } from '../views/storeArgument';
import { createConnectionClients, reportProblem, withCancellableProgress } from './connectionSupport';

const WHAT = 'Add Store';

interface AddStoreInputs {
  readonly apiKey: string;
  readonly app: AppCredentials;
  readonly profile: StoreProfile;
}

const stepText = (): Record<AddStoreStep | 'wix-catalog', string> => ({
  'wix-token': vscode.l10n.t('Checking the app credentials with Wix…'),
  'wix-instance': vscode.l10n.t('Reading the site from Wix…'),
  'api2cart-add': vscode.l10n.t('Sending the store to API2Cart, which checks it with Wix; this can take a while…'),
  'api2cart-lookup': vscode.l10n.t('Looking the store up in API2Cart…'),
  'wix-catalog': vscode.l10n.t('Reading the catalog version from Wix…'),
});

/** Reads a value; when it is missing, asks for it through its own command and reads again. */
async function readOrAsk<T>(
  s: Services,
  read: () => Promise<Result<T | undefined, Problem>>,
  command: string,
): Promise<Result<T | undefined, Problem>> {
  const first = await read();
  if (!first.ok || first.value !== undefined) return first;
  s.log.info(`${WHAT}: asking for what is missing (${command})`);
  // The Set… commands return once the value is saved (or the person gave up).
  await vscode.commands.executeCommand(command);
  return read();
}

/** The API key, the app credentials and the active store; undefined when the person gave up. */
async function gatherInputs(s: Services): Promise<Result<AddStoreInputs | undefined, Problem>> {
  const apiKey = await readOrAsk(s, () => s.profiles.getApiKey(), CommandIds.setApiKey);
  if (!apiKey.ok || apiKey.value === undefined) return apiKey.ok ? ok(undefined) : apiKey;
  const app = await readOrAsk(s, () => s.profiles.getAppCredentials(), CommandIds.setAppCredentials);
  if (!app.ok || app.value === undefined) return app.ok ? ok(undefined) : app;
  const profile = await readOrAsk(s, () => s.profiles.getActiveProfile(), CommandIds.setInstanceId);
  if (!profile.ok || profile.value === undefined) return profile.ok ? ok(undefined) : profile;
  return ok({ apiKey: apiKey.value, app: app.value, profile: profile.value });
}

/** Keeps the access token the preflight obtains, so the catalog version can be read with it afterwards. */
function rememberingToken(s: Services, wix: WixClient) {
  let accessToken: string | undefined;
  return {
    deps: {
      getAccessToken: async (...args: Parameters<WixClient['getAccessToken']>) => {
        const token = await wix.getAccessToken(...args);
        if (token.ok) {
          accessToken = token.value.accessToken;
          s.redactor.setSecrets('wixAccessToken', [accessToken]);
        }
        return token;
      },
      getAppInstance: wix.getAppInstance,
    },
    token: () => accessToken,
  };
}

function successMessage(outcome: AddStoreOutcome, name: string): string {
  const text = {
    added: vscode.l10n.t('Store "{0}" was added to API2Cart. Its store key is saved in secret storage.', name),
    adopted: vscode.l10n.t(
      'Store "{0}" was already in your API2Cart account, so its existing store key was adopted and saved instead of adding it again.',
      name,
    ),
    recovered: vscode.l10n.t(
      'Store "{0}" is in your API2Cart account: the answer to the add was lost, so it was looked up instead of added again. Its store key is saved.',
      name,
    ),
  }[outcome.how];
  return [text, ...outcome.notes].join(' ');
}

/** Site name, URL and catalog version as Wix reported them; nothing Wix did not say is overwritten. */
function profilePatch(outcome: AddStoreOutcome, catalogVersion: CatalogVersion | undefined): ProfilePatch {
  return {
    ...(outcome.siteName !== undefined ? { label: outcome.siteName.slice(0, MAX_LABEL_LENGTH) } : {}),
    ...(outcome.siteUrl !== undefined ? { siteUrl: outcome.siteUrl } : {}),
    ...(catalogVersion !== undefined ? { catalogVersion } : {}),
  };
}

/**
 * The active store is connected already: adding again happens only on purpose. A modal, so the
 * question cannot be left open while Add Store holds its single flight.
 */
async function confirmAddAgain(s: Services, profile: StoreProfile): Promise<boolean> {
  const check = vscode.l10n.t('Check Connection');
  const again = vscode.l10n.t('Add Again');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('"{0}" is already added to API2Cart: its store key is saved.', profileDisplayName(profile)),
    { modal: true, detail: vscode.l10n.t('Check Connection asks API2Cart whether the store still answers. Add Again sends account.cart.add once more; API2Cart then finds the existing store and its key is kept.') },
    check, again);
  if (choice === again) {
    s.log.info(`${WHAT}: the store is connected already; adding again on purpose`);
    return true;
  }
  s.log.info(`${WHAT}: the store is connected already; ${choice === check ? 'checking the connection instead' : 'not added again'}`);
  if (choice === check) void vscode.commands.executeCommand(CommandIds.checkConnection);
  return false;
}

/**
 * Add Store to API2Cart: gather what is missing, check the credentials with Wix, call
 * account.cart.add once and keep the store key in the active profile (or the one it was invoked on).
 */
export async function addStoreCommand(s: Services, arg?: unknown): Promise<void> {
  s.log.info(`${WHAT}: started`);
  // Invoked on a store (a request file's CodeLens): that store becomes the active one it adds.
  const profileId = profileIdArgument(arg);
  if (profileId !== undefined) {
    const made = await s.profiles.setActiveProfile(profileId);
    if (!made.ok) return reportProblem(s, WHAT, made.error);
  }
  const inputs = await gatherInputs(s);
  if (!inputs.ok) return reportProblem(s, WHAT, inputs.error);
  if (inputs.value === undefined) {
    s.log.info(`${WHAT}: stopped, a credential or the Instance ID was not given`);
    return;
  }
  const { apiKey, app, profile } = inputs.value;
  if (profile.hasStoreKey && !(await confirmAddAgain(s, profile))) return;
  const clients = createConnectionClients(s, apiKey);
  if (!clients.ok) return reportProblem(s, WHAT, clients.error);
  const { api2cart, wix } = clients.value;
  const rerun = () => vscode.commands.executeCommand(CommandIds.addStore);
  const preflight = rememberingToken(s, wix);
  const steps = stepText();

  // Until the add is sent, a cancel is just a cancel; afterwards the store may exist.
  let addSent = false;
  await s.status.setChecking(vscode.l10n.t('Adding {0} to API2Cart', profileDisplayName(profile)));
  try {
    const done = await withCancellableProgress(vscode.l10n.t('Add Store to API2Cart'), async (signal, say) => {
      const added = await connectionCore().addStore(
        { wix: preflight.deps, api2cart },
        { appId: app.appId, appSecret: app.appSecret, instanceId: profile.instanceId },
        {
          signal,
          onProgress: (step) => {
            s.log.info(`${WHAT}: ${step}`);
            if (step === 'api2cart-add') addSent = true;
            say(steps[step]);
          },
        },
      );
      if (!added.ok) return added;
      // Informational only: a failure here is logged and the store stays added.
      const token = preflight.token();
      let catalogVersion: CatalogVersion | undefined;
      if (token !== undefined) {
        say(steps['wix-catalog']);
        const catalog = await wix.getCatalogVersion(token, { signal });
        if (catalog.ok) catalogVersion = catalog.value;
        else s.log.warn(`${WHAT}: catalog version unknown: ${catalog.error.message}`);
      }
      return ok({ outcome: added.value, catalogVersion });
    });

    if (!done.ok) {
      if (done.error.kind === 'add-cancelled' && !addSent) {
        s.log.info(`${WHAT}: cancelled before anything was sent to API2Cart`);
        void vscode.window.showInformationMessage(done.error.message);
        return;
      }
      return reportProblem(s, WHAT, done.error, rerun);
    }

    const { outcome, catalogVersion } = done.value;
    s.log.info(`${WHAT}: ${outcome.how}`);
    for (const note of outcome.notes) s.log.warn(`${WHAT}: ${note}`);
    const saved = await s.profiles.setStoreKey(profile.id, outcome.storeKey);
    if (!saved.ok) {
      return reportProblem(s, WHAT, {
        kind: saved.error.kind,
        message: vscode.l10n.t(
          'API2Cart has the store, but its store key could not be saved: {0} Run Add Store again once this is fixed; the store will be found, not added twice.',
          saved.error.message,
        ),
        fix: 'addStore',
      }, rerun);
    }
    const updated = await s.profiles.updateProfile(profile.id, profilePatch(outcome, catalogVersion));
    if (!updated.ok) s.log.warn(`${WHAT}: the store's name and URL were not saved: ${updated.error.message}`);
    await recordPlanSnapshot(s, profile.id);
    const name = profileDisplayName(updated.ok ? updated.value : profile);
    await s.status.setError(undefined);
    s.log.info(`${WHAT}: store key saved for ${name}`);
    // Only what comes next: a fourth button would cut every label short ("Check Co…"). The
    // connection was just proven; Check Connection stays one click away on the status bar.
    const next = connectedNextSteps(profile.id);
    void vscode.window.showInformationMessage(successMessage(outcome, name), ...next.labels).then(next.run);
  } finally {
    await s.status.setChecking(undefined);
    await clients.value.dispose();
  }
}
