import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { waitFor } from './extension';

export type Severity = 'info' | 'warning' | 'error';
export type PickItem = vscode.QuickPickItem & Record<string, unknown>;
export type Picker = (items: readonly PickItem[]) => PickItem | PickItem[] | string | undefined;

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

/** Typed into a scripted input, or returned by a picker, to press the Back button instead. */
export const BACK_BUTTON: string = '\u0000back';
/** Returned by a picker for a quick pick that stays open until the extension closes it. */
export const LEAVE_OPEN: string = '\u0000open';

/** An input box or quick pick the extension built itself (createInputBox / createQuickPick), as shown. */
export interface ShownQuickInput {
  readonly kind: 'input' | 'pick';
  readonly title?: string;
  readonly step?: number;
  readonly totalSteps?: number;
  readonly password?: boolean;
  readonly hasBack: boolean;
  readonly placeholder?: string;
  /** An input box's value when shown (a default such as the saved App ID). */
  readonly value?: string;
  readonly items?: readonly PickItem[];
  /** Validation messages shown under an input box, one per refused attempt. */
  readonly rejected: string[];
  accepted?: string;
  /** How often the extension showed it again while it was open (bringing it to the front). */
  focused: number;
  /** A pick left open: the person picks this item now. */
  accept?(item: PickItem): void;
}

type Listener<T> = (value: T) => unknown;

/** The events of a fake quick input, fired by the scripted person. */
class Emitter<T> {
  private readonly listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>): vscode.Disposable => {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  };
  fire(value: T): void {
    for (const listener of [...this.listeners]) void listener(value);
  }
}

/**
 * Stands in for VS Code's InputBox and QuickPick (the parts the extension uses). `show()` hands it
 * to the scripted person; `hide()` and `dispose()` behave as VS Code's do.
 */
class FakeQuickInput {
  title?: string; step?: number; totalSteps?: number; prompt?: string; placeholder?: string;
  value = ''; password = false; ignoreFocusOut = false; busy = false; enabled = true;
  validationMessage?: string; buttons: readonly vscode.QuickInputButton[] = [];
  items: readonly PickItem[] = []; selectedItems: readonly PickItem[] = []; activeItems: readonly PickItem[] = [];
  matchOnDetail = false; matchOnDescription = false; canSelectMany = false;
  hidden = false;
  readonly didAccept = new Emitter<void>();
  readonly didHide = new Emitter<void>();
  readonly didTriggerButton = new Emitter<vscode.QuickInputButton>();
  readonly didChangeValue = new Emitter<string>();
  readonly didChangeSelection = new Emitter<readonly PickItem[]>();
  readonly onDidAccept = this.didAccept.event;
  readonly onDidHide = this.didHide.event;
  readonly onDidTriggerButton = this.didTriggerButton.event;
  readonly onDidChangeValue = this.didChangeValue.event;
  readonly onDidChangeSelection = this.didChangeSelection.event;
  readonly onDidChangeActive = new Emitter<readonly PickItem[]>().event;

  constructor(readonly kind: 'input' | 'pick', private readonly onShow: (input: FakeQuickInput) => void) {}

  private showing = false;
  refocused = 0;

  show(): void {
    this.hidden = false;
    if (this.showing) {
      this.refocused++;
      return;
    }
    this.showing = true;
    this.onShow(this);
  }

  hide(): void {
    if (this.hidden) return;
    this.hidden = true;
    this.showing = false;
    this.didHide.fire();
  }

  dispose(): void {
    this.hide();
  }
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
  /** Input boxes and quick picks built with createInputBox / createQuickPick, in the order shown. */
  readonly quickInputs: ShownQuickInput[] = [];
  /** Like a person who never dismisses a notification: its promise never settles. */
  ignoreNotifications = false;
  /** Closes the notifications left open while ignoreNotifications was on. */
  private readonly ignored: (() => void)[] = [];
  private inputScript: string[][] = [];
  private pickScript: Picker[] = [];
  private dialogScript: (vscode.Uri[] | undefined)[] = [];
  private replies: { match: RegExp; button: string | RegExp }[] = [];
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

