import vscode = require('vscode');
import type { Disposable, SecretStore } from '../core/profiles';

/** The core SecretStore over VS Code's SecretStorage (OS keyring on desktop). */
export function secretStorageStore(secrets: vscode.SecretStorage): SecretStore {
  return {
    get: key => Promise.resolve(secrets.get(key)),
    store: (key, value) => Promise.resolve(secrets.store(key, value)),
    delete: key => Promise.resolve(secrets.delete(key)),
    onDidChange: (listener): Disposable => secrets.onDidChange(e => listener(e.key)),
    keys: () => Promise.resolve(secrets.keys()),
  };
}
