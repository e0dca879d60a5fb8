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
  | { readonly type: 'exportMarkdown' };

export type WebviewMessageType = WebviewToHost['type'];

export interface ScopeView {
  readonly name: string;
  /** Present only where a source gives the id. */
  readonly id?: string;
  /** false when the id comes from third-party code only. */
  readonly idConfirmed?: boolean;
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

export interface PlannerState {
  readonly groups: readonly MethodGroupView[];
  readonly presets: readonly PresetView[];
  readonly selection: readonly MethodName[];
  readonly clauses: readonly ClauseView[];
  readonly notes: readonly string[];
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
