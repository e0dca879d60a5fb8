// Measurements for `npm run bench`, each against a baseline measured in the same run. Pure Node:
// the activation figure comes from the real VS Code (see activationProbe.ts and tools/bench.mjs).
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Agent } from 'undici';
import { addStore, createApi2CartClient, createWixClient } from '../../src/core/connection';
import { requestRaw } from '../../src/core/http/request';
import { createRedactor } from '../../src/core/redaction';
import { checkRequestText, formatAnswer, parseCatalogue, placeRequest, runPlacedRequest } from '../../src/core/requests';
import { ALL_PROBES, createPlatformMethodsCache, MAX_PROBES_IN_FLIGHT, verifyStore } from '../../src/core/permissions';
import { ALL_METHODS, GUIDE_ROWS, planScopes } from '../../src/core/scopes';
import { decodeWebhook, startWebhookReceiver } from '../../src/core/webhook';
import { startApi2CartStub } from '../support/stubs/api2cartStub';
import { startWixStub } from '../support/stubs/wixStub';
import { appInstalled, generateTestKeys, signWithJose, TEST_APP_ID } from '../support/webhookSigning';
import { median } from './rounds';

export interface Row { readonly name: string; readonly value: string; readonly baseline: string; readonly ratio?: number; readonly budget?: string; readonly pass?: boolean }

/** Run `fn` repeatedly for about `ms` (after a warm-up) and return operations per second. */
async function opsPerSecond(fn: () => unknown, ms = 1500): Promise<number> {
  for (let i = 0; i < 50; i++) await fn();
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) { await fn(); n++; }
  return n / ((performance.now() - t0) / 1000);
}

/**
 * Ours and the baseline in alternating short rounds, median of each: the machine's other load
 * then weighs on both alike.
 */
async function compareRates(measure: (fn: () => unknown, ms: number) => Promise<number>, ours: () => unknown, baseline: () => unknown, rounds = 7): Promise<[number, number]> {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < rounds; i++) {
    a.push(await measure(ours, 300));
    b.push(await measure(baseline, 300));
  }
  return [median(a), median(b)];
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** The physical limit: verify the RS256 signature with node:crypto and unwrap the layers by hand. */
function rawVerifyAndDecode(token: string, key: crypto.KeyObject): unknown {
  const [h, p, s] = token.split('.');
  if (!crypto.verify('RSA-SHA256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url'))) throw new Error('bad signature');
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  const event = JSON.parse(claims.data);
  return { ...event, inner: JSON.parse(event.data) };
}

/** Operations per second with `concurrency` calls in flight (how the receiver meets a burst). */
async function opsPerSecondConcurrent(fn: () => unknown, concurrency = 50, ms = 1500): Promise<number> {
  for (let i = 0; i < 50; i++) await fn();
  let n = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() - t0 < ms) { await fn(); n++; }
  }));
  return n / ((performance.now() - t0) / 1000);
}

