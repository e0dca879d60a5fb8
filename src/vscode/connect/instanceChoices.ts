import vscode = require('vscode');
import { shareUrl } from '../../core/webhook/receiverAddress';
import { SELECTION_STATE_KEY } from '../scopePlanner/scopePlannerPanel';
import type { Services } from '../services';
import { PORTS_VIEW_COMMAND, type StartOutcome } from '../webhook/receiverController';

// What the Instance ID step of Connect Wix Store offers, for how the receiver started.

export type InstanceChoice = 'link' | 'copyLink' | 'shareLink' | 'plan' | 'copy' | 'ports' | 'paste' | 'type' | 'publicKey' | 'freePort' | 'settings';
export interface ChoiceItem extends vscode.QuickPickItem {
  readonly choice: InstanceChoice;
}

/** The step's items: a busy port's questions, the install link and webhook ways, then pasting or typing. */
export async function instanceChoices(s: Services, started: StartOutcome): Promise<ChoiceItem[]> {
  const address = started.kind === 'running' ? started.address : undefined;
  const publicKey = await s.profiles.getPublicKey();
  const hasPublicKey = publicKey.ok && publicKey.value !== undefined;
  const planned = (s.context.workspaceState.get<unknown[]>(SELECTION_STATE_KEY) ?? []).length > 0;
  const hasPortsView = address !== undefined && isLoopback(shareUrl(address)) && (await vscode.commands.getCommands(true)).includes(PORTS_VIEW_COMMAND);
  const busy: ChoiceItem[] = started.kind !== 'port-in-use' ? [] : [
    ...(started.free !== undefined ? [{ label: vscode.l10n.t('$(debug-restart) Use port {0} for now', started.free), detail: vscode.l10n.t('The setting is not changed; a tunnel or Wix must then use the new address'), choice: 'freePort' as const }] : []),
    { label: vscode.l10n.t('$(gear) Open Settings'), detail: vscode.l10n.t('Change api2cartWix.webhook.port'), choice: 'settings' },
  ];
  const viaReceiver: ChoiceItem[] = address ? [
    {
      label: vscode.l10n.t('$(link-external) Open the install link'),
      description: planned ? vscode.l10n.t('no tunnel, no webhook') : vscode.l10n.t('the permissions are already set in the app'),
      detail: vscode.l10n.t('Install the app on your site in the browser; the Instance ID comes back here'),
      choice: 'link',
    },
    ...(planned ? [] : [{
      label: vscode.l10n.t('$(checklist) Plan the permissions first'),
      detail: vscode.l10n.t('One added later needs a new app version and the owner\'s approval'),
      choice: 'plan' as const,
    }]),
    { label: vscode.l10n.t('$(copy) Copy the install link'), detail: vscode.l10n.t('To open it in another browser on this computer'), choice: 'copyLink' },
    { label: vscode.l10n.t('$(link) Use a share link…'), detail: vscode.l10n.t('The dashboard\'s own link, e.g. for an unlisted app'), choice: 'shareLink' },
    {
      label: vscode.l10n.t('$(copy) Copy webhook URL'), description: shareUrl(address),
      detail: isLoopback(shareUrl(address))
        ? vscode.l10n.t('Reachable only from this computer: Wix needs public HTTPS')
        : vscode.l10n.t('Subscribe App Installed to it, then install the app'),
      choice: 'copy',
    },
    ...(hasPortsView ? [{ label: vscode.l10n.t('$(plug) Open the Ports view'), detail: vscode.l10n.t('Forward port {0} and set it to Public', address.port), choice: 'ports' as const }] : []),
  ] : [];
  return [
    ...busy,
    ...viaReceiver,
    { label: vscode.l10n.t('$(clippy) Paste a webhook body'), detail: vscode.l10n.t('The signed JWT Wix POSTed, from a log or a request inspector'), choice: 'paste' },
    { label: vscode.l10n.t('$(edit) Type the Instance ID'), detail: vscode.l10n.t('Or paste the whole address the browser shows after the install'), choice: 'type' },
    ...(hasPublicKey || !address ? [] : [{
      label: vscode.l10n.t('$(key) Add the webhook public key (optional)'),
      detail: vscode.l10n.t('Develop → Webhooks → Get Public Key: App Installed is then taken without a question'),
      choice: 'publicKey' as const,
    }]),
  ];
}

/** What the step's pick says while it waits. */
export function choicesPlaceholder(started: StartOutcome): string {
  switch (started.kind) {
    case 'running': return vscode.l10n.t('Open the install link and install the app; waiting for the Instance ID');
    case 'port-in-use': return started.message;
    case 'failed': return vscode.l10n.t('The webhook receiver is not running: paste a webhook body or type the Instance ID');
  }
}

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
}
