import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { createApi2CartClient, type Api2CartClient, type MethodRequest } from '../../../src/core/api2cart/client';
import { createPlatformMethodsCache } from '../../../src/core/permissions/platformMethods';
import type { VerificationResult } from '../../../src/core/permissions/types';
import { verifyStore, type VerifyDeps } from '../../../src/core/permissions/verify';
import { fail, ok } from '../../../src/core/result';
import type { MethodName } from '../../../src/core/scopes';
import { startApi2CartStub, type Api2CartStub } from '../../support/stubs/api2cartStub';

const STORE = { id: 'store-1', name: 'Canary Crafts' };
const hex = () => randomBytes(16).toString('hex');

const entity = (result: VerificationResult, name: string) => {
  const found = result.entities.find((e) => e.entity === name);
  assert.ok(found, `${name} was checked`);
  return found;
};

describe('permissions: a check against the API2Cart stub', function () {
  this.timeout(20_000);
  let stub: Api2CartStub;
  let apiKey: string;
  let storeKey: string;
  let client: Api2CartClient;

  beforeEach(async () => {
    apiKey = `key-${hex()}`;
    storeKey = hex();
    stub = await startApi2CartStub({
      apiKey,
      carts: [{ id: '1', url: 'https://shop.example', storeKey, cartId: 'Wix', customLabel: 'Shop' }],
      platformMethods: ['cart.info', 'order.count', 'order.list', 'product.count', 'product.list', 'customer.count'],
    });
    client = createApi2CartClient({ baseUrl: stub.url, apiKey });
  });
  afterEach(() => stub.close());

  const deps = (overrides: Partial<VerifyDeps> = {}): VerifyDeps => ({
    api2cart: client,
    storeKey,
    wix: { skipped: 'no app credentials' },
    platformMethods: createPlatformMethodsCache(),
    ...overrides,
  });

  it('sends only GETs that match the spec, each with the store key, and reads cart.methods once per store', async () => {
    const cache = createPlatformMethodsCache();
    const methods: MethodName[] = ['order.list', 'product.list', 'customer.list', 'cart.info', 'product.add'];
    const first = await verifyStore(deps({ platformMethods: cache }), STORE, { methods });
    assert.equal(first.status, 'done');
    assert.deepEqual(stub.violations, []);
    assert.deepEqual([...new Set(stub.requests.map((r) => r.httpMethod))], ['GET']);
    assert.ok(stub.requests.every((r) => r.headers['x-store-key'] === storeKey));
    assert.deepEqual(stub.requests.map((r) => r.method).sort(), [
      'cart.info', 'cart.methods', 'customer.count', 'order.count', 'product.child_item.list', 'product.count',
    ]);
    assert.deepEqual(first.platform, { kind: 'read', methods: 6, unsupported: ['customer.list', 'product.add'], cached: false });

    const second = await verifyStore(deps({ platformMethods: cache }), STORE, { methods });
    assert.equal(stub.callsTo('cart.methods').length, 1, 'the list is cached per store');
    assert.deepEqual(second.platform, { kind: 'read', methods: 6, unsupported: ['customer.list', 'product.add'], cached: true });
  });

  it('reports each entity: a failure with its code, explanation and permissions; the others go on', async () => {
    stub.setResponse('order.count', { kind: 'returnCode', code: 100, message: 'Wix answered 403 Forbidden' });
    stub.setResponse('customer.count', { kind: 'returnCode', code: 7 });
    stub.setResponse('category.count', { kind: 'notJson' });
    stub.setResponse('tax.class.list', { kind: 'httpStatus', status: 502 });
    const result = await verifyStore(deps(), STORE, {
      methods: ['order.list', 'customer.list', 'category.list', 'tax.class.list', 'cart.info', 'basket.info', 'product.update'],
    });

    const order = entity(result, 'order');
    assert.equal(order.status, 'fails');
    const [probe] = order.probes;
    assert.equal(probe?.outcome.kind, 'fails');
    assert.ok(probe?.outcome.kind === 'fails');
    assert.equal(probe.outcome.returnCode, 100);
    assert.match(probe.outcome.message, /could not access the Wix store.*\(API2Cart: "Wix answered 403 Forbidden"\)/);
    assert.deepEqual(probe.permissionsToCheck?.map((c) => c.join(' or ')), ['Manage Your App', 'Read Orders', 'Read v3 catalog (PII)']);

    assert.deepEqual(
      result.entities.map((e) => [e.entity, e.status, e.probes.map((p) => p.outcome.kind)]),
      [
        ['basket', 'not-probed', []],
        ['cart', 'works', ['works']],
        ['category', 'unknown', ['unavailable']],
        ['customer', 'unknown', ['rate-limited']],
        ['order', 'fails', ['fails']],
        ['product', 'not-probed', []],
        ['tax', 'unknown', ['unavailable']],
      ],
    );
    assert.deepEqual(stub.callsTo('product.count'), [], 'a group with only writes ticked is never called');
    assert.deepEqual(stub.violations, []);
  });

  it('never has more than 3 requests at the store at once', async () => {
    for (const method of ['cart.info', 'cart.coupon.count', 'cart.catalog_price_rules.count', 'order.count', 'order.abandoned.list', 'tax.class.list']) {
      stub.setResponse(method, { kind: 'slow', delayMs: 60 });
    }
    const result = await verifyStore(deps(), STORE, { entities: ['cart', 'order', 'tax'] });
    assert.ok(result.entities.every((e) => e.status === 'works'));
    assert.equal(stub.requests.length, 7, 'six probes and cart.methods');
    assert.equal(stub.maxConcurrent(), 3);
  });

  it('with nothing ticked, probes the picked groups', async () => {
    const result = await verifyStore(deps(), STORE, { entities: ['cart'] });
    assert.deepEqual(entity(result, 'cart').probes.map((p) => [p.method, p.outcome.kind]), [
      ['cart.info', 'works'],
      ['cart.coupon.count', 'works'],
      ['cart.catalog_price_rules.count', 'works'],
    ]);
    assert.deepEqual(result.methods, []);
    assert.ok(result.platform.kind === 'read' && result.platform.unsupported.length === 0, 'nothing ticked, nothing flagged');
  });

  it('times a stuck probe out and reports it, while the rest finish', async () => {
    stub.setResponse('order.count', { kind: 'hang' });
    const result = await verifyStore(deps(), STORE, { methods: ['order.list', 'cart.info'] }, { timeoutMs: 300 });
    assert.deepEqual(entity(result, 'order').probes[0]?.outcome, { kind: 'timed-out', afterMs: 300 });
    assert.equal(entity(result, 'cart').status, 'works');
  });

  it('reads the app instance from Wix alongside, and lists its permissions as given', async () => {
    const result = await verifyStore(
      deps({
        wix: {
          read: async () => ok({ permissions: ['WIX_STORES.READ_PRODUCTS', 'weird value'], appName: 'Sync', siteName: 'Shop' }),
        },
      }),
      STORE,
      { methods: ['cart.info'] },
    );
    assert.deepEqual(result.wix, { kind: 'read', permissions: ['WIX_STORES.READ_PRODUCTS', 'weird value'], appName: 'Sync', siteName: 'Shop' });
    const failed = await verifyStore(
      deps({ wix: { read: async () => fail({ kind: 'wix-forbidden', message: 'Wix refused it.' }) } }),
      STORE,
      { methods: ['cart.info'] },
    );
    assert.deepEqual(failed.wix, { kind: 'failed', message: 'Wix refused it.' });
  });

  it('reports every step to onUpdate, ending with every probe settled', async () => {
    const updates: VerificationResult[] = [];
    const result = await verifyStore(deps(), STORE, { methods: ['order.list', 'cart.info'] }, { onUpdate: (r) => updates.push(r) });
    assert.equal(updates[0]?.entities.every((e) => e.status === 'checking'), true, 'the first update shows every group checking');
    assert.ok(updates.every((u) => u.status === 'running'));
    assert.equal(updates.length, 1 + 2 + 1, 'start, two probes, cart.methods');
    assert.equal(result.entities.every((e) => e.status === 'works'), true);
  });
});

