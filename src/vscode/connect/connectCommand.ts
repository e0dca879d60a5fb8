import * as vscode from 'vscode';
import {
  describeSaved,
  runConnectFlow,
  type CredentialAnswer,
  type CredentialStep,
  type InstanceAnswer,
  type StepPosition,
} from '../../core/connect/connectFlow';
import { profileDisplayName, shortInstanceId, validateApiKey, validateAppId, validateAppSecret, validateInstanceId } from '../../core/profiles';
import type { Problem } from '../../core/result';
import { receiverAdvice, shareUrl } from '../../core/webhook/receiverAddress';
import { parsePublicKey } from '../../core/webhook/publicKey';
import { CommandIds } from '../commandIds';
import { guardedCommand, showProblem } from '../problems';
import type { Services } from '../services';
import { readSettings } from '../settings';
import { decodeWithStoredKey } from '../webhook/decodeCommand';
import { lifecycleEventOf, type EventView } from '../webhook/eventView';
import type { WebhookFeature } from '../webhook/webhookCommands';
import { BACK, MultiStepInput } from './multiStepInput';

const TITLE = (): string => vscode.l10n.t('Connect Wix Store');
const STEP_NAMES = (): Record<CredentialStep, string> => ({
  apiKey: vscode.l10n.t('API2Cart API Key'),
  appId: vscode.l10n.t('App ID'),
  appSecret: vscode.l10n.t('App Secret Key'),
});

type InstanceChoice = 'copy' | 'paste' | 'type' | 'publicKey';
interface ChoiceItem extends vscode.QuickPickItem {
  readonly choice: InstanceChoice;
}

/** Test hooks: when the flow starts waiting for App Installed, and when it took an instance id. */
export interface ConnectFlowEvents {
  onWaiting?(url: string | undefined): void;
  onInstance?(instanceId: string): void;
}

const problemMessage = (validate: (input: string) => { ok: true } | { ok: false; error: Problem }) =>
  (value: string): string | undefined => {
    const result = validate(value);
    return result.ok ? undefined : result.error.message;
  };

/**
 * Connect Wix Store: steps 1–4 of the guide as one multi-step input that asks only for what is
 * missing, waits for the App Installed webhook itself, then runs Add Store. A second run while
 * one is open brings the open one back.
 */
export class ConnectFlow implements vscode.Disposable {
  private readonly input = new MultiStepInput();
  private running: Promise<void> | undefined;
  events: ConnectFlowEvents = {};

  constructor(private readonly s: Services, private readonly webhooks: WebhookFeature) {}