export async function benchJwt(): Promise<Row[]> {
  const keys = generateTestKeys();
  const token = await signWithJose(appInstalled(), keys);
  const check = await decodeWebhook(token, { publicKeyPem: keys.publicKeyPem, expectedAppId: TEST_APP_ID });
  if (!check.ok || !check.value.verified) throw new Error('bench token does not verify');
  const ours = () => decodeWebhook(token, { publicKeyPem: keys.publicKeyPem, expectedAppId: TEST_APP_ID });
  const raw = () => rawVerifyAndDecode(token, keys.publicKey);
  const [oursOne, rawOne] = await compareRates(opsPerSecond, ours, raw);
  const [oursMany, rawMany] = await compareRates((fn, ms) => opsPerSecondConcurrent(fn, 50, ms), ours, raw);
  // jose 6 verifies through WebCrypto (off the main thread): the primitive it is bound by.
  const cryptoKey = await crypto.subtle.importKey('spki', keys.publicKey.export({ type: 'spki', format: 'der' }),
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
  const [h, p, sig] = token.split('.');
  const subtle = () => crypto.subtle.verify('RSASSA-PKCS1-v1_5', cryptoKey, Buffer.from(sig, 'base64url'), Buffer.from(`${h}.${p}`));
  const [oursSubtle, rawSubtle] = await compareRates(opsPerSecond, ours, subtle);
  return [
    { name: 'JWT verify + decode, one at a time', value: `${fmt(oursOne)} /s`, baseline: `${fmt(rawOne)} /s (node:crypto, sync)`, ratio: rawOne / oursOne, budget: 'retired (WebCrypto hop)' },
    { name: 'JWT verify + decode, one at a time', value: `${fmt(oursSubtle)} /s`, baseline: `${fmt(rawSubtle)} /s (WebCrypto verify alone)`, ratio: rawSubtle / oursSubtle, budget: 'retired: 1.38–2.02× between idle runs' },
    { name: 'JWT verify + decode, 50 in flight', value: `${fmt(oursMany)} /s`, baseline: `${fmt(rawMany)} /s (node:crypto, sync)`, ratio: rawMany / oursMany, budget: 'retired (WebCrypto hop)' },
  ];
}

interface LoadResult { p50: number; p99: number; perSecond: number; failures: number }

/** POST `total` bodies to `url` with `concurrency` requests in flight; latency per request. */
async function load(url: string, bodies: readonly string[], concurrency: number): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const start = performance.now();
      const status = await new Promise<number>(resolve => {
        const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'text/plain' } }, res => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', () => resolve(0));
        req.end(body);
      });
      latencies.push(performance.now() - start);
      if (status !== 200) failures++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { p50: at(0.5), p99: at(0.99), perSecond: bodies.length / seconds, failures };
}

