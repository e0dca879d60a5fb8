// `npm run bench`: the speed figures of issue 7, each beside a baseline measured in the same run.
// Needs the compiled tests (tsc) and the packaged bundles; run through `npm run bench`.
import { runTests } from '@vscode/test-electron';
import esbuild from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { benchExitCode, failedBudgets, formatBenchTable } from './lib/benchTable.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);
const micro = require(path.join(root, 'out/test/bench/micro.js'));
const sidebar = require(path.join(root, 'out/test/bench/sidebar.js'));
const t0 = Date.now();
const rows = [];
const kb = n => `${(n / 1024).toFixed(1)} KiB`;

// 1. Activation in the real VS Code (code-server's extension host).
{
  const out = path.join(os.tmpdir(), `api2cart-wix-bench-${process.pid}.json`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'api2cart-wix-bench-'));
  process.env.VSCODE_WEB_TEST_TIMEOUT ??= '300';
  await runTests({
    vscodeExecutablePath: path.join(root, 'tools/code-shim'), extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out/test/bench/activationProbe.js'),
    launchArgs: [profile, '--disable-extensions', `--user-data-dir=${profile}/ud`, `--extensions-dir=${profile}/ext`],
    // The shipped bundle, as `npm run package` built it: its figures come from its own log line.
    extensionTestsEnv: { API2CART_WIX_BENCH_OUT: out, API2CART_WIX_BENCH_LOGS: profile },
  }).catch(e => { console.error(e); process.exit(1); });
  const a = JSON.parse(fs.readFileSync(out, 'utf8'));
  fs.rmSync(out); fs.rmSync(profile, { recursive: true, force: true });
  // VS Code's own part (creating the ExtensionContext, its storage) is not counted; ours is
  // reading, compiling and evaluating the bundle, then the activate() call.
  const total = a.requireOurs + a.activateMs;
  rows.push({ name: 'activation: require() of dist/extension.js', value: `${a.requireOurs.toFixed(1)} ms`, baseline: `${a.requireEmpty.toFixed(2)} ms (empty extension)` });
  rows.push({ name: 'activation: activate() call', value: `${a.activateMs.toFixed(1)} ms`, baseline: `${a.emptyExtension.toFixed(2)} ms (empty extension)` });
  rows.push({ name: 'activation: total (require + activate)', value: `${total.toFixed(1)} ms`, baseline: `${(a.requireEmpty + a.emptyExtension).toFixed(2)} ms (empty extension)`, budget: '≤ 15 ms (issue 20)', pass: total <= 15 });
  rows.push({ name: 'heavy bundles loaded at activation', value: a.coreBundlesLoaded.length ? a.coreBundlesLoaded.join(', ') : 'none', baseline: 'core-webhook (jose), core-connection (undici)', budget: 'none', pass: a.coreBundlesLoaded.length === 0 });
}

// 2. Bundle sizes: what activation loads, against everything in one bundle (no lazy split).
{
  const size = f => fs.statSync(path.join(root, 'dist', f)).size;
  const oneBundle = await esbuild.build({ entryPoints: [path.join(root, 'test/bench/allInOne.ts')], bundle: true, minify: true,
    platform: 'node', format: 'cjs', external: ['vscode'], write: false, logLevel: 'silent' });
  rows.push({ name: 'host bundle loaded at activation', value: kb(size('extension.js')), baseline: `${kb(oneBundle.outputFiles[0].contents.length)} (all in one bundle)` });
  rows.push({ name: 'lazy bundles (core-webhook + core-connection)', value: `${kb(size('core-webhook.js'))} + ${kb(size('core-connection.js'))}`, baseline: 'loaded on first use' });
  rows.push({ name: 'lazy bundle core-permissions', value: kb(size('core-permissions.js')), baseline: 'loaded on the first check' });
  rows.push({ name: 'webview bundle (scope planner)', value: kb(size('webview/scopePlanner.js')), baseline: `${kb(fs.statSync(path.join(root, 'media/scopePlanner.css')).size)} CSS` });
  rows.push({ name: 'lazy bundle core-requests (request files)', value: kb(size('core-requests.js')), baseline: `${kb(size('api2cart-methods.json'))} method catalogue`, budget: 'loaded on first use' });
  rows.push({ name: 'lazy bundles (feature-store + feature-requests)', value: `${kb(size('feature-store.js'))} + ${kb(size('feature-requests.js'))}`, baseline: 'VS Code side of the store and request commands', budget: 'loaded on first use' });
  rows.push({ name: 'lazy bundle feature-views (the sidebar\'s trees)', value: kb(size('feature-views.js')), baseline: 'loaded when a view is first shown', budget: 'loaded on first use' });
  const schema = size('api2cart-request.schema.json');
  rows.push({ name: 'request-file JSON schema (jsonValidation)', value: kb(schema), baseline: `${kb(fs.statSync(path.join(root, 'spec/api2cart-openapi.json')).size)} (whole spec)`, budget: '≤ 300 KiB', pass: schema <= 300 * 1024 });
}

// 3–6. Pure Node figures.
for (const r of [...await micro.benchJwt(), ...await micro.benchReceiver(), await micro.benchScopes(), await micro.benchStoreAdd(), await micro.benchAnswer(), await micro.benchRun()]) {
  // A row that sets `pass` judges itself; a plain "≤ 1.5×" budget is judged on its ratio.
  rows.push({ ...r, pass: r.pass ?? (r.budget?.startsWith('≤ 1.5×') ? r.ratio <= 1.5 : undefined) });
}
// The receiver under abuse: Wix's deadline and the memory it may grow (out of the unit layer).
rows.push(...await require(path.join(root, 'out/test/bench/abuse.js')).benchReceiverAbuse());
// 7. Permission probes: their own budgets (see benchPermissions).
rows.push(...await micro.benchPermissions());
// 8. The install link's /installed page while the receiver serves a webhook flood.
rows.push(...await require(path.join(root, 'out/test/bench/installedPage.js')).benchInstalledPage());
// 8. The sidebar (issue 20).
rows.push(sidebar.benchStoresView(), await sidebar.benchCredentialsUpdate());

console.log(`\n${formatBenchTable(rows)}`);
console.log(`\nbench finished in ${((Date.now() - t0) / 1000).toFixed(0)} s (${os.cpus().length} cores)`);
const failed = failedBudgets(rows);
if (failed.length) console.log(`${failed.length} budget(s) not met (✘): ${failed.map(r => r.name).join('; ')}`);
process.exit(benchExitCode(rows));
