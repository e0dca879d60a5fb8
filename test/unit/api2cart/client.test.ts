import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MockAgent } from 'undici';
import { createApi2CartClient } from '../../../src/core/api2cart/client';
import { RETURN_CODES } from '../../../src/core/api2cart/returnCodes';
import type { Api2CartProblem } from '../../../src/core/api2cart/types';
import { MAX_RESPONSE_BYTES } from '../../../src/core/http/request';
import type { Result } from '../../../src/core/result';
import { startApi2CartStub, type Api2CartStub, type StubCart } from '../../support/stubs/api2cartStub';

/** Canary values: generated per run, must never show up in a Problem message or a log line. */
const canary = (label: string) => `${label}-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
const API_KEY = canary('apikey');
const APP_SECRET = canary('appsecret');
const STORE_KEY = canary('storekey');
const SECRETS = [API_KEY, APP_SECRET, STORE_KEY];

function assertNoSecrets(text: string): void {
  for (const secret of SECRETS) {
    assert.ok(!text.includes(secret), `a secret leaked into: ${text}`);
  }
}

function problemOf<T>(result: Result<T, Api2CartProblem>): Api2CartProblem {
  assert.equal(result.ok, false, 'expected a failure');
  if (result.ok) throw new Error('unreachable');
  assertNoSecrets(result.error.message);
  return result.error;
}

const addParams = { appId: 'app-1', appSecret: APP_SECRET, instanceId: 'inst-1' };

describe('API2Cart client', () => {
  let stub: Api2CartStub;
  const logLines: string[] = [];
  const client = (timeoutMs?: number) =>
    createApi2CartClient({ baseUrl: stub.url, apiKey: API_KEY, timeoutMs, log: (line) => logLines.push(line) });

  beforeEach(async () => {
    stub = await startApi2CartStub({ apiKey: API_KEY });
  });
  afterEach(async () => {
    await stub.close();
    assert.deepEqual(stub.violations, [], 'the client sent a request that breaks the spec');
    logLines.forEach(assertNoSecrets);
    logLines.length = 0;
  });

  describe('success paths', () => {
    it('adds a Wix store with the spec fields and the API key header, once', async () => {
      const result = await client().addStore({ ...addParams, storeUrl: 'https://shop.example' });
      assert.ok(result.ok);
      assert.match(result.value.storeKey, /^[0-9a-f]{32}$/);
      stub.assertCalledOnce('account.cart.add');
      const [sent] = stub.callsTo('account.cart.add');
      assert.equal(sent?.httpMethod, 'POST');
      assert.equal(sent?.headers['x-api-key'], API_KEY);
      assert.equal(sent?.headers['x-store-key'], undefined);
      assert.deepEqual(sent?.body, {
        cart_id: 'Wix',
        wix_app_id: 'app-1',
        wix_app_secret_key: APP_SECRET,
        wix_instance_id: 'inst-1',
        store_url: 'https://shop.example',
      });
    });

    it('leaves store_url out when unknown and passes verify through', async () => {
      await client().addStore({ ...addParams, verify: false });
      const body = stub.callsTo('account.cart.add')[0]?.body as Record<string, unknown>;
      assert.equal('store_url' in body, false);
      assert.equal(body.verify, false);
    });

    it('lists carts, filtering by store key in the query', async () => {
      const cart: StubCart = { id: '7', url: 'https://a.example', storeKey: STORE_KEY, cartId: 'Wix', customLabel: 'A' };
      stub.carts.push(cart, { ...cart, id: '8', storeKey: 'other', url: 'https://b.example' });
      const result = await client().listCarts({ storeKey: STORE_KEY });
      assert.ok(result.ok);
      assert.equal(result.value.cartsCount, 1);
      assert.deepEqual(result.value.carts[0], {
        id: '7',
        url: 'https://a.example',
        storeKey: STORE_KEY,
        cartId: 'Wix',
        customLabel: 'A',
        wixInstanceId: undefined,
      });
      assert.deepEqual(stub.callsTo('account.cart.list')[0]?.query, { store_key: STORE_KEY });
    });

    it('sends the store key header for cart.validate and cart.info', async () => {
      stub.carts.push({ id: '1', url: 'https://a.example', storeKey: STORE_KEY, cartId: 'Wix', customLabel: 'Shop A' });
      const validated = await client().validate(STORE_KEY);
      assert.ok(validated.ok);
      const info = await client().info(STORE_KEY);
      assert.ok(info.ok);
      assert.equal(info.value.url, 'https://a.example');
      assert.equal(info.value.name, 'Shop A');
      for (const method of ['cart.validate', 'cart.info'] as const) {
        assert.equal(stub.callsTo(method)[0]?.headers['x-store-key'], STORE_KEY);
      }
    });

    it('reads the required and additional fields of account.supported_platforms', async () => {
      const result = await client().supportedPlatforms();
      assert.ok(result.ok);
      const wix = result.value.find((p) => p.cartId === 'Wix');
      assert.deepEqual(wix?.required[0]?.map((p) => p.name), ['wix_app_id', 'wix_app_secret_key', 'wix_instance_id']);
      assert.deepEqual(wix?.additional.map((p) => p.name), ['store_url']);
    });
  });

  describe('return codes (HTTP 200 with return_code != 0)', () => {
    for (const [codeText, info] of Object.entries(RETURN_CODES)) {
      const code = Number(codeText);
      it(`maps return_code ${code} to its message and fix`, async () => {
        stub.setResponse('account.cart.list', { kind: 'returnCode', code, message: `server says ${code}` });
        const problem = problemOf(await client().listCarts());
        assert.equal(problem.kind, `api2cart-${code}`);
        assert.equal(problem.returnCode, code);
        assert.equal(problem.fix, info.fix);
        assert.equal(problem.maybeDelivered, false);
        assert.ok(problem.message.startsWith(info.message));
        assert.ok(problem.message.includes(`server says ${code}`), 'quotes return_message');
      });
    }

    it('names an unknown return code instead of guessing', async () => {
      stub.setResponse('account.cart.list', { kind: 'returnCode', code: 999, message: '' });
      const problem = problemOf(await client().listCarts());
      assert.equal(problem.kind, 'api2cart-999');
      assert.match(problem.message, /error code 999/);
      assert.equal(problem.fix, undefined);
    });

    it('gives code 2 (wrong key) when the stub sees another API key', async () => {
      const wrong = createApi2CartClient({ baseUrl: stub.url, apiKey: canary('wrong') });
      const problem = problemOf(await wrong.listCarts());
      assert.equal(problem.kind, 'api2cart-2');
      assert.equal(problem.fix, 'setApiKey');
    });

    it('redacts secrets that API2Cart echoes in return_message', async () => {
      stub.setResponse('account.cart.add', {
        kind: 'returnCode',
        code: 100,
        message: `Bad credentials ${APP_SECRET} for key ${API_KEY}`,
      });
      const problem = problemOf(await client().addStore(addParams));
      assert.match(problem.message, /\[redacted\]/);
      stub.setResponse('cart.validate', { kind: 'returnCode', code: 4, message: `Store ${STORE_KEY} denied` });
      problemOf(await client().validate(STORE_KEY));
    });
  });

  describe('transport and format failures', () => {
    it('treats HTTP 500 as a retryable server error', async () => {
      stub.setResponse('account.cart.list', { kind: 'httpStatus', status: 500 });
      const problem = problemOf(await client().listCarts());
      assert.equal(problem.kind, 'http-status');
      assert.equal(problem.fix, 'retry');
      assert.match(problem.message, /HTTP 500/);
    });

    it('treats a JSON 4xx as a refusal that points at the settings', async () => {
      stub.setResponse('account.cart.list', { kind: 'httpStatus', status: 403, body: '{"error":"forbidden"}' });
      const problem = problemOf(await client().listCarts());
      assert.equal(problem.kind, 'http-status');
      assert.equal(problem.fix, 'openSettings');
    });

    it('reports a 200 HTML page as not JSON', async () => {
      stub.setResponse('account.cart.list', { kind: 'notJson' });
      const problem = problemOf(await client().listCarts());
      assert.equal(problem.kind, 'http-not-json');
      assert.equal(problem.fix, 'openSettings');
    });

    it('reports JSON without an envelope as a bad response', async () => {
      stub.setResponse('account.cart.list', { kind: 'success', result: {} });
      stub.setResponse('account.supported_platforms', { kind: 'success', result: { nothing: true } });
      assert.equal(problemOf(await client().supportedPlatforms()).kind, 'api2cart-bad-response');
      stub.setResponse('account.cart.add', { kind: 'success', result: {} });
      assert.equal(problemOf(await client().addStore(addParams)).kind, 'api2cart-bad-response');
    });

    it('times out a request that never gets an answer, flagged as possibly delivered', async () => {
      stub.setResponse('account.cart.add', { kind: 'hang' });
      const problem = problemOf(await client(200).addStore(addParams));
      assert.equal(problem.kind, 'http-timeout');
      assert.equal(problem.maybeDelivered, true);
      assert.equal(problem.fix, 'retry');
    });

    it('reports a dropped connection as possibly delivered', async () => {
      stub.setResponse('account.cart.add', { kind: 'closeSocket' });
      const problem = problemOf(await client().addStore(addParams));
      assert.equal(problem.kind, 'http-network');
      assert.equal(problem.maybeDelivered, true);
    });

    it('cancels through an AbortSignal while waiting', async () => {
      stub.setResponse('account.cart.list', { kind: 'hang' });
      const controller = new AbortController();
      const pending = client().listCarts({}, { signal: controller.signal });
      while (stub.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
      controller.abort();
      const problem = problemOf(await pending);
      assert.equal(problem.kind, 'http-cancelled');
    });

    it('sends nothing when the signal is already aborted', async () => {
      const problem = problemOf(await client().addStore(addParams, { signal: AbortSignal.abort() }));
      assert.equal(problem.kind, 'http-cancelled');
      assert.equal(problem.maybeDelivered, false);
      assert.equal(stub.requests.length, 0);
    });
  });
});

describe('API2Cart client without a server', () => {
  it('reports connection refused as certainly not delivered', async () => {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const result = await createApi2CartClient({ baseUrl: `http://127.0.0.1:${port}/v1.1`, apiKey: API_KEY }).addStore(addParams);
    const problem = problemOf(result);
    assert.equal(problem.kind, 'http-refused');
    assert.equal(problem.maybeDelivered, false);
    assert.equal(problem.fix, 'openSettings');
  });

  it('reports an unresolvable host as a DNS failure', async () => {
    const result = await createApi2CartClient({ baseUrl: 'http://api2cart-stub.invalid/v1.1', apiKey: API_KEY }).listCarts();
    const problem = problemOf(result);
    assert.equal(problem.kind, 'http-dns');
    assert.equal(problem.maybeDelivered, false);
    assert.match(problem.message, /api2cart-stub\.invalid/);
  });

  describe('with undici MockAgent', () => {
    let agent: MockAgent;
    const origin = 'https://api.api2cart.test';
    beforeEach(() => {
      agent = new MockAgent();
      agent.disableNetConnect();
    });
    afterEach(() => agent.close());
    const mocked = () => createApi2CartClient({ baseUrl: `${origin}/v1.1`, apiKey: API_KEY, dispatcher: agent });

    it('classifies a DNS error code', async () => {
      agent
        .get(origin)
        .intercept({ path: (p) => p.startsWith('/v1.1/account.cart.list.json'), method: 'GET' })
        .replyWithError(Object.assign(new Error(`getaddrinfo EAI_AGAIN (key ${API_KEY})`), { code: 'EAI_AGAIN' }));
      const problem = problemOf(await mocked().listCarts());
      assert.equal(problem.kind, 'http-dns');
    });

    it('classifies a TLS certificate error', async () => {
      agent
        .get(origin)
        .intercept({ path: (p) => p.startsWith('/v1.1/account.cart.list.json'), method: 'GET' })
        .replyWithError(Object.assign(new Error('self-signed certificate'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' }));
      const problem = problemOf(await mocked().listCarts());
      assert.equal(problem.kind, 'http-tls');
      assert.equal(problem.maybeDelivered, false);
    });

    it('stops reading an oversized answer', async () => {
      agent
        .get(origin)
        .intercept({ path: (p) => p.startsWith('/v1.1/account.cart.list.json'), method: 'GET' })
        .reply(200, 'x'.repeat(MAX_RESPONSE_BYTES + 1));
      const problem = problemOf(await mocked().listCarts());
      assert.equal(problem.kind, 'http-too-large');
    });

    it('builds the URL from a base URL with a trailing slash', async () => {
      agent
        .get(origin)
        .intercept({ path: '/v1.1/account.supported_platforms.json', method: 'GET', headers: { 'x-api-key': API_KEY } })
        .reply(200, { return_code: 0, return_message: '', result: { supported_platforms: [] } });
      const client = createApi2CartClient({ baseUrl: `${origin}/v1.1/`, apiKey: API_KEY, dispatcher: agent });
      const result = await client.supportedPlatforms();
      assert.ok(result.ok);
      assert.deepEqual(result.value, []);
    });

    it('calls any method: the given HTTP method, query and x-store-key; the result on return_code 0', async () => {
      agent
        .get(origin)
        .intercept({ path: '/v1.1/cart.delete.json?delete_bridge=false', method: 'DELETE', headers: { 'x-api-key': API_KEY, 'x-store-key': STORE_KEY } })
        .reply(200, { return_code: 0, return_message: '', result: { cart: 'deleted' } });
      const result = await mocked().callMethod('cart.delete', { httpMethod: 'DELETE', query: { delete_bridge: 'false' }, storeKey: STORE_KEY });
      assert.ok(result.ok);
      assert.deepEqual(result.value, { cart: 'deleted' });
    });

    it('explains a return code of any method, with the store key redacted from what API2Cart said', async () => {
      agent
        .get(origin)
        .intercept({ path: '/v1.1/order.count.json', method: 'GET' })
        .reply(200, { return_code: 4, return_message: `Store ${STORE_KEY} access denied`, result: {} });
      const problem = problemOf(await mocked().callMethod('order.count', { httpMethod: 'GET', storeKey: STORE_KEY }));
      assert.equal(problem.returnCode, 4);
      assert.equal(problem.kind, 'api2cart-4');
    });
  });
});