/** A bare node:http server doing the same verification, with nothing else. */
function bareServer(key: crypto.KeyObject): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      try {
        rawVerifyAndDecode(Buffer.concat(chunks).toString('utf8'), key);
        res.writeHead(200).end();
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export async function benchReceiver(total = 1000, concurrency = 50): Promise<Row[]> {
  const keys = generateTestKeys();
  // Distinct deliveries (different instance ids), so duplicate detection does not short-cut them.
  const bodies = await Promise.all(Array.from({ length: total }, (_, i) =>
    signWithJose(appInstalled({ instanceId: crypto.randomUUID(), originInstanceId: String(i) }), keys)));
  const started = await startWebhookReceiver({
    host: '127.0.0.1', port: 0, path: '/webhook',
    decode: body => decodeWebhook(body, { publicKeyPem: keys.publicKeyPem, expectedAppId: TEST_APP_ID }),
    onDelivery: () => undefined,
  });
  if (!started.ok) throw new Error(started.error.message);
  const bare = await bareServer(keys.publicKey);
  try {
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/webhook`;
    await load(bareUrl, bodies.slice(0, 100), concurrency);             // warm-up, both
    await load(started.value.url, bodies.slice(0, 100).map(b => b), concurrency);
    const theirs = await load(bareUrl, bodies, concurrency);
    // Fresh tokens for ours: the warm-up above already delivered the first hundred.
    const fresh = await Promise.all(bodies.map((_, i) =>
      signWithJose(appInstalled({ instanceId: crypto.randomUUID(), originInstanceId: `f${i}` }), keys)));
    const ours = await load(started.value.url, fresh, concurrency);
    if (ours.failures || theirs.failures) throw new Error(`receiver bench: ${ours.failures}/${theirs.failures} failed deliveries`);
    return [
      { name: `receiver ack p50 (${total} at ${concurrency})`, value: `${fmt(ours.p50, 1)} ms`, baseline: `${fmt(theirs.p50, 1)} ms (bare node:http)`, ratio: ours.p50 / theirs.p50, budget: '≤ 1.5×' },
      { name: `receiver ack p99 (${total} at ${concurrency})`, value: `${fmt(ours.p99, 1)} ms`, baseline: `${fmt(theirs.p99, 1)} ms (bare node:http)`, ratio: ours.p99 / theirs.p99, budget: '≤ 1.5×, < 1250 ms', pass: ours.p99 / theirs.p99 <= 1.5 && ours.p99 < 1250 },
      { name: 'receiver throughput', value: `${fmt(ours.perSecond)} /s`, baseline: `${fmt(theirs.perSecond)} /s (bare node:http)`, ratio: theirs.perSecond / ours.perSecond, budget: '≤ 1.5×' },
    ];
  } finally {
    await started.value.stop();
    await new Promise(r => bare.close(r));
  }
}

export async function benchScopes(): Promise<Row> {
  const naive = () => {
    const all = new Set<string>();
    for (const row of GUIDE_ROWS) for (const r of row.requires) all.add(typeof r === 'string' ? r : r.anyOf.join(' or '));
    return all.size;
  };
  const [ours, base] = await compareRates(opsPerSecond, () => planScopes(ALL_METHODS), naive);
  return { name: `scope union, all ${ALL_METHODS.length} methods`, value: `${fmt(1000 / ours, 3)} ms`, baseline: `${fmt(1000 / base, 3)} ms (plain Set union)`, ratio: base / ours };
}

export async function benchStoreAdd(rounds = 30): Promise<Row> {
  const instanceId = crypto.randomUUID();
  const creds = { appId: TEST_APP_ID, appSecret: 'bench-app-secret-0000', instanceId };
  const wix = await startWixStub({ ...creds, siteDisplayName: 'Bench Store', siteUrl: 'https://bench.example.com' });
  const a2c = await startApi2CartStub({ apiKey: 'bench-api-key-0000' });
  try {
    const clients = {
      wix: createWixClient({ baseUrl: wix.url }),
      api2cart: createApi2CartClient({ baseUrl: a2c.url, apiKey: 'bench-api-key-0000' }),
    };
    // The same three requests sent bare (fetch, no flow, no parsing beyond JSON): the stubs' own time plus the wire.
    const bare = async () => {
      const token = await (await fetch(`${wix.url}/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credentials', client_id: creds.appId, client_secret: creds.appSecret, instance_id: instanceId }) })).json() as { access_token: string };
      await (await fetch(`${wix.url}/apps/v1/instance`, { headers: { authorization: token.access_token } })).json();
      await (await fetch(`${a2c.url}/account.cart.add.json`, { method: 'POST', headers: { 'x-api-key': 'bench-api-key-0000', 'content-type': 'application/json' },
        body: JSON.stringify({ cart_id: 'Wix', wix_app_id: creds.appId, wix_app_secret_key: creds.appSecret, wix_instance_id: instanceId, store_url: 'https://bench.example.com' }) })).json();
    };
    let oursMs = 0;
    let bareMs = 0;
    for (let i = 0; i < rounds; i++) {
      a2c.carts.length = 0;                       // each add is a fresh add, not an adoption
      let t = performance.now();
      const r = await addStore(clients, creds);
      if (!r.ok) throw new Error(r.error.message);
      oursMs += performance.now() - t;
      a2c.carts.length = 0;
      t = performance.now();
      await bare();
      bareMs += performance.now() - t;
    }
    const ours = oursMs / rounds;
    const base = bareMs / rounds;
    return { name: 'store add (Wix preflight + account.cart.add)', value: `${fmt(ours, 2)} ms`, baseline: `${fmt(base, 2)} ms (same 3 requests, bare fetch)`, ratio: ours / base, budget: `overhead ${fmt(ours - base, 2)} ms` };
  } finally {
    await wix.close();
    await a2c.close();
  }
}

/** A product.list answer of about `bytes`, as API2Cart would send it. */
function productListAnswer(bytes: number): string {
  const product = (i: number) => ({ id: String(i), name: `Product ${i}`, price: i / 10, quantity: i % 50, description: 'Hand-made, small batch. '.repeat(6) });
  const per = JSON.stringify(product(1)).length + 1;
  return JSON.stringify({ return_code: 0, return_message: '', pagination: { previous: null, next: 'c2' }, result: { products_count: 1, product: Array.from({ length: Math.ceil(bytes / per) }, (_, i) => product(i)) } });
}

