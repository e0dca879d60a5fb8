// What every integration suite needs to reach the extension under test.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { RequestController } from '../../../src/vscode/requests/requestController';
import type { PermissionsTestHooks } from '../../../src/vscode/permissions';
import type { ScopePlannerTestHooks } from '../../../src/vscode/scopePlanner/scopePlannerPanel';
import type { ConnectFlow } from '../../../src/vscode/connect/connectCommand';
import type { Services } from '../../../src/vscode/services';
import type { ReceiverController } from '../../../src/vscode/webhook/receiverController';
import type { WorkspaceFacts } from '../../../src/vscode/store/workspacePolicy';

export const EXTENSION_ID = 'api2cart-wix-tools.api2cart-wix';

/** The extension's `exports` in test mode (API2CART_WIX_TEST_MODE=1), see src/extension.ts. */
export interface TestApi {
  services: Services;
  secrets: vscode.SecretStorage;
  scopePlanner: ScopePlannerTestHooks;
  activation: { ms: number; loadMs?: number; activateMs: number; coreBundlesLoaded: string[] };
  /** The request runner's controller (history, diagnostics, last runs). */
  requests: () => RequestController | undefined;
  /** Plays an untrusted or virtual workspace for the store-key commands; undefined restores the real one. */
  overrideWorkspaceFacts: (facts: Partial<WorkspaceFacts> | undefined) => void;
  permissions: PermissionsTestHooks;
  connect: ConnectFlow;
  receiver: ReceiverController;
}

/** Polls `probe` until it returns something other than undefined. */
export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The test hooks, once the extension has activated by itself (onStartupFinished): waiting rather
 * than calling activate() keeps "it activates on startup" observable.
 */
export async function extensionApi(): Promise<TestApi> {
  const ext = vscode.extensions.getExtension<TestApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is installed in the extension host`);
  await waitFor(() => (ext.isActive ? true : undefined), 'activation', 30_000);
  assert.ok(ext.exports?.services, 'the test hooks are exported in test mode');
  return ext.exports;
}
