import vscode = require('vscode');
import type { InstanceAnswer, StepPosition } from '../../core/connect/connectFlow';
import { oneAtATime } from '../../core/oneAtATime';
import { shortInstanceId } from '../../core/profiles';
import { shareUrl } from '../../core/webhook/receiverAddress';
import { parsePublicKey } from '../../core/webhook/publicKey';
import { CommandIds } from '../commandIds';
import { installCore } from '../lazyCore';
import type { Services } from '../services';
import { readSettings } from '../settings';
import { decodeWithStoredKey } from '../webhook/decodeCommand';
import { isInstallEvent, lifecycleEventOf, type EventView } from '../webhook/eventView';
import { PORTS_VIEW_COMMAND, type StartOutcome } from '../webhook/receiverController';
import type { WebhookFeature } from '../webhook/webhookCommands';
import { choicesPlaceholder, instanceChoices, type ChoiceItem, type InstanceChoice } from './instanceChoices';
import type { InstallLinks } from './installLink';
import { BACK, type MultiStepInput } from './multiStepInput';

const TITLE = (): string => vscode.l10n.t('Connect Wix Store');

type Settled = { kind: 'answer'; answer: InstanceAnswer } | { kind: 'choice'; choice: InstanceChoice };

/** Test hooks: when the step starts waiting, and what it offered. */
export interface InstanceStepEvents {
  onWaiting?(url: string | undefined): void;
  onStep?(items: readonly string[], placeholder: string | undefined): void;
  onInstallLink?(link: string): void;
}

/**
 * Connect Wix Store's Instance ID step. Waits at once for the install link's redirect and for
 * App Installed, takes whichever comes first, and offers the other ways: the install link first,
 * the webhook URL, a pasted body, a typed ID or address. A busy port is asked about here too.
 */
export class InstanceStep {
  private readonly unverifiedModal = oneAtATime();
  events: InstanceStepEvents = {};
  /** The port to use instead of the setting's, after the person picked a free one. */
  private portOverride: number | undefined;

  constructor(private readonly s: Services, private readonly webhooks: WebhookFeature, private readonly links: InstallLinks, private readonly input: MultiStepInput) {}

  async ask(position: StepPosition): Promise<InstanceAnswer> {
    this.portOverride = undefined;
    for (;;) {
      const started = await this.webhooks.receiver.startForFlow(this.portOverride);
      const waited = await this.waitForInstance(position, started);
      if (waited.kind !== 'choice') return waited.answer;
      const answer = await this.askAlternative(waited.choice, position, started);
      if (answer !== 'again') return answer;
    }
  }