/** Issue 13: a 5 MB answer is ready to open in under 1 s; beside a plain JSON.parse of the same text. */
export async function benchAnswer(rounds = 7): Promise<Row> {
  const text = productListAnswer(5 * 1024 * 1024);
  const answer = { status: 200, text, bytes: Buffer.byteLength(text), truncated: false, contentType: 'application/json' };
  const redactor = createRedactor();
  redactor.setSecrets('bench', ['bench-store-key-0123456789', 'bench-api-key-0123456789']);
  const ours: number[] = [];
  const parse: number[] = [];
  for (let i = 0; i < rounds; i++) {
    let t = performance.now();
    const view = formatAnswer({ method: 'product.list', storeName: 'Bench Store', answer, ms: 1, at: new Date(), redact: (s) => redactor.redact(s) });
    ours.push(performance.now() - t);
    if (view.language !== 'jsonc') throw new Error('the bench answer was not formatted');
    t = performance.now();
    JSON.parse(text);
    parse.push(performance.now() - t);
  }
  const o = median(ours)!;
  const p = median(parse)!;
  return { name: `answer of ${(answer.bytes / 1048576).toFixed(1)} MB: parse, re-indent, explain, mask`, value: `${fmt(o, 1)} ms`, baseline: `${fmt(p, 1)} ms (JSON.parse alone)`, ratio: o / p, budget: '< 1000 ms', pass: o < 1000 };
}

/** Issue 13: what Run adds over the stub's own time: check, place, send with both keys, format. */
export async function benchRun(rounds = 50): Promise<Row> {
  const apiKey = 'bench-api-key-0000';
  const storeKey = 'bench-store-key-0000';
  const a2c = await startApi2CartStub({ apiKey, carts: [{ id: '1', url: 'https://bench.example', storeKey, cartId: 'Wix', customLabel: 'Bench' }] });
  const catalogue = parseCatalogue(JSON.parse(fs.readFileSync(path.join(__dirname, '../../../dist/api2cart-methods.json'), 'utf8')));
  if (!catalogue.ok) throw new Error(catalogue.error.message);
  const dispatcher = new Agent();
  const file = JSON.stringify({ method: 'product.list', params: { count: 10, params: 'id,name,price' } });
  try {
    const ours = async () => {
      const checked = checkRequestText(file, catalogue.value, []);
      if (!checked.ok) throw new Error('bench request does not check');
      const sent = await runPlacedRequest(
        { now: () => performance.now(), send: (call) => requestRaw({ service: 'API2Cart', ...call, dispatcher, timeoutMs: 10_000, keepBytes: 8 << 20 }) },
        { placed: placeRequest(checked.request), baseUrl: a2c.url, apiKey, storeKey },
      );
      if (!sent.ok) throw new Error(sent.error.message);
      formatAnswer({ method: 'product.list', storeName: 'Bench', answer: sent.value.answer, ms: sent.value.ms, at: new Date(), redact: (s) => s });
    };
    const bare = async () => {
      const response = await fetch(`${a2c.url}/product.list.json?count=10&params=id%2Cname%2Cprice`, { headers: { 'x-api-key': apiKey, 'x-store-key': storeKey } });
      JSON.parse(await response.text());
    };
    for (let i = 0; i < 10; i++) { await ours(); await bare(); }
    const o: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < rounds; i++) {
      let t = performance.now();
      await ours();
      o.push(performance.now() - t);
      t = performance.now();
      await bare();
      b.push(performance.now() - t);
    }
    const om = median(o)!;
    const bm = median(b)!;
    return { name: 'run a request file (product.list)', value: `${fmt(om, 2)} ms`, baseline: `${fmt(bm, 2)} ms (same request, bare fetch)`, ratio: om / bm, budget: `adds < 20 ms: ${fmt(om - bm, 2)} ms`, pass: om - bm < 20 };
  } finally {
    await dispatcher.close();
    await a2c.close();
  }
}

