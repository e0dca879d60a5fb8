import * as assert from 'node:assert/strict';
import { request } from 'undici';
import { startApi2CartStub, type Api2CartStub } from '../../support/stubs/api2cartStub';
import { startWixStub } from '../../support/stubs/wixStub';

describe('API2Cart stub checks requests against the OpenAPI spec', () => {
  let stub: Api2CartStub;
  beforeEach(async () => {
    stub = await startApi2CartStub();
  });
  afterEach(() => stub.close());

  const send = (path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}) =>
    request(`${stub.url}${path}`, {
      method: (init.method ?? 'GET') as 'GET',
      headers: { 'x-api-key': 'k', ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });

  const expectRejected = async (answer: Awaited<ReturnType<typeof send>>, pattern: RegExp) => {
    assert.equal(answer.statusCode, 400);
    assert.match(await answer.body.text(), /does not match the OpenAPI spec/);
    assert.ok(stub.violations.some((v) => pattern.test(v)), `no violation matching ${pattern}: ${stub.violations.join(' | ')}`);
  };

  it('accepts a well-formed account.cart.add', async () => {
    const answer = await send('/account.cart.add.json', {
      method: 'POST',
      body: { cart_id: 'Wix', wix_app_id: 'a', wix_app_secret_key: 's', wix_instance_id: 'i' },
    });
    assert.equal(answer.statusCode, 200);
    assert.equal(((await answer.body.json()) as { return_code: number }).return_code, 0);
    assert.deepEqual(stub.violations, []);
  });

  it('rejects a misspelled body field', async () => {
    await expectRejected(
      await send('/account.cart.add.json', { method: 'POST', body: { cart_id: 'Wix', wix_instanceid: 'i' } }),
      /body\.wix_instanceid is not in the spec/,
    );
    assert.equal(stub.callsTo('account.cart.add')[0]?.violations.length, 1);
  });

  it('rejects a cart_id outside the enum and a missing cart_id', async () => {
    await expectRejected(await send('/account.cart.add.json', { method: 'POST', body: { cart_id: 'wix' } }), /cart_id must be one of/);
    await expectRejected(await send('/account.cart.add.json', { method: 'POST', body: { wix_app_id: 'a' } }), /cart_id is required/);
  });

  it('rejects a missing API key header', async () => {
    const answer = await request(`${stub.url}/account.cart.list.json`);
    await expectRejected(answer, /missing auth header\(s\): x-api-key/);
  });

  it('rejects a store-scoped call without x-store-key', async () => {
    await expectRejected(await send('/cart.validate.json'), /x-store-key/);
  });

  it('rejects the wrong HTTP method, unknown paths, unknown and mistyped query parameters', async () => {
    await expectRejected(await send('/account.cart.add.json'), /defines only POST/);
    await expectRejected(await send('/account.cart.remove.json'), /no such path/);
    await expectRejected(await send('/account.cart.list.json?storekey=x'), /"storekey" is not in the spec/);
    await expectRejected(await send('/cart.validate.json?validate_version=yes', { headers: { 'x-store-key': 's' } }), /must be a boolean/);
  });

  it('rejects a body that is not JSON', async () => {
    const answer = await request(`${stub.url}/account.cart.add.json`, {
      method: 'POST',
      headers: { 'x-api-key': 'k', 'content-type': 'application/json' },
      body: '{cart_id: Wix}',
    });
    await expectRejected(answer, /not valid JSON/);
  });

  it('counts calls so a second add is caught', async () => {
    const body = { cart_id: 'Wix', wix_instance_id: 'i' };
    await (await send('/account.cart.add.json', { method: 'POST', body })).body.text();
    stub.assertCalledOnce('account.cart.add');
    await (await send('/account.cart.add.json', { method: 'POST', body })).body.text();
    assert.throws(() => stub.assertCalledOnce('account.cart.add'), /exactly one account\.cart\.add/);
  });

  it('answers a second add for the same instance with code 8', async () => {
    const body = { cart_id: 'Wix', wix_instance_id: 'same' };
    await (await send('/account.cart.add.json', { method: 'POST', body })).body.text();
    const second = (await (await send('/account.cart.add.json', { method: 'POST', body })).body.json()) as { return_code: number };
    assert.equal(second.return_code, 8);
  });

  it('plays scripted responses in order, then keeps the last', async () => {
    stub.setResponse('account.cart.list', { kind: 'returnCode', code: 9 }, { kind: 'success', result: { carts: [] } });
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) {
      codes.push(((await (await send('/account.cart.list.json')).body.json()) as { return_code: number }).return_code);
    }
    assert.deepEqual(codes, [9, 0, 0]);
  });

  it('answers any method of the spec: a store-scoped read gets the spec\'s result shape for a known store key', async () => {
    const body = { cart_id: 'Wix', wix_instance_id: 'i' };
    const added = (await (await send('/account.cart.add.json', { method: 'POST', body })).body.json()) as { result: { store_key: string } };
    const storeKey = added.result.store_key;
    const counted = (await (await send('/product.count.json', { headers: { 'x-store-key': storeKey } })).body.json()) as { return_code: number; result: unknown };
    assert.deepEqual(counted, { return_code: 0, return_message: '', result: { products_count: 0 } });
    const denied = (await (await send('/order.count.json', { headers: { 'x-store-key': 'not-a-store' } })).body.json()) as { return_code: number };
    assert.equal(denied.return_code, 4);
    const listed = (await (await send('/cart.methods.json', { headers: { 'x-store-key': storeKey } })).body.json()) as { result: { method: string[] } };
    assert.ok(listed.result.method.includes('product.list') && listed.result.method.includes('cart.delete'));
    assert.deepEqual(stub.violations, []);
  });

  it('deletes a store with cart.delete: its key stops working', async () => {
    const body = { cart_id: 'Wix', wix_instance_id: 'i' };
    const added = (await (await send('/account.cart.add.json', { method: 'POST', body })).body.json()) as { result: { store_key: string } };
    const headers = { 'x-store-key': added.result.store_key };
    const deleted = (await (await send('/cart.delete.json', { method: 'DELETE', headers })).body.json()) as { return_code: number };
    assert.equal(deleted.return_code, 0);
    assert.equal(stub.carts.length, 0);
    const after = (await (await send('/cart.validate.json', { headers })).body.json()) as { return_code: number };
    assert.equal(after.return_code, 4);
  });

  it('reports its own handling time, including deliberate delays', async () => {
    stub.setResponse('account.cart.list', { kind: 'slow', delayMs: 60 });
    await (await send('/account.cart.list.json')).body.text();
    const handled = stub.requests[0]?.handlingMs;
    assert.ok(handled !== undefined && handled >= 55, `handlingMs ${handled}`);
    assert.equal(stub.totalHandlingMs(), handled);
  });
});

describe('Wix stub checks request shapes', () => {
  it('rejects a token request without client_credentials and a "Bearer" authorization', async () => {
    const wix = await startWixStub({ appId: 'a', appSecret: 's', instanceId: 'i' });
    try {
      const bad = await request(`${wix.url}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'authorization_code', client_id: 'a' }),
      });
      assert.equal(bad.statusCode, 400);
      await bad.body.text();
      const bearer = await request(`${wix.url}/apps/v1/instance`, { headers: { authorization: 'Bearer x' } });
      assert.equal(bearer.statusCode, 400);
      await bearer.body.text();
      assert.ok(wix.violations.some((v) => /grant_type/.test(v)));
      assert.ok(wix.violations.some((v) => /client_secret must be/.test(v)));
      assert.ok(wix.violations.some((v) => /without "Bearer "/.test(v)));
    } finally {
      await wix.close();
    }
  });
});
