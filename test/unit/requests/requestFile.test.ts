import * as assert from 'node:assert/strict';
import { checkRequestText, nextPageRequest, placeRequest, renderCurl, requestUrl, suggest, type CheckResult } from '../../../src/core/requests';
import { generated } from './generated';

const stores = [
  { id: 'aaaa-1', instanceId: 'aaaa-1', label: 'Canary Crafts' },
  { id: 'bbbb-2', instanceId: 'bbbb-2', label: 'Twin' },
  { id: 'cccc-3', instanceId: 'cccc-3', label: 'twin' },
  { id: 'dddd-4', instanceId: 'dddd-4' },
];

async function check(text: string): Promise<CheckResult> {
  return checkRequestText(text, (await generated()).catalogue, stores);
}

/** The issues' messages with the text each one points at. */
async function issues(text: string): Promise<[string, string][]> {
  const result = await check(text);
  assert.equal(result.ok, false, 'the file has problems');
  return result.ok ? [] : result.issues.map((i) => [i.message, text.slice(i.span.offset, i.span.offset + i.span.length)]);
}

describe('request files: checking', () => {
  it('accepts a valid request and says which store it names', async () => {
    const result = await check('{ "method": "product.list", "params": { "count": 10, "params": "id,name" }, "store": "canary crafts" }');
    assert.ok(result.ok);
    assert.equal(result.request.method, 'product.list');
    assert.deepEqual(result.request.params, { count: 10, params: 'id,name' });
    assert.equal(result.request.storeId, 'aaaa-1');
    assert.equal((await check('{"method":"product.info","params":{"id":"10"},"store":"DDDD-4"}')).ok, true, 'by instance id, any case');
    assert.equal((await check('{"method":"product.count"}')).ok, true, 'params may be left out when nothing is required');
  });

  it('text that is not JSON: a diagnostic at the error, nothing else', async () => {
    assert.deepEqual(await issues('{"method": "product.list",, }'), [['Not valid JSON: A property name in double quotes is expected.', ',']]);
    assert.match((await issues('{"method": "product.list"} // more'))[0]![0], /Comments are not allowed/);
    assert.match((await issues(''))[0]![0], /The file is empty/);
    assert.match((await issues('["product.list"]'))[0]![0], /A request file is a JSON object/);
  });

  it('an unknown method, with a suggestion for a near miss', async () => {
    assert.deepEqual(await issues('{"method": "product.lst"}'), [['"product.lst" is not one of the guide\'s API2Cart methods for Wix. Did you mean "product.list"?', '"product.lst"']]);
    assert.deepEqual(await issues('{"method": "account.cart.list"}'), [['"account.cart.list" is not one of the guide\'s API2Cart methods for Wix.', '"account.cart.list"']]);
    assert.match((await issues('{"params": {}}'))[0]![0], /"method" is missing/);
    assert.match((await issues('{"method": 7}'))[0]![0], /"method" must be a method name in quotes/);
  });

  it('shows names and values taken from the file inert: no link, no icon, no line break', async () => {
    const messages = [
      ...(await issues('{"method": "[x](command:evil)"}')),
      ...(await issues('{"method": "product.list", "params": {"$(alert)\u2028Line two": 1}}')),
      ...(await issues('{"method": "product.list", "store": "Shop\u2029[open](https://evil.example)"}')),
      ...(await issues('{"method": "product.list", "params": {"count": 1}, "x\u202e[y](command:z)": 1}')),
    ].map(([message]) => message);
    assert.equal(messages.length, 4);
    for (const message of messages) {
      assert.doesNotMatch(message, /\]\(|\$\(|[\u2028\u2029\u202e\n]/, message);
    }
    assert.equal(messages[0], '"[x] (command:evil)" is not one of the guide\'s API2Cart methods for Wix.');
  });

  it('a parameter of the wrong type, an unknown one, a missing required one', async () => {
    assert.deepEqual(await issues('{"method": "product.list", "params": {"count": "ten", "cnt": 1, "avail_view": "yes"}}'), [
      ['"count" must be a whole number, not text.', '"ten"'],
      ['Unknown parameter "cnt": API2Cart would ignore it. Did you mean "count"?', '"cnt"'],
      ['"avail_view" must be true or false, not text.', '"yes"'],
    ]);
    assert.deepEqual(await issues('{"method": "product.info", "params": {}}'), [['Required parameter missing: "id".', '"params"']]);
    assert.deepEqual(await issues('{"method": "product.info"}'), [['Required parameter missing: "id".', '"product.info"']]);
    assert.deepEqual(await issues('{"method": "product.list", "params": [1]}'), [['"params" must be a JSON object of the method\'s parameters, e.g. {"count": 10}.', '[1]']]);
    assert.deepEqual(await issues('{"method": "order.list", "params": {"order_status_ids": [1, {}]}}'), [['"order_status_ids" must be a list of values, e.g. ["a", "b"].', '"order_status_ids"']]);
  });

  it('checks JSON bodies deeply, naming the path', async () => {
    const text = '{"method": "product.add", "params": {"name": "A", "model": "M", "description": "D", "price": "9.99", "colour": "red"}}';
    assert.deepEqual(await issues(text), [
      ['"params.price" must be a number, not text.', '"9.99"'],
      ['Unknown field "params.colour": API2Cart would ignore it.', '"colour"'],
    ]);
    const nested = await issues('{"method": "product.add.batch", "params": {"payload": [{"name": 5}]}}');
    assert.deepEqual(nested, [['"params.payload[0].name" must be text, not a number.', '5']]);
    assert.match((await issues('{"method": "product.add.batch", "params": {"payload": []}}'))[0]![0], /"params.payload" needs at least 1 item/);
    assert.match((await issues('{"method": "product.add"}'))[0]![0], /"name", "model", "description", "price" are required in "params"/);
  });

  it('a store that does not exist, an ambiguous label, a malformed store field', async () => {
    assert.deepEqual(await issues('{"method": "product.list", "store": "Nope"}'), [[
      'No store profile is called "Nope". Saved stores: "Canary Crafts", "Twin", "twin", "dddd-4". Leave "store" out to use the active store.', '"Nope"',
    ]]);
    assert.match((await issues('{"method": "product.list", "store": "TWIN"}'))[0]![0], /2 stores are labelled "TWIN": name the store by its Instance ID/);
    assert.match((await issues('{"method": "product.list", "store": ""}'))[0]![0], /"store" must name a store profile/);
    assert.match((await issues('{"method": "product.list", "store": 1}'))[0]![0], /"store" must name a store profile/);
    const none = checkRequestText('{"method": "product.list", "store": "X"}', (await generated()).catalogue, []);
    assert.ok(!none.ok && /No store is saved yet/.test(none.issues[0]!.message));
  });

  it('unknown and repeated top-level fields, keys included', async () => {
    assert.deepEqual(await issues('{"method": "product.list", "api_key": "x"}'), [[
      'Unknown field "api_key": a request file has "method", "params" and, optionally, "store".', '"api_key"',
    ]]);
    assert.deepEqual(await issues('{"method": "product.list", "method": "product.count"}'), [['"method" appears twice.', '"method"']]);
    assert.equal((await check('{"$schema": "x", "method": "product.list"}')).ok, true);
  });

  it('names are looked up as own names only: Object.prototype members are no methods, parameters or fields', async () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      assert.match((await issues(`{"method": "${name}"}`))[0]![0], new RegExp(`"${name}" is not one of the guide's API2Cart methods`), name);
    }
    assert.deepEqual(await issues('{"method": "product.list", "params": {"__proto__": 1, "constructor": "x"}}'), [
      ['Unknown parameter "__proto__": API2Cart would ignore it.', '"__proto__"'],
      ['Unknown parameter "constructor": API2Cart would ignore it.', '"constructor"'],
    ]);
    const body = await issues('{"method": "product.add", "params": {"name": "A", "model": "M", "description": "D", "price": 1, "__proto__": {"x": 1}}}');
    assert.deepEqual(body, [['Unknown field "params.__proto__": API2Cart would ignore it.', '"__proto__"']]);
  });

  it('suggests only near misses', () => {
    assert.equal(suggest('prodct.info', ['product.info', 'order.info']), ' Did you mean "product.info"?');
    assert.equal(suggest('zzz', ['product.info']), '');
    assert.equal(suggest('count', ['count']), '');
  });
});

