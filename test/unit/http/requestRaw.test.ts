import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { requestRaw } from '../../../src/core/http/request';

/** A server that answers every request with `respond`. */
async function serve(respond: (res: http.ServerResponse, req: http.IncomingMessage) => void): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => respond(res, req));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.1/product.list.json`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

const raw = (url: string, extra: Partial<Parameters<typeof requestRaw>[0]> = {}) =>
  requestRaw({ service: 'API2Cart', operation: 'product.list', method: 'GET', url: new URL(url), timeoutMs: 5_000, keepBytes: 1024, ...extra });

describe('requestRaw: an answer as it came', () => {
  it('returns status, content type and the whole body of any answer, JSON or not', async () => {
    const server = await serve((res) => { res.writeHead(503, { 'content-type': 'text/html' }); res.end('<h1>down</h1>'); });
    try {
      const r = await raw(server.url);
      assert.ok(r.ok);
      assert.deepEqual(r.value, { status: 503, contentType: 'text/html', text: '<h1>down</h1>', bytes: 13, truncated: false });
    } finally {
      await server.close();
    }
  });

  it('timeoutMs Infinity sets no client timeout: a slow answer arrives, only the signal ends the wait', async () => {
    const server = await serve((res) => setTimeout(() => res.end('{}'), 100));
    try {
      const r = await raw(server.url, { timeoutMs: Number.POSITIVE_INFINITY });
      assert.ok(r.ok, 'answered, not timed out');
      const cancel = new AbortController();
      const pending = raw(server.url, { timeoutMs: Number.POSITIVE_INFINITY, signal: cancel.signal });
      cancel.abort();
      const cancelled = await pending;
      assert.ok(!cancelled.ok && cancelled.error.kind === 'http-cancelled');
    } finally {
      await server.close();
    }
  });

  it('keeps the first keepBytes and counts the rest', async () => {
    const server = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      for (let i = 0; i < 100; i++) res.write('x'.repeat(1000));
      res.end();
    });
    try {
      const r = await raw(server.url, { keepBytes: 2500 });
      assert.ok(r.ok);
      assert.equal(r.value.text.length, 2500);
      assert.equal(r.value.bytes, 100_000);
      assert.equal(r.value.truncated, true);
    } finally {
      await server.close();
    }
  });

  it('sends the headers and the JSON body it is given', async () => {
    let seen: { method?: string; headers?: http.IncomingHttpHeaders; body?: string } = {};
    const server = await serve((res, req) => {
      let body = '';
      req.on('data', (c: Buffer) => { body += c.toString('utf8'); });
      req.on('end', () => { seen = { method: req.method, headers: req.headers, body }; res.end('{}'); });
    });
    try {
      const r = await raw(server.url, { method: 'PUT', headers: { 'x-api-key': 'k1', 'x-store-key': 'k2' }, body: { a: 1 } });
      assert.ok(r.ok);
      assert.equal(seen.method, 'PUT');
      assert.equal(seen.headers?.['x-api-key'], 'k1');
      assert.equal(seen.headers?.['content-type'], 'application/json');
      assert.equal(seen.body, '{"a":1}');
    } finally {
      await server.close();
    }
  });

  it('classifies transport failures like requestJson: refused, cancelled, timed out', async () => {
    const server = await serve(() => undefined);
    const url = server.url;
    try {
      const cancelled = new AbortController();
      const pending = raw(url, { signal: cancelled.signal });
      setTimeout(() => cancelled.abort(), 50);
      const c = await pending;
      assert.ok(!c.ok && c.error.kind === 'http-cancelled');
      const t = await raw(url, { timeoutMs: 100 });
      assert.ok(!t.ok && t.error.kind === 'http-timeout');
    } finally {
      await server.close();
    }
    // A port nothing listens on any more.
    const gone = await serve(() => undefined);
    await gone.close();
    const refused = await raw(gone.url);
    assert.ok(!refused.ok && refused.error.kind === 'http-refused');
    assert.ok(!refused.ok && !refused.error.message.includes('product.list.json'), 'the message names the host, not the URL');
  });
});
