import * as path from 'node:path';

// The heavy core parts (jose, undici) are separate bundles next to dist/extension.js, required
// on first use so activation stays cheap. tools/build.mjs names them; the types come from source.
type WebhookCore = typeof import('../core/webhook');
type ConnectionCore = typeof import('../core/connection');
type RequestsCore = typeof import('../core/requests');
type StoreFeature = typeof import('./store/feature');
type RequestsFeature = typeof import('./requests/feature');
type PermissionsCore = typeof import('../core/permissions');
type ViewsFeature = typeof import('./views/feature');

const loaded = new Map<string, unknown>();

function load<T>(bundle: string): T {
  let mod = loaded.get(bundle);
  if (!mod) {
    mod = require(path.join(__dirname, `${bundle}.js`)) as T;
    loaded.set(bundle, mod);
  }
  return mod as T;
}

export const webhookCore = (): WebhookCore => load('core-webhook');
export const connectionCore = (): ConnectionCore => load('core-connection');
export const requestsCore = (): RequestsCore => load('core-requests');
// VS Code-side code of features used now and then: also out of the activation bundle.
export const storeFeature = (): StoreFeature => load('feature-store');
export const requestsFeature = (): RequestsFeature => load('feature-requests');
export const permissionsCore = (): PermissionsCore => load('core-permissions');
// The sidebar's trees: loaded when a view is first shown.
export const viewsFeature = (): ViewsFeature => load('feature-views');

/** Which heavy bundles have been loaded so far (the activation test checks none is). */
export const loadedCoreBundles = (): string[] => [...loaded.keys()];
