import vscode = require('vscode');
import {
  profileDisplayName, validateApiKey, validateAppId, validateAppSecret, validateLabel,
  type ForgetTarget, type StoreProfile,
} from '../../core/profiles';
import type { Problem, Result } from '../../core/result';
import { parsePublicKey } from '../../core/webhook/publicKey';
import { CommandIds } from '../commandIds';
import { registerCommands } from '../commands';
import { installCore } from '../lazyCore';
import { BACK, MultiStepInput } from '../connect/multiStepInput';
import { showProblem } from '../problems';
import type { Services } from '../services';

/** A public key is well under 4 KiB; a bigger file is clearly something else. */
const MAX_KEY_FILE_BYTES = 64 * 1024;

/** An input box's validateInput from a core validator: the Problem's message, or nothing. */
const validating = (validate: (input: string) => Result<unknown, Problem>) =>
  (input: string): string | undefined => {
    const r = validate(input);
    return r.ok ? undefined : r.error.message;
  };

/** Log a problem (its message is secret-free by contract) and show it with its fix. */
async function report(s: Services, problem: Problem): Promise<void> {
  s.log.warn(`${problem.kind}: ${problem.message}`);
  await showProblem(problem, s.redactor);
}

/**
 * Every credential save shows this one text: VS Code replaces a toast with an identical one, so
 * saves in a row (API key, app credentials, public key; or Add Store asking for them) leave one
 * toast, not a stack. What was saved goes to the log; the status bar's tooltip lists all of it.
 */
const credentialsSaved = (): string => vscode.l10n.t('Credentials saved in secret storage.');

/** Run a store operation; on failure show its problem (with the fix), else log what was saved. */
async function saved(s: Services, op: Promise<Result<unknown, Problem>>, logLine: string): Promise<boolean> {
  const r = await op;
  if (!r.ok) {
    await report(s, r.error);
    return false;
  }
  s.log.info(logLine);
  void vscode.window.showInformationMessage(credentialsSaved());
  return true;
}

/**
 * Read before asking: if secret storage cannot be read, say so before a person types a secret
 * that could not be kept anyway.
 */
async function readable<T>(s: Services, read: Promise<Result<T, Problem>>): Promise<{ value: T } | undefined> {
  const r = await read;
  if (r.ok) return { value: r.value };
  await report(s, r.error);
  return undefined;
}

async function setApiKey(s: Services): Promise<void> {
  const current = await readable(s, s.profiles.getApiKey());
  if (!current) return;
  const key = await vscode.window.showInputBox({
    title: vscode.l10n.t('API2Cart API Key'),
    prompt: vscode.l10n.t('Your API2Cart account API key. It is kept in VS Code\'s secret storage.'),
    placeHolder: current.value !== undefined ? vscode.l10n.t('A key is saved; enter a new one to replace it') : undefined,
    password: true, ignoreFocusOut: true, validateInput: validating(validateApiKey),
  });
  if (key === undefined) return;
  await saved(s, s.profiles.setApiKey(key), vscode.l10n.t('API2Cart API key saved.'));
}

/** Two steps in one input, with VS Code's own step counter (1/2) and Back, as Connect Wix Store's. */
async function setAppCredentials(s: Services): Promise<void> {
  const current = await readable(s, s.profiles.getAppId());
  if (!current) return;
  const input = new MultiStepInput();
  const title = (name: string) => `${vscode.l10n.t('Wix App Credentials')}: ${name}`;
  try {
    let appId = current.value;
    for (;;) {
      const id = await input.input({
        title: title(vscode.l10n.t('App ID')), position: { step: 1, totalSteps: 2 },
        prompt: vscode.l10n.t('In the Wix app dashboard: Develop → OAuth → App ID'),
        value: appId, placeholder: '00000000-0000-0000-0000-000000000000', validate: validating(validateAppId),
      });
      if (id === undefined || id === BACK) return;
      appId = id;
      const secret = await input.input({
        title: title(vscode.l10n.t('App Secret Key')), position: { step: 2, totalSteps: 2 },
        prompt: vscode.l10n.t('Develop → OAuth → App Secret Key. It is kept in VS Code\'s secret storage.'),
        password: true, validate: validating(validateAppSecret),
      });
      if (secret === undefined) return;
      if (secret === BACK) continue;
      await saved(s, s.profiles.setAppCredentials(appId, secret), vscode.l10n.t('Wix App ID and App Secret Key saved.'));
      return;
    }
  } finally {
    input.dispose();
  }
}

type KeySource = 'paste' | 'clipboard' | 'file';

