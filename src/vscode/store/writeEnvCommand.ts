import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import vscode = require('vscode');
import {
  addGitignoreEntries,
  gitIgnoreStatus,
  gitignoreListsAll,
  gitignoreListsName,
  inspectEnvFile,
  nodeEnvWriteFs,
  sameEnvTarget,
  storeKeysEdit,
  writeEnvAtomically,
  type EnvTarget,
  type GitIgnoreStatus,
  type GitRunner,
} from '../../core/envFile';
import type { Problem } from '../../core/result';
import { showPrerequisite } from '../connection/connectionSupport';
import { showProblem } from '../problems';
import type { Services } from '../services';
import { connectedStore } from './connectedStore';
import { envFs } from './envFs';
import { refuseUntrusted, type WorkspaceFacts } from './workspacePolicy';

const WHAT = 'Write Store Key to .env';
export const ENV_FILE = '.env';
export const STORE_KEY_VARIABLE = 'API2CART_STORE_KEY';
export const API_KEY_VARIABLE = 'API2CART_API_KEY';
const GIT_TIMEOUT_MS = 10_000;

/** git through child_process: VS Code's git extension may be off (git.enabled: false) or absent. */
const runGit: GitRunner = (args, cwd) =>
  new Promise((resolve) => {
    execFile('git', [...args], { cwd, timeout: GIT_TIMEOUT_MS, windowsHide: true, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } }, (error, stdout, stderr) => {
      if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') return resolve('no-git');
      const code = error ? (typeof error.code === 'number' ? error.code : 128) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });

interface FolderItem extends vscode.QuickPickItem {
  readonly folder: vscode.WorkspaceFolder;
}

interface VariableItem extends vscode.QuickPickItem {
  readonly variable: string;
}

async function pickFolder(folders: readonly vscode.WorkspaceFolder[]): Promise<vscode.WorkspaceFolder | undefined> {
  if (folders.length <= 1) return folders[0];
  const picked = await vscode.window.showQuickPick<FolderItem>(
    folders.map((folder) => ({ label: folder.name, description: folder.uri.scheme === 'file' ? folder.uri.fsPath : folder.uri.toString(), folder })),
    { title: vscode.l10n.t('Write Store Key to .env'), placeHolder: vscode.l10n.t('Which workspace folder\'s .env?') },
  );
  return picked?.folder;
}

async function pickVariables(name: string): Promise<string[] | undefined> {
  const picked = await vscode.window.showQuickPick<VariableItem>(
    [
      { label: STORE_KEY_VARIABLE, description: vscode.l10n.t('the store key of "{0}"', name), picked: true, variable: STORE_KEY_VARIABLE },
      { label: API_KEY_VARIABLE, description: vscode.l10n.t('your API2Cart API key, too'), picked: false, variable: API_KEY_VARIABLE },
    ],
    { title: vscode.l10n.t('Write Store Key to .env'), placeHolder: vscode.l10n.t('Tick what to write, then press Enter'), canPickMany: true },
  );
  return picked && picked.length > 0 ? picked.map((item) => item.variable) : undefined;
}

const problem = (kind: string, message: string): Problem => ({ kind, message });

/** Whether .gitignore in the folder lists .env and a link's target: the fallback when git cannot tell. */
async function gitignoreLists(folder: string, gitPaths: readonly string[]): Promise<boolean> {
  const text = await fsp.readFile(path.join(folder, '.gitignore'), 'utf8').catch(() => '');
  return gitignoreListsAll(text, gitPaths);
}

function offerText(status: GitIgnoreStatus, folderName: string): string {
  switch (status.state) {
    case 'no-repo':
      return vscode.l10n.t('"{0}" is not in a git repository yet, and its .gitignore does not list .env: once it is, git would commit the key. Add .env to .gitignore and write the key?', folderName);
    case 'unchecked':
      return vscode.l10n.t('Git could not be asked whether it ignores .env in "{0}" ({1}), and its .gitignore does not list .env. Add .env to .gitignore and write the key?', folderName, status.reason);
    default:
      return vscode.l10n.t('Git does not ignore {0} in "{1}", so the key could be committed. Add .env to .gitignore and write the key?', status.state === 'not-ignored' ? status.path : ENV_FILE, folderName);
  }
}

interface IgnoreCheck {
  readonly safe: boolean;
  readonly addedToGitignore: boolean;
  /** Who said the paths are ignored: git itself, or .gitignore's text (outside a repository, or git could not be asked). */
  readonly basis?: 'git' | 'no-repo' | 'unchecked';
}

/** Is the key safe from commits? Asks to add .env to .gitignore when not; false means write nothing. */
async function ensureIgnored(s: Services, folder: vscode.WorkspaceFolder, gitPaths: readonly string[]): Promise<IgnoreCheck> {
  const refused = { safe: false, addedToGitignore: false };
  const dir = folder.uri.fsPath;
  const status = await gitIgnoreStatus(runGit, dir, gitPaths);
  s.log.info(`${WHAT}: git says ${status.state}${status.state === 'unchecked' ? ` (${status.reason})` : ''}`);
  if (status.state === 'ignored') return { safe: true, addedToGitignore: false, basis: 'git' };
  if (status.state === 'tracked') {
    void showProblem(problem('env-tracked', vscode.l10n.t(
      'Git already tracks {0} in "{1}", so a .gitignore entry cannot keep the key out of the next commit. Untrack it first (git rm --cached {0}); nothing was written.',
      status.path, folder.name)), s.redactor);
    return refused;
  }
  if ((status.state === 'no-repo' || status.state === 'unchecked') && (await gitignoreLists(dir, gitPaths))) return { safe: true, addedToGitignore: false, basis: status.state };

  const add = vscode.l10n.t('Add to .gitignore and Write');
  const choice = await vscode.window.showWarningMessage(offerText(status, folder.name), { modal: true }, add);
  if (choice !== add) {
    s.log.info(`${WHAT}: declined to add .env to .gitignore; nothing written`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Nothing was written: the key stays in secret storage.'));
    return refused;
  }
  const gitignore = path.join(dir, '.gitignore');
  const before = await fsp.readFile(gitignore, 'utf8').catch(() => '');
  // .env itself, and a link's target by its own path (".env" would not match it).
  const entries = gitPaths.filter((p) => !gitignoreListsName(before, p)).map((p) => (p === ENV_FILE ? ENV_FILE : `/${p}`));
  try {
    await fsp.writeFile(gitignore, addGitignoreEntries(before, entries, 'Local secrets (API2Cart keys)'));
  } catch {
    void showProblem(problem('gitignore-unwritable', vscode.l10n.t('.gitignore in "{0}" could not be written, so the key was not written either. Check the folder\'s permissions.', folder.name)), s.redactor);
    return refused;
  }
  // A rule such as "!.env" can still win: ask git again rather than trust the edit.
  const after = status.state === 'not-ignored' ? await gitIgnoreStatus(runGit, dir, gitPaths) : { state: 'ignored' as const };
  if (after.state !== 'ignored') {
    void showProblem(problem('env-still-not-ignored', vscode.l10n.t(
      '.env was added to .gitignore in "{0}", but git still does not ignore {1} (another rule overrides the new entry). Nothing was written.',
      folder.name, after.state === 'not-ignored' || after.state === 'tracked' ? after.path : ENV_FILE)), s.redactor);
    return { safe: false, addedToGitignore: true };
  }
  return { safe: true, addedToGitignore: true, basis: status.state === 'not-ignored' ? 'git' : status.state };
}

/** Unsaved edits of the file in an editor, opened by its own path, through the link, or by another link. */
export async function refuseDirty(s: Services, target: EnvTarget): Promise<boolean> {
  const real = (file: string) => fsp.realpath(file).catch(() => file);
  for (const doc of vscode.workspace.textDocuments) {
    if (!doc.isDirty || doc.uri.scheme !== 'file') continue;
    const file = doc.uri.fsPath;
    if (file === target.displayPath || file === target.writePath || (await real(file)) === target.writePath) {
      void showProblem(problem('env-dirty', vscode.l10n.t('{0} has unsaved changes in the editor. Save or revert them, then run the command again; nothing was written.', target.linkTarget ?? ENV_FILE)), s.redactor);
      return true;
    }
  }
  return false;
}

/**
 * Write Store Key to .env: the key leaves secret storage only into a .env that git ignores, in a
 * trusted, local workspace folder, with every other line of the file kept.
 */
export async function writeStoreKeyToEnvCommand(s: Services, facts: WorkspaceFacts): Promise<void> {
  if (!facts.trusted) return refuseUntrusted(vscode.l10n.t('Write Store Key to .env'));
  if (facts.folders.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder first: the .env is written into a workspace folder.'));
    return;
  }
  const store = await connectedStore(s, { withApiKey: false });
  if (!store.ok) return showPrerequisite(s, WHAT, store.error);
  const folder = await pickFolder(facts.folders);
  if (!folder) return;
  if (folder.uri.scheme !== 'file') {
    void showProblem(problem('env-virtual-folder', vscode.l10n.t(
      '"{0}" is a virtual folder ({1}): it has no file system that git could ignore a .env on, so the key is not written there. Use Copy Store Key instead, or open a local clone.',
      folder.name, folder.uri.scheme)), s.redactor);
    return;
  }
  const variables = await pickVariables(store.value.name);
  if (!variables) return;

  const target = await inspectEnvFile(envFs, folder.uri.fsPath, ENV_FILE);
  if (!target.ok) {
    s.log.warn(`${WHAT}: ${target.error.kind}`);
    void showProblem(target.error, s.redactor);
    return;
  }
  if (await refuseDirty(s, target.value)) return;
  const ignored = await ensureIgnored(s, folder, target.value.gitPaths);
  if (!ignored.safe) return;

  let apiKey: string | undefined;
  if (variables.includes(API_KEY_VARIABLE)) {
    const read = await s.profiles.getApiKey();
    if (!read.ok) return showPrerequisite(s, WHAT, read.error);
    if (read.value === undefined) return showPrerequisite(s, WHAT, { kind: 'no-api-key', message: vscode.l10n.t('No API2Cart API key is saved, so nothing was written. Set it, or untick API2CART_API_KEY.'), fix: 'setApiKey' });
    apiKey = read.value;
  }
  const values: Record<string, string> = { [STORE_KEY_VARIABLE]: store.value.storeKey, ...(apiKey !== undefined ? { [API_KEY_VARIABLE]: apiKey } : {}) };
  // The modal gave time for the file to change: look again, and edit what is there now.
  const now = await inspectEnvFile(envFs, folder.uri.fsPath, ENV_FILE);
  if (!now.ok || !sameEnvTarget(target.value, now.value)) {
    s.log.warn(`${WHAT}: ${ENV_FILE} changed while the command asked; nothing written`);
    void showProblem(now.ok ? problem('env-changed', vscode.l10n.t('{0} in "{1}" changed (created, removed or relinked) while the command was asking, so nothing was written. Run the command again.', ENV_FILE, folder.name)) : now.error, s.redactor);
    return;
  }
  if (await refuseDirty(s, now.value)) return;
  const written = storeKeysEdit(now.value.text, { label: store.value.name, assignments: variables.map((name) => ({ name, value: values[name]! })) });
  if (!written.ok) {
    void showProblem(problem('env-value-unreadable', vscode.l10n.t('{0} holds characters that a .env reader cannot read back unchanged (\' ` and " together, or a backslash at the end), so nothing was written. Use Copy Store Key instead.', written.unreadable)), s.redactor);
    return;
  }
  const edit = written.edit;
  try {
    await writeEnvAtomically(nodeEnvWriteFs, now.value, edit.text, randomBytes(6).toString('hex'));
  } catch {
    void showProblem(problem('env-unwritable', vscode.l10n.t('{0} in "{1}" could not be written (permissions?); the key stays in secret storage.', ENV_FILE, folder.name)), s.redactor);
    return;
  }
  s.log.info(`${WHAT}: ${variables.join(', ')} written to ${target.value.displayPath} (${edit.changes.map((c) => `${c.name} ${c.change}`).join(', ')})`);
  // The toast says what was written where, in two lines at most; what else changed goes to the log.
  const notes = [
    ...(ignored.addedToGitignore ? [vscode.l10n.t('.env was added to .gitignore.')] : []),
    ...(edit.changes.some((c) => c.change === 'replaced') ? [vscode.l10n.t('The earlier value was replaced; every other line was kept.')] : []),
    ...(edit.changes.every((c) => c.change === 'unchanged') ? [vscode.l10n.t('It already held this value.')] : []),
    ...(edit.changes.some((c) => c.duplicatesRemoved > 0) ? [vscode.l10n.t('Duplicate lines for the same variable were removed.')] : []),
    ...(edit.lineEnding === 'crlf' ? [vscode.l10n.t('The file keeps its Windows (CRLF) line endings.')] : []),
  ];
  if (notes.length > 0) s.log.info(`${WHAT}: ${notes.join(' ')}`);
  // "git ignores it" only when git said so.
  const gitNote = ignored.basis === 'git' ? vscode.l10n.t('git ignores it.')
    : ignored.basis === 'no-repo' ? vscode.l10n.t('its .gitignore lists it (no git repository).')
      : vscode.l10n.t('its .gitignore lists it (git could not be asked).');
  const open = vscode.l10n.t('Open .env');
  const where = facts.folders.length > 1 ? vscode.l10n.t('{0} in "{1}"', target.value.linkTarget ?? ENV_FILE, folder.name) : target.value.linkTarget ?? ENV_FILE;
  // Not awaited: the command is done once the file is written.
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Wrote {0} for "{1}" to {2}; {3}', variables.join(vscode.l10n.t(' and ')), store.value.name, where, gitNote), open)
    .then((choice) => {
      if (choice === open) void vscode.window.showTextDocument(vscode.Uri.file(target.value.writePath));
    });
}
