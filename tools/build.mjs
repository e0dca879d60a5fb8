// Bundle the extension with esbuild.
//   dist/extension.js            activation code: commands, status bar, profiles (kept small)
//   dist/core-<feature>.js        heavy core parts (jose, undici), required on first use
//                                 through src/vscode/lazyCore.ts
//   dist/webview/<panel>.js       browser bundles for the webviews
// `--production` minifies and drops source maps (what `npm run package` ships).
// `--test-hooks` builds the integration tests' variant, whose activate() hands the tests its
// services (src/vscode/testHooks.ts); every other build compiles that code out.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import { writeRequestArtifacts } from './requestArtifacts.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const testHooks = process.argv.includes('--test-hooks');
// dist/ is wiped first, so a lazy bundle whose entry was removed cannot ship or load (build one
// thing at a time: a test run must not load dist/ while a build writes it).
fs.rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

const common = { bundle: true, minify: production, sourcemap: !production, logLevel: 'warning', legalComments: 'none' };
const host = { ...common, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'],
  define: { API2CART_WIX_TEST_HOOKS: String(testHooks) } };

/** The lazily loaded parts: name in dist → source entry. Keep in sync with src/vscode/lazyCore.ts (core-*) and the features' bundleLoader calls (feature-*). */
const lazyCoreBundles = {
  'core-webhook': 'src/core/webhook/index.ts',
  'core-connection': 'src/core/connection/index.ts',
  'core-requests': 'src/core/requests/index.ts',
  // VS Code-side feature code, also required on first use (vscode stays external).
  'feature-store': 'src/vscode/store/feature.ts',
  'feature-requests': 'src/vscode/requests/feature.ts',
  'core-permissions': 'src/core/permissions/index.ts',
  'core-install': 'src/core/install/index.ts',
  'feature-views': 'src/vscode/views/feature.ts',
  'feature-planner': 'src/vscode/scopePlanner/plannerController.ts',
};

const builds = [
  // Banner and footer time the bundle's own loading, so activate() can report it (npm run bench).
  { ...host, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist',
    banner: { js: 'let __api2cartWixLoadStart = performance.now(), __api2cartWixLoadEnd;' },
    footer: { js: '__api2cartWixLoadEnd = performance.now();' } },
  // jsonc-parser's "main" is a UMD build whose requires esbuild cannot follow; its ESM build bundles.
  { ...host, entryPoints: lazyCoreBundles, outdir: 'dist', mainFields: ['module', 'main'] },
  { ...common, platform: 'browser', format: 'iife', target: 'es2022',
    entryPoints: { scopePlanner: 'src/webview/scopePlanner/main.ts' }, outdir: 'dist/webview' },
];

// The request files' JSON schema and the runner's method catalogue, from the vendored spec.
await writeRequestArtifacts();

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  console.log('esbuild: watching');
} else {
  const t0 = performance.now();
  const results = await Promise.all(builds.map(b => esbuild.build({ ...b, metafile: true })));
  // Which sources went into which bundle: the integration layer reads it to prove that
  // dist/extension.js holds neither jose nor undici (not shipped: see .vscodeignore).
  const outputs = Object.assign({}, ...results.map(r => r.metafile.outputs));
  fs.writeFileSync(new URL('../dist/esbuild-meta.json', import.meta.url), JSON.stringify({ outputs }));
  console.log(`esbuild: bundled in ${Math.round(performance.now() - t0)} ms${production ? ' (production)' : ''}${testHooks ? ' (with test hooks)' : ''}`);
}