describe('permissions: cancelling a check', () => {
  it('stops the probes still waiting: they are never sent, and the check says so', async () => {
    const controller = new AbortController();
    const sent: { method: string; request: MethodRequest }[] = [];
    const api2cart: Pick<Api2CartClient, 'callMethod'> = {
      callMethod: (method, request, options) => {
        sent.push({ method, request });
        // The person cancels once three are in flight; those hang until then, like slow store reads.
        if (sent.length === 3) setImmediate(() => controller.abort());
        return new Promise((resolve) => options?.signal?.addEventListener('abort', () => resolve(fail({ kind: 'http-cancelled', message: 'Cancelled', maybeDelivered: true }))));
      },
    };
    const check = verifyStore(
      { api2cart, storeKey: 'k', wix: { skipped: 'n/a' }, platformMethods: createPlatformMethodsCache() },
      STORE,
      { entities: ['cart', 'order', 'product'] },
      { signal: controller.signal },
    );
    const result = await check;
    assert.equal(result.status, 'cancelled');
    assert.equal(sent.length, 3, 'only the three in flight were sent');
    assert.ok(sent.every((s) => s.request.httpMethod === 'GET' && s.request.body === undefined));
    const outcomes = result.entities.flatMap((e) => e.probes.map((p) => p.outcome));
    assert.deepEqual(outcomes.filter((o) => o.kind === 'cancelled' && o.sent).length, 3);
    assert.deepEqual(outcomes.filter((o) => o.kind === 'cancelled' && !o.sent).length, 5);
    assert.deepEqual(result.platform, { kind: 'cancelled' });
  });
});
