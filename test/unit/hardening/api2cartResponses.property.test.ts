import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MockAgent } from 'undici';
import { createApi2CartClient, type Api2CartClient } from '../../../src/core/api2cart/client';
import type { Api2CartProblem } from '../../../src/core/api2cart/types';
import type { Result } from '../../../src/core/result';
import { assertTypedOutcome, canary } from './typedFailure';

// Each run is one HTTP exchange through undici's MockAgent: fewer runs than the pure properties.
const RUNS = 600;
const ORIGIN = 'https://api2cart.fuzz.test';
const API_KEY = canary('apikey');
const APP_SECRET = canary('appsecret');
const STORE_KEY = canary('storekey');

interface CallSpec {
  readonly name: string;
  readonly run: (client: Api2CartClient) => Promise<Result<unknown, Api2CartProblem>>;
  /** The secrets this call sends, so the ones a server could echo back. */
  readonly sends: readonly string[];
  /** What a success must look like. */
  readonly checkValue: (value: unknown) => void;
}

const isOptionalString = (value: unknown): boolean => value === undefined || typeof value === 'string';

const CALLS: readonly CallSpec[] = [
  {
    name: 'account.cart.add',
    run: (client) => client.addStore({ appId: 'app-1', appSecret: APP_SECRET, instanceId: 'inst-1' }),
    sends: [API_KEY, APP_SECRET],
    checkValue: (value) => {
      const { storeKey } = value as { storeKey: unknown };
      assert.ok(typeof storeKey === 'string' && storeKey.length > 0, 'a success without a store key');
    },
  },
  {
    name: 'account.cart.list',
    run: (client) => client.listCarts({ storeKey: STORE_KEY }),
    sends: [API_KEY, STORE_KEY],
    checkValue: (value) => {
      const { cartsCount, carts } = value as { cartsCount: unknown; carts: unknown };
      assert.equal(typeof cartsCount, 'number');
      assert.ok(Array.isArray(carts));
      for (const cart of carts as Record<string, unknown>[]) {
        assert.ok(Object.values(cart).every(isOptionalString), 'a listed cart field is not a string');
      }
    },
  },
  {
    name: 'cart.validate',
    run: (client) => client.validate(STORE_KEY),
    sends: [API_KEY, STORE_KEY],
    checkValue: (value) => assert.ok(isOptionalString((value as { status: unknown }).status)),
  },
  {
    name: 'cart.info',
    run: (client) => client.info(STORE_KEY),
    sends: [API_KEY, STORE_KEY],
    checkValue: (value) => {
      const { name, url, version, raw } = value as Record<string, unknown>;
      assert.ok([name, url, version].every(isOptionalString));
      assert.ok(typeof raw === 'object' && raw !== null && !Array.isArray(raw));
    },
  },
  {
    name: 'account.supported_platforms',
    run: (client) => client.supportedPlatforms(),
    sends: [API_KEY],
    checkValue: (value) => {
      assert.ok(Array.isArray(value));
      for (const platform of value as Array<{ cartId: unknown; required: unknown; additional: unknown }>) {
        assert.ok(typeof platform.cartId === 'string' && platform.cartId.length > 0);
        assert.ok(Array.isArray(platform.required) && Array.isArray(platform.additional));
      }
    },
  },
];

/** Text that echoes a secret inside noise, as a careless server or proxy error page might. */
const echoing = (secrets: readonly string[]): fc.Arbitrary<string> =>
  fc.tuple(fc.string({ maxLength: 300 }), fc.constantFrom(...secrets), fc.string({ maxLength: 300 }))
    .map(([before, secret, after]) => `${before}${secret}${after}`);

const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 1, 2, 8, 100, 1e21, -1e21, 0.5, Number.MAX_SAFE_INTEGER + 2, '0', '', true, null, [], {}),
);

const resultArbitrary: fc.Arbitrary<unknown> = fc.oneof(
  oddValue,
  fc.record(
    {
      store_key: oddValue,
      carts: fc.oneof(oddValue, fc.array(fc.dictionary(fc.constantFrom('id', 'url', 'store_key', 'cart_id', 'custom_label', 'wix_instance_id'), oddValue), { maxLength: 4 })),
      carts_count: oddValue,
      status: oddValue,
      name: oddValue,
      supported_platforms: fc.oneof(
        oddValue,
        fc.array(fc.record({ cart_id: oddValue, cart_name: oddValue, params: fc.oneof(oddValue, fc.record({ required: oddValue, additional: oddValue }, { requiredKeys: [] })) }, { requiredKeys: [] }), { maxLength: 3 }),
      ),
    },
    { requiredKeys: [] },
  ),
);

