/**
 * Connect Wix Store as one multi-step input: the guide's steps 1–4 in order, asking only for what
 * is missing, with a step counter and Back. The UI and the storage are injected; this module
 * decides the order, what Back does, what is saved when, and what a cancel leaves behind.
 *
 * Nothing is half-written: the API key is saved once entered (it stands alone), the App ID and
 * App Secret Key together once both are in, the public key once entered. A cancel keeps what was
 * saved and says so.
 */

export type CredentialStep = 'apiKey' | 'appId' | 'appSecret';

/** What is stored before the flow starts (presence only; values stay in secret storage). */
export interface StoredCredentials {
  readonly hasApiKey: boolean;
  readonly appId?: string;
  readonly hasAppSecret: boolean;
}

export interface StepPosition {
  /** 1-based, as the input shows it: "(2/4)". */
  readonly step: number;
  readonly totalSteps: number;
}

export type CredentialAnswer =
  | { readonly kind: 'value'; readonly value: string }
  | { readonly kind: 'back' }
  | { readonly kind: 'cancel' };

/** How the Instance ID step ended. */
export type InstanceAnswer =
  | {
      readonly kind: 'instance';
      readonly instanceId: string;
      /** 'install link': the redirect after the install; 'address': typed as the address the browser showed. */
      readonly from: 'webhook' | 'pasted webhook' | 'typed' | 'install link' | 'address';
      /** The event's type and `iat`, when it came from a webhook. */
      readonly event?: { readonly type: string; readonly at: number };
    }
  | { readonly kind: 'back' }
  | { readonly kind: 'cancel'; readonly reason?: string };

/** A unit of the credentials that is saved whole, or not at all. */
export type SavedUnit = 'apiKey' | 'appCredentials' | 'instanceId';

export interface ConnectPorts {
  askCredential(step: CredentialStep, position: StepPosition, previous?: string): Promise<CredentialAnswer>;
  askInstance(position: StepPosition): Promise<InstanceAnswer>;
  /** Saves a validated value; a failure is the storage's message. */
  saveApiKey(value: string): Promise<{ ok: true } | { ok: false; message: string }>;
  saveAppCredentials(appId: string, appSecret: string): Promise<{ ok: true } | { ok: false; message: string }>;
}

export type ConnectOutcome =
  | { readonly kind: 'ready'; readonly instance: Extract<InstanceAnswer, { kind: 'instance' }>; readonly saved: readonly SavedUnit[] }
  | { readonly kind: 'cancelled'; readonly saved: readonly SavedUnit[]; readonly reason?: string }
  | { readonly kind: 'failed'; readonly saved: readonly SavedUnit[]; readonly message: string };

/** The credential steps to ask, in the guide's order: only what is missing. */
export function missingCredentialSteps(stored: StoredCredentials): CredentialStep[] {
  const steps: CredentialStep[] = [];
  if (!stored.hasApiKey) steps.push('apiKey');
  // Both parts are asked when either is missing: a secret belongs to one App ID.
  if (stored.appId === undefined || !stored.hasAppSecret) steps.push('appId', 'appSecret');
  return steps;
}

/**
 * Runs the steps. Back from a step goes to the one before it (the first step has no Back); from
 * the Instance ID step it goes to the last credential step asked, if any.
 */
export async function runConnectFlow(stored: StoredCredentials, ports: ConnectPorts): Promise<ConnectOutcome> {
  const steps = missingCredentialSteps(stored);
  const totalSteps = steps.length + 1;
  const saved: SavedUnit[] = [];
  const entered: Partial<Record<CredentialStep, string>> = {};
  let index = 0;
  for (;;) {
    if (index < steps.length) {
      const step = steps[index]!;
      const previous = step === 'appId' ? (entered.appId ?? stored.appId) : undefined;
      const answer = await ports.askCredential(step, { step: index + 1, totalSteps }, previous);
      if (answer.kind === 'cancel') return { kind: 'cancelled', saved };
      if (answer.kind === 'back') {
        index = Math.max(0, index - 1);
        continue;
      }
      entered[step] = answer.value;
      const written = await saveUnit(step, entered, ports);
      if (written?.kind === 'failed') return { kind: 'failed', saved, message: written.message };
      if (written?.kind === 'saved' && !saved.includes(written.unit)) saved.push(written.unit);
      index++;
      continue;
    }
    const instance = await ports.askInstance({ step: totalSteps, totalSteps });
    if (instance.kind === 'cancel') return { kind: 'cancelled', saved, ...(instance.reason ? { reason: instance.reason } : {}) };
    if (instance.kind === 'back') {
      if (steps.length > 0) index = steps.length - 1;
      continue;
    }
    return { kind: 'ready', instance, saved };
  }
}

type SaveResult = { readonly kind: 'saved'; readonly unit: SavedUnit } | { readonly kind: 'failed'; readonly message: string };

/** Saves the unit a step completes, if it completes one (the App ID waits for its secret). */
async function saveUnit(step: CredentialStep, entered: Partial<Record<CredentialStep, string>>, ports: ConnectPorts): Promise<SaveResult | undefined> {
  const outcome = (unit: SavedUnit, result: { ok: true } | { ok: false; message: string }): SaveResult =>
    result.ok ? { kind: 'saved', unit } : { kind: 'failed', message: result.message };
  if (step === 'apiKey') return outcome('apiKey', await ports.saveApiKey(entered.apiKey!));
  if (step === 'appSecret') return outcome('appCredentials', await ports.saveAppCredentials(entered.appId!, entered.appSecret!));
  return undefined;
}

/** "the API key and the App ID and App Secret Key" — what a cancel or a failure leaves saved. */
export function describeSaved(saved: readonly SavedUnit[]): string {
  const names: Record<SavedUnit, string> = {
    apiKey: 'the API2Cart API key',
    appCredentials: 'the App ID and App Secret Key',
    instanceId: 'the Instance ID',
  };
  const parts = saved.map((unit) => names[unit]);
  if (parts.length === 0) return 'nothing was saved';
  const list = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return `${list} ${parts.length === 1 && unitIsSingular(saved[0]!) ? 'was' : 'were'} saved`;
}

const unitIsSingular = (unit: SavedUnit): boolean => unit !== 'appCredentials';
