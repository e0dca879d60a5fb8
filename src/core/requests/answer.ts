import { describeReturnCode } from '../api2cart/returnCodes';
import { redact as quoteSafely } from '../http/redact';

/** What came back, as the raw HTTP path read it (src/core/http/request.ts `requestRaw`). */
export interface RawAnswer {
  readonly status: number;
  readonly contentType?: string;
  /** The body as text: all of it, or its first part when `truncated`. */
  readonly text: string;
  /** Bytes received in all. */
  readonly bytes: number;
  readonly truncated: boolean;
}

export interface AnswerInput {
  readonly method: string;
  readonly storeName: string;
  readonly answer: RawAnswer;
  /** Time from sending to the last byte. */
  readonly ms: number;
  readonly at: Date;
  /** Masks every known secret; the document is shown on screen. */
  readonly redact: (text: string) => string;
}

/** The answer as the read-only document beside the request file shows it. */
export interface AnswerView {
  /** The tab title: method, HTTP status and time taken. */
  readonly title: string;
  /** jsonc: the notes above the body are // comments. */
  readonly language: 'jsonc' | 'plaintext';
  readonly text: string;
  /** One line for a notification and the run history, e.g. "HTTP 200, return_code 0". */
  readonly summary: string;
  readonly returnCode?: number;
  /** The cursor of the next page, when the answer has one. */
  readonly nextCursor?: string;
}

/**
 * Answers up to this size are parsed and re-indented. A 5 MB answer opens in well under a second
 * (npm run bench); beyond this the text is shown as it came.
 */
export const PRETTY_PRINT_LIMIT = 8 * 1024 * 1024;
/** Of an answer too large to show whole, this much is shown: enough to read, light for the editor. */
export const TRUNCATED_VIEW_CHARS = 1024 * 1024;

const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(1)} MB`;
const pad = (n: number): string => String(n).padStart(2, '0');
const localTime = (at: Date): string =>
  `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The next-page cursor: `pagination.next`, or the page_cursor of a next-page link. */
export function nextCursorOf(json: unknown): string | undefined {
  const next = isObject(json) && isObject(json.pagination) ? json.pagination.next : undefined;
  if (typeof next !== 'string' || next.trim() === '') return undefined;
  if (/^https?:\/\//i.test(next)) {
    try {
      return new URL(next).searchParams.get('page_cursor') ?? undefined;
    } catch {
      return undefined;
    }
  }
  return next;
}

export function formatAnswer(input: AnswerInput): AnswerView {
  const { answer, method, ms } = input;
  const title = `${method} · HTTP ${answer.status} · ${Math.round(ms)} ms`;
  const header = [`${method} on "${input.storeName}": HTTP ${answer.status} in ${Math.round(ms)} ms, ${localTime(input.at)}`];
  const view = (language: AnswerView['language'], body: string, summary: string, extra: Partial<AnswerView> = {}): AnswerView => ({
    title,
    language,
    // Header lines come from servers and people too: one line each, masked like the body.
    text: input.redact(`${header.map((line) => `// ${line.replace(/[\r\n]+/g, ' ')}`).join('\n')}\n${body}`),
    summary,
    ...extra,
  });

  if (answer.truncated) {
    const shown = answer.text.slice(0, TRUNCATED_VIEW_CHARS);
    header.push(`The answer is ${mb(answer.bytes)}, too large to show whole: its first ${mb(Buffer.byteLength(shown))} are shown as text, not formatted. Ask for less with "count", "params" or "response_fields".`);
    return view('plaintext', shown, `HTTP ${answer.status}, ${mb(answer.bytes)} (truncated)`);
  }
  let json: unknown;
  let parsed = false;
  if (answer.text.length <= PRETTY_PRINT_LIMIT) {
    try {
      json = JSON.parse(answer.text);
      parsed = true;
    } catch {
      parsed = false;
    }
  }
  if (!parsed) {
    const what = answer.text.trim() === '' ? 'an empty body' : `something that is not JSON${answer.contentType ? ` (${answer.contentType.split(';')[0]})` : ''}`;
    header.push(`API2Cart answered with ${what}; shown as it came. A proxy, a captive portal or a wrong api2cart.baseUrl setting is the usual cause.`);
    return view('plaintext', answer.text, `HTTP ${answer.status}, not JSON`);
  }
  if (answer.status < 200 || answer.status >= 300) header.push(`HTTP ${answer.status}: ${answer.status >= 500 ? 'a server error; try again in a few minutes.' : 'refused by the server.'}`);
  const code = isObject(json) && typeof json.return_code === 'number' ? json.return_code : undefined;
  if (code === 0) header.push('return_code 0: success.');
  else if (code !== undefined) {
    const said = isObject(json) && typeof json.return_message === 'string' ? quoteSafely(json.return_message, []) : '';
    header.push(`return_code ${code}: ${describeReturnCode(code).message}${said ? ` (API2Cart: "${said}")` : ''}`);
  } else header.push('No return_code in this answer: it may not come from API2Cart.');
  const nextCursor = nextCursorOf(json);
  if (nextCursor !== undefined) header.push('More results: "Next page" above the request file fetches the next page.');
  const summary = `HTTP ${answer.status}${code !== undefined ? `, return_code ${code}` : ''}`;
  return view('jsonc', `${JSON.stringify(json, null, 2)}\n`, summary, {
    ...(code !== undefined ? { returnCode: code } : {}),
    ...(nextCursor !== undefined ? { nextCursor } : {}),
  });
}