describe('request files: placement, next page and cURL', () => {
  it('puts query parameters in the query string as text, lists repeated, and bodies as JSON', async () => {
    const list = await check('{"method": "order.list", "params": {"count": 5, "order_status_ids": ["a", 2], "is_deleted": true, "store_id": 3}}');
    assert.ok(list.ok);
    const placed = placeRequest(list.request);
    assert.deepEqual(placed.query, [['count', '5'], ['order_status_ids', 'a'], ['order_status_ids', '2'], ['is_deleted', 'true'], ['store_id', '3']]);
    assert.equal(placed.body, undefined);
    assert.equal(requestUrl('https://api.example/v1.1/', placed).toString(), 'https://api.example/v1.1/order.list.json?count=5&order_status_ids=a&order_status_ids=2&is_deleted=true&store_id=3');
    const add = await check('{"method": "customer.add", "params": {"email": "a@b.c"}}');
    assert.ok(add.ok);
    assert.deepEqual(placeRequest(add.request), { method: 'customer.add', httpMethod: 'POST', storeScoped: true, query: [], body: { email: 'a@b.c' } });
  });

  it('a next page keeps required and shaping parameters and adds the cursor; no cursor pagination, no next page', async () => {
    const reviews = await check('{"method": "product.review.list", "params": {"product_id": "7", "count": 5, "created_from": "2020-01-01", "params": "id"}}');
    assert.ok(reviews.ok);
    assert.deepEqual(nextPageRequest(reviews.request, 'c2')?.params, { product_id: '7', count: 5, params: 'id', page_cursor: 'c2' });
    const info = await check('{"method": "product.info", "params": {"id": "1"}}');
    assert.ok(info.ok);
    assert.equal(nextPageRequest(info.request, 'c2'), undefined);
  });

  it('renders cURL with the key variables, never a value', async () => {
    const list = await check('{"method": "product.list", "params": {"params": "id,name", "count": 2}}');
    assert.ok(list.ok);
    assert.equal(renderCurl('https://api.api2cart.com/v1.1', placeRequest(list.request)), [
      "curl 'https://api.api2cart.com/v1.1/product.list.json?params=id%2Cname&count=2' \\",
      '  -H "x-api-key: $API2CART_API_KEY" \\',
      '  -H "x-store-key: $API2CART_STORE_KEY"',
    ].join('\n'));
    const add = await check(`{"method": "customer.add", "params": {"email": "o'brien@example.com"}}`);
    assert.ok(add.ok);
    assert.equal(renderCurl('https://api.api2cart.com/v1.1', placeRequest(add.request)), [
      "curl -X POST 'https://api.api2cart.com/v1.1/customer.add.json' \\",
      '  -H "x-api-key: $API2CART_API_KEY" \\',
      '  -H "x-store-key: $API2CART_STORE_KEY" \\',
      "  -H 'content-type: application/json' \\",
      `  --data-raw '{"email":"o'\\''brien@example.com"}'`,
    ].join('\n'));
  });
});
