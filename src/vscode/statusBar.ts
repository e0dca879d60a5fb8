import * as vscode from 'vscode';
import type { ProfileService } from '../core/profiles';
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

  constructor(private readonly profiles: ProfileService) {
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
    return this.update({ lastError: problem ? { message: problem.message, fix: problem.fix } : undefined });
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
    this.refreshing = this.refreshing.then(async () => {
      const summary = await this.profiles.summary();
      // Without readable storage there are no credentials to speak of; the error says why.
      const facts = summary.ok
        ? statusFactsFromSummary(summary.value, this.live)
        : { hasApiKey: false, hasAppCredentials: false, hasPublicKey: false, ...this.live, lastError: summary.error };
      this.render(presentStatus(facts));
    });
    return this.refreshing;
  }

  private render(view: StatusPresentation): void {
    this.current = view;
    this.item.text = view.text;
    this.item.tooltip = new vscode.MarkdownString(view.tooltip.split('\n').join('  \n'));
    this.item.accessibilityInformation = { label: `${view.text.replace(/\$\([^)]*\)\s*/g, '')}. ${view.tooltip}`, role: 'button' };
    this.item.backgroundColor = view.severity === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
