import type * as vscode from 'vscode';
import type { ConnectFlow } from './connect/connectCommand';
import type { ReceiverController } from './webhook/receiverController';
import { permissionsTestHooks } from './permissions';
import { requestControllerForTests } from './requests';
import { scopePlannerTestHooks } from './scopePlanner/scopePlannerPanel';
import type { Services } from './services';
import type { SidebarViews } from './views';
import { overrideWorkspaceFacts } from './store/workspacePolicy';

/** What activate() measured about itself: also logged, for `npm run bench` and for people. */
export interface ActivationReport {
  readonly ms: number;
  readonly loadMs?: number;
  readonly activateMs: number;
  readonly coreBundlesLoaded: readonly string[];
}

/**
 * The extension's insides, for the integration tests. Only the test bundle contains this
 * (tools/build.mjs --test-hooks): in the shipped bundle activate() returns nothing, so no other
 * extension in the same host can reach the secrets or the services, whatever the environment says.
 */
export function testApi(
  context: vscode.ExtensionContext,
  services: Services,
  activation: ActivationReport,
  features: { readonly connect: ConnectFlow; readonly receiver: ReceiverController; readonly sidebar: SidebarViews },
) {
  return {
    services, secrets: context.secrets, scopePlanner: scopePlannerTestHooks(context), activation, permissions: permissionsTestHooks(),
    requests: requestControllerForTests, overrideWorkspaceFacts, ...features,
  };
}
