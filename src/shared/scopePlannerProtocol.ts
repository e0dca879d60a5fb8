/**
 * Messages between the scope planner webview and the extension host. The webview only renders and
 * reports clicks; the host owns the selection and computes the plan. Everything the webview sends is
 * untrusted: the host accepts it only through parseWebviewMessage. No secret ever travels here.
 */
import { findPreset, isMethodName, type Entity, type MethodName } from '../core/scopes';

export type { Entity, MethodName };

/** More than every method twice over is not a selection a person made. */
export const MAX_SELECTION_LENGTH = 200;

export type WebviewToHost =
  | { readonly type: 'ready' }
  /** Sent once after the first state is painted: lets tests time command → rendered. */
  | { readonly type: 'rendered' }
  | { readonly type: 'setSelection'; readonly methods: readonly MethodName[] }
  | { readonly type: 'toggle'; readonly method: MethodName; readonly selected: boolean }
  | { readonly type: 'applyPreset'; readonly presetId: string }
  | { readonly type: 'copyText' }
  | { readonly type: 'copyJson' }
  | { readonly type: 'exportMarkdown' }
  /** Run Verify Store Permissions on the active store for the current selection. */
  | { readonly type: 'verify' }
  | { readonly type: 'cancelVerify' }
  /** Save the last check's Markdown report. */
  | { readonly type: 'saveReport' }
  /** Copy the permissions added and removed since the store was added, as text. */
  | { readonly type: 'copyDrift' };

export type WebviewMessageType = WebviewToHost['type'];

export interface ScopeView {
  readonly name: string;
  /** Present only where a source gives the id. */
  readonly id?: string;
  /** false when the id comes from third-party code only. */
  readonly idConfirmed?: boolean;
  /** Where Wix publishes no id: how to find the permission by its name. */
  readonly noIdHint?: string;
}

export interface MethodView {
  readonly name: MethodName;
  /** The method's requirements as labels ("A or B" for alternatives). */
  readonly scopes: readonly string[];
  /** Set when the guide lists the method in several rows; says how the planner handles it. */
  readonly duplicateNote?: string;
}

export interface MethodGroupView {
  readonly entity: Entity;
  readonly methods: readonly MethodView[];
}

export interface PresetView {
  readonly id: string;
  readonly label: string;
  readonly description: string;
}

export interface ClauseView {
  /** "A or B"; also the result item's data-scope-clause. */
  readonly label: string;
  readonly options: readonly ScopeView[];
  readonly neededBy: readonly MethodName[];
}

/** The active store as the planner names it: never a key. */
export interface StoreView {
  readonly name: string;
  /** A store key is saved: the store was added to API2Cart and can be verified. */
  readonly connected: boolean;
}

/** How a badge reads at a glance; the text always says it in words too. */
/** `limited`: the probes work, but a ticked method is not on the platform's list (amber, not green). */
export type BadgeTone = 'works' | 'limited' | 'fails' | 'unknown' | 'neutral' | 'checking';

export interface ProbeLineView {
  readonly method: string;
  /** Short, e.g. "Fails (code 100)". */
  readonly label: string;
  /** One sentence: what happened, with API2Cart's code and message explained. */
  readonly text: string;
  readonly tone: BadgeTone;
  /** On a failure: the Wix permissions to check, as the planner labels them ("A or B"). */
  readonly permissions?: readonly string[];
}

export interface GroupVerificationView {
  readonly entity: Entity;
  readonly label: string;
  readonly tone: BadgeTone;
  /** The card's first line on a failure or an amber verdict, e.g. "Permission refused: `order.count`, …". */
  readonly conclusion?: string;
  readonly probes: readonly ProbeLineView[];
  /** Not probed, not checked, not exercised: what the badge does not cover. */
  readonly notes: readonly string[];
}

