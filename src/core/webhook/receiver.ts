import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { INSTALLED_PREFIX } from '../install';
import { fail, ok, type Problem, type Result } from '../result';
import type { WebhookEvent } from './events';
import { answer, answerInstalled, type InstalledHandler } from './receiverAnswers';
import { checkOptions, listen, type ReceiverProblem } from './receiverPort';
import { BoundedSet, deliveryKeys } from './retryDetection';

// The HTTP side of the receiver; its port (receiverPort.ts), answers (receiverAnswers.ts) and
// retry detection (retryDetection.ts) are their own files.
export { findFreePort, type ReceiverProblem, type ReceiverProblemKind } from './receiverPort';

export interface Delivery {
  readonly receivedAt: Date;
  /** The status the receiver answered with. */
  readonly status: number;
  readonly event?: WebhookEvent;
  /** Why the body was not taken; with status 200, another app's event (ignored, not an error). */
  readonly problem?: Problem;
  /** Same event seen before (Wix retries): answered 200, not processed again. */
  readonly duplicate: boolean;
  /** The start of the raw body (a signed token, not a secret), for showing. */
  readonly body: string;
}

export interface WebhookReceiverOptions {
  readonly host: string;
  readonly port: number;
  /** e.g. '/webhook'; other paths get 404. */
  readonly path: string;
  readonly maxBodyBytes?: number;
  /** Time allowed to receive the request headers. */
  readonly headersTimeoutMs?: number;
  /** Time allowed to receive the body once the headers are in. */
  readonly requestTimeoutMs?: number;
  readonly decode: (body: string) => Promise<Result<WebhookEvent, Problem>>;
  /**
   * Runs after the answer is sent, once per delivery on the webhook path (valid, invalid,
   * too large, timed out), except duplicates. What it throws or rejects goes to onInternalError.
   */
  readonly onDelivery: (delivery: Delivery) => void | Promise<void>;
  /** A retry of an event already processed (for logging). */
  readonly onDuplicate?: (delivery: Delivery) => void;
  /** Errors of the callbacks and of the server itself; the receiver keeps running. */
  readonly onInternalError?: (error: unknown) => void;
  /**
   * The install link's redirect, `GET /installed/<state>?appId=…&instanceId=…&tenantId=…`:
   * answered with the page it returns (static HTML). Without it the route is 404.
   */
  readonly onInstalled?: InstalledHandler;
}

