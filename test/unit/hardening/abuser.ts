// The abusive clients of receiverAbuse.test.ts. They run in a child process, as real attackers
// would, so that their own work does not sit on the receiver's event loop and skew its latency.
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface AbusePlan {
  readonly port: number;
  /** Valid signed tokens (the flood repeats them: Wix-style retries). */
  readonly validTokens: readonly string[];
  /** A token whose payload was changed after signing. */
  readonly forgedToken: string;
  readonly floodDeliveries: number;
  readonly floodConcurrency: number;
  readonly slowClients: number;
  readonly oversizedClients: number;
  /** Every wait ends by then, whatever the receiver does. */
  readonly deadlineMs: number;
}

export interface RawOutcome {
  /** The start of what the server wrote before the socket closed. */
  readonly received: string;
  /** False when the client had to destroy the socket itself. */
  readonly closedByServer: boolean;
}

export type AbuseMessage =
  | { readonly type: 'started' }
  | {
      readonly type: 'report';
      /** Status per flood delivery, with the status its body deserves. */
      readonly flood: ReadonlyArray<{ readonly expected: number; readonly status: number }>;
      readonly slow: ReadonlyArray<RawOutcome & { readonly trickles: boolean }> | undefined;
      readonly oversized: readonly string[] | undefined;
      readonly malformed: readonly RawOutcome[] | undefined;
      readonly malformedOversizedHeaders: number;
    };

const MB = 1024 * 1024;

/** A raw TCP client, for what an HTTP library refuses to send. */
class RawClient {
  private readonly socket: Socket;
  private received = '';
  private destroyedByUs = false;
  readonly closed: Promise<RawOutcome>;

  constructor(port: number, registry: Set<RawClient>) {
    registry.add(this);
    this.socket = connect(port, '127.0.0.1');
    this.socket.setEncoding('latin1');
    this.socket.on('data', (chunk: string) => {
      // Only the status line matters; keep memory flat whatever the server sends.
      if (this.received.length < 256) this.received += chunk.slice(0, 256);
    });
    this.socket.on('error', () => undefined);
    this.closed = new Promise((resolve) =>
      this.socket.once('close', () => {
        registry.delete(this);
        resolve({ received: this.received, closedByServer: !this.destroyedByUs });
      }),
    );
  }

  get isClosed(): boolean {
    return this.socket.destroyed;
  }

  get statusLine(): string {
    return this.received.split('\r\n')[0] ?? '';
  }

  /** Writes and waits for the socket to take the bytes (back-pressure), unless it closed. */
  write(data: string | Buffer): Promise<void> {
    if (this.socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      if (this.socket.write(data)) resolve();
      else {
        this.socket.once('drain', resolve);
        this.socket.once('close', resolve);
      }
    });
  }

  destroy(): void {
    if (!this.socket.destroyed) {
      this.destroyedByUs = true;
      this.socket.destroy();
    }
  }
}

/** Resolves with the promise's value, or undefined once the deadline passes. */
export async function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  const timer = new AbortController();
  try {
    return await Promise.race([promise, sleep(ms, undefined, { signal: timer.signal }).catch(() => undefined)]);
  } finally {
    timer.abort();
  }
}

export interface Answer {
  readonly status: number;
  readonly ms: number;
}

/** One POST to /webhook; a transport failure is status 0. */
export function post(port: number, body: string, agent: Agent | false, timeoutMs: number): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve) => {
    const headers = { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) };
    const req = request({ host: '127.0.0.1', port, path: '/webhook', method: 'POST', agent, headers }, (res) => {
      const ms = performance.now() - started;
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms }));
      res.on('error', () => resolve({ status: 0, ms }));
    });
    req.setTimeout(timeoutMs, () => req.destroy());
    req.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
    req.end(body);
  });
}

const HOST_LINE = 'Host: 127.0.0.1\r\n';

/** Garbage bytes, broken request lines and framing; the last ones have headers over Node's 16 KiB limit. */
function malformedRequests(): { inputs: Array<string | Buffer>; oversizedHeaders: number } {
  const oversized = [
    ...Array.from({ length: 10 }, () => `POST /webhook HTTP/1.1\r\n${HOST_LINE}X-Big: ${'h'.repeat(70_000)}\r\n\r\n`),
    ...Array.from({ length: 10 }, (_, i) => `POST /webhook HTTP/1.1\r\n${HOST_LINE}${Array.from({ length: 3000 }, (_, j) => `X-${i}-${j}: v`).join('\r\n')}\r\n\r\n`),
  ];
  const inputs = [
    ...Array.from({ length: 30 }, () => randomBytes(512)),
    'NOT HTTP AT ALL\r\n\r\n',
    `POST /webhook HTTP/9.9\r\n${HOST_LINE}\r\n`,
    'POST\r\n\r\n',
    `POST /webhook HTTP/1.1\r\n${HOST_LINE}Content-Length: -1\r\n\r\n`,
    `POST /webhook HTTP/1.1\r\n${HOST_LINE}Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!`,
    `POST /webhook HTTP/1.1\r\n${HOST_LINE}Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc`,
    `POST /webhook HTTP/1.1\r\n${HOST_LINE}Transfer-Encoding: chunked\r\n\r\nZZZ\r\nabc\r\n`,
    `POST /webhook HTTP/1.1\r\n${HOST_LINE}Bad Header Name: x\r\n\r\n`,
    `POST /webhook HTTP/1.1\r\n${HOST_LINE}X: a\u0000b\r\n\r\n`,
    ...oversized,
  ];
  return { inputs, oversizedHeaders: oversized.length };
}

