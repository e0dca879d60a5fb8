/**
 * Text from outside (site names, webhook fields, API answers, request files) shown to a person:
 * always as data, never as markup. VS Code turns `[x](command:…)` in a notification into a live
 * link and `$(name)` in a quick pick into an icon; a line or bidi control can make one line look
 * like two, or reorder what is read. `inertText` removes all of that.
 */

/** C0 and C1 controls (U+0085 among them), U+2028/U+2029, and the bidi controls. */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g;

/** Each run of controls becomes one space; for text otherwise kept as typed (a store label). */
export function stripControls(text: string): string {
  return text.replace(CONTROLS, ' ');
}

export interface InertOptions {
  /** Longer text is cut there and ends with "…". */
  readonly max?: number;
  /** Reduce to printable ASCII (every other character becomes "?"), for files such as `.env`. */
  readonly ascii?: boolean;
}

export const DEFAULT_INERT_MAX = 200;

/**
 * One line, no controls, no link (`](` is split), no icon (`$(` is split). Whitespace runs become
 * one space. Safe to put into notifications, modals, progress, quick picks and file comments.
 */
export function inertText(text: string, opts: InertOptions = {}): string {
  let out = stripControls(String(text));
  if (opts.ascii) out = out.replace(/[^\x20-\x7e]/gu, '?');
  out = out
    .replace(/\s+/g, ' ')
    .replace(/\]\s*\(/g, '] (')
    .replace(/\$\(/g, '$ (')
    .trim();
  const max = opts.max ?? DEFAULT_INERT_MAX;
  const chars = [...out];
  const ellipsis = opts.ascii ? '...' : '…';
  return chars.length > max ? `${chars.slice(0, Math.max(1, max - ellipsis.length)).join('')}${ellipsis}` : out;
}
