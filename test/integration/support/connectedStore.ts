// A connected store for the suites that use one (issue 13): a stub account holding one Wix store,
// and the extension holding its profile, the API key and the store key.
import { strict as assert } from 'node:assert';
import { randomBytes, randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { Services } from '../../../src/vscode/services';
import { startApi2CartStub, type Api2CartStub } from '../../support/stubs/api2cartStub';

export const SITE_NAME = 'Canary Crafts';
export const SITE_URL = 'https://canarycrafts.wixsite.com/shop';
export const hex = (): string => randomBytes(8).toString('hex');

export interface ConnectedStore {
  readonly api2cart: Api2CartStub;
  readonly apiKey: string;
  readonly storeKey: string;
  readonly instanceId: string;
}

/** Fresh keys and a fresh stub, the base URL setting pointed at it, and nothing else stored. */
export async function connectStore(s: Services): Promise<ConnectedStore> {
  const apiKey = `canary-api-key-${hex()}`;
  const storeKey = `canary-store-key-${hex()}`;
  const instanceId = randomUUID();
  const api2cart = await startApi2CartStub({ apiKey, carts: [{ id: '1', url: SITE_URL, storeKey, cartId: 'Wix', customLabel: SITE_NAME }] });
  await vscode.workspace.getConfiguration('api2cartWix').update('api2cart.baseUrl', api2cart.url, vscode.ConfigurationTarget.Global);
  assert.ok((await s.profiles.forgetAll()).ok);
  await s.status.setError(undefined);
  assert.ok((await s.profiles.setApiKey(apiKey)).ok);
  assert.ok((await s.profiles.upsertProfileByInstanceId(instanceId, { label: SITE_NAME, siteUrl: SITE_URL, activate: true })).ok);
  assert.ok((await s.profiles.setStoreKey(instanceId, storeKey)).ok);
  return { api2cart, apiKey, storeKey, instanceId };
}

/** After the suite: the default base URL, nothing stored, no error shown. */
export async function forgetStore(s: Services): Promise<void> {
  await vscode.workspace.getConfiguration('api2cartWix').update('api2cart.baseUrl', undefined, vscode.ConfigurationTarget.Global);
  await s.profiles.forgetAll();
  await s.status.setError(undefined);
}
