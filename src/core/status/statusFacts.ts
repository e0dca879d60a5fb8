import type { CredentialSummary, StoreProfile } from '../profiles/profileTypes';
import type { FixAction } from '../result';

// What the status bar is made from (statusModel.ts presents it, statusActions.ts lists the actions).

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

/** What the error state is about: the last failure, else unreadable store profiles (a partial loss is only a warning line). */
export function currentError(facts: StatusFacts): { readonly message: string; readonly fix?: FixAction } | undefined {
  return facts.lastError ?? (facts.profilesProblem?.wholly ? facts.profilesProblem : undefined);
}

export function usableStore(facts: StatusFacts): StatusStore | undefined {
  return facts.activeStore?.removed ? undefined : facts.activeStore;
}

export function storeCount(facts: StatusFacts): number {
  return facts.storeCount ?? (facts.activeStore !== undefined ? 1 : 0);
}
