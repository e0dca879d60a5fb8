import * as vscode from 'vscode';
import { createProfileService } from './core/profiles';
import { createRedactor } from './core/redaction';
import { CommandIds } from './vscode/commandIds';
import { registerCredentialCommands } from './vscode/credentials/credentialCommands';
import { createLog } from './vscode/log';
import { registerScopePlanner, scopePlannerTestHooks } from './vscode/scopePlanner/scopePlannerPanel';
import { secretStorageStore } from './vscode/secretStorageStore';
import type { Services } from './vscode/services';
import { showActions } from './vscode/showActions';
import { ConnectionStatus } from './vscode/statusBar';

/** Build the parts and register the commands; the work happens in the features' modules. */
export function activate(context: vscode.ExtensionContext) {
  const redactor = createRedactor();
  const log = createLog(redactor);
  const profiles = createProfileService(secretStorageStore(context.secrets), { redactor });
  const status = new ConnectionStatus(profiles);
  context.subscriptions.push(log, { dispose: () => profiles.dispose() }, status);
  const services: Services = { context, log, redactor, profiles, status };

  context.subscriptions.push(
    vscode.commands.registerCommand(CommandIds.showActions, () => showActions(status)),
    ...registerCredentialCommands(services),
    ...registerScopePlanner(context, log),
  );
  void status.refresh();
  log.info(`activated (${context.extension.packageJSON.version})`);
  return process.env.API2CART_WIX_TEST_MODE === '1'
    ? { services, secrets: context.secrets, scopePlanner: scopePlannerTestHooks(context) }
    : undefined;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
