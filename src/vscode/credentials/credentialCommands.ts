import * as vscode from 'vscode';
import {
  profileDisplayName, validateApiKey, validateAppId, validateAppSecret, validateInstanceId, validateLabel,
  type ForgetTarget, type StoreProfile,
} from '../../core/profiles';
import type { Problem, Result } from '../../core/result';
import { parsePublicKey } from '../../core/webhook/publicKey';
import { CommandIds } from '../commandIds';
import { showProblem } from '../problems';
import type { Services } from '../services';

/** An input box's validateInput from a core validator: the Problem's message, or nothing. */
const validating = (validate: (input: string) => Result<unknown, Problem>) =>
  (input: string): string | undefined => {
    const r = validate(input);
    return r.ok ? undefined : r.error.message;
  };

/** Run a store operation; on failure show its problem (with the fix) and say so. */
async function saved(s: Services, op: Promise<Result<unknown, Problem>>, message: string): Promise<boolean> {
  const r = await op;
  if (!r.ok) {
    await showProblem(r.error, s.redactor);
    return false;
  }
  void vscode.window.showInformationMessage(message);
  return true;
}

async function setApiKey(s: Services): Promise<void> {
  const key = await vscode.window.showInputBox({
    title: vscode.l10n.t('API2Cart API Key'),
    prompt: vscode.l10n.t('Your API2Cart account API key. It is kept in VS Code\'s secret storage.'),
    password: true, ignoreFocusOut: true, validateInput: validating(validateApiKey),
  });
  if (key === undefined) return;
  await saved(s, s.profiles.setApiKey(key), vscode.l10n.t('API2Cart API key saved.'));
}

async function setAppCredentials(s: Services): Promise<void> {
  const current = await s.profiles.getAppId();
  const appId = await vscode.window.showInputBox({
    title: vscode.l10n.t('Wix App Credentials (1/2): App ID'),
    prompt: vscode.l10n.t('In the Wix app dashboard: Develop → OAuth → App ID'),
    value: current.ok ? current.value : undefined,
    placeHolder: '00000000-0000-0000-0000-000000000000',
    ignoreFocusOut: true, validateInput: validating(validateAppId),
  });
  if (appId === undefined) return;
  const secret = await vscode.window.showInputBox({
    title: vscode.l10n.t('Wix App Credentials (2/2): App Secret Key'),
    prompt: vscode.l10n.t('Develop → OAuth → App Secret Key. It is kept in VS Code\'s secret storage.'),
    password: true, ignoreFocusOut: true, validateInput: validating(validateAppSecret),
  });
  if (secret === undefined) return;
  await saved(s, s.profiles.setAppCredentials(appId, secret), vscode.l10n.t('Wix App ID and App Secret Key saved.'));
}

type KeySource = 'paste' | 'clipboard' | 'file';

async function readPublicKeyText(source: KeySource): Promise<string | undefined> {
  if (source === 'clipboard') return vscode.env.clipboard.readText();
  if (source === 'file') {
    const picked = await vscode.window.showOpenDialog({
      title: vscode.l10n.t('Webhook public key file'), canSelectMany: false,
      filters: { [vscode.l10n.t('Keys')]: ['pem', 'pub', 'key', 'txt'], [vscode.l10n.t('All files')]: ['*'] },
    });
    if (!picked?.[0]) return undefined;
    const bytes = await vscode.workspace.fs.stat(picked[0]).then(st => st.size);
    // A public key is well under 4 KiB; refuse to read something that clearly is not one.
    if (bytes > 64 * 1024) return '';
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(picked[0]));
  }
  return vscode.window.showInputBox({
    title: vscode.l10n.t('Webhook Public Key'),
    prompt: vscode.l10n.t('Paste the key from Develop → Webhooks → Get Public Key (PEM, on one line is fine, or base64)'),
    placeHolder: '-----BEGIN PUBLIC KEY----- MIIBIjANBg… -----END PUBLIC KEY-----',
    ignoreFocusOut: true, validateInput: validating(parsePublicKey),
  });
}

