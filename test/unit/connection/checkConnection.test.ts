import * as assert from 'node:assert/strict';
import { createApi2CartClient } from '../../../src/core/api2cart/client';
import { checkConnection, type CheckStep } from '../../../src/core/connection/checkConnection';
import { startApi2CartStub, type Api2CartStub } from '../../support/stubs/api2cartStub';

const API_KEY = `apikey-${Math.random().toString(36).slice(2)}`;
const STORE_KEY = `storekey-${Math.random().toString(36).slice(2)}`;

describe('checkConnection', () => {
  let stub: Api2CartStub;
  let steps: CheckStep[];
  const check = () =>
    checkConnection(createApi2CartClient({ baseUrl: stub.url, apiKey: API_KEY }), STORE_KEY, {
      onProgress: (step) => steps.push(step),
    });

  beforeEach(async () => {
    steps = [];
    stub = await startApi2CartStub({ apiKey: API_KEY });
    stub.carts.push({ id: '1', url: 'https://myshop.example', storeKey: STORE_KEY, cartId: 'Wix', customLabel: 'My Shop' });
  });
  afterEach(async () => {
    await stub.close();
    assert.deepEqual(stub.violations, []);
  });

  it('lists by store key, then validates, and reports connected', async () => {
    const result = await check();
    assert.deepEqual(result, {
      ok: true,
      value: { state: 'connected', validateStatus: undefined, url: 'https://myshop.example', label: 'My Shop' },
    });
    assert.deepEqual(steps, ['api2cart-list', 'api2cart-validate']);
    assert.equal(stub.callsTo('account.cart.list')[0]?.query.store_key, STORE_KEY);
    assert.equal(stub.callsTo('cart.validate')[0]?.headers['x-store-key'], STORE_KEY);
  });

  it('reports a key the account does not list, without validating', async () => {
    stub.carts.length = 0;
    const result = await check();
    assert.ok(result.ok);
    assert.equal(result.value.state, 'not-in-account');
    assert.equal(stub.callsTo('cart.validate').length, 0);
  });

  it('treats return codes 4 and 101 as not in the account', async () => {
    stub.setResponse('account.cart.list', { kind: 'returnCode', code: 101 });
    const first = await check();
    assert.ok(first.ok && first.value.state === 'not-in-account');
    stub.setResponse('account.cart.list', { kind: 'default' });
    stub.setResponse('cart.validate', { kind: 'returnCode', code: 4 });
    const second = await check();
    assert.ok(second.ok && second.value.state === 'not-in-account');
  });

  it('reports a listed store that API2Cart cannot reach, with the reason', async () => {
    stub.setResponse('cart.validate', { kind: 'returnCode', code: 100, message: 'Store credentials are not valid' });
    const result = await check();
    assert.ok(result.ok);
    assert.equal(result.value.state, 'store-unreachable');
    if (result.value.state === 'store-unreachable') {
      assert.equal(result.value.problem.fix, 'setAppCredentials');
      assert.equal(result.value.label, 'My Shop');
    }
  });

  it('fails the check itself when the API key is wrong or the network breaks', async () => {
    stub.setResponse('account.cart.list', { kind: 'returnCode', code: 2 });
    const wrongKey = await check();
    assert.ok(!wrongKey.ok && wrongKey.error.fix === 'setApiKey');
    stub.setResponse('account.cart.list', { kind: 'default' });
    stub.setResponse('cart.validate', { kind: 'closeSocket' });
    const broken = await check();
    assert.ok(!broken.ok && broken.error.kind === 'http-network');
    for (const result of [wrongKey, broken]) {
      assert.ok(!result.ok && !result.error.message.includes(STORE_KEY) && !result.error.message.includes(API_KEY));
    }
  });

  it('reads the site\'s app version from Wix alongside, and a failed read only leaves it out', async () => {
    const read = (appVersion?: string) => async () => ({ ok: true as const, value: { permissions: [], ...(appVersion ? { appVersion } : {}) } });
    const withVersion = await checkConnection(createApi2CartClient({ baseUrl: stub.url, apiKey: API_KEY }), STORE_KEY, { readAppInstance: read('3.1.0') });
    assert.ok(withVersion.ok && withVersion.value.state === 'connected' && withVersion.value.appVersion === '3.1.0');
    const failed = await checkConnection(createApi2CartClient({ baseUrl: stub.url, apiKey: API_KEY }), STORE_KEY, {
      readAppInstance: async () => ({ ok: false, error: { kind: 'wix-forbidden', message: 'no' } }),
    });
    assert.ok(failed.ok && failed.value.state === 'connected' && !('appVersion' in failed.value));
  });

  it('a validate refused with 403 or with no message reads as a permission not yet approved; another refusal does not', async () => {
    const unreachable = async (message?: string) => {
      stub.setResponse('cart.validate', { kind: 'returnCode', code: 100, ...(message !== undefined ? { message } : {}) });
      const result = await check();
      assert.ok(result.ok && result.value.state === 'store-unreachable');
      return result.value.state === 'store-unreachable' && result.value.notYetApproved;
    };
    assert.equal(await unreachable('403 | Forbidden'), true);
    assert.equal(await unreachable(''), true);
    assert.equal(await unreachable('Store credentials are not valid'), false);
  });
});
