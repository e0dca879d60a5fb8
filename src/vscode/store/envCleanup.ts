import { randomBytes } from 'node:crypto';
import vscode = require('vscode');
import { inspectEnvFile, nodeEnvWriteFs, removeEnvValue, writeEnvAtomically, type EnvTarget } from '../../core/envFile';
import { showProblem } from '../problems';
import type { Services } from '../services';
import { envFs } from './envFs';
import type { WorkspaceFacts } from './workspacePolicy';
import { ENV_FILE, refuseDirty, STORE_KEY_VARIABLE } from './writeEnvCommand';

const WHAT = 'Remove from .env';

/** A workspace folder's .env that still holds a removed store's key. */
export interface StaleEnv {
  readonly folder: vscode.WorkspaceFolder;
  readonly target: EnvTarget;
}

/**
 * The .env files (trusted, local folders only, as Write Store Key to .env writes them) whose
 * API2CART_STORE_KEY is still `storeKey`: a key API2Cart no longer accepts.
 */
export async function envFilesHolding(facts: WorkspaceFacts, storeKey: string): Promise<StaleEnv[]> {
  if (!facts.trusted) return [];
  const found = await Promise.all(facts.folders.filter((f) => f.uri.scheme === 'file').map(async (folder) => {
    const target = await inspectEnvFile(envFs, folder.uri.fsPath, ENV_FILE);
    return target.ok && removeEnvValue(target.value.text, STORE_KEY_VARIABLE, storeKey).removed > 0 ? [{ folder, target: target.value }] : [];
  }));
  return found.flat();
}

/**
 * After a confirm, takes the removed key's line (and the comment written with it) out of each
 * .env, looking at the file again just before writing; temp file and rename, the mode kept.
 */
export async function removeKeyFromEnv(s: Services, stale: readonly StaleEnv[], storeKey: string, name: string): Promise<void> {
  const where = stale.map((e) => (stale.length > 1 ? `${e.folder.name}/${e.target.linkTarget ?? ENV_FILE}` : e.target.linkTarget ?? ENV_FILE)).join(', ');
  const remove = vscode.l10n.t('Remove from .env');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Remove {0} of "{1}" from {2}?', STORE_KEY_VARIABLE, name, where),
    { modal: true, detail: vscode.l10n.t('API2Cart no longer accepts this key. Only its line, and the comment written with it, are removed; every other line stays.') },
    remove);
  if (choice !== remove) {
    s.log.info(`${WHAT}: not confirmed; ${where} unchanged`);
    return;
  }
  let removed = 0;
  for (const { folder } of stale) {
    const now = await inspectEnvFile(envFs, folder.uri.fsPath, ENV_FILE);
    if (!now.ok) {
      void showProblem(now.error, s.redactor);
      continue;
    }
    if (await refuseDirty(s, now.value)) continue;
    const edit = removeEnvValue(now.value.text, STORE_KEY_VARIABLE, storeKey);
    if (edit.removed === 0) continue;
    try {
      await writeEnvAtomically(nodeEnvWriteFs, now.value, edit.text, randomBytes(6).toString('hex'));
      removed += 1;
      s.log.info(`${WHAT}: ${STORE_KEY_VARIABLE} of ${name} removed from ${now.value.displayPath} (${edit.removed} line(s))`);
    } catch {
      void showProblem({ kind: 'env-unwritable', message: vscode.l10n.t('{0} in "{1}" could not be written (permissions?); it still holds the removed key.', ENV_FILE, folder.name) }, s.redactor);
    }
  }
  if (removed > 0) void vscode.window.showInformationMessage(vscode.l10n.t('Removed {0} of "{1}" from {2}.', STORE_KEY_VARIABLE, name, where));
}
