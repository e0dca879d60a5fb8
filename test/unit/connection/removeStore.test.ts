import * as assert from 'node:assert/strict';
import { createApi2CartClient } from '../../../src/core/api2cart/client';
import { RETURN_CODES } from '../../../src/core/api2cart/returnCodes';
import { removalProblem, removeStore } from '../../../src/core/connection/removeStore';
import { startApi2CartStub, type Api2CartStub } from '../../support/stubs/api2cartStub';
import { waitUntil } from '../../support/waitUntil';

const API_KEY = `apikey-${Math.random().toString(36).slice(2)}`;
const STORE_KEY = `storekey-${Math.random().toString(36).slice(2)}`;

describe('removeStore (cart.delete)', () => {
  let stub: Api2CartStub;
  const remove = (signal?: AbortSignal) => removeStore(createApi2CartClient({ baseUrl: stub.url, apiKey: API_KEY }), STORE_KEY, { signal });

  beforeEach(async () => {
    stub = await startApi2CartStub({ apiKey: API_KEY, carts: [{ id: '1', url: 'https://shop.example', storeKey: STORE_KEY, cartId: 'Wix', customLabel: '' }] });
  });
  afterEach(async () => {
    await stub.close();
    assert.deepEqual(stub.violations, []);
  });

  it('sends DELETE cart.delete.json once with both keys, and the store is gone from the account', async () => {
    assert.deepEqual(await remove(), { ok: true, value: { state: 'removed' } });
    stub.assertCalledOnce('cart.delete');
    const [call] = stub.callsTo('cart.delete');
    assert.equal(call!.httpMethod, 'DELETE');
    assert.equal(call!.headers['x-api-key'], API_KEY);
    assert.equal(call!.headers['x-store-key'], STORE_KEY);
    assert.equal(stub.carts.length, 0);
  });

  it('a store API2Cart no longer knows (4, 101) counts as gone, so the key can be forgotten', async () => {
    stub.carts.length = 0;
    assert.deepEqual(await remove(), { ok: true, value: { state: 'gone', returnCode: 4 } });
    stub.setResponse('cart.delete', { kind: 'returnCode', code: 101 });
    assert.deepEqual(await remove(), { ok: true, value: { state: 'gone', returnCode: 101 } });
  });

  it('every other return code, and transport failures, become a problem with a message and a fix', async () => {
    for (const code of [...Object.keys(RETURN_CODES).map(Number).filter((c) => c !== 4 && c !== 101), 4242]) {
      stub.setResponse('cart.delete', { kind: 'returnCode', code, message: `stub says ${code}` });
      const result = await remove();
      assert.ok(!result.ok, `code ${code}`);
      assert.ok(result.error.message.length > 20 && result.error.fix !== undefined, `code ${code}: ${JSON.stringify(result.error)}`);
      assert.ok(!/App ID, App Secret Key or Instance ID/.test(result.error.message), `code ${code} is worded for removal`);
    }
    stub.setResponse('cart.delete', { kind: 'httpStatus', status: 502 });
    const status = await remove();
    assert.ok(!status.ok && status.error.fix === 'retry');
    stub.setResponse('cart.delete', { kind: 'notJson' });
    const html = await remove();
    assert.ok(!html.ok && html.error.fix === 'openSettings');
  });

  it('a cancel says the outcome is unknown and points at Check Connection', async () => {
    stub.setResponse('cart.delete', { kind: 'hang' });
    const controller = new AbortController();
    const pending = remove(controller.signal);
    // Cancelled once the request is at API2Cart: the store may or may not be gone.
    await waitUntil(() => stub.callsTo('cart.delete').length === 1, 'cart.delete to reach the stub');
    controller.abort();
    const result = await pending;
    assert.ok(!result.ok && result.error.kind === 'remove-cancelled' && result.error.fix === 'checkConnection');
  });

  it('removalProblem keeps a fix for a problem without a code', () => {
    assert.equal(removalProblem({ kind: 'http-network', message: 'broke', maybeDelivered: true }).fix, 'retry');
  });
});