  private async waitForInstance(position: StepPosition, started: StartOutcome): Promise<Settled> {
    const { s, webhooks } = this;
    const address = started.kind === 'running' ? started.address : undefined;
    const url = address && shareUrl(address);
    const minutes = readSettings().webhook.waitMinutes;
    const pick = vscode.window.createQuickPick<ChoiceItem>();
    pick.title = `${TITLE()}: ${vscode.l10n.t('Instance ID')}`;
    pick.step = position.step;
    pick.totalSteps = position.totalSteps;
    pick.busy = address !== undefined;
    pick.placeholder = choicesPlaceholder(started);
    pick.buttons = position.step > 1 ? [vscode.QuickInputButtons.Back] : [];
    pick.items = await instanceChoices(this.s, started);
    pick.matchOnDetail = true;
    this.events.onStep?.(pick.items.map((item) => item.label), pick.placeholder);

    const cancelProgress = new vscode.CancellationTokenSource();
    const result = await this.input.pick<Settled>(pick, (settle, disposables) => {
      if (address) {
        disposables.push(
          this.links.wait((triple) => {
            settle({ kind: 'answer', answer: { kind: 'instance', instanceId: triple.instanceId, from: 'install link' } });
            return true;
          }),
          webhooks.receiver.claim({
            onEvent: (view) => {
              if (!isInstallEvent(view.event)) return false;
              if (view.event.verified) settle({ kind: 'answer', answer: fromWebhook(view, 'webhook') });
              else if (this.unverifiedModal.busy) {
                // One modal at a time: a flood of forged App Installed must not lock the window.
                s.log.info(`Connect Wix Store: an unverified App Installed for instance ${view.event.instanceId} was ignored while the question about an earlier one is open`);
              } else {
                void this.unverifiedModal.run(() => this.confirmUnverified(view)).then((answer) => {
                  if (answer === 'use') settle({ kind: 'answer', answer: fromWebhook(view, 'webhook') });
                  else if (answer === 'setKey') settle({ kind: 'choice', choice: 'publicKey' });
                });
              }
              return true;
            },
            onRejected: (delivery) => {
              if (delivery.problem?.kind !== 'app-id-mismatch') return false;
              webhooks.context.log.info(`Connect Wix Store: ignored a delivery for another app (${delivery.problem.message})`);
              return true;
            },
          }),
        );
        this.events.onWaiting?.(url);
        const timer = setTimeout(() => settle({ kind: 'answer', answer: { kind: 'cancel', reason: 'timeout' } }), minutes * 60_000);
        disposables.push({ dispose: () => clearTimeout(timer) });
        void vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: TITLE(), cancellable: true },
          (progress, token) => {
            // The pick says what to do; the toast only says that it waits.
            progress.report({ message: vscode.l10n.t('waiting for the Instance ID…') });
            token.onCancellationRequested(() => settle({ kind: 'answer', answer: { kind: 'cancel' } }));
            return new Promise<void>((resolve) => cancelProgress.token.onCancellationRequested(() => resolve()));
          },
        );
        s.log.info(`Connect Wix Store: waiting up to ${minutes} min for the install redirect or App Installed at ${url}`);
      }
      disposables.push(
        pick.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && settle({ kind: 'answer', answer: { kind: 'back' } })),
        pick.onDidAccept(() => {
          const choice = pick.selectedItems[0]?.choice;
          pick.selectedItems = [];
          if (choice === 'copy' && url) {
            void vscode.env.clipboard.writeText(url).then(() => vscode.window.showInformationMessage(vscode.l10n.t('Copied {0}', url)));
          } else if (choice === 'link' || choice === 'copyLink') {
            // The step stays open and waiting: the redirect settles it.
            void this.links.build().then((built) => {
              if (!built) return;
              this.events.onInstallLink?.(built.link);
              return choice === 'link' ? this.links.open(built) : this.links.copy(built.link);
            });
          } else if (choice === 'ports') {
            void vscode.commands.executeCommand(PORTS_VIEW_COMMAND);
          } else if (choice) {
            settle({ kind: 'choice', choice });
          }
        }),
      );
    });
    cancelProgress.cancel();
    cancelProgress.dispose();
    if (result === undefined) return { kind: 'answer', answer: { kind: 'cancel' } };
    if (result.kind === 'answer' && result.answer.kind === 'cancel' && result.answer.reason === 'timeout') this.explainTimeout(minutes, url);
    return result;
  }

  /** Everything but waiting; 'again' shows the step again. */
  private async askAlternative(choice: InstanceChoice, position: StepPosition, started: StartOutcome): Promise<InstanceAnswer | 'again'> {
    const { s } = this;
    switch (choice) {
      case 'freePort':
        if (started.kind === 'port-in-use') this.portOverride = started.free;
        return 'again';
      case 'settings':
        await vscode.commands.executeCommand('workbench.action.openSettings', 'api2cartWix.webhook.port');
        return 'again';
      case 'plan':
        // The planner opens beside; the step comes back, still waiting.
        await vscode.commands.executeCommand(CommandIds.planScopes);
        return 'again';
      case 'shareLink':
        await this.links.askShareLink();
        return 'again';
      case 'paste': {
        let decoded: EventView | undefined;
        const answer = await this.input.input({
          title: `${TITLE()}: ${vscode.l10n.t('Paste a webhook body')}`, position,
          prompt: vscode.l10n.t('The body Wix POSTed: a signed JWT (from a log or a request inspector)'),
          placeholder: 'eyJhbGciOiJSUzI1NiIs…',
          validate: async (value) => {
            const result = await decodeWithStoredKey(s, value);
            if (!result.ok) return result.error.message;
            decoded = { event: result.value, source: vscode.l10n.t('pasted webhook') };
            if (!isInstallEvent(decoded.event)) return vscode.l10n.t('This is a {0} event; paste the App Installed one.', result.value.eventType);
            return undefined;
          },
        });
        if (answer === undefined) return { kind: 'cancel' };
        if (answer === BACK || !decoded) return 'again';
        if (!decoded.event.verified) {
          const confirmed = await this.confirmUnverified(decoded);
          if (confirmed === 'setKey') return this.askAlternative('publicKey', position, started);
          if (confirmed === 'ignore') return 'again';
        }
        return fromWebhook(decoded, 'pasted webhook');
      }
      case 'type': {
        const appId = await s.profiles.getAppId();
        const expected = appId.ok ? appId.value : undefined;
        const answer = await this.input.input({
          title: `${TITLE()}: ${vscode.l10n.t('Type the Instance ID')}`, position,
          prompt: vscode.l10n.t('The site\'s Instance ID, or the whole address the browser shows after the install'),
          placeholder: '00000000-0000-0000-0000-000000000000',
          validate: (value) => {
            const read = installCore().readInstanceIdInput(value, expected);
            return read.ok ? undefined : read.error.message;
          },
        });
        if (answer === undefined) return { kind: 'cancel' };
        if (answer === BACK) return 'again';
        const read = installCore().readInstanceIdInput(answer, expected);
        return read.ok ? { kind: 'instance', instanceId: read.value.instanceId, from: read.value.from === 'address' ? 'address' : 'typed' } : 'again';
      }
      case 'publicKey': {
        const answer = await this.input.input({
          title: `${TITLE()}: ${vscode.l10n.t('Webhook public key (optional)')}`, position,
          prompt: vscode.l10n.t('Paste the key from Develop → Webhooks → Get Public Key (PEM, on one line is fine, or base64)'),
          placeholder: '-----BEGIN PUBLIC KEY----- MIIBIjANBg… -----END PUBLIC KEY-----',
          validate: async (value) => {
            const parsed = parsePublicKey(value);
            if (!parsed.ok) return parsed.error.message;
            const saved = await s.profiles.setPublicKey(value);
            return saved.ok ? undefined : saved.error.message;
          },
        });
        if (answer === undefined) return { kind: 'cancel' };
        if (answer !== BACK) s.log.info('Connect Wix Store: webhook public key saved');
        return 'again';
      }
      default:
        return 'again';
    }
  }

  /** An unverified App Installed is taken only when the person says so. */
  private async confirmUnverified(view: EventView): Promise<'use' | 'ignore' | 'setKey'> {
    const use = vscode.l10n.t('Use This Instance ID');
    const ignore = vscode.l10n.t('Ignore and Keep Waiting');
    const setKey = vscode.l10n.t('Set Public Key…');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Unverified App Installed for Instance ID {0}', shortInstanceId(view.event.instanceId)),
      {
        modal: true,
        detail: vscode.l10n.t('No webhook public key is set, so anyone who knows the address could have sent it (Instance ID {0}). Set the public key (Develop → Webhooks → Get Public Key) to have App Installed verified and taken without this question.', view.event.instanceId),
      },
      use, ignore, setKey);
    return choice === use ? 'use' : choice === setKey ? 'setKey' : 'ignore';
  }

  private explainTimeout(minutes: number, url: string | undefined): void {
    const again = vscode.l10n.t('Connect Again');
    const deliveries = vscode.l10n.t('Show Deliveries');
    void vscode.window.showErrorMessage(
      vscode.l10n.t('No Instance ID arrived within {0} minutes. With the install link, install the app from the browser on this computer; with the webhook, check that App Installed (Develop → Webhooks) points at {1} over public HTTPS. Refused deliveries are in Show Deliveries.', minutes, url ?? vscode.l10n.t('the receiver')),
      again, deliveries,
    ).then((choice) => {
      if (choice === again) void vscode.commands.executeCommand(CommandIds.connectWixStore);
      else if (choice === deliveries) void this.webhooks.receiver.showDeliveries();
    });
  }
}

function fromWebhook(view: EventView, from: 'webhook' | 'pasted webhook'): InstanceAnswer {
  const event = lifecycleEventOf(view.event);
  return { kind: 'instance', instanceId: view.event.instanceId, from, ...(event ? { event } : {}) };
}
