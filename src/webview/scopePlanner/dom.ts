/**
 * Small DOM helpers shared by the planner's parts. Text only ever goes in as textContent: names and
 * messages from outside stay data, never markup.
 */
import type { WebviewToHost } from '../../shared/scopePlannerProtocol';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** VS Code allows one acquireVsCodeApi() per webview: every part uses this one. */
export const vscodeApi = acquireVsCodeApi();

/** The action that was sent last: its answer (a notice) is shown beside its button. */
export let lastAction: WebviewToHost['type'] | undefined;

export const send = (message: WebviewToHost): void => {
  lastAction = message.type;
  vscodeApi.postMessage(message);
};
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { id?: string; className?: string; text?: string; attrs?: Record<string, string> } = {},
  ...children: (Node | string | undefined)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.id) node.id = props.id;
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(child);
  return node;
}

export function actionButton(id: string, text: string, message: WebviewToHost): HTMLButtonElement {
  const button = el('button', { id, text, attrs: { type: 'button' } });
  button.addEventListener('click', () => send(message));
  return button;
}

export function setText(id: string, text: string): void {
  const node = document.getElementById(id);
  if (node) node.textContent = text;
}

/** Where the answer to an action appears: right under the row of buttons it came from. */
export const statusLine = (id: string): HTMLParagraphElement =>
  el('p', { id, className: 'action-status', attrs: { role: 'status', 'aria-live': 'polite' } });

/** Text with `code` spans (our own sentences naming methods): the quoted parts become <code>. */
export function withCode(text: string): Node[] {
  return text.split('`').map((part, i) => (i % 2 === 1 ? el('code', { text: part }) : document.createTextNode(part)));
}
