import vscode = require('vscode');
import {
  describeSaved,
  runConnectFlow,
  type CredentialAnswer,
  type CredentialStep,
  type StepPosition,
} from '../../core/connect/connectFlow';
import { profileDisplayName, validateApiKey, validateAppId, validateAppSecret } from '../../core/profiles';
import type { Problem } from '../../core/result';
import { CommandIds } from '../commandIds';
import { registerCommands } from '../commands';
import { guardedCommand, showProblem } from '../problems';
import type { Services } from '../services';
import type { WebhookFeature } from '../webhook/webhookCommands';
import type { InstallLinks } from './installLink';
import { InstanceStep, type InstanceStepEvents } from './instanceStep';
import { BACK, MultiStepInput } from './multiStepInput';

const TITLE = (): string => vscode.l10n.t('Connect Wix Store');
const STEP_NAMES = (): Record<CredentialStep, string> => ({
  apiKey: vscode.l10n.t('API2Cart API Key'),
  appId: vscode.l10n.t('App ID'),
  appSecret: vscode.l10n.t('App Secret Key'),
});

/** Test hooks: when the flow starts waiting for the Instance ID, what the step offered, and the instance it took. */
export interface ConnectFlowEvents extends InstanceStepEvents {
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
  private readonly instanceStep: InstanceStep;
  private running: Promise<void> | undefined;
  private onInstance: ConnectFlowEvents['onInstance'];

  constructor(private readonly s: Services, webhooks: WebhookFeature, links: InstallLinks) {
    this.instanceStep = new InstanceStep(s, webhooks, links, this.input);
  }

  get events(): ConnectFlowEvents {
    return { ...this.instanceStep.events, onInstance: this.onInstance };
  }

  set events(events: ConnectFlowEvents) {
    const { onInstance, ...step } = events;
    this.onInstance = onInstance;
    this.instanceStep.events = step;
  }

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
        askInstance: (position) => this.instanceStep.ask(position),
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
    this.onInstance?.(instance.instanceId);
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

  /** Closes the step on screen, which cancels a flow that is waiting on it. */
  close(): void {
    this.input.dispose();
  }

  dispose(): void {
    this.close();
  }
}

export function registerConnectFlow(s: Services, webhooks: WebhookFeature, links: InstallLinks): { flow: ConnectFlow; disposables: vscode.Disposable[] } {
  const flow = new ConnectFlow(s, webhooks, links);
  return { flow, disposables: [flow, ...registerCommands(s.log, { [CommandIds.connectWixStore]: { title: 'Connect Wix Store', run: () => flow.run() } })] };
}
