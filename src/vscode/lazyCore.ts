import { bundleLoader, loadedBundles } from './bundles';

// The heavy core parts (jose, undici) are separate bundles next to dist/extension.js, required
// on first use so activation stays cheap. tools/build.mjs names them; the types come from source.
// Only core-* bundles here: src/core never imports back, so no type edge makes a circle. Each
// VS Code-side feature bundle declares its own loader beside its commands (see bundles.ts).
export const webhookCore = bundleLoader<typeof import('../core/webhook')>('core-webhook');
export const connectionCore = bundleLoader<typeof import('../core/connection')>('core-connection');
export const requestsCore = bundleLoader<typeof import('../core/requests')>('core-requests');
export const permissionsCore = bundleLoader<typeof import('../core/permissions')>('core-permissions');
export const installCore = bundleLoader<typeof import('../core/install')>('core-install');

/** Which heavy bundles have been loaded so far (the activation test checks none is). */
export const loadedCoreBundles = (): string[] => loadedBundles();