/** The key's text, a problem to show, or undefined when the person cancelled. */
type KeyText = { text: string } | { problem: Problem } | undefined;

const keyFileProblem = (message: string): { problem: Problem } => ({ problem: { kind: 'public-key-file', message, fix: 'setPublicKey' } });

async function readKeyFile(): Promise<KeyText> {
  const picked = await vscode.window.showOpenDialog({
    title: vscode.l10n.t('Webhook public key file'), canSelectMany: false, canSelectFolders: false,
    filters: { [vscode.l10n.t('Keys')]: ['pem', 'pub', 'key', 'txt'], [vscode.l10n.t('All files')]: ['*'] },
  });
  const file = picked?.[0];
  if (!file) return undefined;
  try {
    if ((await vscode.workspace.fs.stat(file)).size > MAX_KEY_FILE_BYTES) {
      return keyFileProblem(vscode.l10n.t('That file is too large to be a public key. Choose the .pem file with the webhook public key.'));
    }
    return { text: new TextDecoder().decode(await vscode.workspace.fs.readFile(file)) };
  } catch {
    return keyFileProblem(vscode.l10n.t('That file could not be read. Choose the .pem file with the webhook public key.'));
  }
}

async function readPublicKeyText(source: KeySource): Promise<KeyText> {
  if (source === 'clipboard') return { text: await vscode.env.clipboard.readText() };
  if (source === 'file') return readKeyFile();
  const text = await vscode.window.showInputBox({
    title: vscode.l10n.t('Webhook Public Key'),
    prompt: vscode.l10n.t('Paste the key from Develop → Webhooks → Get Public Key (PEM, on one line is fine, or base64)'),
    placeHolder: '-----BEGIN PUBLIC KEY----- MIIBIjANBg… -----END PUBLIC KEY-----',
    ignoreFocusOut: true, validateInput: validating(parsePublicKey),
  });
  return text === undefined ? undefined : { text };
}

async function setPublicKey(s: Services): Promise<void> {
  const source = await vscode.window.showQuickPick<vscode.QuickPickItem & { source: KeySource }>([
    { label: vscode.l10n.t('$(edit) Paste it into an input box'), source: 'paste' },
    { label: vscode.l10n.t('$(clippy) Read it from the clipboard'), source: 'clipboard' },
    { label: vscode.l10n.t('$(file) Read it from a file…'), source: 'file' },
  ], { title: vscode.l10n.t('Webhook Public Key'), placeHolder: vscode.l10n.t('Where is the key?'), ignoreFocusOut: true });
  if (!source) return;
  const key = await readPublicKeyText(source.source);
  if (key === undefined) return;
  if ('problem' in key) return report(s, key.problem);
  // The service parses and normalises the key (PEM, PEM flattened onto one line, base64).
  await saved(s, s.profiles.setPublicKey(key.text),
    vscode.l10n.t('Webhook public key saved: webhooks will be verified with it.'));
}

async function setInstanceId(s: Services): Promise<void> {
  const appId = await s.profiles.getAppId();
  // A bare ID, or the whole address the browser shows after the install (its appId must match).
  const read = (text: string) => installCore().readInstanceIdInput(text, appId.ok ? appId.value : undefined);
  const typed = await vscode.window.showInputBox({
    title: vscode.l10n.t('Instance ID'),
    prompt: vscode.l10n.t('The site\'s Instance ID, or the whole address the browser shows after the install'),
    placeHolder: '00000000-0000-0000-0000-000000000000',
    ignoreFocusOut: true, validateInput: validating(read),
  });
  if (typed === undefined) return;
  const taken = read(typed);
  if (!taken.ok) return report(s, taken.error);
  const instanceId = taken.value.instanceId;
  if (taken.value.from === 'address') s.log.info(`Set Instance ID: ${instanceId} taken from the pasted address`);
  const existing = await readable(s, s.profiles.getProfile(instanceId));
  if (!existing) return;
  const label = await vscode.window.showInputBox({
    title: vscode.l10n.t('Store label (optional)'),
    prompt: existing.value
      ? vscode.l10n.t('A name for this store in VS Code. Leave empty to keep the current one.')
      : vscode.l10n.t('A name for this store in VS Code, e.g. the site name. Leave empty to skip.'),
    value: existing.value?.label,
    ignoreFocusOut: true, validateInput: validating(validateLabel),
  });
  if (label === undefined) return;
  const r = await s.profiles.upsertProfileByInstanceId(instanceId, { label: label || undefined, activate: true });
  if (!r.ok) return report(s, r.error);
  const name = profileDisplayName(r.value.profile);
  const from = taken.value.from === 'address' ? vscode.l10n.t('Instance ID taken from the address. ') : '';
  const message = from + (r.value.created
    ? vscode.l10n.t('Store "{0}" created and made active.', name)
    : vscode.l10n.t('Store "{0}" updated and made active.', name));
  s.log.info(message);
  const next = vscode.l10n.t('Add Store to API2Cart');
  // Not awaited: the command is done once the store is saved (Add Store runs it and goes on).
  void vscode.window.showInformationMessage(message, ...(r.value.profile.hasStoreKey ? [] : [next])).then(choice => {
    if (choice === next) void vscode.commands.executeCommand(CommandIds.addStore);
  });
}

