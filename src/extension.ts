import vscode = require('vscode');
import { createProfileService } from './core/profiles';
import { createRedactor } from './core/redaction';
import { CommandIds } from './vscode/commandIds';
import { registerCommands } from './vscode/commands';
import { registerConnectionCommands } from './vscode/connection';
import { registerCredentialCommands } from './vscode/credentials/credentialCommands';
import { loadedCoreBundles } from './vscode/lazyCore';
import { createLog } from './vscode/log';
import { registerRequestCommands } from './vscode/requests';
import { registerPermissions } from './vscode/permissions';
import { registerScopePlanner } from './vscode/scopePlanner/scopePlannerPanel';
import { secretStorageStore } from './vscode/secretStorageStore';
import type { Services } from './vscode/services';
import { watchProfilesHealth } from './vscode/profilesHealth';
import { showActions } from './vscode/showActions';
import { ConnectionStatus } from './vscode/statusBar';
import { registerStoreCommands } from './vscode/store';
import { testApi, type ActivationReport } from './vscode/testHooks';
import { registerConnectFlow } from './vscode/connect/connectCommand';
import { registerInstallLink } from './vscode/connect/installLink';
import { registerWebhookCommands } from './vscode/webhook/webhookCommands';
import { registerViews } from './vscode/views';
import { AccountStoreCache } from './vscode/views/accountStores';
import { StoreChecks } from './vscode/views/storeArgument';

// Set by the bundle's first and last lines (tools/build.mjs): the time to load this file.
declare const __api2cartWixLoadStart: number | undefined;
declare const __api2cartWixLoadEnd: number | undefined;
// Replaced by esbuild (tools/build.mjs): true only in the test bundle built with --test-hooks.
declare const API2CART_WIX_TEST_HOOKS: boolean;

/** Build the parts and register the commands; the work happens in the features' modules. */
export function activate(context: vscode.ExtensionContext) {
  const activateStart = performance.now();
  // Read here, not at module scope: the bundle's last line has run by now.
  const loadMs = typeof __api2cartWixLoadStart === 'number' && typeof __api2cartWixLoadEnd === 'number'
    ? __api2cartWixLoadEnd - __api2cartWixLoadStart : undefined;
  const redactor = createRedactor();
  const log = createLog(redactor);
  const profiles = createProfileService(secretStorageStore(context.secrets), { redactor });
  const status = new ConnectionStatus(profiles, redactor);
  context.subscriptions.push(log, { dispose: () => profiles.dispose() }, status);
  const services: Services = { context, log, redactor, profiles, status, storeChecks: new StoreChecks(), accountStores: new AccountStoreCache() };

  const webhooks = registerWebhookCommands(services);
  const install = registerInstallLink(services, webhooks.receiver);
  const connect = registerConnectFlow(services, webhooks, install.links);
  context.subscriptions.push(
    ...registerCommands(log, { [CommandIds.showActions]: { title: 'Show Actions', run: () => showActions(status) } }),
    ...registerCredentialCommands(services),
    ...registerConnectionCommands(services),
    ...registerScopePlanner(context, log, () => void status.setScopesPlanned()),
    ...webhooks.disposables,
    ...connect.disposables,
    ...install.disposables,
    ...registerStoreCommands(services),
    ...registerRequestCommands(services),
    watchProfilesHealth(services),
    ...registerPermissions(services),
  );
  // After the request commands: the Requests view follows their runs.
  const sidebar = registerViews(services, webhooks.receiver);
  context.subscriptions.push(...sidebar.disposables);
  void status.refresh();
  // VS Code's own work between loading the file and calling activate() is not ours to count.
  const activateMs = performance.now() - activateStart;
  const activation: ActivationReport = { ms: (loadMs ?? 0) + activateMs, loadMs, activateMs, coreBundlesLoaded: loadedCoreBundles() };
  log.info(`activated ${context.extension.packageJSON.version}: loaded in ${loadMs?.toFixed(1) ?? '?'} ms, activate() ${activateMs.toFixed(1)} ms, heavy bundles loaded: ${activation.coreBundlesLoaded.join(', ') || 'none'}`);
  // The condition is a build-time constant: the shipped bundle has no trace of the test API.
  if (API2CART_WIX_TEST_HOOKS && process.env.API2CART_WIX_TEST_MODE === '1') {
    return testApi(context, services, activation, { connect: connect.flow, receiver: webhooks.receiver, sidebar: sidebar.views });
  }
  return undefined;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
