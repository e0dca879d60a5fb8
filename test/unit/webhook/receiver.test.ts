import assert from 'node:assert/strict';
import { request } from 'node:http';
import { connect } from 'node:net';
import { decodeWebhook } from '../../../src/core/webhook/decodeWebhook';
import {
  startWebhookReceiver,
  type Delivery,
  type WebhookReceiver,
  type WebhookReceiverOptions,
} from '../../../src/core/webhook/receiver';
import { postWebhook } from '../../../src/core/webhook/testWebhook';
import { appInstalled, appRemoved, generateTestKeys, instanceIdFor, signWithJose, signWithJsonwebtoken, TEST_APP_ID, TEST_OTHER_APP_ID, type TestKeys } from '../../support/webhookSigning';

interface Harness {
  readonly receiver: WebhookReceiver;
  /** What onDelivery was called with, in order. */
  readonly processed: Delivery[];
  readonly duplicates: Delivery[];
  readonly internalErrors: unknown[];
}

/** Resolves once the condition holds; the mocha timeout fails the test otherwise. */
async function eventually(condition: () => boolean): Promise<void> {
  while (!condition()) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** A request with full control over method, headers and chunks (fetch always adds its own). */
function send(url: string, opts: { method?: string; headers?: Record<string, string>; chunks?: Array<string | Buffer> } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'POST', headers: opts.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    for (const chunk of opts.chunks ?? []) {
      req.write(chunk);
    }
    req.end();
  });
}

/** Opens a raw connection, writes `text` and resolves with what the server said once it closes. */
function stallAfter(port: number, text: string): { connected: Promise<void>; closed: Promise<string> } {
  const socket = connect(port, '127.0.0.1');
  const connected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write(text);
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (received += chunk));
  socket.on('error', () => undefined);
  return { connected, closed: new Promise((resolve) => socket.on('close', () => resolve(received))) };
}