function describeProfile(p: StoreProfile): string {
  const state = p.removed ? vscode.l10n.t('app removed') : p.hasStoreKey ? vscode.l10n.t('connected') : vscode.l10n.t('not added yet');
  return `${p.instanceId} · ${state}`;
}

async function switchStore(s: Services): Promise<void> {
  const [list, active] = await Promise.all([s.profiles.listProfiles(), s.profiles.getActiveProfile()]);
  if (!list.ok) return report(s, list.error);
  if (list.value.length === 0) {
    const add = vscode.l10n.t('Set Instance ID…');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('No stores yet. A store is created from an App Installed webhook or by setting its Instance ID.'), add);
    if (choice === add) await vscode.commands.executeCommand(CommandIds.setInstanceId);
    return;
  }
  const activeId = active.ok ? active.value?.id : undefined;
  const picked = await vscode.window.showQuickPick(
    list.value.map(p => ({
      label: `${p.id === activeId ? '$(check) ' : ''}${profileDisplayName(p)}`,
      description: p.siteUrl, detail: describeProfile(p), profile: p,
    })),
    { title: vscode.l10n.t('Switch Store'), placeHolder: vscode.l10n.t('The store the other commands work on'), matchOnDetail: true });
  if (!picked) return;
  const r = await s.profiles.setActiveProfile(picked.profile.id);
  if (!r.ok) return report(s, r.error);
  const message = vscode.l10n.t('Active store: {0}', profileDisplayName(r.value));
  s.log.info(message);
  void vscode.window.showInformationMessage(message);
}

async function forgetCredentials(s: Services): Promise<void> {
  const items = await s.profiles.storedItems();
  if (!items.ok) return report(s, items.error);
  if (items.value.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nothing is stored.'));
    return;
  }
  const picked = await vscode.window.showQuickPick(
    items.value.map(i => ({ label: `${i.secret ? '$(lock) ' : ''}${i.label}`, detail: i.detail, target: i.target })),
    { title: vscode.l10n.t('Forget Credentials'), placeHolder: vscode.l10n.t('Tick what to delete from secret storage'), canPickMany: true });
  if (!picked || picked.length === 0) return;
  const everything = picked.length === items.value.length;
  const confirm = vscode.l10n.t('Forget');
  const answer = await vscode.window.showWarningMessage(
    everything ? vscode.l10n.t('Forget everything the extension stored?')
      : vscode.l10n.t('Forget {0} item(s)?', picked.length),
    { modal: true, detail: picked.map(p => p.label.replace('$(lock) ', '')).join('\n') }, confirm);
  if (answer !== confirm) return;
  const targets: ForgetTarget[] = picked.map(p => p.target);
  const r = everything ? await s.profiles.forgetAll() : await s.profiles.forget(targets);
  if (!r.ok) return report(s, r.error);
  const message = everything ? vscode.l10n.t('Everything the extension stored was forgotten.') : vscode.l10n.t('Forgotten: {0}.', picked.length);
  s.log.info(message);
  void vscode.window.showInformationMessage(message);
}

export function registerCredentialCommands(s: Services): vscode.Disposable[] {
  const run = (title: string, fn: (s: Services) => Promise<void>) => ({ title, run: () => fn(s) });
  return registerCommands(s.log, {
    [CommandIds.setApiKey]: run('Set API2Cart API Key', setApiKey),
    [CommandIds.setAppCredentials]: run('Set Wix App Credentials', setAppCredentials),
    [CommandIds.setPublicKey]: run('Set Webhook Public Key', setPublicKey),
    [CommandIds.setInstanceId]: run('Set Instance ID', setInstanceId),
    [CommandIds.switchStore]: run('Switch Store', switchStore),
    [CommandIds.forgetCredentials]: run('Forget Credentials', forgetCredentials),
  });
}
