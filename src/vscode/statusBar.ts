import vscode = require('vscode');
import type { ProfileService } from '../core/profiles';
import type { Redactor } from '../core/redaction';
import type { Problem } from '../core/result';
import { presentStatus, statusFactsFromSummary, type StatusFacts, type StatusPresentation } from '../core/status';
import { CommandIds } from './commandIds';

type LiveFacts = Pick<StatusFacts, 'receiver' | 'checking' | 'lastError' | 'scopesPlanned'>;

/**
 * The one status-bar item: the connection at a glance; a click opens Show Actions. It shows what
 * the core status model makes of the stored credentials plus the live facts the commands report
 * (receiver listening, a check running, the last error).
 */
export class ConnectionStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('api2cartWix.status', vscode.StatusBarAlignment.Left, 100);
  private live: LiveFacts = {};
  private current: StatusPresentation | undefined;
  private readonly subscription: vscode.Disposable;
  private refreshing = Promise.resolve();
  private readonly published = new Map<string, boolean>();

  constructor(private readonly profiles: ProfileService, private readonly redactor: Redactor) {
    this.item.name = vscode.l10n.t('API2Cart Wix connection');
    this.item.command = CommandIds.showActions;
    this.subscription = profiles.onDidChange(() => void this.refresh());
  }

  /** The presentation shown now, with the ordered next steps (for Show Actions and tests). */
  get presentation(): StatusPresentation | undefined {
    return this.current;
  }

  setReceiver(url: string | undefined): Promise<void> {
    void vscode.commands.executeCommand('setContext', 'api2cartWix.receiverRunning', url !== undefined);
    return this.update({ receiver: url ? { url } : undefined });
  }

  setChecking(description: string | undefined): Promise<void> {
    return this.update({ checking: description ? { description } : undefined });
  }

  setError(problem: Problem | undefined): Promise<void> {
    // A server may echo a secret into an error message; the status bar never shows one.
    return this.update({ lastError: problem ? { message: this.redactor.redact(problem.message), fix: problem.fix } : undefined });
  }

  setScopesPlanned(): Promise<void> {
    return this.update({ scopesPlanned: true });
  }

  private update(patch: Partial<LiveFacts>): Promise<void> {
    this.live = Object.fromEntries(Object.entries({ ...this.live, ...patch }).filter(([, v]) => v !== undefined));
    return this.refresh();
  }

  /** Re-read the stored credentials and redraw; calls are serialised so the last one wins. */
  refresh(): Promise<void> {
    // A failed redraw must not block the ones after it.
    this.refreshing = this.refreshing.catch(() => undefined).then(async () => {
      const summary = await this.profiles.summary();
      // Without readable storage there are no credentials to speak of; the error says why.
      const facts = summary.ok
        ? statusFactsFromSummary(summary.value, this.live)
        : { hasApiKey: false, hasAppCredentials: false, hasPublicKey: false, ...this.live, lastError: summary.error };
      this.publishContext(facts);
      this.render(presentStatus(facts));
    });
    return this.refreshing;
  }

  /**
   * Context keys for `when` clauses and the walkthrough's completion events: each is true only once
   * its value is stored, so a step is never ticked by a command that opened and was refused.
   */
  private publishContext(facts: StatusFacts): void {
    const values: Record<string, boolean> = {
      'api2cartWix.hasApiKey': facts.hasApiKey,
      'api2cartWix.hasAppCredentials': facts.hasAppCredentials,
      'api2cartWix.hasStore': facts.activeStore !== undefined,
      'api2cartWix.storeAdded': facts.activeStore?.connected === true,
      'api2cartWix.scopesPlanned': facts.scopesPlanned === true,
    };
    for (const [key, value] of Object.entries(values)) {
      if (this.published.get(key) === value) continue;
      this.published.set(key, value);
      void vscode.commands.executeCommand('setContext', key, value);
    }
  }

  private render(view: StatusPresentation): void {
    this.current = view;
    this.item.text = view.text;
    this.item.tooltip = plainTooltip(view.tooltip);
    this.item.accessibilityInformation = { label: `${view.text.replace(/\$\([^)]*\)\s*/g, '')}. ${view.tooltip}`, role: 'button' };
    this.item.backgroundColor = view.severity === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}

/**
 * One line per fact, as text: store labels and error messages come from people and servers, so
 * nothing in them may render as a link, an image or markup. (appendText would also escape, but it
 * turns every space into a non-breaking one, so long lines would never wrap.)
 */
export function plainTooltip(text: string): vscode.MarkdownString {
  const escaped = text.split('\n').map(line => line.replace(/[\\`*_{}[\]()#+\-.!~<>|&]/g, '\\$&'));
  return new vscode.MarkdownString(escaped.join('  \n'));
}
