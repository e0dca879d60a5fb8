// Points the extension at stubbed API2Cart and Wix servers and gives it a store, for suites that
// start from a connected (or nearly connected) store rather than walking the commands.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { Services } from '../../../src/vscode/services';

/** Machine-scoped: in code-server the window is remote, so Global lands in Machine/settings.json. */
export async function pointSettingsAt(api2cartUrl: string | undefined, wixUrl: string | undefined): Promise<void> {
  const config = vscode.workspace.getConfiguration('api2cartWix');
  await config.update('api2cart.baseUrl', api2cartUrl, vscode.ConfigurationTarget.Global);
  await config.update('wix.baseUrl', wixUrl, vscode.ConfigurationTarget.Global);
}

export interface SeededStore {
  readonly apiKey: string;
  readonly appId: string;
  readonly appSecret: string;
  readonly instanceId: string;
  readonly label?: string;
  /** Saved as the store's key, as if Add Store had run; omitted: the store is not added yet. */
  readonly storeKey?: string;
}

/** Forgets everything, then saves the credentials and makes the store the active profile. */
export async function seedStore(services: Services, store: SeededStore): Promise<void> {
  assert.ok((await services.profiles.forgetAll()).ok);
  assert.ok((await services.profiles.setApiKey(store.apiKey)).ok);
  assert.ok((await services.profiles.setAppCredentials(store.appId, store.appSecret)).ok);
  assert.ok((await services.profiles.upsertProfileByInstanceId(store.instanceId, { activate: true, label: store.label })).ok);
  if (store.storeKey !== undefined) assert.ok((await services.profiles.setStoreKey(store.instanceId, store.storeKey)).ok);
}

/** What a suite leaves behind: default settings, nothing stored, no error in the status bar. */
export async function resetStoreState(services: Services | undefined): Promise<void> {
  await pointSettingsAt(undefined, undefined);
  await services?.profiles.forgetAll();
  await services?.status.setError(undefined);
}
