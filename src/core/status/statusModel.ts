import { profileDisplayName } from '../profiles/display';
import type { CredentialSummary, StoreProfile } from '../profiles/profileTypes';
import type { FixAction } from '../result';

export type StatusState = 'not-set-up' | 'credentials-ready' | 'checking' | 'connected' | 'error';

/** What the Show Actions quick pick can offer; the VS Code layer maps each id to a command. */
export type StatusActionId =
  | 'setApiKey'
  | 'setAppCredentials'
  | 'setPublicKey'
  | 'setInstanceId'
  | 'planScopes'
  | 'startReceiver'
  | 'stopReceiver'
  | 'sendTestWebhook'
  | 'decodeWebhook'
  | 'addStore'
  | 'checkConnection'
  | 'switchStore'
  | 'forgetCredentials'
  | 'openSettings'
  | 'openProxySettings'
  | 'verifyPermissions'
  | 'connectWixStore'
  | 'copyStoreKey'
  | 'writeStoreKeyToEnv'
  | 'newRequest'
  | 'removeStore';

export interface StatusStore {
  readonly instanceId: string;
  readonly label?: string;
  readonly siteUrl?: string;
  /** A store key is saved: the store was added to API2Cart. */
  readonly connected: boolean;
  /** The app was removed from the site (AppRemoved webhook). */
  readonly removed?: boolean;
}

/** Presence flags only: no secret value can reach the status bar because none goes in. */
export interface StatusFacts {
  readonly hasApiKey: boolean;
  /** Both the App ID and the App Secret Key are saved. */
  readonly hasAppCredentials: boolean;
  readonly hasPublicKey: boolean;
  readonly activeStore?: StatusStore;
  /** Number of store profiles, for Switch Store; defaults to 1 with an active store, else 0. */
  readonly storeCount?: number;
  /** The scope planner was used, so planning is no longer a pending step. */
  readonly scopesPlanned?: boolean;
  /** Set while the webhook receiver listens. */
  readonly receiver?: { readonly url: string };
  /** Set while a check or an add runs, e.g. { description: 'Checking the connection' }. */
  readonly checking?: { readonly description: string };
  /** The last failure, a Problem: its message is user-facing and secret-free by contract. */
  readonly lastError?: { readonly message: string; readonly fix?: FixAction };
  /** The saved store profiles could not be read: wholly (no store to show) or partly. */
  readonly profilesProblem?: { readonly message: string; readonly fix?: FixAction; readonly wholly: boolean };
}

export interface StatusAction {
  readonly id: StatusActionId;
  readonly label: string;
  readonly detail: string;
  /** Part of the remaining journey (shown first, in order) rather than one of the other actions. */
  readonly pending: boolean;
}

export interface StatusPresentation {
  readonly state: StatusState;
  /** Status bar text with a codicon. */
  readonly text: string;
  /** Plain text, one fact per line; safe to wrap in a MarkdownString. */
  readonly tooltip: string;
  /** Pending steps first (the next step is `nextSteps[0]`), then every other applicable action. */
  readonly nextSteps: readonly StatusAction[];
  /** 'error' asks for the error background. */
  readonly severity?: 'error';
}

const MAX_TEXT_NAME_LENGTH = 30;

export function presentStatus(facts: StatusFacts): StatusPresentation {
  const state = stateOf(facts);
  const nextSteps = actionsFor(facts);
  return {
    state,
    text: textFor(state, facts),
    tooltip: tooltipFor(state, facts, nextSteps),
    nextSteps,
    ...(state === 'error' ? { severity: 'error' as const } : {}),
  };
}

export function statusStoreFromProfile(profile: StoreProfile): StatusStore {
  return {
    instanceId: profile.instanceId,
    ...(profile.label !== undefined ? { label: profile.label } : {}),
    ...(profile.siteUrl !== undefined ? { siteUrl: profile.siteUrl } : {}),
    connected: profile.hasStoreKey,
    removed: profile.removed,
  };
}

/** Joins what the profile service knows with what only the running extension knows. */
export function statusFactsFromSummary(
  summary: CredentialSummary,
  live: Pick<StatusFacts, 'receiver' | 'checking' | 'lastError' | 'scopesPlanned'> = {},
): StatusFacts {
  return {
    hasApiKey: summary.hasApiKey,
    hasAppCredentials: summary.hasAppId && summary.hasAppSecret,
    hasPublicKey: summary.hasPublicKey,
    storeCount: summary.profileCount,
    ...(summary.activeProfile !== undefined ? { activeStore: statusStoreFromProfile(summary.activeProfile) } : {}),
    ...(summary.profilesProblem !== undefined
      ? { profilesProblem: { message: summary.profilesProblem.message, fix: summary.profilesProblem.fix, wholly: summary.profilesHealth !== 'partly' } }
      : {}),
    ...live,
  };
}

/**
 * A running check outranks an old error (it is about to replace it); an error outranks the rest.
 * The receiver has its own status-bar item: this one always shows the connection.
 */