export interface VerificationView {
  readonly status: 'running' | 'done' | 'cancelled';
  /** e.g. 'Checked "Canary Crafts" at 14:02 for 5 ticked methods: 3 work, 1 fails, 1 not probed.' */
  readonly summary: string;
  readonly groups: readonly GroupVerificationView[];
  /** Ticked methods the platform's cart.methods list does not include. */
  readonly unsupported: readonly MethodName[];
  /** Set when cart.methods was not read, or read empty. */
  readonly platformNote?: string;
  /** The app instance's permissions exactly as Wix returned them; absent when not read. */
  readonly wixPermissions?: readonly string[];
  /** The app version this site runs (GET /apps/v1/instance), when Wix said. */
  readonly wixAppVersion?: string;
  /** Set when the app instance was not read, and why. */
  readonly wixNote?: string;
  /** The ticked methods changed since the check: its badges describe the earlier selection. */
  readonly stale: boolean;
}

export type DriftView =
  | {
      readonly kind: 'compared';
      /** YYYY-MM-DD of the Add Store that took the snapshot. */
      readonly since: string;
      readonly added: readonly string[];
      readonly removed: readonly string[];
      readonly unchanged: number;
      readonly note: string;
    }
  /** The store was added before any plan was kept (or with an empty plan): nothing to compare. */
  | { readonly kind: 'no-snapshot' };

export interface PlannerState {
  readonly groups: readonly MethodGroupView[];
  /** Requirements of every method ("Manage Your App", …): listed once, left out of each row's scopes. */
  readonly commonScopes: readonly string[];
  readonly presets: readonly PresetView[];
  readonly selection: readonly MethodName[];
  readonly clauses: readonly ClauseView[];
  readonly notes: readonly string[];
  /** The active store, when there is one. */
  readonly store?: StoreView;
  /** The last check of the active store, while it runs and after. */
  readonly verification?: VerificationView;
  /** Only for a store that was added to API2Cart. */
  readonly drift?: DriftView;
}

export type HostToWebview =
  | { readonly type: 'state'; readonly state: PlannerState }
  | { readonly type: 'notice'; readonly level: 'info' | 'error'; readonly text: string };

type Json = Record<string, unknown>;

const isRecord = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Exactly these keys, no more: unknown fields mean a sender we don't understand. */
const hasOnlyKeys = (x: Json, keys: readonly string[]): boolean =>
  Object.keys(x).every((k) => keys.includes(k)) && keys.every((k) => k in x);

/** Validates a message from the webview; undefined for anything malformed. */
export function parseWebviewMessage(x: unknown): WebviewToHost | undefined {
  if (!isRecord(x) || typeof x.type !== 'string') return undefined;
  switch (x.type) {
    case 'ready':
    case 'rendered':
    case 'copyText':
    case 'copyJson':
    case 'exportMarkdown':
    case 'verify':
    case 'cancelVerify':
    case 'saveReport':
    case 'copyDrift':
      return hasOnlyKeys(x, ['type']) ? { type: x.type } : undefined;
    case 'setSelection': {
      const methods = x.methods;
      if (!hasOnlyKeys(x, ['type', 'methods']) || !Array.isArray(methods)) return undefined;
      if (methods.length > MAX_SELECTION_LENGTH) return undefined;
      // Copied before checking: every() skips the holes of a sparse array, the copy has undefined there.
      const copy: unknown[] = [...methods];
      return copy.every(isMethodName) ? { type: 'setSelection', methods: copy } : undefined;
    }
    case 'toggle':
      if (!hasOnlyKeys(x, ['type', 'method', 'selected'])) return undefined;
      if (!isMethodName(x.method) || typeof x.selected !== 'boolean') return undefined;
      return { type: 'toggle', method: x.method, selected: x.selected };
    case 'applyPreset':
      if (!hasOnlyKeys(x, ['type', 'presetId']) || typeof x.presetId !== 'string') return undefined;
      return findPreset(x.presetId) ? { type: 'applyPreset', presetId: x.presetId } : undefined;
    default:
      return undefined;
  }
}