describe('startWebhookReceiver', () => {
  let keys: TestKeys;
  let strangerKeys: TestKeys;
  const running: WebhookReceiver[] = [];

  before(() => {
    keys = generateTestKeys();
    strangerKeys = generateTestKeys();
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((receiver) => receiver.stop()));
  });

  async function start(overrides: Partial<WebhookReceiverOptions> = {}): Promise<Harness> {
    const processed: Delivery[] = [];
    const duplicates: Delivery[] = [];
    const internalErrors: unknown[] = [];
    const result = await startWebhookReceiver({
      host: '127.0.0.1',
      port: 0,
      path: '/webhook',
      decode: (body) => decodeWebhook(body, { publicKeyPem: keys.publicKeyPem, expectedAppId: TEST_APP_ID }),
      onDelivery: (delivery) => {
        processed.push(delivery);
      },
      onDuplicate: (delivery) => {
        duplicates.push(delivery);
      },
      onInternalError: (error) => {
        internalErrors.push(error);
      },
      ...overrides,
    });
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    running.push(result.value);
    return { receiver: result.value, processed, duplicates, internalErrors };
  }

  it('answers 200 to a valid delivery, then hands it to onDelivery', async () => {
    const { receiver, processed } = await start();
    assert.match(receiver.url, /^http:\/\/127\.0\.0\.1:\d+\/webhook$/);
    const response = await postWebhook(receiver.url, await signWithJose(appInstalled({ instanceId: '11111111-0000-4000-8000-000000000001' }), keys));
    assert.ok(response.ok);
    assert.equal(response.value.status, 200);
    await eventually(() => processed.length === 1);
    assert.equal(processed[0].status, 200);
    assert.equal(processed[0].duplicate, false);
    assert.equal(processed[0].event?.instanceId, '11111111-0000-4000-8000-000000000001');
    assert.equal(processed[0].event?.verified, true);
    assert.deepEqual(receiver.deliveries(), processed);
  });

  it('runs onDelivery only after the answer is sent', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { receiver } = await start({ onDelivery: () => gate });
    const response = await postWebhook(receiver.url, await signWithJose(appInstalled({ instanceId: '11111111-0000-4000-8000-000000000002' }), keys));
    assert.ok(response.ok);
    assert.equal(response.value.status, 200, 'answered while processing is still pending');
    release();
  });

  it('reads the raw body whatever the content type', async () => {
    const { receiver, processed } = await start();
    const types = ['text/plain', 'application/json', 'application/x-www-form-urlencoded', 'application/octet-stream', undefined];
    for (const [index, contentType] of types.entries()) {
      const token = await signWithJose(appInstalled({ instanceId: instanceIdFor(`typed-${index}`) }), keys);
      const response = await send(receiver.url, { headers: contentType ? { 'content-type': contentType } : {}, chunks: [token] });
      assert.equal(response.status, 200, `content type ${contentType ?? '(none)'}`);
    }
    await eventually(() => processed.length === types.length);
    assert.deepEqual(processed.map((d) => d.event?.instanceId), types.map((_, index) => instanceIdFor(`typed-${index}`)));
  });

  it('refuses any request from a web page (an Origin header) with 403, and records nothing', async () => {
    const { receiver, processed } = await start();
    const token = await signWithJose(appInstalled(), keys);
    for (const origin of ['https://evil.example', 'null', 'http://127.0.0.1:8080']) {
      const response = await send(receiver.url, { headers: { origin, 'content-type': 'text/plain' }, chunks: [token] });
      assert.equal(response.status, 403, origin);
    }
    assert.equal((await send(receiver.url, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } })).status, 403);
    assert.deepEqual([receiver.deliveries(), processed], [[], []]);
    assert.equal((await send(receiver.url, { chunks: [token] })).status, 200, 'Wix sends no Origin');
  });

  it('answers another app\'s event 200 and hands it on as ignored, even when signed with that app\'s key', async () => {
    const { receiver, processed } = await start();
    const otherAppsKeys = generateTestKeys();
    for (const signer of [keys, otherAppsKeys]) {
      const response = await postWebhook(receiver.url, await signWithJose(appInstalled({ appId: TEST_OTHER_APP_ID, instanceId: instanceIdFor(String(signer === keys)) }), signer));
      assert.ok(response.ok);
      assert.deepEqual([response.value.status, response.value.body], [200, 'ok (another app\'s event, ignored)\n']);
    }
    await eventually(() => processed.length === 2);
    assert.deepEqual(processed.map((d) => [d.status, d.problem?.kind, d.event]), [[200, 'app-id-mismatch', undefined], [200, 'app-id-mismatch', undefined]]);
    // Our own App ID with a foreign signature is tampering, still 400.
    const forged = await postWebhook(receiver.url, await signWithJose(appInstalled(), otherAppsKeys));
    assert.ok(forged.ok);
    assert.equal(forged.value.status, 400);
  });

  it('ignores the query string when matching the path', async () => {
    const { receiver } = await start();
    const response = await send(`${receiver.url}?source=wix`, { chunks: [await signWithJose(appInstalled(), keys)] });
    assert.equal(response.status, 200);
  });

  it('answers 400 to an invalid payload, naming the failed layer, and records it', async () => {
    const { receiver, processed } = await start();
    const garbage = await send(receiver.url, { chunks: ['hello'] });
    assert.equal(garbage.status, 400);
    assert.match(garbage.body, /not-jwt/);
    const forged = await send(receiver.url, { chunks: [await signWithJose(appInstalled(), strangerKeys)] });
    assert.equal(forged.status, 400);
    assert.match(forged.body, /signature/);
    await eventually(() => processed.length === 2);
    assert.deepEqual(processed.map((d) => d.problem?.kind), ['not-jwt', 'signature']);
    assert.ok(processed.every((d) => d.event === undefined));
  });

  it('still processes a valid delivery when the client left before the answer', async () => {
    let clientGone: () => void = () => undefined;
    const gone = new Promise<void>((resolve) => (clientGone = resolve));
    const { receiver, processed } = await start({
      decode: async (body) => {
        await gone;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return decodeWebhook(body, { publicKeyPem: keys.publicKeyPem });
      },
    });
    const token = await signWithJose(appInstalled({ instanceId: '11111111-0000-4000-8000-000000000003' }), keys);
    const socket = connect(receiver.address.port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.on('close', clientGone);
    socket.end(`POST /webhook HTTP/1.1\r\nHost: localhost\r\nContent-Length: ${token.length}\r\n\r\n${token}`, () => socket.destroy());
    await eventually(() => processed.length === 1);
    assert.equal(processed[0].event?.instanceId, '11111111-0000-4000-8000-000000000003');
  });

  it('answers malformed HTTP with 400 and keeps serving', async () => {
    const { receiver } = await start();
    const garbage = stallAfter(receiver.address.port, 'NOT HTTP AT ALL\r\n\r\n');
    assert.match(await garbage.closed, /^HTTP\/1\.1 400/);
    const after = await postWebhook(receiver.url, await signWithJose(appInstalled(), keys));
    assert.ok(after.ok);
    assert.equal(after.value.status, 200);
  });

  it('answers 405 with Allow: POST to other methods on the path', async () => {
    const { receiver, processed } = await start();
    for (const method of ['GET', 'PUT', 'DELETE', 'OPTIONS']) {
      const response = await send(receiver.url, { method });
      assert.equal(response.status, 405, method);
      assert.equal(response.headers.allow, 'POST');
    }
    assert.equal(processed.length, 0);
  });

  it('answers 404 to other paths', async () => {
    const { receiver } = await start();
    const base = receiver.url.replace(/\/webhook$/, '');
    for (const path of ['/', '/webhooks', '/webhook/extra', '/other']) {
      assert.equal((await send(`${base}${path}`, { chunks: ['x'] })).status, 404, path);
    }
  });

  it('answers 413 to a body over 64 KiB and keeps serving', async () => {
    const { receiver, processed } = await start();
    const tooLarge = await send(receiver.url, { chunks: ['a'.repeat(64 * 1024 + 1)] });
    assert.equal(tooLarge.status, 413);
    const next = await postWebhook(receiver.url, await signWithJose(appInstalled(), keys));
    assert.ok(next.ok);
    assert.equal(next.value.status, 200);
    await eventually(() => processed.length === 2);
    assert.equal(processed[0].problem?.kind, 'body-too-large');
  });

  it('answers 413 to a chunked body that grows past the cap', async () => {
    const { receiver } = await start({ maxBodyBytes: 1024 });
    const chunk = Buffer.alloc(400, 'b');
    const response = await send(receiver.url, { headers: { 'transfer-encoding': 'chunked' }, chunks: [chunk, chunk, chunk, chunk] });
    assert.equal(response.status, 413);
  });

  it('closes a connection whose body stalls, while serving other deliveries', async () => {
    const { receiver, processed } = await start({ headersTimeoutMs: 300, requestTimeoutMs: 300 });
    const stalled = stallAfter(receiver.address.port, 'POST /webhook HTTP/1.1\r\nHost: localhost\r\nContent-Length: 500\r\n\r\neyJhbGciOi');
    const meanwhile = await postWebhook(receiver.url, await signWithJose(appInstalled({ instanceId: '11111111-0000-4000-8000-000000000004' }), keys));
    assert.ok(meanwhile.ok);
    assert.equal(meanwhile.value.status, 200);
    assert.match(await stalled.closed, /^HTTP\/1\.1 408/);
    await eventually(() => processed.length === 2);
    assert.deepEqual(processed.map((d) => d.status).sort(), [200, 408]);
  });

  it('closes a connection whose headers stall', async () => {
    const { receiver } = await start({ headersTimeoutMs: 300, requestTimeoutMs: 300 });
    const stalled = stallAfter(receiver.address.port, 'POST /webhook HTTP/1.1\r\nHost: local');
    await stalled.closed;
    const after = await postWebhook(receiver.url, await signWithJose(appInstalled(), keys));
    assert.ok(after.ok);
    assert.equal(after.value.status, 200);
  });

  // How fast against a bare server, and against Wix's 1250 ms, is npm run bench's (receiver ack rows).
  it('answers 200 concurrent deliveries before processing any of them', async function () {
    this.timeout(30_000);
    // Processing is held until every answer is in: an answer that waited for it could never arrive.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const processed: Delivery[] = [];
    const { receiver } = await start({ onDelivery: async (delivery) => { await gate; processed.push(delivery); } });
    const tokens = await Promise.all(Array.from({ length: 200 }, (_, i) => signWithJose(appInstalled({ instanceId: instanceIdFor(`instance-${i}`) }), keys)));
    const answers = await Promise.all(tokens.map(async (body) => {
      const response = await postWebhook(receiver.url, body, { timeoutMs: 10_000 });
      return response.ok ? response.value.status : response.error.message;
    }));
    assert.deepEqual(answers.filter((status) => status !== 200), []);
    assert.equal(processed.length, 0, 'every answer went out before any processing finished');
    release();
    await eventually(() => processed.length === 200);
    assert.equal(new Set(processed.map((d) => d.event?.instanceId)).size, 200);
  });

  it('processes duplicate deliveries once and still answers them 200', async () => {
    const { receiver, processed, duplicates } = await start();
    const token = await signWithJose(appInstalled({ instanceId: '11111111-0000-4000-8000-000000000005' }), keys);
    const concurrent = await Promise.all([token, token, token].map((body) => postWebhook(receiver.url, body)));
    const sequential = await postWebhook(receiver.url, `${token}\n`);
    for (const response of [...concurrent, sequential]) {
      assert.ok(response.ok);
      assert.equal(response.value.status, 200);
    }
    await eventually(() => processed.length + duplicates.length === 4);
    assert.equal(processed.length, 1);
    assert.equal(duplicates.length, 3);
    assert.deepEqual(receiver.deliveries().map((d) => d.duplicate).sort(), [false, true, true, true]);
  });

  it('treats a re-signed retry of the same event as a duplicate, and a new event as new', async () => {
    const { receiver, processed, duplicates } = await start();
    const now = (): Date => new Date();
    const first = await signWithJose(appInstalled({ instanceId: '11111111-0000-4000-8000-000000000006' }), keys, { now });
    const resigned = signWithJsonwebtoken(appInstalled({ instanceId: '11111111-0000-4000-8000-000000000006' }), keys, { now, keyId: 'k1' });
    assert.notEqual(resigned, first);
    const removed = await signWithJose(appRemoved({ instanceId: '11111111-0000-4000-8000-000000000006' }), keys, { now });
    for (const body of [first, resigned, removed]) {
      const response = await postWebhook(receiver.url, body);
      assert.ok(response.ok);
      assert.equal(response.value.status, 200);
    }
    await eventually(() => processed.length + duplicates.length === 3);
    assert.deepEqual(processed.map((d) => d.event?.eventType), ['AppInstalled', 'AppRemoved']);
    assert.equal(duplicates.length, 1);
  });

  it('survives onDelivery rejecting', async () => {
    let calls = 0;
    const { receiver, internalErrors } = await start({
      onDelivery: async () => {
        calls += 1;
        throw new Error('async failure');
      },
    });
    for (const instanceId of ['boom-1', 'boom-2', 'boom-3']) {
      const response = await postWebhook(receiver.url, await signWithJose(appInstalled({ instanceId: instanceIdFor(instanceId) }), keys));
      assert.ok(response.ok);
      assert.equal(response.value.status, 200);
    }
    await eventually(() => internalErrors.length === 3);
    assert.equal(calls, 3);
  });

  it('survives a synchronous throw from onDelivery', async () => {
    const { receiver, internalErrors } = await start({
      onDelivery: () => {
        throw new Error('sync failure');
      },
    });
    for (let i = 0; i < 2; i += 1) {
      const response = await postWebhook(receiver.url, await signWithJose(appInstalled({ instanceId: instanceIdFor(`sync-${i}`) }), keys));
      assert.ok(response.ok);
      assert.equal(response.value.status, 200);
    }
    await eventually(() => internalErrors.length === 2);
  });

  it('keeps a bounded history of deliveries', async () => {
    const { receiver } = await start();
    for (let i = 0; i < 105; i += 1) {
      await send(receiver.url, { chunks: [`garbage-${i}`] });
    }
    const history = receiver.deliveries();
    assert.equal(history.length, 100);
    assert.equal(history[99].body, 'garbage-104');
  });

  it('reports a port in use as a Problem naming the setting', async () => {
    const { receiver } = await start();
    const second = await startWebhookReceiver({
      host: '127.0.0.1',
      port: receiver.address.port,
      path: '/webhook',
      decode: async () => { throw new Error('unused'); },
      onDelivery: () => undefined,
    });
    assert.ok(!second.ok);
    assert.equal(second.error.kind, 'port-in-use');
    assert.match(second.error.message, new RegExp(`${receiver.address.port}.*api2cartWix\\.webhook\\.port`));
  });

  it('rejects a path that does not start with "/"', async () => {
    const result = await startWebhookReceiver({ host: '127.0.0.1', port: 0, path: 'webhook', decode: async () => { throw new Error('unused'); }, onDelivery: () => undefined });
    assert.ok(!result.ok);
    assert.equal(result.error.kind, 'invalid-setting');
  });

  it('stop() closes open connections and frees the port', async () => {
    const { receiver } = await start({ headersTimeoutMs: 60_000, requestTimeoutMs: 60_000 });
    const stalled = stallAfter(receiver.address.port, 'POST /webhook HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\n\r\nab');
    await stalled.connected;
    // A round trip so the server has taken the stalled connection in before stopping.
    await postWebhook(receiver.url, 'ping');
    // Without closing active connections this would wait the full 60 s request timeout.
    await receiver.stop();
    await stalled.closed;
    const again = await start({ port: receiver.address.port });
    assert.equal(again.receiver.address.port, receiver.address.port);
  });
});