function stateOf(facts: StatusFacts): StatusState {
  if (facts.checking !== undefined) return 'checking';
  if (currentError(facts) !== undefined) return 'error';
  if (usableStore(facts)?.connected) return 'connected';
  if (facts.hasApiKey && facts.hasAppCredentials) return 'credentials-ready';
  return 'not-set-up';
}

/** What the error state is about: the last failure, else unreadable store profiles (a partial loss is only a warning line). */
function currentError(facts: StatusFacts): { readonly message: string; readonly fix?: FixAction } | undefined {
  return facts.lastError ?? (facts.profilesProblem?.wholly ? facts.profilesProblem : undefined);
}

function usableStore(facts: StatusFacts): StatusStore | undefined {
  return facts.activeStore?.removed ? undefined : facts.activeStore;
}

function storeCount(facts: StatusFacts): number {
  return facts.storeCount ?? (facts.activeStore !== undefined ? 1 : 0);
}

function textFor(state: StatusState, facts: StatusFacts): string {
  switch (state) {
    case 'not-set-up':
      return '$(plug) API2Cart: not set up';
    case 'credentials-ready': {
      // A store that is saved but not (or no longer) in API2Cart is named as such, e.g. after Remove Store.
      const store = usableStore(facts);
      return store !== undefined ? `$(key) API2Cart: ${statusBarName(store)} not added` : '$(key) API2Cart: credentials ready';
    }
    case 'checking':
      return '$(sync~spin) API2Cart: checking…';
    case 'connected':
      return `$(check) API2Cart: ${statusBarName(facts.activeStore!)}`;
    case 'error':
      return '$(error) API2Cart: error';
  }
}

