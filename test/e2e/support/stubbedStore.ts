// The world of the store e2e tests: stubbed API2Cart and Wix for one Wix site, fresh canary
// credentials, and the palette steps a person takes to connect that store.
import { randomBytes, randomUUID } from 'node:crypto';
import { startApi2CartStub, type Api2CartStub } from '../../support/stubs/api2cartStub';
import { startWixStub, type WixStub } from '../../support/stubs/wixStub';
import type { Workbench } from './workbench';

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

/** Waits for the input box titled `title` and answers it. */
export async function answerInput(wb: Workbench, title: string, value: string): Promise<void> {
  await wb.page.locator('.quick-input-widget', { hasText: title }).waitFor();
  await wb.answerInput(value);
}