async function setPublicKey(s: Services): Promise<void> {
  const source = await vscode.window.showQuickPick<vscode.QuickPickItem & { source: KeySource }>([
    { label: vscode.l10n.t('$(edit) Paste it into an input box'), source: 'paste' },
    { label: vscode.l10n.t('$(clippy) Read it from the clipboard'), source: 'clipboard' },
    { label: vscode.l10n.t('$(file) Read it from a file…'), source: 'file' },
  ], { title: vscode.l10n.t('Webhook Public Key'), placeHolder: vscode.l10n.t('Where is the key?'), ignoreFocusOut: true });
  if (!source) return;
  const text = await readPublicKeyText(source.source);
  if (text === undefined) return;
  // The service parses and normalises the key (PEM, PEM flattened onto one line, base64).
  await saved(s, s.profiles.setPublicKey(text),
    vscode.l10n.t('Webhook public key saved: webhooks will be verified with it.'));
}

async function setInstanceId(s: Services): Promise<void> {
  const instanceId = await vscode.window.showInputBox({
    title: vscode.l10n.t('Instance ID'),
    prompt: vscode.l10n.t('The Wix site\'s instance id for your app (from the App Installed webhook)'),
    placeHolder: '00000000-0000-0000-0000-000000000000',
    ignoreFocusOut: true, validateInput: validating(validateInstanceId),
  });
  if (instanceId === undefined) return;
  const label = await vscode.window.showInputBox({
    title: vscode.l10n.t('Store label (optional)'),
    prompt: vscode.l10n.t('A name for this store in VS Code, e.g. the site name. Leave empty to skip.'),
    ignoreFocusOut: true, validateInput: validating(validateLabel),
  });
  if (label === undefined) return;
  const r = await s.profiles.upsertProfileByInstanceId(instanceId, { label: label || undefined, activate: true });
  if (!r.ok) return showProblem(r.error, s.redactor);
  const name = profileDisplayName(r.value.profile);
  const next = vscode.l10n.t('Add Store to API2Cart');
  const choice = await vscode.window.showInformationMessage(
    r.value.created ? vscode.l10n.t('Store "{0}" created and made active.', name) : vscode.l10n.t('Store "{0}" updated and made active.', name),
    next);
  if (choice === next) await vscode.commands.executeCommand(CommandIds.addStore);
}

function describeProfile(p: StoreProfile): string {
  const state = p.removed ? vscode.l10n.t('app removed') : p.hasStoreKey ? vscode.l10n.t('connected') : vscode.l10n.t('not added yet');
  return `${p.instanceId} · ${state}`;
}

async function switchStore(s: Services): Promise<void> {
  const [list, active] = await Promise.all([s.profiles.listProfiles(), s.profiles.getActiveProfile()]);
  if (!list.ok) return showProblem(list.error, s.redactor);
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
  if (!r.ok) return showProblem(r.error, s.redactor);
  void vscode.window.showInformationMessage(vscode.l10n.t('Active store: {0}', profileDisplayName(r.value)));
}

async function forgetCredentials(s: Services): Promise<void> {
  const items = await s.profiles.storedItems();
  if (!items.ok) return showProblem(items.error, s.redactor);
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
  if (!r.ok) return showProblem(r.error, s.redactor);
  void vscode.window.showInformationMessage(vscode.l10n.t('Forgotten.'));
}

export function registerCredentialCommands(s: Services): vscode.Disposable[] {
  const run = (fn: (s: Services) => Promise<void>) => () => fn(s);
  return [
    vscode.commands.registerCommand(CommandIds.setApiKey, run(setApiKey)),
    vscode.commands.registerCommand(CommandIds.setAppCredentials, run(setAppCredentials)),
    vscode.commands.registerCommand(CommandIds.setPublicKey, run(setPublicKey)),
    vscode.commands.registerCommand(CommandIds.setInstanceId, run(setInstanceId)),
    vscode.commands.registerCommand(CommandIds.switchStore, run(switchStore)),
    vscode.commands.registerCommand(CommandIds.forgetCredentials, run(forgetCredentials)),
  ];
}