/** Short, and with `$(` escaped so a store label cannot inject an icon. */
function statusBarName(store: StatusStore): string {
  const name = profileDisplayName(store);
  const short = name.length > MAX_TEXT_NAME_LENGTH ? `${name.slice(0, MAX_TEXT_NAME_LENGTH - 1)}…` : name;
  return short.replace(/\$\(/g, '\\$(');
}

function tooltipFor(state: StatusState, facts: StatusFacts, actions: readonly StatusAction[]): string {
  const lines = [`API2Cart Wix: ${headline(state, facts)}`, storeLine(facts)];
  lines.push(`API2Cart API key: ${facts.hasApiKey ? 'saved' : 'missing'}`);
  lines.push(`Wix App ID and App Secret Key: ${facts.hasAppCredentials ? 'saved' : 'missing'}`);
  lines.push(`Webhook public key: ${facts.hasPublicKey ? 'saved' : 'missing'}`);
  if (facts.receiver !== undefined) lines.push(`Webhook receiver: listening at ${facts.receiver.url}`);
  if (facts.profilesProblem !== undefined && currentError(facts) !== facts.profilesProblem) lines.push(`Store profiles: ${facts.profilesProblem.message}`);
  // The journey always has a step left: at its end, Check Connection.
  const next = actions[0];
  if (next !== undefined) lines.push(`Next: ${next.label}. ${next.detail}`);
  lines.push('Click for actions.');
  return lines.join('\n');
}

function headline(state: StatusState, facts: StatusFacts): string {
  switch (state) {
    case 'not-set-up':
      return 'not set up';
    case 'credentials-ready':
      return 'credentials ready';
    case 'checking':
      return `${facts.checking!.description}…`;
    case 'connected':
      return `connected to ${profileDisplayName(facts.activeStore!)}`;
    case 'error':
      return `error. ${currentError(facts)!.message}`;
  }
}

function storeLine(facts: StatusFacts): string {
  const store = facts.activeStore;
  if (store === undefined) return 'Active store: none yet';
  const where = `Active store: ${profileDisplayName(store)} (instance ${store.instanceId})`;
  if (store.removed) return `${where}, the app was removed from this site`;
  return `${where}, ${store.connected ? 'added to API2Cart' : 'not added to API2Cart yet'}`;
}

/** The remaining journey, in the order the guide walks it. */
function pendingSteps(facts: StatusFacts): StatusActionId[] {
  const steps: StatusActionId[] = [];
  const fix = currentError(facts)?.fix ?? facts.profilesProblem?.fix;
  if (fix !== undefined && fix !== 'retry') steps.push(fix);
  // From nothing, the one guided flow is the next step, as the walkthrough's first step says.
  if (nothingStored(facts) && steps.length === 0) steps.push('connectWixStore');
  if (!facts.hasApiKey) steps.push('setApiKey');
  if (!facts.hasAppCredentials) steps.push('setAppCredentials');
  const store = usableStore(facts);
  if (store === undefined) {
    if (facts.activeStore?.removed && storeCount(facts) > 1) steps.push('switchStore');
    if (!facts.scopesPlanned) steps.push('planScopes');
    if (!facts.hasPublicKey) steps.push('setPublicKey');
    if (facts.receiver === undefined) steps.push('startReceiver');
    steps.push('setInstanceId');
  } else {
    steps.push(store.connected ? 'checkConnection' : 'addStore');
  }
  return steps;
}

function nothingStored(facts: StatusFacts): boolean {
  return !facts.hasApiKey && !facts.hasAppCredentials && !facts.hasPublicKey && storeCount(facts) === 0;
}

/** Everything else that applies now, most situational first. */
function otherActions(facts: StatusFacts): StatusActionId[] {
  const listening = facts.receiver !== undefined;
  const store = usableStore(facts);
  const anythingStored = !nothingStored(facts);
  const candidates: [StatusActionId, boolean][] = [
    // Steps 1–4 in one guided flow, while there is no connected store.
    ['connectWixStore', store?.connected !== true],
    ['stopReceiver', listening],
    ['sendTestWebhook', listening],
    ['switchStore', storeCount(facts) > (facts.activeStore !== undefined ? 1 : 0)],
    ['checkConnection', store?.connected === true],
    ['copyStoreKey', store?.connected === true],
    ['writeStoreKeyToEnv', store?.connected === true],
    ['newRequest', store?.connected === true],
    ['verifyPermissions', store?.connected === true],
    ['setInstanceId', true],
    ['startReceiver', !listening],
    ['decodeWebhook', true],
    ['planScopes', true],
    ['setApiKey', true],
    ['setAppCredentials', true],
    ['setPublicKey', true],
    ['removeStore', store?.connected === true],
    ['forgetCredentials', anythingStored],
  ];
  return candidates.filter(([, applies]) => applies).map(([id]) => id);
}

function actionsFor(facts: StatusFacts): StatusAction[] {
  const pending = [...new Set(pendingSteps(facts))];
  const others = otherActions(facts).filter((id) => !pending.includes(id));
  return [...pending.map((id) => describe(id, facts, true)), ...others.map((id) => describe(id, facts, false))];
}

function describe(id: StatusActionId, facts: StatusFacts, pending: boolean): StatusAction {
  const storeName = facts.activeStore !== undefined ? profileDisplayName(facts.activeStore) : 'the active store';
  const replace = (saved: boolean, detail: string) => (saved && !pending ? 'Saved. Choose to replace it.' : detail);
  const [label, detail] = ((): [string, string] => {
    switch (id) {
      case 'setApiKey':
        return ['Set API2Cart API Key', replace(facts.hasApiKey, 'From your API2Cart account; kept in secret storage.')];
      case 'setAppCredentials':
        return ['Set Wix App Credentials', replace(facts.hasAppCredentials, 'App ID and App Secret Key from the app dashboard, Develop → OAuth.')];
      case 'setPublicKey':
        return ['Set Webhook Public Key', replace(facts.hasPublicKey, 'From the app dashboard, Webhooks → Get Public Key; verifies webhooks.')];
      case 'setInstanceId':
        return ['Set Instance ID', 'Enter the Instance ID of a site that installed the app.'];
      case 'planScopes':
        return ['Plan App Scopes', 'Pick the API2Cart methods you need and see the Wix permissions to request.'];
      case 'startReceiver':
        return ['Start Webhook Receiver', 'Catch the App Installed webhook to learn the Instance ID.'];
      case 'stopReceiver':
        return ['Stop Webhook Receiver', `Listening at ${facts.receiver?.url ?? 'the local port'}.`];
      case 'sendTestWebhook':
        return ['Send Test Webhook', 'Check that the running receiver answers.'];
      case 'decodeWebhook':
        return ['Decode Webhook Payload', 'Verify and read a webhook body from the selection, the clipboard or an input box.'];
      case 'addStore':
        return ['Add Store to API2Cart', `Register ${storeName} with API2Cart and save its store key.`];
      case 'checkConnection':
        return ['Check Connection', `Ask API2Cart whether ${storeName} answers.`];
      case 'switchStore':
        return ['Switch Store', `${storeCount(facts)} stores saved.`];
      case 'forgetCredentials':
        return ['Forget Credentials', 'Delete what this extension saved in secret storage.'];
      case 'openSettings':
        return ['Open Settings', 'Review the API2Cart Wix settings.'];
      case 'copyStoreKey':
        return ['Copy Store Key', `Put the store key of ${storeName} on the clipboard for your integration.`];
      case 'writeStoreKeyToEnv':
        return ['Write Store Key to .env', 'Into a workspace .env that git ignores, for your integration to read.'];
      case 'newRequest':
        return ['New API2Cart Request', `Try any of the guide's methods on ${storeName} from a request file.`];
      case 'removeStore':
        return ['Remove Store from API2Cart', `Delete ${storeName} from your API2Cart account (cart.delete).`];
      case 'openProxySettings':
        return ['Open Proxy Settings', 'Review http.proxy, which wins over the HTTP(S)_PROXY variables.'];
      case 'connectWixStore':
        return ['Connect Wix Store', 'All steps in one guided flow: asks only for what is missing and waits for App Installed.'];
      case 'verifyPermissions':
        return ['Verify Store Permissions', `Read-only probes show whether ${storeName} lets API2Cart read what you planned.`];
    }
  })();
  return { id, label, detail, pending };
}