/**
 * Ten read-only probes against a stub answering each after a fixed latency. The issue asks for
 * "the slowest probe's time plus 100 ms" and also for at most 3 probes at a time; with ten probes
 * of equal latency the second rule needs at least four rounds, so the check is measured against
 * the ideal 3-wide schedule (its overhead), and the issue's own figure is shown beside it.
 */
export async function benchPermissions(latencyMs = 100, rounds = 5): Promise<Row[]> {
  const apiKey = 'bench-api-key-0000';
  const storeKey = 'bench-store-key-00000000000000000';
  const stub = await startApi2CartStub({ apiKey, carts: [{ id: '1', url: 'https://bench.example.com', storeKey, cartId: 'Wix', customLabel: 'Bench' }] });
  try {
    const probes = ALL_PROBES.filter((p) => !['tax.class.list', 'subscriber.list'].includes(p.method));
    if (probes.length !== 10) throw new Error(`expected 10 probes, got ${probes.length}`);
    for (const probe of probes) stub.setResponse(probe.method, { kind: 'slow', delayMs: latencyMs });
    const client = createApi2CartClient({ baseUrl: stub.url, apiKey });
    const platformMethods = createPlatformMethodsCache();
    platformMethods.set('bench', ['product.list']);            // cached, as after a first check
    const deps = { api2cart: client, storeKey, wix: { skipped: 'bench' }, platformMethods };
    const entities = ['cart', 'category', 'customer', 'order', 'product'] as const;
    const check = async () => {
      const t = performance.now();
      const result = await verifyStore(deps, { id: 'bench', name: 'Bench' }, { entities });
      if (result.entities.some((e) => e.status !== 'works')) throw new Error('bench probes did not all work');
      return performance.now() - t;
    };
    // The same ten GETs with bare fetch, `width` at a time: the wire and the stub, nothing of ours.
    const bare = async (width: number) => {
      const t = performance.now();
      let next = 0;
      await Promise.all(Array.from({ length: width }, async () => {
        while (next < probes.length) {
          const probe = probes[next++]!;
          const url = `${stub.url}/${probe.method}.json${probe.query ? `?${new URLSearchParams(probe.query)}` : ''}`;
          await (await fetch(url, { headers: { 'x-api-key': apiKey, 'x-store-key': storeKey } })).json();
        }
      }));
      return performance.now() - t;
    };
    await check();
    await bare(3);
    const ours: number[] = [];
    const bare3: number[] = [];
    const bare10: number[] = [];
    for (let i = 0; i < rounds; i++) {
      ours.push(await check());
      bare3.push(await bare(MAX_PROBES_IN_FLIGHT));
      bare10.push(await bare(10));
    }
    const value = median(ours)!;
    const ideal = Math.ceil(probes.length / MAX_PROBES_IN_FLIGHT) * latencyMs;
    const issueBudget = latencyMs + 100;
    return [
      {
        name: `permission check: 10 probes × ${latencyMs} ms, ≤ 3 in flight`,
        value: `${fmt(value, 1)} ms`,
        baseline: `${ideal} ms ideal 3-wide schedule; ${fmt(median(bare3)!, 1)} ms bare fetch 3-wide`,
        ratio: value / ideal,
        budget: `overhead ${fmt(value - ideal, 1)} ms ≤ 100 ms`,
        pass: value - ideal <= 100,
      },
      {
        name: 'permission check: issue\'s "slowest + 100 ms"',
        value: `${fmt(value, 1)} ms`,
        baseline: `${fmt(median(bare10)!, 1)} ms bare fetch, all 10 at once`,
        // Retired budget (docs/PERFORMANCE.md): at most 3 in flight, 10 probes cannot end within one latency.
        budget: `retired: ≤ ${issueBudget} ms needs all 10 at once`,
      },
    ];
  } finally {
    await stub.close();
  }
}