export async function abuse(plan: AbusePlan, onStarted: () => void): Promise<AbuseMessage> {
  const { port, deadlineMs } = plan;
  const start = performance.now();
  const inTime = (): boolean => performance.now() - start < deadlineMs;
  const rawClients = new Set<RawClient>();
  const timers = new Set<NodeJS.Timeout>();
  const floodAgent = new Agent({ keepAlive: true, maxSockets: plan.floodConcurrency });
  try {
    // The flood: valid (mostly retries), garbage and forged bodies, many at a time over keep-alive.
    const flood: Array<{ expected: number; status: number }> = [];
    let next = 0;
    const floodWorker = async (): Promise<void> => {
      while (next < plan.floodDeliveries && inTime()) {
        const i = next++;
        const [body, expected] = i % 4 === 0
          ? [randomBytes(64).toString('base64'), 400]
          : i % 4 === 1 ? [plan.forgedToken, 400] : [plan.validTokens[Math.floor(i / 4) % plan.validTokens.length], 200];
        flood.push({ expected, status: (await post(port, body, floodAgent, deadlineMs)).status });
      }
    };
    const flooding = Promise.all(Array.from({ length: plan.floodConcurrency }, floodWorker));

    // Slow clients: half trickle their headers a byte at a time, half stall mid-body.
    const trickled = `POST /webhook HTTP/1.1\r\n${HOST_LINE}Content-Type: text/plain\r\nContent-Length: 400\r\nX-Slow: ${'z'.repeat(60)}`;
    const slow = Array.from({ length: plan.slowClients }, (_, i) => {
      const client = new RawClient(port, rawClients);
      const trickles = i % 2 === 0;
      if (trickles) {
        let sent = 0;
        const trickle = setInterval(() => {
          if (client.isClosed || sent >= trickled.length) {
            clearInterval(trickle);
            timers.delete(trickle);
            return;
          }
          void client.write(trickled[sent++]);
        }, 40);
        timers.add(trickle);
      } else {
        void client.write(`POST /webhook HTTP/1.1\r\n${HOST_LINE}Content-Length: 5000\r\n\r\n${'a'.repeat(100)}`);
      }
      return client.closed.then((outcome) => ({ ...outcome, trickles }));
    });

    // Oversized bodies: a declared 10 MB, and chunked bodies with no declared length.
    const oversized = async (declared: boolean): Promise<string> => {
      const client = new RawClient(port, rawClients);
      await client.write(declared
        ? `POST /webhook HTTP/1.1\r\n${HOST_LINE}Content-Length: ${10 * MB}\r\n\r\n`
        : `POST /webhook HTTP/1.1\r\n${HOST_LINE}Transfer-Encoding: chunked\r\n\r\n`);
      const chunk = 'b'.repeat(16 * 1024);
      for (let sent = 0; sent < 2 * MB && !client.isClosed && client.statusLine === '' && inTime(); sent += chunk.length) {
        await client.write(declared ? chunk : `${chunk.length.toString(16)}\r\n${chunk}\r\n`);
      }
      // The answer may still be on its way: wait for it (bounded), then hang up.
      while (client.statusLine === '' && !client.isClosed && inTime()) await sleep(10);
      const status = client.statusLine;
      client.destroy();
      return status;
    };
    const oversizing = Promise.all(Array.from({ length: plan.oversizedClients }, (_, i) => oversized(i % 2 === 0)));

    const { inputs, oversizedHeaders } = malformedRequests();
    const malformed = inputs.map((input) => {
      const client = new RawClient(port, rawClients);
      void client.write(input);
      return client.closed;
    });
    onStarted();

    const remaining = (): number => Math.max(0, deadlineMs - (performance.now() - start));
    const slowOutcomes = await withDeadline(Promise.all(slow), remaining());
    const malformedOutcomes = await withDeadline(Promise.all(malformed), remaining());
    const oversizedStatuses = await withDeadline(oversizing, remaining());
    await withDeadline(flooding, remaining());
    return { type: 'report', flood, slow: slowOutcomes, oversized: oversizedStatuses, malformed: malformedOutcomes, malformedOversizedHeaders: oversizedHeaders };
  } finally {
    timers.forEach(clearInterval);
    rawClients.forEach((client) => client.destroy());
    floodAgent.destroy();
  }
}

// Forked by the test: one plan in, 'started' and one report out, then exit.
if (require.main === module) {
  process.once('message', (plan: AbusePlan) => {
    const send = (message: AbuseMessage): Promise<void> => new Promise((resolve) => process.send?.(message, () => resolve()));
    void abuse(plan, () => void send({ type: 'started' }))
      .then(send)
      .finally(() => process.disconnect());
  });
}
