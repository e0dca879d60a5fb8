import { request, getGlobalDispatcher, type Dispatcher } from 'undici';
import { fail, ok, type Problem, type Result } from '../result';
import { classifyTransportError } from './classify';
import type { HttpProblem } from './problem';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface JsonResponse {
  readonly status: number;
  readonly json: unknown;
}

export interface JsonRequest {
  /** Names the remote side in messages, e.g. "API2Cart". */
  readonly service: string;
  /** Names the call in messages, e.g. "account.cart.add". Never the URL: queries can hold keys. */
  readonly operation: string;
  readonly method: HttpMethod;
  readonly url: URL;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly dispatcher?: Dispatcher;
  /** Infinity for none: then only `signal` ends the wait. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

/** Proxies and misconfigured base URLs can answer with anything; don't buffer without bound. */
export const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/**
 * One JSON request. Resolves to ok for any HTTP status whose body is JSON (the caller interprets
 * API-level errors); transport failures, non-JSON bodies and non-2xx non-JSON answers become an
 * HttpProblem whose message names the service and host, never headers, query or body.
 */
export function requestJson(req: JsonRequest): Promise<Result<JsonResponse, HttpProblem>> {
  return exchange(req, async (response, context) => {
    const text = await readCapped(response.body);
    if (text === undefined) {
      return fail({
        kind: 'http-too-large',
        message: `${req.service} (${context.host}) answered ${req.operation} with more than ${MAX_RESPONSE_BYTES / 1048576} MB; this is not an API answer. Check the base URL setting and any proxy in between.`,
        fix: 'openSettings',
        maybeDelivered: true,
        status: response.statusCode,
      });
    }
    const parsed = parseJson(text);
    if (parsed.ok) {
      return ok({ status: response.statusCode, json: parsed.value });
    }
    return fail(nonJsonProblem(context, response.statusCode));
  });
}

export interface RawResponse {
  readonly status: number;
  readonly contentType?: string;
  /** The body as UTF-8 text: whole, or its first `keepBytes` when `truncated`. */
  readonly text: string;
  /** Bytes received in all. */
  readonly bytes: number;
  readonly truncated: boolean;
}

export interface RawRequest extends JsonRequest {
  /** Body bytes kept as text; the rest is counted and dropped. */
  readonly keepBytes: number;
}

/** Past this the answer is not read any further (a runaway stream, not an API answer). */
export const MAX_RAW_RESPONSE_BYTES = 256 * 1024 * 1024;

/**
 * One request whose answer is shown as it came: any status, any body (JSON or not), kept up to
 * `keepBytes` and counted beyond, for a person to read. Transport failures are classified like
 * requestJson's.
 */
export function requestRaw(req: RawRequest): Promise<Result<RawResponse, HttpProblem>> {
  return exchange(req, async (response) => {
    const kept: Buffer[] = [];
    let bytes = 0;
    let keptBytes = 0;
    for await (const chunk of response.body) {
      bytes += chunk.length;
      if (keptBytes < req.keepBytes) {
        const part = Buffer.from(chunk).subarray(0, req.keepBytes - keptBytes);
        kept.push(part);
        keptBytes += part.length;
      }
      if (bytes > MAX_RAW_RESPONSE_BYTES) {
        response.body.destroy();
        break;
      }
    }
    const contentType = response.headers['content-type'];
    return ok({
      status: response.statusCode,
      ...(typeof contentType === 'string' ? { contentType } : {}),
      // A cut through a multi-byte character decodes to U+FFFD, which is fine for a truncated view.
      text: Buffer.concat(kept).toString('utf8'),
      bytes,
      truncated: bytes > keptBytes,
    });
  });
}

type Answer = Dispatcher.ResponseData;
type ExchangeContext = { service: string; operation: string; host: string; timeoutMs: number };

/** Sends one request with the timeout, the caller's cancel and the transport-error classification every call shares. */
async function exchange<T>(req: JsonRequest, read: (response: Answer, context: ExchangeContext) => Promise<Result<T, HttpProblem>>): Promise<Result<T, HttpProblem>> {
  const timeout = new AbortController();
  // Infinity: no client timeout, only the caller's cancel (a write run: API2Cart advises against
  // timeouts, and a timed-out write may still be applied). setTimeout would fire at once for it.
  const timer = Number.isFinite(req.timeoutMs) ? setTimeout(() => timeout.abort(), req.timeoutMs) : undefined;
  const signal = req.signal ? AbortSignal.any([req.signal, timeout.signal]) : timeout.signal;
  const context = { service: req.service, operation: req.operation, host: req.url.host, timeoutMs: req.timeoutMs };
  const failFromError = (err: unknown) =>
    fail(
      classifyTransportError(err, {
        ...context,
        cancelled: req.signal?.aborted === true,
        timedOut: timeout.signal.aborted,
      }),
    );
  if (req.signal?.aborted) {
    clearTimeout(timer);
    return fail({ ...classifyTransportError(req.signal.reason, { ...context, cancelled: true, timedOut: false }), maybeDelivered: false });
  }
  try {
    const hasBody = req.body !== undefined;
    const response = await request(req.url, {
      method: req.method,
      headers: {
        accept: 'application/json',
        ...(hasBody ? { 'content-type': 'application/json' } : {}),
        ...req.headers,
      },
      body: hasBody ? JSON.stringify(req.body) : undefined,
      signal,
      dispatcher: req.dispatcher ?? getGlobalDispatcher(),
    });
    return await read(response, context);
  } catch (err) {
    return failFromError(err);
  } finally {
    clearTimeout(timer);
  }
}

/** Non-2xx answers: one message shape for every service. */
export function statusProblem(
  ctx: { service: string; operation: string; host: string },
  status: number,
): HttpProblem {
  const serverSide = status >= 500;
  return {
    kind: 'http-status',
    message: serverSide
      ? `${ctx.service} (${ctx.host}) had a server error (HTTP ${status}) during ${ctx.operation}. Try again in a few minutes.`
      : `${ctx.service} (${ctx.host}) refused ${ctx.operation} with HTTP ${status}. If a proxy or a custom base URL is in use, check that it points at ${ctx.service}.`,
    fix: serverSide ? 'retry' : 'openSettings',
    maybeDelivered: true,
    status,
  };
}

function nonJsonProblem(ctx: { service: string; operation: string; host: string }, status: number): HttpProblem {
  if (status < 200 || status >= 300) {
    return statusProblem(ctx, status);
  }
  return {
    kind: 'http-not-json',
    message: `${ctx.service} (${ctx.host}) answered ${ctx.operation} with something that is not JSON. A proxy, captive portal or wrong base URL is the usual cause; check the base URL setting.`,
    fix: 'openSettings',
    maybeDelivered: true,
    status,
  };
}

function parseJson(text: string): Result<unknown, Problem> {
  try {
    return ok(JSON.parse(text) as unknown);
  } catch {
    return fail({ kind: 'not-json', message: 'not JSON' });
  }
}

async function readCapped(body: AsyncIterable<Buffer | Uint8Array> & { destroy(): unknown }): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > MAX_RESPONSE_BYTES) {
      body.destroy();
      return undefined;
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString('utf8');
}
