import { strict as assert } from 'node:assert';
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

  it('loads neither jose nor undici (the core-* bundles) to activate', () => {
    assert.deepEqual(api.activation.coreBundlesLoaded, []);
    console.log(`      activation: load ${api.activation.loadMs?.toFixed(1)} ms + activate() ${api.activation.activateMs.toFixed(1)} ms`);
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
