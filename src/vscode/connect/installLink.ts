import vscode = require('vscode');
import type { InstallStateStore, InstallTriple } from '../../core/install';
import { checkBaseUrl } from '../../core/http/baseUrl';
import { profileDisplayName } from '../../core/profiles';
import { CommandIds } from '../commandIds';
import { registerCommands } from '../commands';
import { installCore } from '../lazyCore';
import { guardedCommand, showProblem } from '../problems';
import type { Services } from '../services';
import { readSettings, SETTINGS_SECTION } from '../settings';
import type { ReceiverController } from '../webhook/receiverController';

// Not a secret: a pasted share link is kept per App ID in global state.
const SHARE_LINKS_KEY = 'api2cartWix.installShareLinks';

/** A built install link and the redirect it carries. */
export interface InstallLink {
  readonly link: string;
  /** The redirect page the installer sends the browser back to. */
  readonly redirect: string;
}

/**
 * The install link (Open Install Link, and Connect Wix Store's first way): Wix's installer with
 * `postInstallationUrl` pointing at the receiver's `/installed/<state>` page. The browser that
 * installs the app hands the Instance ID back there: no tunnel, no webhook subscription.
 */
export class InstallLinks {
  private states: InstallStateStore | undefined;
  /** Someone waiting (Connect Wix Store); true means "mine". */
  private readonly waiters = new Set<(triple: InstallTriple) => boolean>();

  constructor(private readonly s: Services, private readonly receiver: ReceiverController) {
    receiver.installedHandler = (state, query) => this.onRedirect(state, query);
  }

  /** See each taken redirect first until disposed. */
  wait(waiter: (triple: InstallTriple) => boolean): vscode.Disposable {
    this.waiters.add(waiter);
    return { dispose: () => void this.waiters.delete(waiter) };
  }

  /** Builds a fresh link (starting the receiver if needed); undefined after showing why not. */
  async build(): Promise<InstallLink | undefined> {
    const { s } = this;
    const appId = await s.profiles.getAppId();
    if (!appId.ok) return void showProblem(appId.error, s.redactor);
    if (!appId.value) {
      return void showProblem({ kind: 'no-app-id', message: vscode.l10n.t('The install link needs the app\'s App ID (Develop → OAuth): set the Wix app credentials first.'), fix: 'setAppCredentials' }, s.redactor);
    }
    const installer = checkBaseUrl(`${SETTINGS_SECTION}.wix.installerUrl`, readSettings().wixInstallerUrl);
    if (!installer.ok) return void showProblem(installer.error, s.redactor);
    const address = await this.receiver.ensureRunning({ quiet: true });
    if (!address) return undefined;
    const core = installCore();
    this.states ??= core.createInstallStateStore();
    const local = core.installedPageUrl(address.local, this.states.issue(appId.value));
    const redirect = await externalUrl(local);
    const base = this.shareLinks()[appId.value.toLowerCase()] ?? installer.value.toString();
    return { link: core.buildInstallLink(base, appId.value, redirect), redirect };
  }

  /** Open Install Link: opens a fresh link at once, then offers to copy it or use the dashboard's share link. */
  async openCommand(): Promise<void> {
    const built = await this.build();
    if (!built) return;
    await this.open(built);
    const copy = vscode.l10n.t('Copy Link');
    const paste = vscode.l10n.t('Use a Share Link…');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('Install link opened in the browser: install the app on your site and the Instance ID comes back to VS Code.'), copy, paste);
    if (choice === copy) await this.copy(built.link);
    else if (choice === paste && await this.askShareLink()) await this.openCommand();
  }

  async open(built: InstallLink): Promise<void> {
    this.s.log.info(`install link opened; the redirect comes back to ${built.redirect}`);
    // The extension host takes a string too and passes it on as built; a Uri would decode and
    // re-encode the query, which can change a share link's own encoded parameters.
    await vscode.env.openExternal(built.link as unknown as vscode.Uri);
  }

  async copy(link: string): Promise<void> {
    await vscode.env.clipboard.writeText(link);
    void vscode.window.showInformationMessage(vscode.l10n.t('Install link copied. Open it in the browser on this computer.'));
  }

  /** The dashboard's share link (e.g. with shareUrlId for an unlisted app), remembered per App ID. */
  async askShareLink(): Promise<boolean> {
    const { s } = this;
    const appId = await s.profiles.getAppId();
    if (!appId.ok || !appId.value) return false;
    const stored = appId.value;
    const installer = readSettings().wixInstallerUrl;
    const core = installCore();
    const text = await vscode.window.showInputBox({
      title: vscode.l10n.t('Share link from the Wix app dashboard'),
      prompt: vscode.l10n.t('Its parameters are kept and the redirect back to VS Code is added. Leave empty to use the plain install link.'),
      placeHolder: 'https://www.wix.com/app-installer?appId=…&shareUrlId=…',
      value: this.shareLinks()[stored.toLowerCase()],
      ignoreFocusOut: true,
      validateInput: (value) => {
        if (value.trim() === '') return undefined;
        const read = core.readShareLink(value, installer, stored);
        return read.ok ? undefined : read.error.message;
      },
    });
    if (text === undefined) return false;
    const links = { ...this.shareLinks() };
    if (text.trim() === '') delete links[stored.toLowerCase()];
    else {
      const read = core.readShareLink(text, installer, stored);
      if (!read.ok) return false;
      links[stored.toLowerCase()] = read.value;
    }
    await s.context.globalState.update(SHARE_LINKS_KEY, links);
    return true;
  }

  private shareLinks(): Record<string, string> {
    return this.s.context.globalState.get<Record<string, string>>(SHARE_LINKS_KEY) ?? {};
  }

  /** The receiver's `/installed/<state>` route: answers at once, acts after. */
  private onRedirect(state: string, query: string): { status: number; html: string } {
    const core = installCore();
    this.states ??= core.createInstallStateStore();
    const answer = core.answerInstalledRedirect(this.states, state, query);
    if (!answer.triple) {
      this.s.log.warn(`install redirect refused (${answer.status}); nothing was stored`);
      return answer;
    }
    const triple = answer.triple;
    this.s.log.info(`install redirect: instance ${triple.instanceId} (site ${triple.tenantId})`);
    if (![...this.waiters].some((waiter) => waiter(triple))) void guardedCommand(this.s.log, vscode.l10n.t('Install redirect'), () => this.save(triple))();
    return answer;
  }

  /** No flow waiting: the instance lands in a store profile as a verified App Installed would. */
  private async save(triple: InstallTriple): Promise<void> {
    const { s } = this;
    const r = await s.profiles.upsertProfileByInstanceId(triple.instanceId, { activate: true });
    if (!r.ok) return showProblem(r.error, s.redactor);
    const next = vscode.l10n.t('Add Store to API2Cart');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('Instance ID received from the install link: store "{0}" is active.', profileDisplayName(r.value.profile)),
      ...(r.value.profile.hasStoreKey ? [] : [next]));
    if (choice === next) await vscode.commands.executeCommand(CommandIds.addStore);
  }
}

async function externalUrl(local: string): Promise<string> {
  try {
    return (await vscode.env.asExternalUri(vscode.Uri.parse(local))).toString(true);
  } catch {
    return local;
  }
}

export function registerInstallLink(s: Services, receiver: ReceiverController): { links: InstallLinks; disposables: vscode.Disposable[] } {
  const links = new InstallLinks(s, receiver);
  return { links, disposables: registerCommands(s.log, { [CommandIds.openInstallLink]: { title: 'Open Install Link', run: () => links.openCommand() } }) };
}