export interface WebhookReceiver {
  readonly url: string;
  readonly address: { readonly host: string; readonly port: number };
  /** The most recent deliveries, oldest first (bounded). */
  deliveries(): readonly Delivery[];
  stop(): Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
const DEFAULT_HEADERS_TIMEOUT_MS = 5_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
const MAX_DELIVERIES = 100;
const MAX_SEEN_KEYS = 1_000;
const MAX_STORED_BODY_CHARS = 8 * 1024;

/**
 * A local HTTP receiver for Wix webhooks. Wix wants 200 within 1250 ms and retries otherwise, so
 * the answer goes out as soon as the body is decoded and the processing (onDelivery) runs after
 * it. Retries of one event are answered 200 and processed once. Bad input never throws.
 */
export async function startWebhookReceiver(opts: WebhookReceiverOptions): Promise<Result<WebhookReceiver, ReceiverProblem>> {
  const invalid = checkOptions(opts);
  if (invalid) {
    return fail(invalid);
  }
  const maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const headersTimeoutMs = opts.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
  const requestTimeoutMs = opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const history: Delivery[] = [];
  const seen = new BoundedSet(MAX_SEEN_KEYS);
  const bodyTimers = new Set<NodeJS.Timeout>();

  const reportInternal = (error: unknown): void => {
    try {
      opts.onInternalError?.(error);
    } catch {
      // a failing logger must not take the receiver down
    }
  };

  const record = (res: ServerResponse, delivery: Delivery): void => {
    history.push(delivery);
    if (history.length > MAX_DELIVERIES) {
      history.shift();
    }
    const deliver = (): void => {
      const callback = delivery.duplicate ? opts.onDuplicate : opts.onDelivery;
      try {
        Promise.resolve(callback?.(delivery)).catch(reportInternal);
      } catch (error) {
        reportInternal(error);
      }
    };
    // 'close' follows 'finish', and also fires when the client left early: process either way.
    if (res.destroyed) {
      setImmediate(deliver);
    } else {
      res.once('close', deliver);
    }
  };

  const receiveBody = (req: IncomingMessage, res: ServerResponse): void => {
    const receivedAt = new Date();
    const reject = (status: number, kind: string, message: string): void => {
      record(res, { receivedAt, status, problem: { kind, message }, duplicate: false, body: '' });
      answer(res, status, message);
    };
    const tooLarge = (): void => reject(413, 'body-too-large', `The body is larger than ${maxBodyBytes} bytes, so it was refused (413). A Wix webhook is one small JWT.`);
    if (Number(req.headers['content-length']) > maxBodyBytes) {
      tooLarge();
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => {
      bodyTimers.delete(timer);
      if (res.headersSent) {
        req.socket.destroy();
      } else {
        res.setHeader('connection', 'close');
        reject(408, 'request-timeout', `The body did not arrive within ${requestTimeoutMs} ms, so the connection was closed (408).`);
      }
    }, requestTimeoutMs);
    bodyTimers.add(timer);
    const stopTimer = (): void => {
      clearTimeout(timer);
      bodyTimers.delete(timer);
    };
    req.on('data', (chunk: Buffer) => {
      if (res.headersSent) {
        return; // draining the rest of a rejected body so the client can read the answer
      }
      size += chunk.length;
      if (size > maxBodyBytes) {
        tooLarge();
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', stopTimer); // the client went away mid-body
    req.on('close', stopTimer);
    req.on('end', () => {
      stopTimer();
      if (!res.headersSent) {
        void decodeAndAnswer(Buffer.concat(chunks).toString('utf8'), receivedAt, res);
      }
    });
  };

  const decodeAndAnswer = async (body: string, receivedAt: Date, res: ServerResponse): Promise<void> => {
    const stored = body.slice(0, MAX_STORED_BODY_CHARS);
    let result: Result<WebhookEvent, Problem>;
    try {
      result = await opts.decode(body);
    } catch (error) {
      reportInternal(error);
      record(res, { receivedAt, status: 500, problem: { kind: 'decode-failed', message: 'The webhook could not be decoded (internal error).' }, duplicate: false, body: stored });
      answer(res, 500, 'internal error');
      return;
    }
    // Another app's event is no error of the sender: a 400 would make Wix retry it 12 times.
    if (!result.ok && result.error.kind === 'app-id-mismatch') {
      record(res, { receivedAt, status: 200, problem: result.error, duplicate: false, body: stored });
      answer(res, 200, 'ok (another app\'s event, ignored)');
      return;
    }
    if (!result.ok) {
      record(res, { receivedAt, status: 400, problem: result.error, duplicate: false, body: stored });
      answer(res, 400, `invalid webhook payload: ${result.error.kind}`);
      return;
    }
    // Checked and marked in one synchronous step, so concurrent retries cannot both pass.
    const keys = deliveryKeys(body, result.value);
    const duplicate = keys.some((key) => seen.has(key));
    keys.forEach((key) => seen.add(key));
    record(res, { receivedAt, status: 200, event: result.value, duplicate, body: stored });
    answer(res, 200, duplicate ? 'ok (duplicate)' : 'ok');
  };

  const server = createServer(
    {
      headersTimeout: headersTimeoutMs,
      // The body has its own timer (above); this is the backstop over headers and body together.
      requestTimeout: headersTimeoutMs + requestTimeoutMs,
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(headersTimeoutMs / 2))),
    },
    (req, res) => {
      try {
        const pathname = (req.url ?? '').split('?')[0];
        // Wix's servers send no Origin; a web page open in the browser does (a text/plain POST
        // needs no CORS preflight), so such a request is refused before anything is read or shown.
        if (req.headers.origin !== undefined) {
          res.setHeader('connection', 'close');
          answer(res, 403, 'forbidden: requests from web pages are refused');
        } else if (opts.onInstalled && pathname?.startsWith(INSTALLED_PREFIX)) {
          answerInstalled(req, res, opts.onInstalled);
        } else if (pathname !== opts.path) {
          answer(res, 404, 'not found');
        } else if (req.method !== 'POST') {
          res.setHeader('allow', 'POST');
          answer(res, 405, 'method not allowed: POST the webhook body');
        } else {
          receiveBody(req, res);
        }
      } catch (error) {
        reportInternal(error);
        if (!res.headersSent) {
          answer(res, 500, 'internal error');
        }
      }
    },
  );

  const listening = await listen(server, opts.host, opts.port);
  if (!listening.ok) {
    return listening;
  }
  server.on('error', reportInternal);
  const info = server.address() as AddressInfo;
  const urlHost = info.address.includes(':') ? `[${info.address}]` : info.address;

  let stopped: Promise<void> | undefined;
  return ok({
    url: `http://${urlHost}:${info.port}${opts.path}`,
    address: { host: info.address, port: info.port },
    deliveries: () => [...history],
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        bodyTimers.forEach(clearTimeout);
        bodyTimers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopped;
    },
  });
}