/** A response body as text: envelopes with wrong types, huge numbers, arbitrary JSON, non-JSON. */
const bodyFor = (secrets: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.record({ return_code: oddValue, return_message: fc.oneof(echoing(secrets), oddValue), result: resultArbitrary }, { requiredKeys: [] }).map((envelope) => JSON.stringify(envelope)) },
    // JSON.stringify cannot write these: numbers beyond double range and longer than any integer type.
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom('1e999', '-1e999', '123456789012345678901234567890', '-0', '0.0000000000000000001', '1E2', '2e0'), echoing(secrets))
      .map(([code, message]) => `{"return_code":${code},"return_message":${JSON.stringify(message)},"result":{"store_key":${code},"carts_count":${code}}}`) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)) },
    { weight: 2, arbitrary: fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), echoing(secrets), echoing(secrets).map((text) => `<html><body><h1>502 Bad Gateway</h1>${text}</body></html>`)) },
    { weight: 1, arbitrary: fc.constantFrom('', 'null', '{', '{"return_code":0', '{"return_code":0,}', '\u0000', 'NaN', 'Infinity', '[{"return_code":0}]') },
  );

const exchangeFor = (call: CallSpec) =>
  fc.record({
    status: fc.oneof({ weight: 4, arbitrary: fc.constant(200) }, { weight: 1, arbitrary: fc.constantFrom(201, 202, 301, 400, 401, 403, 404, 429, 500, 502, 503, 599) }),
    body: bodyFor(call.sends),
  });

describe('hardening: API2Cart client on arbitrary answers', function () {
  this.timeout(20_000);
  let agent: MockAgent;
  let client: Api2CartClient;
  const logLines: string[] = [];
  let next: { status: number; body: string } = { status: 200, body: '' };

  before(() => {
    agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get(ORIGIN)
      .intercept({ path: () => true, method: /^(GET|POST)$/ })
      .reply(() => ({ statusCode: next.status, data: next.body, responseOptions: { headers: { 'content-type': 'application/json' } } }))
      .persist();
    client = createApi2CartClient({ baseUrl: `${ORIGIN}/v1.1`, apiKey: API_KEY, dispatcher: agent, timeoutMs: 5_000, log: (line) => logLines.push(line) });
  });

  after(async () => {
    await agent.close();
  });

  for (const call of CALLS) {
    it(`${call.name}: answers every body and status with a typed result, never echoing a secret`, async () => {
      await fc.assert(
        fc.asyncProperty(exchangeFor(call), async (exchange) => {
          next = exchange;
          logLines.length = 0;
          const result = await call.run(client);
          const problem = assertTypedOutcome(result, [API_KEY, APP_SECRET, STORE_KEY]);
          if (problem === undefined && result.ok) {
            call.checkValue(result.value);
          } else if (!result.ok) {
            assert.equal(typeof result.error.maybeDelivered, 'boolean');
          }
          assert.equal(logLines.length, 1, 'one log line per call');
          for (const secret of [API_KEY, APP_SECRET, STORE_KEY]) {
            assert.ok(!logLines[0].includes(secret), `a secret leaked into the log: ${logLines[0]}`);
          }
        }),
        { numRuns: Math.ceil(RUNS / 2) },
      );
    });
  }

  it('answers transport errors whose text carries a secret with a typed problem that does not', async () => {
    const failing = new MockAgent();
    failing.disableNetConnect();
    const codes = ['ECONNRESET', 'ECONNREFUSED', 'ENOTFOUND', 'EPROTO', 'CERT_HAS_EXPIRED', 'UND_ERR_SOCKET', 'UND_ERR_HEADERS_TIMEOUT', 'EWHATEVER', undefined];
    const nextError = new Error('');
    failing.get(ORIGIN).intercept({ path: () => true, method: /^(GET|POST)$/ }).replyWithError(nextError).persist();
    try {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...codes), echoing([API_KEY, APP_SECRET, STORE_KEY]), fc.constantFrom(...CALLS), async (code, text, call) => {
          // replyWithError keeps its error object: change that object in place.
          nextError.message = text;
          Object.assign(nextError, { code, cause: Object.assign(new Error(`Proxy response (${text})`), { code }) });
          const fuzzClient = createApi2CartClient({ baseUrl: `${ORIGIN}/v1.1`, apiKey: API_KEY, dispatcher: failing, timeoutMs: 5_000 });
          const result = await call.run(fuzzClient);
          assert.equal(result.ok, false);
          assertTypedOutcome(result, [API_KEY, APP_SECRET, STORE_KEY]);
        }),
        { numRuns: 200 },
      );
    } finally {
      await failing.close();
    }
  });
});
