import type * as vscode from 'vscode';
import type { StoreCheck } from '../../core/views/storesTree';

/**
 * The store a command was invoked on: a Stores view item passes itself (`{ profileId }` or
 * `{ accountId }`), a caller may pass a profile id. From the palette there is none: the active store.
 */
export interface StoreArgument {
  readonly profileId?: string;
  readonly accountId?: string;
}

export function storeArgument(arg: unknown): StoreArgument {
  if (typeof arg === 'string' && arg !== '') return { profileId: arg };
  if (typeof arg !== 'object' || arg === null) return {};
  const { profileId, accountId } = arg as { profileId?: unknown; accountId?: unknown };
  if (typeof profileId === 'string') return { profileId };
  if (typeof accountId === 'string') return { accountId };
  return {};
}

/** The profile id only, for commands that work on store profiles alone. */
export const profileIdArgument = (arg: unknown): string | undefined => storeArgument(arg).profileId;

/** Called with the profile id and the outcome after each Check Connection (the Stores view listens). */
export type CheckRecorder = (profileId: string, check: Omit<StoreCheck, 'at'>) => void;

/**
 * The last Check Connection per store in this window, for the Stores view's icon and tooltip.
 * One instance for the window, in Services (each lazily loaded bundle would have its own copy of
 * a module-level one): the command records, the view reads.
 */
export class StoreChecks {
  private readonly checks = new Map<string, StoreCheck>();
  private readonly listeners = new Set<() => void>();

  readonly record: CheckRecorder = (profileId, check) => {
    this.checks.set(profileId, { at: new Date(), ...check });
    for (const l of this.listeners) l();
  };

  get all(): ReadonlyMap<string, StoreCheck> {
    return this.checks;
  }

  onDidChange(listener: () => void): vscode.Disposable {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }
}