  run(): Promise<void> {
    if (this.running) {
      this.s.log.info('Connect Wix Store: already open; brought to the front');
      this.input.focus();
      return this.running;
    }
    this.running = guardedCommand(this.s.log, TITLE(), () => this.connect())().then(() => undefined).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async connect(): Promise<void> {
    const { s } = this;
    s.log.info('Connect Wix Store: started');
    const [apiKey, appId, app] = await Promise.all([s.profiles.getApiKey(), s.profiles.getAppId(), s.profiles.getAppCredentials()]);
    if (!apiKey.ok) return void showProblem(apiKey.error, s.redactor);
    if (!appId.ok) return void showProblem(appId.error, s.redactor);
    if (!app.ok) return void showProblem(app.error, s.redactor);
    const outcome = await runConnectFlow(
      { hasApiKey: apiKey.value !== undefined, appId: appId.value, hasAppSecret: app.value !== undefined },
      {
        askCredential: (step, position, previous) => this.askCredential(step, position, previous),
        askInstance: (position) => this.askInstance(position),
        saveApiKey: async (value) => this.saved(await s.profiles.setApiKey(value)),
        saveAppCredentials: async (id, secret) => this.saved(await s.profiles.setAppCredentials(id, secret)),
      },
    );
    const kept = describeSaved(outcome.saved);
    if (outcome.kind === 'cancelled') {
      s.log.info(`Connect Wix Store: cancelled (${outcome.reason ?? 'by the person'}); ${kept}`);
      if (outcome.reason) return;
      void vscode.window.showInformationMessage(vscode.l10n.t('Connect Wix Store cancelled: {0}. Nothing was sent to API2Cart.', kept));
      return;
    }
    if (outcome.kind === 'failed') {
      s.log.error(`Connect Wix Store: ${outcome.message}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} Connect Wix Store stopped: {1}.', s.redactor.redact(outcome.message), kept));
      return;
    }
    const { instance } = outcome;
    const upserted = await s.profiles.upsertProfileByInstanceId(instance.instanceId, { activate: true, event: instance.event });
    if (!upserted.ok) {
      void showProblem(upserted.error, s.redactor);
      return;
    }
    s.log.info(`Connect Wix Store: instance ${instance.instanceId} from the ${instance.from}; adding the store`);
    this.events.onInstance?.(instance.instanceId);
    const adding = performance.now();
    // Add Store does the rest (Wix preflight, account.cart.add once, the key saved, what comes
    // next); everything it would ask for is stored by now.
    await vscode.commands.executeCommand(CommandIds.addStore);
    const after = await s.profiles.getProfile(instance.instanceId);
    s.log.info(`Connect Wix Store: ${after.ok && after.value?.hasStoreKey ? `connected to ${profileDisplayName(after.value)}` : 'the store was not added'}; Add Store took ${(performance.now() - adding).toFixed(1)} ms`);
  }

  private saved(result: { ok: true } | { ok: false; error: Problem }): { ok: true } | { ok: false; message: string } {
    return result.ok ? { ok: true } : { ok: false, message: result.error.message };
  }

  private async askCredential(step: CredentialStep, position: StepPosition, previous?: string): Promise<CredentialAnswer> {
    const prompts: Record<CredentialStep, string> = {
      apiKey: vscode.l10n.t('Your API2Cart account API key. It is kept in VS Code\'s secret storage.'),
      appId: vscode.l10n.t('In the Wix app dashboard: Develop → OAuth → App ID'),
      appSecret: vscode.l10n.t('Develop → OAuth → App Secret Key. It is kept in VS Code\'s secret storage.'),
    };
    const validators: Record<CredentialStep, (value: string) => string | undefined> = {
      apiKey: problemMessage(validateApiKey),
      appId: problemMessage(validateAppId),
      appSecret: problemMessage(validateAppSecret),
    };
    const answer = await this.input.input({
      title: `${TITLE()}: ${STEP_NAMES()[step]}`,
      position,
      prompt: prompts[step],
      placeholder: step === 'appId' ? '00000000-0000-0000-0000-000000000000' : undefined,
      value: previous,
      password: step !== 'appId',
      validate: validators[step],
    });
    if (answer === BACK) return { kind: 'back' };
    return answer === undefined ? { kind: 'cancel' } : { kind: 'value', value: answer };
  }

  /**
   * The Instance ID step: waits for App Installed at once (no click), while offering to paste a
   * webhook body, type the id, or add the public key that makes deliveries verified.
   */
  private async askInstance(position: StepPosition): Promise<InstanceAnswer> {
    for (;;) {
      const waited = await this.waitForInstance(position);
      if (waited.kind !== 'choice') return waited.answer;
      const answer = await this.askAlternative(waited.choice, position);
      if (answer !== 'again') return answer;
    }
  }

  private async waitForInstance(position: StepPosition): Promise<{ kind: 'answer'; answer: InstanceAnswer } | { kind: 'choice'; choice: InstanceChoice }> {
    const { s, webhooks } = this;
    const address = await webhooks.receiver.ensureRunning({ quiet: true });
    const url = address && shareUrl(address);
    const publicKey = await s.profiles.getPublicKey();
    const hasPublicKey = publicKey.ok && publicKey.value !== undefined;
    const appId = await s.profiles.getAppId();
    const expectedAppId = appId.ok ? appId.value : undefined;
    const minutes = readSettings().webhook.waitMinutes;

    const pick = vscode.window.createQuickPick<ChoiceItem>();
    pick.title = `${TITLE()}: ${vscode.l10n.t('Instance ID')}`;
    pick.step = position.step;
    pick.totalSteps = position.totalSteps;
    pick.busy = address !== undefined;
    pick.placeholder = address
      ? vscode.l10n.t('Install the app on your site now… waiting for the App Installed webhook')
      : vscode.l10n.t('The webhook receiver is not running: paste a webhook body or type the Instance ID');
    pick.buttons = position.step > 1 ? [vscode.QuickInputButtons.Back] : [];
    pick.items = [
      ...(url ? [{ label: vscode.l10n.t('$(copy) Copy webhook URL'), description: url, detail: receiverAdvice(address!), choice: 'copy' as const }] : []),
      { label: vscode.l10n.t('$(clippy) Paste a webhook body'), detail: vscode.l10n.t('The signed JWT Wix POSTed, from a log or a request inspector'), choice: 'paste' },
      { label: vscode.l10n.t('$(edit) Type the Instance ID'), detail: vscode.l10n.t('The site\'s Instance ID for your app'), choice: 'type' },
      ...(hasPublicKey ? [] : [{
        label: vscode.l10n.t('$(key) Add the webhook public key (optional)'),
        detail: vscode.l10n.t('Develop → Webhooks → Get Public Key: an App Installed is then verified and taken without a question'),
        choice: 'publicKey' as const,
      }]),
    ];
    pick.matchOnDetail = true;

    type Settled = { kind: 'answer'; answer: InstanceAnswer } | { kind: 'choice'; choice: InstanceChoice };
    const cancelProgress = new vscode.CancellationTokenSource();
    const result = await this.input.pick<Settled>(pick, (settle, disposables) => {
      // Waiting is the step's default: the first verified App Installed for this app is taken.
      if (address) {
        disposables.push(webhooks.receiver.claim({
          onEvent: (view) => {
            if (view.event.eventType !== 'AppInstalled') return false;
            if (view.event.verified) {
              settle({ kind: 'answer', answer: fromWebhook(view, 'webhook') });
            } else {
              void this.confirmUnverified(view).then((answer) => {
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
        }));
        this.events.onWaiting?.(url);
        const timer = setTimeout(() => settle({ kind: 'answer', answer: { kind: 'cancel', reason: 'timeout' } }), minutes * 60_000);
        disposables.push({ dispose: () => clearTimeout(timer) });
        void vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: TITLE(), cancellable: true },
          (progress, token) => {
            progress.report({ message: vscode.l10n.t('Install the app on your site now… waiting for App Installed at {0}', url!) });
            token.onCancellationRequested(() => settle({ kind: 'answer', answer: { kind: 'cancel' } }));
            return new Promise<void>((resolve) => cancelProgress.token.onCancellationRequested(() => resolve()));
          },
        );
        s.log.info(`Connect Wix Store: waiting up to ${minutes} min for App Installed${expectedAppId ? ` for app ${expectedAppId}` : ''} at ${url}`);
      }
      disposables.push(
        pick.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && settle({ kind: 'answer', answer: { kind: 'back' } })),
        pick.onDidAccept(() => {
          const choice = pick.selectedItems[0]?.choice;
          if (choice === 'copy' && url) {
            void vscode.env.clipboard.writeText(url).then(() => vscode.window.showInformationMessage(vscode.l10n.t('Copied {0}', url)));
            pick.selectedItems = [];
            return;
          }
          if (choice) settle({ kind: 'choice', choice });
        }),
      );
    });
    cancelProgress.cancel();
    cancelProgress.dispose();
    if (result === undefined) return { kind: 'answer', answer: { kind: 'cancel' } };
    if (result.kind === 'answer' && result.answer.kind === 'cancel' && result.answer.reason === 'timeout') this.explainTimeout(minutes, url);
    return result;
  }

  /** Paste, type or add the public key; 'again' goes back to waiting. */
  private async askAlternative(choice: InstanceChoice, position: StepPosition): Promise<InstanceAnswer | 'again'> {
    const { s } = this;
    const back = (answer: string | typeof BACK | undefined) => (answer === BACK ? 'again' : undefined);
    switch (choice) {
      case 'paste': {
        let decoded: EventView | undefined;
        const answer = await this.input.input({
          title: `${TITLE()}: ${vscode.l10n.t('Paste a webhook body')}`, position,
          prompt: vscode.l10n.t('The body Wix POSTed: a signed JWT (from a log or a request inspector)'),
          placeholder: 'eyJhbGciOiJSUzI1NiIs…',
          validate: async (value) => {
            const result = await decodeWithStoredKey(s, value);
            if (!result.ok) return result.error.message;
            if (result.value.eventType !== 'AppInstalled') return vscode.l10n.t('This is a {0} event; paste the App Installed one.', result.value.eventType);
            decoded = { event: result.value, source: vscode.l10n.t('pasted webhook') };
            return undefined;
          },
        });
        if (answer === undefined) return { kind: 'cancel' };
        if (answer === BACK || !decoded) return 'again';
        if (!decoded.event.verified) {
          const confirmed = await this.confirmUnverified(decoded);
          if (confirmed === 'setKey') return this.askAlternative('publicKey', position);
          if (confirmed === 'ignore') return 'again';
        }
        return fromWebhook(decoded, 'pasted webhook');
      }
      case 'type': {
        const answer = await this.input.input({
          title: `${TITLE()}: ${vscode.l10n.t('Type the Instance ID')}`, position,
          prompt: vscode.l10n.t('The Wix site\'s Instance ID for your app (from the App Installed webhook)'),
          placeholder: '00000000-0000-0000-0000-000000000000',
          validate: problemMessage(validateInstanceId),
        });
        if (answer === undefined) return { kind: 'cancel' };
        return back(answer) ?? { kind: 'instance', instanceId: answer as string, from: 'typed' };
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
      case 'copy':
        return 'again';
    }
  }

  /**
   * An unverified App Installed is taken only when the person says so; or they set the public key
   * (so the next delivery is verified) and keep waiting.
   */
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
      vscode.l10n.t('No App Installed arrived within {0} minutes. Check that the app\'s App Installed webhook (Develop → Webhooks) points at {1}, that the port is forwarded and public, and that the app was installed on a site after that (install it again to send the event again). A delivery that arrived but was refused is in Show Deliveries.', minutes, url ?? vscode.l10n.t('the receiver')),
      again, deliveries,
    ).then((choice) => {
      if (choice === again) void vscode.commands.executeCommand(CommandIds.connectWixStore);
      else if (choice === deliveries) void this.webhooks.receiver.showDeliveries();
    });
  }

  /** Closes the step on screen, which cancels a flow that is waiting on it. */
  close(): void {
    this.input.dispose();
  }

  dispose(): void {
    this.close();
  }
}

function fromWebhook(view: EventView, from: 'webhook' | 'pasted webhook'): InstanceAnswer {
  const event = lifecycleEventOf(view.event);
  return { kind: 'instance', instanceId: view.event.instanceId, from, ...(event ? { event } : {}) };
}

export function registerConnectFlow(s: Services, webhooks: WebhookFeature): { flow: ConnectFlow; disposables: vscode.Disposable[] } {
  const flow = new ConnectFlow(s, webhooks);
  return { flow, disposables: [flow, vscode.commands.registerCommand(CommandIds.connectWixStore, () => flow.run())] };
}
