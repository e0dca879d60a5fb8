import * as path from 'node:path';

/**
 * The loader of one lazily loaded bundle next to dist/extension.js (tools/build.mjs lists them):
 * it requires the bundle on first call. Node's module cache keeps the one copy, so the loaders
 * hold no state, and a bundle that carries this file shares the same modules as the extension.
 * A feature declares its own: `const myFeature = bundleLoader<typeof import('./feature')>('feature-my')`.
 */
export function bundleLoader<T>(bundle: string): () => T {
  const file = path.join(__dirname, `${bundle}.js`);
  return () => require(file) as T;
}

/** The lazily loaded bundles (core-*, feature-*) required so far (the activation test checks none is). */
export function loadedBundles(): string[] {
  return Object.keys(require.cache)
    .filter((file) => path.dirname(file) === __dirname)
    .map((file) => path.basename(file, '.js'))
    .filter((name) => /^(?:core|feature)-/.test(name));
}
