// The world of the store e2e tests: stubbed API2Cart and Wix for one Wix site and fresh canary
// credentials (connection.test.ts sets up the same by hand and could use it).
import { randomBytes, randomUUID } from 'node:crypto';
import { startApi2CartStub, type Api2CartStub } from '../../support/stubs/api2cartStub';
import { startWixStub, type WixStub } from '../../support/stubs/wixStub';

export const SITE_NAME = 'Canary Crafts';
export const SITE_URL = 'https://canarycrafts.wixsite.com/shop';
export const canary = (name: string): string => `CANARY-${name}-${randomBytes(9).toString('hex')}`;

export interface StubbedStore {
  readonly api2cart: Api2CartStub;
  readonly wix: WixStub;
  readonly apiKey: string;
  readonly appSecret: string;
  readonly appId: string;
  readonly instanceId: string;
  /** Machine settings that point the extension at the stubs. */
  readonly machineSettings: Record<string, string>;
  close(): Promise<void>;
}

export async function startStubbedStore(): Promise<StubbedStore> {
  const apiKey = canary('api-key');
  const appSecret = canary('app-secret');
  const appId = randomUUID();
  const instanceId = randomUUID();
  const api2cart = await startApi2CartStub({ apiKey });
  const wix = await startWixStub({ appId, appSecret, instanceId, siteDisplayName: SITE_NAME, siteUrl: SITE_URL });
  return {
    api2cart, wix, apiKey, appSecret, appId, instanceId,
    machineSettings: { 'api2cartWix.api2cart.baseUrl': api2cart.url, 'api2cartWix.wix.baseUrl': wix.url },
    close: async () => {
      await api2cart.close();
      await wix.close();
    },
  };
}
