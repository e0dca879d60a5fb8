import vscode = require('vscode');
import type { StepPosition } from '../../core/connect/connectFlow';

/** The person pressed the Back button. */
export const BACK = Symbol('back');

export interface InputStep {
  readonly title: string;
  readonly position: StepPosition;
  readonly prompt: string;
  readonly placeholder?: string;
  readonly value?: string;
  readonly password?: boolean;
  /**
   * Checks a value when Enter is pressed (may be async, e.g. decoding a webhook): a message keeps
   * the box open and shows it; undefined accepts. Typing clears the message.
   */
  readonly validate?: (value: string) => string | undefined | Promise<string | undefined>;
}

/**
 * The steps of one multi-step input, in VS Code's own style (a step counter and a Back button on
 * every step but the first). Holds the input shown now, so that running the flow again can bring
 * it back instead of starting a second one.
 */
export class MultiStepInput implements vscode.Disposable {
  private current: vscode.QuickInput | undefined;

  /** Shows the step on screen now again (it may have been hidden by focus moving elsewhere). */
  focus(): void {
    this.current?.show();
  }

  /** An input box; resolves to the accepted value, BACK, or undefined when it was closed. */
  input(step: InputStep): Promise<string | typeof BACK | undefined> {
    const box = vscode.window.createInputBox();
    box.title = step.title;
    box.step = step.position.step;
    box.totalSteps = step.position.totalSteps;
    box.prompt = step.prompt;
    box.placeholder = step.placeholder;
    box.value = step.value ?? '';
    box.password = step.password === true;
    box.ignoreFocusOut = true;
    box.buttons = step.position.step > 1 ? [vscode.QuickInputButtons.Back] : [];
    return this.run(box, (settle, disposables) => {
      let checking = false;
      disposables.push(
        box.onDidChangeValue(() => (box.validationMessage = undefined)),
        box.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && settle(BACK)),
        box.onDidAccept(async () => {
          if (checking) return;
          const value = box.value;
          checking = true;
          box.busy = true;
          box.enabled = false;
          try {
            const message = await step.validate?.(value);
            if (message) box.validationMessage = message;
            else settle(value);
          } finally {
            checking = false;
            box.busy = false;
            box.enabled = true;
          }
        }),
      );
    });
  }

  /**
   * Shows `pick` as the current step; `wire` connects its events and settles the step. Resolves
   * to undefined when the pick is closed (Escape) before it settled.
   */
  pick<T>(pick: vscode.QuickPick<vscode.QuickPickItem>, wire: (settle: (value: T) => void, disposables: vscode.Disposable[]) => void): Promise<T | undefined> {
    pick.ignoreFocusOut = true;
    return this.run(pick, wire);
  }

  private run<T>(input: vscode.QuickInput, wire: (settle: (value: T) => void, disposables: vscode.Disposable[]) => void): Promise<T | undefined> {
    return new Promise<T | undefined>((resolve) => {
      const disposables: vscode.Disposable[] = [];
      let settled = false;
      const settle = (value: T | undefined) => {
        if (settled) return;
        settled = true;
        for (const d of disposables) d.dispose();
        if (this.current === input) this.current = undefined;
        input.dispose();
        resolve(value);
      };
      disposables.push(input.onDidHide(() => settle(undefined)));
      wire((value) => settle(value), disposables);
      this.current?.dispose();
      this.current = input;
      input.show();
    });
  }

  dispose(): void {
    this.current?.dispose();
    this.current = undefined;
  }
}
