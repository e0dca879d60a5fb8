import type { FixAction } from '../result';
import type { HttpProblem } from './problem';

export interface TransportContext {
  readonly service: string;
  readonly operation: string;
  readonly host: string;
  readonly timeoutMs: number;
  /** The caller's own signal fired: the person cancelled. */
  readonly cancelled: boolean;
  /** Our timeout fired. */
  readonly timedOut: boolean;
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);
const REFUSED_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
/** Failures that happen before a single request byte could reach the server. */
const CONNECT_TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
/** undici and Node refuse these locally, before connecting: the request was certainly not sent. */
const LOCAL_ARGUMENT_CODES = new Set(['UND_ERR_INVALID_ARG', 'ERR_INVALID_CHAR', 'ERR_INVALID_ARG_VALUE', 'ERR_INVALID_ARG_TYPE',
  'ERR_HTTP_INVALID_HEADER_VALUE', 'ERR_INVALID_HTTP_TOKEN', 'ERR_INVALID_URL']);
/** Headers whose values are keys the person saved, and the fix for each. */
const KEY_HEADERS: Readonly<Record<string, FixAction>> = { 'x-api-key': 'setApiKey', 'x-store-key': 'addStore' };

/** Error codes found on the error, its causes and, for happy-eyeballs connects, its AggregateError members. */
function collectCodes(err: unknown, depth = 0): string[] {
  if (depth > 5 || typeof err !== 'object' || err === null) {
    return [];
  }
  const record = err as { code?: unknown; cause?: unknown; errors?: unknown };
  const codes = typeof record.code === 'string' ? [record.code] : [];
  if (Array.isArray(record.errors)) {
    for (const inner of record.errors) {
      codes.push(...collectCodes(inner, depth + 1));
    }
  }
  return [...codes, ...collectCodes(record.cause, depth + 1)];
}

function collectMessages(err: unknown, depth = 0): string[] {
  if (depth > 5 || typeof err !== 'object' || err === null) {
    return [];
  }
  const record = err as { message?: unknown; cause?: unknown };
  const own = typeof record.message === 'string' ? [record.message] : [];
  return [...own, ...collectMessages(record.cause, depth + 1)];
}

const isTlsCode = (code: string): boolean =>
  code.startsWith('ERR_TLS_') ||
  code.startsWith('ERR_SSL_') ||
  code.includes('CERT') ||
  code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' ||
  code === 'EPROTO';

/**
 * Maps an undici/Node error to a user-facing HttpProblem. Only error codes are inspected; the
 * raw error message is never copied into the result because it may carry a URL with a key in it.
 */
export function classifyTransportError(err: unknown, ctx: TransportContext): HttpProblem {
  const where = `${ctx.service} (${ctx.host})`;
  const codes = collectCodes(err);
  if (codes.some((code) => LOCAL_ARGUMENT_CODES.has(code))) return notSent(err, ctx, where);
  if (ctx.cancelled) {
    return {
      kind: 'http-cancelled',
      message: `Cancelled ${ctx.operation} before ${ctx.service} answered.`,
      maybeDelivered: true,
    };
  }
  if (ctx.timedOut) {
    return {
      kind: 'http-timeout',
      message: `${where} did not answer ${ctx.operation} within ${Math.round(ctx.timeoutMs / 1000)} s. Try again; if it keeps happening, check your network or proxy.`,
      fix: 'retry',
      maybeDelivered: true,
    };
  }
  const has = (set: Set<string>) => codes.some((code) => set.has(code));
  if (has(DNS_CODES)) {
    return {
      kind: 'http-dns',
      message: `Could not find ${where}: the host name does not resolve. Check the base URL setting, your network connection and DNS.`,
      fix: 'openSettings',
      maybeDelivered: false,
    };
  }
  if (has(REFUSED_CODES)) {
    return {
      kind: 'http-refused',
      message: `Could not connect to ${where}: the connection was refused or the host is unreachable. Check the base URL setting and your proxy settings.`,
      fix: 'openSettings',
      maybeDelivered: false,
    };
  }
  if (codes.some(isTlsCode)) {
    return {
      kind: 'http-tls',
      message: `The secure connection to ${where} failed (certificate or TLS error). A proxy that intercepts HTTPS needs its certificate trusted, or set http.proxyStrictSSL to false.`,
      fix: 'openSettings',
      maybeDelivered: false,
    };
  }
  // undici reports a failed CONNECT through the proxy only in its message.
  if (collectMessages(err).some((message) => message.startsWith('Proxy response'))) {
    return {
      kind: 'http-proxy',
      message: `The proxy refused to open a connection to ${where}. Check http.proxy / HTTPS_PROXY and the proxy's credentials.`,
      fix: 'openSettings',
      maybeDelivered: false,
    };
  }
  if (has(CONNECT_TIMEOUT_CODES)) {
    return {
      kind: 'http-timeout',
      message: `Connecting to ${where} timed out. Check your network connection and proxy settings.`,
      fix: 'retry',
      maybeDelivered: false,
    };
  }
  if (has(TIMEOUT_CODES)) {
    return {
      kind: 'http-timeout',
      message: `${where} stopped answering during ${ctx.operation}. Try again; if it keeps happening, check your network or proxy.`,
      fix: 'retry',
      maybeDelivered: true,
    };
  }
  return {
    kind: 'http-network',
    message: `The connection to ${where} broke during ${ctx.operation}${codes.length > 0 ? ` (${codes[0]})` : ''}. Try again; if it keeps happening, check your network or proxy.`,
    fix: 'retry',
    maybeDelivered: true,
  };
}

/**
 * A request refused before it left: say so plainly, so that nobody wonders whether a store was
 * added. Only the header's name is read from the error's message, never a value.
 */
function notSent(err: unknown, ctx: TransportContext, where: string): HttpProblem {
  const header = collectMessages(err).map((message) => /invalid ([a-z0-9-]+) header/i.exec(message)?.[1]?.toLowerCase()).find(Boolean);
  const fix = header !== undefined ? KEY_HEADERS[header] : undefined;
  const what = header !== undefined
    ? `the ${header} header holds a character no HTTP header can carry (often an invisible character copied with a key)`
    : 'a value in it cannot be sent over HTTP';
  return {
    kind: 'http-not-sent',
    message: `The ${ctx.operation} request to ${where} was not sent: ${what}. Nothing reached ${ctx.service}.`,
    ...(fix ? { fix } : {}),
    maybeDelivered: false,
  };
}
