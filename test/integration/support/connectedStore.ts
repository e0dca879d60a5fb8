// A connected store for the suites of issue 13: a stub account holding one Wix store, and the
// extension holding its profile (with the site's URL), the credentials and the store key.
import { strict as assert } from 'node:assert';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Services } from '../../../src/vscode/services';
import { startApi2CartStub, type Api2CartStub } from '../../support/stubs/api2cartStub';
import { pointSettingsAt, resetStoreState, seedStore } from './stubbedStore';

export const SITE_NAME = 'Canary Crafts';
export const SITE_URL = 'https://canarycrafts.wixsite.com/shop';
export const hex = (): string => randomBytes(8).toString('hex');

export interface ConnectedStore {
  readonly api2cart: Api2CartStub;
  readonly apiKey: string;
  readonly storeKey: string;
  readonly instanceId: string;
}

/** Fresh keys and a fresh stub, the API2Cart base URL pointed at it, and this store connected. */
export async function connectStore(s: Services): Promise<ConnectedStore> {
  const apiKey = `canary-api-key-${hex()}`;
  const storeKey = `canary-store-key-${hex()}`;
  const instanceId = randomUUID();
  const api2cart = await startApi2CartStub({ apiKey, carts: [{ id: '1', url: SITE_URL, storeKey, cartId: 'Wix', customLabel: SITE_NAME }] });
  await pointSettingsAt(api2cart.url, undefined);
  await seedStore(s, { apiKey, appId: randomUUID(), appSecret: `canary-app-secret-${hex()}`, instanceId, label: SITE_NAME, storeKey });
  assert.ok((await s.profiles.updateProfile(instanceId, { siteUrl: SITE_URL })).ok);
  await s.status.setError(undefined);
  return { api2cart, apiKey, storeKey, instanceId };
}

export const forgetStore = (s: Services): Promise<void> => resetStoreState(s);
