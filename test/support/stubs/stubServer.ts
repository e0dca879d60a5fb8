import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/** What a stub does with one request; shared by the API2Cart and Wix stubs. */
export type StubBehaviour =
  | { readonly kind: 'json'; readonly status?: number; readonly body: unknown }
  | { readonly kind: 'text'; readonly status?: number; readonly body: string; readonly contentType?: string }
  /** Answer only after delayMs (the delay counts as the stub's handling time). */
  | { readonly kind: 'slow'; readonly delayMs: number; readonly then: StubBehaviour }
  /** Never answer; the socket is destroyed when the stub closes. */
  | { readonly kind: 'hang' }
  /** Destroy the socket without answering, after the request was read. */
  | { readonly kind: 'closeSocket' };

export interface IncomingStubRequest {
  readonly httpMethod: string;
  readonly url: URL;
  readonly headers: http.IncomingHttpHeaders;
  readonly bodyText: string;
}

export interface StubServer {
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * Binds 127.0.0.1 on port 0. `handle` decides the behaviour after the whole body was read;
 * `handled` receives the time from the request's arrival until the answer was written (or the
 * socket dropped), so tests can subtract the stub's own time from a measured total.
 */
export async function startStubServer(
  handle: (req: IncomingStubRequest) => StubBehaviour,
  handled: (req: IncomingStubRequest, handlingMs: number) => void,
): Promise<StubServer> {
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    const arrived = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const incoming: IncomingStubRequest = {
        httpMethod: req.method ?? 'GET',
        url: new URL(req.url ?? '/', 'http://127.0.0.1'),
        headers: req.headers,
        bodyText: Buffer.concat(chunks).toString('utf8'),
      };
      perform(handle(incoming), res, timers, () => handled(incoming, performance.now() - arrived));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        timers.forEach(clearTimeout);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function perform(behaviour: StubBehaviour, res: http.ServerResponse, timers: Set<NodeJS.Timeout>, done: () => void): void {
  switch (behaviour.kind) {
    case 'json':
      res.writeHead(behaviour.status ?? 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(behaviour.body), done);
      return;
    case 'text':
      res.writeHead(behaviour.status ?? 200, { 'content-type': behaviour.contentType ?? 'text/html' });
      res.end(behaviour.body, done);
      return;
    case 'slow': {
      const timer = setTimeout(() => {
        timers.delete(timer);
        perform(behaviour.then, res, timers, done);
      }, behaviour.delayMs);
      timers.add(timer);
      return;
    }
    case 'hang':
      return;
    case 'closeSocket':
      res.socket?.destroy();
      done();
      return;
  }
}

/** Per-endpoint scripted answers: the first set answer is used next, the last one keeps applying. */
export class ResponseScript<K, R> {
  readonly #queues = new Map<K, R[]>();

  set(key: K, first: R, ...then: R[]): void {
    this.#queues.set(key, [first, ...then]);
  }

  /** The scripted answer for this call, or undefined when none was set. */
  next(key: K): R | undefined {
    const queue = this.#queues.get(key) ?? [];
    return queue.length > 1 ? queue.shift() : queue[0];
  }
}
