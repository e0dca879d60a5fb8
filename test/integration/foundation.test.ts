import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, extensionApi, waitFor, type TestApi } from './support/extension';

describe('foundation', () => {
  let api: TestApi;

  before(async () => {
    // onStartupFinished: it activates by itself once the window is up.
    api = await extensionApi();
  });

  it('activates on startup and shows the status-bar item', async () => {
    const view = await waitFor(() => api.services.status.presentation, 'the status bar');
    assert.equal(view.state, 'not-set-up');
    assert.match(view.text, /API2Cart/);
  });

  // Not the extension's own list of loaded bundles: Node's module cache, and esbuild's record of
  // which sources each bundle holds. (This file runs first: see integrationTestFiles.)
  it('loads neither jose nor undici (the core-* bundles) to activate', () => {
    const dist = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist');
    const loaded = Object.keys(require.cache).filter((f) => f.startsWith(dist + path.sep));
    assert.ok(loaded.includes(path.join(dist, 'extension.js')), 'the module cache shows the extension bundle');
    assert.deepEqual(loaded.filter((f) => /[\\/]core-[^\\/]*\.js$/.test(f)), []);
    const meta = JSON.parse(fs.readFileSync(path.join(dist, 'esbuild-meta.json'), 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
    const inputs = (bundle: string) => Object.entries(meta.outputs).find(([out]) => out.endsWith(bundle))?.[1].inputs ?? {};
    const heavy = (bundle: string) => Object.keys(inputs(bundle)).filter((f) => /node_modules\/(jose|undici)\//.test(f));
    assert.deepEqual(heavy('dist/extension.js'), [], 'dist/extension.js bundles jose or undici');
    // Each wrapped require of vscode copies the whole API at load (see the layout test).
    assert.doesNotMatch(fs.readFileSync(path.join(dist, 'extension.js'), 'utf8'), /\w\(require\("vscode"\)\)/, 'dist/extension.js wraps require("vscode")');
    // The check can fail: the lazy bundles do hold them.
    assert.ok(heavy('dist/core-webhook.js').some((f) => f.includes('jose')) && heavy('dist/core-connection.js').some((f) => f.includes('undici')));
  });

  it('registers every command in contributes.commands', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = (manifest.contributes.commands as { command: string }[])
      .map(c => c.command).filter(c => !registered.has(c));
    assert.deepEqual(missing, []);
  });

  it('round-trips a value through SecretStorage and reports the change', async () => {
    const key = 'api2cartWix.test.roundTrip';
    const changed = new Promise<string>(resolve => {
      const sub = api.secrets.onDidChange(e => { if (e.key === key) { sub.dispose(); resolve(e.key); } });
    });
    await api.secrets.store(key, 'round-trip-value');
    assert.equal(await changed, key);
    assert.equal(await api.secrets.get(key), 'round-trip-value');
    await api.secrets.delete(key);
    assert.equal(await api.secrets.get(key), undefined);
  });
});
