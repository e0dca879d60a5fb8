import * as vscode from 'vscode';
import { CommandIds } from './commandIds';

export interface StatusView {
  readonly state: string;
  readonly text: string;
  readonly tooltip: string;
}

/** The one status-bar item: the connection at a glance; a click opens Show Actions. */
export class ConnectionStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('api2cartWix.status', vscode.StatusBarAlignment.Left, 100);
  private current: StatusView | undefined;

  constructor() {
    this.item.name = vscode.l10n.t('API2Cart Wix connection');
    this.item.command = CommandIds.showActions;
  }

  render(view: StatusView): void {
    this.current = view;
    this.item.text = view.text;
    this.item.tooltip = new vscode.MarkdownString(view.tooltip);
    this.item.accessibilityInformation = { label: `${view.text.replace(/\$\([^)]*\)\s*/g, '')}. ${view.tooltip}`, role: 'button' };
    this.item.backgroundColor = view.state === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }

  /** What the item shows now (for tests and the leak canary). */
  get view(): StatusView | undefined {
    return this.current;
  }

  dispose(): void {
    this.item.dispose();
  }
}
