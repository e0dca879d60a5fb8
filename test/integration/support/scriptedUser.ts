import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { waitFor } from './extension';

export type Severity = 'info' | 'warning' | 'error';
export type PickItem = vscode.QuickPickItem & Record<string, unknown>;
export type Picker = (items: readonly PickItem[]) => PickItem | PickItem[] | undefined;

/** One notification or dialog the extension asked VS Code to show. */
export interface ShownMessage {
  readonly severity: Severity;
  readonly message: string;
  readonly detail?: string;
  readonly modal: boolean;
  readonly buttons: readonly string[];
}

export interface InputCall {
  readonly options: vscode.InputBoxOptions;
  /** What the validator said to each rejected attempt, as the box shows it under the input. */
  readonly rejected: string[];
  accepted?: string;
}

export interface PickCall {
  readonly items: readonly PickItem[];
  readonly options?: vscode.QuickPickOptions;
}

/**
 * Plays the person at the keyboard: replaces the window's input box, quick pick, open dialog and
 * notifications with scripted answers. The test files run in the extension's own API object
 * (same extension root), so the extension's commands see these replacements. The smoke-test
 * driver would hide toasts and dialogs anyway.
 *
 * An input box runs its validateInput on each scripted attempt and, like VS Code, accepts only an
 * attempt without an error message; when every attempt is rejected, or nothing was scripted, the
 * person presses Escape. Each quick pick takes the next scripted picker (none: Escape).
 */
export class ScriptedUser {
  readonly inputs: InputCall[] = [];
  readonly picks: PickCall[] = [];
  readonly messages: ShownMessage[] = [];
  /** Like a person who never dismisses a notification: its promise never settles. */
  ignoreNotifications = false;
  private inputScript: string[][] = [];
  private pickScript: Picker[] = [];
  private dialogScript: (vscode.Uri[] | undefined)[] = [];
  private replies: { match: RegExp; button: string }[] = [];
  private readonly originals = new Map<string, unknown>();

  /**
   * @param strictInputs an input box nobody scripted fails the command instead of being escaped.
   */
  constructor(private readonly options: { strictInputs?: boolean } = {}) {}

  /** The next input box receives these attempts in turn; no attempts is Escape. */
  input(...attempts: string[]): this {
    this.inputScript.push(attempts);
    return this;
  }

  /** Input boxes scripted but not shown yet. */
  pendingInputs(): number {
    return this.inputScript.length;
  }

  pick(picker: Picker): this {
    this.pickScript.push(picker);
    return this;
  }

  pickLabel(label: RegExp): this {
    return this.pick((items) => items.find((i) => label.test(i.label)));
  }

  openDialog(result: vscode.Uri[] | undefined): this {
    this.dialogScript.push(result);
    return this;
  }

  /** Press `button` on every message matching `match` that offers it. */
  reply(match: RegExp, button: string): this {
    this.replies.push({ match, button });
    return this;
  }

  install(): this {
    const window = vscode.window as unknown as Record<string, unknown>;
    const replace = (name: string, fn: unknown) => {
      this.originals.set(name, window[name]);
      window[name] = fn;
    };
    replace('showInputBox', async (options: vscode.InputBoxOptions = {}) => {
      const call: InputCall = { options, rejected: [] };
      this.inputs.push(call);
      const script = this.inputScript.shift();
      if (!script && this.options.strictInputs) throw new Error('the extension asked for input the test did not expect');
      for (const attempt of script ?? []) {
        const verdict = await options.validateInput?.(attempt);
        const message = typeof verdict === 'string' ? verdict : verdict?.severity === vscode.InputBoxValidationSeverity.Error ? verdict.message : undefined;
        if (!message) return (call.accepted = attempt);
        call.rejected.push(message);
      }
      return undefined;
    });
    replace('showQuickPick', async (items: readonly PickItem[] | Thenable<readonly PickItem[]>, options?: vscode.QuickPickOptions) => {
      const resolved = await items;
      this.picks.push({ items: resolved, options });
      const picked = this.pickScript.shift()?.(resolved);
      return options?.canPickMany && picked !== undefined && !Array.isArray(picked) ? [picked] : picked;
    });
    replace('showOpenDialog', async () => this.dialogScript.shift());
    const message = (severity: Severity) => (text: string, ...rest: unknown[]) => {
      const first = rest[0];
      const options = typeof first === 'object' && first !== null && !('title' in first) ? (first as vscode.MessageOptions) : undefined;
      const buttons = (options ? rest.slice(1) : rest).map((b) => (typeof b === 'string' ? b : (b as vscode.MessageItem).title));
      this.messages.push({ severity, message: text, detail: options?.detail, modal: options?.modal === true, buttons });
      if (this.ignoreNotifications) return new Promise(() => undefined);
      const reply = this.replies.find((r) => r.match.test(text) && buttons.includes(r.button));
      return Promise.resolve(reply?.button);
    };
    replace('showInformationMessage', message('info'));
    replace('showWarningMessage', message('warning'));
    replace('showErrorMessage', message('error'));
    return this;
  }

  restore(): void {
    const window = vscode.window as unknown as Record<string, unknown>;
    for (const [name, original] of this.originals) window[name] = original;
    this.originals.clear();
  }

  /** Forgets what was shown and every script, for the next test. */
  reset(): void {
    this.inputs.length = 0;
    this.picks.length = 0;
    this.messages.length = 0;
    this.ignoreNotifications = false;
    this.inputScript = [];
    this.pickScript = [];
    this.dialogScript = [];
    this.replies = [];
  }

  messagesOf(severity: Severity): string[] {
    return this.messages.filter((m) => m.severity === severity).map((m) => m.message);
  }

  /** The one message of this severity (fails listing what was shown otherwise). */
  only(severity: Severity): ShownMessage {
    const matching = this.messages.filter((m) => m.severity === severity);
    assert.equal(matching.length, 1, `expected one ${severity} notification, got: ${JSON.stringify(this.messages)}`);
    return matching[0]!;
  }

  /** Waits for a notification whose text matches. */
  notification(pattern: RegExp, severity?: Severity): Promise<ShownMessage> {
    return waitFor(() => this.messages.find((m) => pattern.test(m.message) && (!severity || m.severity === severity)), `a notification matching ${pattern}`);
  }

  /**
   * Everything a person was shown: titles, prompts, labels, messages. Quick-pick items keep only
   * what is displayed; the extension's own fields on an item (e.g. the delivery behind it) are not.
   */
  shownText(): string {
    return JSON.stringify({
      inputs: this.inputs.map((i) => ({ ...i.options, validateInput: undefined, rejected: i.rejected })),
      picks: this.picks.map(({ items, options }) => ({
        options,
        items: items.map(({ label, description, detail }) => ({ label, description, detail })),
      })),
      messages: this.messages,
    });
  }
}
