import vscode = require('vscode');
import type { PlatformMethodsCache } from '../../core/permissions/platformMethods';
import type { VerificationResult } from '../../core/permissions/types';
import type { Redactor } from '../../core/redaction';

/**
 * The session's store permission checks: the last result per store (the planner shows it, the
 * report is saved from it), the one check that may run at a time, and the platform method lists
 * read so far. In memory only: a check is cheap to run again, and results go stale.
 */
export class PermissionChecks implements vscode.Disposable {
  private readonly results = new Map<string, VerificationResult>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  running: { readonly profileId: string; readonly controller: AbortController } | undefined;
  /**
   * The store the planner shows when a check ran on one that is not active (from the Stores view),
   * for as long as the active store stays the one it was then.
   */
  shown: { readonly profileId: string; readonly whileActive: string | undefined } | undefined;
  platformMethods: PlatformMethodsCache | undefined;
  /** Tests only: a short probe time limit instead of the core's default. */
  probeTimeoutMs: number | undefined;

  constructor(private readonly redactor: Redactor) {}

  get(profileId: string): VerificationResult | undefined {
    return this.results.get(profileId);
  }

  /**
   * Keeps a result, redacted as a whole: messages come from servers and Wix's permission strings
   * are undocumented, so any of them could echo a secret on its way to the webview or the report.
   */
  set(profileId: string, result: VerificationResult): void {
    this.results.set(profileId, JSON.parse(this.redactor.redact(JSON.stringify(result))) as VerificationResult);
    this.changed.fire();
  }

  dispose(): void {
    this.running?.controller.abort();
    this.changed.dispose();
  }
}