  /** Press the first button whose label matches `button` on every message matching `match`. */
  replyMatching(match: RegExp, button: RegExp): this {
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
      if (typeof picked === 'string') throw new Error('Back and leave-open are for quick picks the extension builds itself');
      return options?.canPickMany && picked !== undefined && !Array.isArray(picked) ? [picked] : picked;
    });
    replace('showOpenDialog', async () => this.dialogScript.shift());
    replace('createInputBox', () => new FakeQuickInput('input', (box) => void this.answerInputBox(box)));
    replace('createQuickPick', () => new FakeQuickInput('pick', (pick) => void this.answerQuickPick(pick)));
    const message = (severity: Severity) => (text: string, ...rest: unknown[]) => {
      const first = rest[0];
      const options = typeof first === 'object' && first !== null && !('title' in first) ? (first as vscode.MessageOptions) : undefined;
      const buttons = (options ? rest.slice(1) : rest).map((b) => (typeof b === 'string' ? b : (b as vscode.MessageItem).title));
      this.messages.push({ severity, message: text, detail: options?.detail, modal: options?.modal === true, buttons });
      if (this.ignoreNotifications) return new Promise((resolve) => this.ignored.push(() => resolve(undefined)));
      const pressed = (r: { button: string | RegExp }) => (typeof r.button === 'string' ? buttons.find((b) => b === r.button) : buttons.find((b) => (r.button as RegExp).test(b)));
      const reply = this.replies.find((r) => r.match.test(text) && pressed(r) !== undefined);
      return Promise.resolve(reply && pressed(reply));
    };
    replace('showInformationMessage', message('info'));
    replace('showWarningMessage', message('warning'));
    replace('showErrorMessage', message('error'));
    return this;
  }

  /** The person at a createInputBox: each scripted attempt is typed and Enter pressed, until one is taken. */
  private async answerInputBox(box: FakeQuickInput): Promise<void> {
    const shown: ShownQuickInput = {
      kind: 'input', title: box.title, step: box.step, totalSteps: box.totalSteps, password: box.password,
      hasBack: box.buttons.includes(vscode.QuickInputButtons.Back), placeholder: box.placeholder, value: box.value, rejected: [],
      get focused() { return box.refocused; },
    };
    this.quickInputs.push(shown);
    const script = this.inputScript.shift();
    if (!script && this.options.strictInputs) throw new Error('the extension asked for input the test did not expect');
    await Promise.resolve();
    for (const attempt of script ?? []) {
      if (attempt === BACK_BUTTON) {
        box.didTriggerButton.fire(vscode.QuickInputButtons.Back);
        return;
      }
      box.value = attempt;
      box.didChangeValue.fire(attempt);
      box.didAccept.fire();
      // Accepting may be checked asynchronously (busy): wait until the box closed or said no.
      await waitFor(() => (box.hidden || (box.validationMessage && !box.busy) ? true : undefined), 'the input box to take or refuse the value');
      if (box.hidden) {
        shown.accepted = attempt;
        return;
      }
      shown.rejected.push(box.validationMessage!);
      box.validationMessage = undefined;
    }
    box.hide();
  }

  /** The person at a createQuickPick: the next scripted picker picks, goes back, leaves it open or escapes. */
  private async answerQuickPick(pick: FakeQuickInput): Promise<void> {
    const shown: ShownQuickInput = {
      kind: 'pick', title: pick.title, step: pick.step, totalSteps: pick.totalSteps,
      hasBack: pick.buttons.includes(vscode.QuickInputButtons.Back), placeholder: pick.placeholder, items: pick.items, rejected: [],
      get focused() { return pick.refocused; },
      accept: (item) => {
        pick.selectedItems = [item];
        pick.didAccept.fire();
      },
    };
    this.quickInputs.push(shown);
    this.picks.push({ items: pick.items, options: { title: pick.title, placeHolder: pick.placeholder } });
    // Let the extension finish wiring the pick before the person acts on it.
    await Promise.resolve();
    const picked = this.pickScript.shift()?.(pick.items);
    if (picked === LEAVE_OPEN) return;
    if (picked === BACK_BUTTON) {
      pick.didTriggerButton.fire(vscode.QuickInputButtons.Back);
      return;
    }
    if (picked === undefined || typeof picked === 'string' || Array.isArray(picked)) {
      pick.hide();
      return;
    }
    pick.selectedItems = [picked];
    pick.didAccept.fire();
  }

  /** The person finally closes every notification they ignored. */
  dismissIgnored(): void {
    this.ignored.splice(0).forEach((dismiss) => dismiss());
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
    this.quickInputs.length = 0;
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
