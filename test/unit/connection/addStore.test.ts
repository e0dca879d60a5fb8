import * as assert from 'node:assert/strict';
import { createApi2CartClient } from '../../../src/core/api2cart/client';
import { addStore, type AddStoreStep } from '../../../src/core/connection/addStore';
import { findWixStore, normalizeStoreUrl } from '../../../src/core/connection/findStore';
import type { Problem, Result } from '../../../src/core/result';
import { createWixClient } from '../../../src/core/wix/client';
import { startApi2CartStub, type Api2CartStub, type StubCart } from '../../support/stubs/api2cartStub';
import { startWixStub, type WixStub } from '../../support/stubs/wixStub';

const API_KEY = `apikey-${Math.random().toString(36).slice(2)}`;
const APP_SECRET = `secret-${Math.random().toString(36).slice(2)}`;
const credentials = { appId: 'app-1', appSecret: APP_SECRET, instanceId: 'inst-1' };
const SITE_URL = 'https://myshop.example';

const existingCart = (overrides: Partial<StubCart> = {}): StubCart => ({
  id: '1',
  url: SITE_URL,
  storeKey: 'a'.repeat(32),
  cartId: 'Wix',
  customLabel: 'Existing',
  wixInstanceId: 'inst-1',
  ...overrides,
});

function problemOf<T>(result: Result<T, Problem>): Problem {
  assert.equal(result.ok, false, 'expected a failure');
  if (result.ok) throw new Error('unreachable');
  for (const secret of [API_KEY, APP_SECRET]) assert.ok(!result.error.message.includes(secret), 'secret leaked');
  return result.error;
}

describe('addStore flow', () => {
  let wix: WixStub;
  let api2cart: Api2CartStub;
  let steps: AddStoreStep[];

  const run = (options: { signal?: AbortSignal; api2cartTimeoutMs?: number } = {}) =>
    addStore(
      {
        wix: createWixClient({ baseUrl: wix.url }),
        api2cart: createApi2CartClient({ baseUrl: api2cart.url, apiKey: API_KEY, timeoutMs: options.api2cartTimeoutMs }),
      },
      credentials,
      { signal: options.signal, onProgress: (step) => steps.push(step) },
    );

  beforeEach(async () => {
    steps = [];
    wix = await startWixStub({ ...credentials, siteDisplayName: 'My Shop', siteUrl: SITE_URL });
    api2cart = await startApi2CartStub({ apiKey: API_KEY });
  });
  afterEach(async () => {
    await Promise.all([wix.close(), api2cart.close()]);
    assert.deepEqual([...wix.violations, ...api2cart.violations], []);
  });

  it('checks with Wix, adds once with the site URL and labels the store with the site name', async () => {
    const result = await run();
    assert.ok(result.ok);
    assert.equal(result.value.how, 'added');
    assert.equal(result.value.label, 'My Shop');
    assert.equal(result.value.storeKey, api2cart.carts[0]?.storeKey);
    assert.deepEqual(result.value.notes, []);
    assert.deepEqual(steps, ['wix-token', 'wix-instance', 'api2cart-add']);
    api2cart.assertCalledOnce('account.cart.add');
    assert.equal((api2cart.callsTo('account.cart.add')[0]?.body as Record<string, unknown>).store_url, SITE_URL);
  });

  it('stops before API2Cart when Wix rejects the triple', async () => {
    wix.setOutcome('token', { kind: 'json', status: 401, body: { error: 'invalid_client' } });
    const problem = problemOf(await run());
    assert.equal(problem.kind, 'wix-app-credentials');
    assert.equal(api2cart.requests.length, 0);
    assert.deepEqual(steps, ['wix-token']);
  });

  it('adds without store_url and notes why when the instance call fails', async () => {
    wix.setOutcome('instance', { kind: 'json', status: 403, body: {} });
    const result = await run();
    assert.ok(result.ok);
    assert.equal(result.value.label, 'Wix inst-1');
    assert.match(result.value.notes[0] ?? '', /Manage Your App/);
    assert.equal('store_url' in (api2cart.callsTo('account.cart.add')[0]?.body as object), false);
  });

  it('adopts the existing store on code 8, looked up by its store_url so a large account stays under the cap', async () => {
    api2cart.carts.push(existingCart(), existingCart({ id: '2', url: 'https://other.example', storeKey: 'b'.repeat(32), wixInstanceId: 'inst-2' }));
    const result = await run();
    assert.ok(result.ok);
    assert.equal(result.value.how, 'adopted');
    assert.equal(result.value.storeKey, 'a'.repeat(32));
    assert.deepEqual(steps, ['wix-token', 'wix-instance', 'api2cart-add', 'api2cart-lookup']);
    api2cart.assertCalledOnce('account.cart.add');
    api2cart.assertCalledOnce('account.cart.list');
    assert.equal(api2cart.callsTo('account.cart.list')[0]?.query.store_url, SITE_URL);
  });

  it('on code 8 falls back to the whole list when the store_url filter finds nothing (another URL form)', async () => {
    api2cart.carts.push(existingCart({ url: 'http://www.MyShop.example/' }));
    const result = await run();
    assert.ok(result.ok);
    assert.equal(result.value.how, 'adopted');
    assert.equal(result.value.storeKey, 'a'.repeat(32));
    api2cart.assertCalledOnce('account.cart.add');
    assert.deepEqual(api2cart.callsTo('account.cart.list').map((c) => c.query.store_url), [SITE_URL, undefined]);
  });

  it('says so when code 8 comes back but the store is not in the list', async () => {
    api2cart.setResponse('account.cart.add', { kind: 'returnCode', code: 8, message: 'Store already exists' });
    const problem = problemOf(await run());
    assert.equal(problem.kind, 'existing-store-not-found');
    assert.match(problem.message, /already connected/);
    api2cart.assertCalledOnce('account.cart.add');
  });

  it('refuses to pick when several stores share the URL', async () => {
    api2cart.carts.push(existingCart({ wixInstanceId: 'x' }), existingCart({ id: '2', storeKey: 'b'.repeat(32), wixInstanceId: 'y' }));
    api2cart.setResponse('account.cart.add', { kind: 'returnCode', code: 8 });
    const problem = problemOf(await run());
    assert.equal(problem.kind, 'existing-store-ambiguous');
    assert.match(problem.message, /2 Wix stores/);
    assert.ok(!problem.message.includes('a'.repeat(32)), 'store keys stay out of messages');
  });

  it('finds the store after a dropped answer instead of adding again', async () => {
    // API2Cart processed the add but the connection dropped before the answer arrived.
    api2cart.carts.push(existingCart());
    api2cart.setResponse('account.cart.add', { kind: 'closeSocket' });
    const result = await run();
    assert.ok(result.ok);
    assert.equal(result.value.how, 'recovered');
    assert.match(result.value.notes.join(' '), /not added again/);
    api2cart.assertCalledOnce('account.cart.add');
  });

  it('never retries a timed-out add and says the outcome is unknown', async () => {
    api2cart.setResponse('account.cart.add', { kind: 'hang' });
    const problem = problemOf(await run({ api2cartTimeoutMs: 200 }));
    assert.equal(problem.kind, 'add-uncertain');
    assert.match(problem.message, /may or may not have been added/);
    assert.match(problem.message, /not sent again/);
    assert.equal(problem.fix, 'addStore');
    api2cart.assertCalledOnce('account.cart.add');
    // The filtered lookup finds nothing, so the whole list is read too; the add is never resent.
    assert.deepEqual(api2cart.callsTo('account.cart.list').map((c) => c.query.store_url), [SITE_URL, undefined]);
  });

  it('reports both failures when the lookup after an uncertain add fails too', async () => {
    api2cart.setResponse('account.cart.add', { kind: 'closeSocket' });
    api2cart.setResponse('account.cart.list', { kind: 'httpStatus', status: 502 });
    const problem = problemOf(await run());
    assert.equal(problem.kind, 'add-uncertain');
    assert.match(problem.message, /account\.cart\.list failed too/);
    api2cart.assertCalledOnce('account.cart.add');
  });

  it('does not look anything up after a definite API2Cart error', async () => {
    api2cart.setResponse('account.cart.add', { kind: 'returnCode', code: 100, message: 'credentials not valid' });
    const problem = problemOf(await run());
    assert.equal(problem.kind, 'api2cart-100');
    assert.equal(problem.fix, 'setAppCredentials');
    assert.equal(api2cart.callsTo('account.cart.list').length, 0);
  });

  it('sends nothing when cancelled before it starts', async () => {
    const problem = problemOf(await run({ signal: AbortSignal.abort() }));
    assert.equal(problem.kind, 'add-cancelled');
    assert.match(problem.message, /nothing was sent/);
    assert.equal(wix.requests.length + api2cart.requests.length, 0);
  });

  it('says the store may exist when cancelled while the add is in flight, and sends nothing more', async () => {
    api2cart.setResponse('account.cart.add', { kind: 'hang' });
    const controller = new AbortController();
    const pending = run({ signal: controller.signal });
    while (api2cart.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const problem = problemOf(await pending);
    assert.equal(problem.kind, 'add-cancelled');
    assert.match(problem.message, /may have added/);
    assert.equal(api2cart.requests.length, 1);
  });

  /** Cancels while account.cart.list (the lookup after the add) is under way; the add answered `addAnswer`. */
  async function cancelDuringLookup(addAnswer: Parameters<Api2CartStub['setResponse']>[1]): Promise<Problem> {
    api2cart.setResponse('account.cart.add', addAnswer);
    api2cart.setResponse('account.cart.list', { kind: 'hang' });
    const controller = new AbortController();
    const pending = run({ signal: controller.signal });
    while (api2cart.callsTo('account.cart.list').length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const problem = problemOf(await pending);
    assert.equal(problem.kind, 'add-cancelled');
    api2cart.assertCalledOnce('account.cart.add');
    return problem;
  }

  it('says the add was sent when cancelled during the lookup after "store already exists" (code 8)', async () => {
    const problem = await cancelDuringLookup({ kind: 'returnCode', code: 8 });
    assert.doesNotMatch(problem.message, /nothing was sent/i);
    assert.match(problem.message, /The add request was sent, and API2Cart answered that this store is already in your account/);
  });

  it('says the add may have happened when cancelled during the lookup after a lost answer', async () => {
    assert.match((await cancelDuringLookup({ kind: 'closeSocket' })).message, /may have added the store/);
  });

  it('reports a key no header can carry as not sent, never as "may have been added"', async () => {
    const result = await addStore(
      {
        wix: createWixClient({ baseUrl: wix.url }),
        api2cart: createApi2CartClient({ baseUrl: api2cart.url, apiKey: `${API_KEY}\u200b` }),
      },
      credentials,
    );
    const problem = problemOf(result);
    assert.equal(problem.kind, 'http-not-sent');
    assert.equal((problem as Problem & { maybeDelivered?: boolean }).maybeDelivered, false);
    assert.equal(problem.fix, 'setApiKey');
    assert.match(problem.message, /was not sent: the x-api-key header holds a character no HTTP header can carry/);
    assert.equal(api2cart.requests.length, 0, 'nothing reached API2Cart');
  });
});

describe('findWixStore', () => {
  const cart = (url: string, key: string, extra: object = {}) => ({ url, storeKey: key, cartId: 'Wix', ...extra });

  it('normalizes scheme, www, case and trailing slash', () => {
    assert.equal(normalizeStoreUrl(' HTTPS://www.Shop.example/ '), 'shop.example');
  });

  it('prefers an instance id match over a URL match', () => {
    const match = findWixStore([cart(SITE_URL, 'k1'), cart('https://other.example', 'k2', { wixInstanceId: 'inst-1' })], {
      instanceId: 'inst-1',
      storeUrl: SITE_URL,
    });
    assert.equal(match.kind === 'found' && match.cart.storeKey, 'k2');
  });

  it('ignores other platforms and entries without a key', () => {
    const carts = [{ ...cart(SITE_URL, 'k1'), cartId: 'Shopify' }, cart(SITE_URL, '')];
    assert.deepEqual(findWixStore(carts, { instanceId: 'i', storeUrl: SITE_URL }), { kind: 'none' });
  });

  it('cannot identify without an instance id in the list or a URL', () => {
    assert.deepEqual(findWixStore([cart(SITE_URL, 'k1')], { instanceId: 'i' }), { kind: 'unidentifiable' });
  });
});
