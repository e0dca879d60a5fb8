import * as assert from 'node:assert/strict';
import { formatAnswer, nextCursorOf, RunHistory, type RawAnswer } from '../../../src/core/requests';

const at = new Date(2026, 6, 1, 14, 3, 22);
const SECRET = 'store-key-0123456789abcdef';
const redact = (text: string) => text.split(SECRET).join('•••');
const json = (body: unknown, status = 200): RawAnswer => {
  const text = JSON.stringify(body);
  return { status, text, bytes: Buffer.byteLength(text), truncated: false, contentType: 'application/json' };
};
const format = (answer: RawAnswer) => formatAnswer({ method: 'product.list', storeName: 'Canary Crafts', answer, ms: 84.4, at, redact });

describe('request answers', () => {
  it('a successful answer: titled with method, status and time; re-indented JSON under // notes', () => {
    const view = format(json({ return_code: 0, return_message: '', result: { products_count: 1, product: [{ id: '1' }] } }));
    assert.equal(view.title, 'product.list · HTTP 200 · 84 ms');
    assert.equal(view.language, 'jsonc');
    assert.equal(view.summary, 'HTTP 200, return_code 0');
    assert.equal(view.returnCode, 0);
    const [first, second, ...body] = view.text.split('\n');
    assert.equal(first, '// product.list on "Canary Crafts": HTTP 200 in 84 ms, 2026-07-01 14:03:22');
    assert.equal(second, '// return_code 0: success.');
    assert.deepEqual(JSON.parse(body.join('\n')), { return_code: 0, return_message: '', result: { products_count: 1, product: [{ id: '1' }] } });
    assert.match(body[1]!, /^ {2}"return_code": 0,$/);
  });

  it('explains a non-zero return_code with what API2Cart said', () => {
    const view = format(json({ return_code: 112, return_message: 'Product not found', result: {} }));
    assert.equal(view.returnCode, 112);
    assert.match(view.text.split('\n')[1]!, /^\/\/ return_code 112: API2Cart could not find the requested item\. \(API2Cart: "Product not found"\)$/);
    assert.match(format(json({ return_code: 4242 })).text, /error code 4242, which this extension does not know/);
    assert.match(format(json({ hello: 1 })).text, /No return_code in this answer/);
  });

  it('finds the next-page cursor, also inside a link', () => {
    const view = format(json({ return_code: 0, pagination: { previous: null, next: 'abc==' }, result: {} }));
    assert.equal(view.nextCursor, 'abc==');
    assert.match(view.text, /"Next page" above the request file/);
    assert.equal(nextCursorOf({ pagination: { next: 'https://api.example/v1.1/product.list.json?page_cursor=xyz&count=2' } }), 'xyz');
    assert.equal(nextCursorOf({ pagination: { next: '' } }), undefined);
    assert.equal(nextCursorOf({ pagination: null }), undefined);
    assert.equal(format(json({ return_code: 0, result: {} })).nextCursor, undefined);
  });

  it('a non-JSON or empty answer is shown as it came, with a note', () => {
    const html = format({ status: 200, text: '<html>Proxy login</html>', bytes: 24, truncated: false, contentType: 'text/html; charset=utf-8' });
    assert.equal(html.language, 'plaintext');
    assert.match(html.text, /something that is not JSON \(text\/html\); shown as it came/);
    assert.ok(html.text.endsWith('<html>Proxy login</html>'));
    assert.equal(html.summary, 'HTTP 200, not JSON');
    assert.match(format({ status: 502, text: '', bytes: 0, truncated: false }).text, /HTTP 502 in 84 ms[\s\S]*an empty body/);
    assert.match(format(json({ return_code: 9 }, 500)).text, /HTTP 500: a server error/);
  });

  it('a truncated answer is shown raw with its real size, its first megabyte only', () => {
    const view = format({ status: 200, text: `{"return_code":0,"result":{"product":[${'x'.repeat(3 * 1048576)}`, bytes: 20 * 1048576, truncated: true });
    assert.equal(view.language, 'plaintext');
    assert.match(view.text, /The answer is 20\.0 MB, too large to show whole: its first 1\.0 MB are shown as text/);
    assert.ok(view.text.length < 1048576 + 1000);
    assert.equal(view.summary, 'HTTP 200, 20.0 MB (truncated)');
  });

  it('masks known secrets anywhere in the document, notes included', () => {
    const view = format(json({ return_code: 2, return_message: `Incorrect key ${SECRET}`, result: { store_key: SECRET } }));
    assert.ok(!view.text.includes(SECRET));
    assert.match(view.text, /"store_key": "•••"/);
  });

  it('formats a 5 MB answer (what npm run bench times) without losing anything', () => {
    const product = Array.from({ length: 35_000 }, (_, i) => ({ id: String(i), name: `Product ${i}`, price: i / 10, description: 'x'.repeat(120) }));
    const answer = json({ return_code: 0, result: { products_count: product.length, product } });
    assert.ok(answer.bytes > 5_000_000);
    const view = format(answer);
    assert.equal(view.language, 'jsonc');
    assert.equal((JSON.parse(view.text.split('\n').slice(2).join('\n')) as { result: { product: unknown[] } }).result.product.length, 35_000);
  });
});

describe('run history', () => {
  const record = (n: number, text = `answer ${n}`) => ({
    method: 'product.list', storeName: 'S', at, title: `t${n}`, summary: 's', requestUri: `file:///r${n % 3}.api2cart.json`, language: 'jsonc' as const, text,
  });

  it('keeps the last 20 runs, newest first', () => {
    const history = new RunHistory();
    for (let n = 1; n <= 25; n++) history.add(record(n));
    const list = history.list();
    assert.equal(list.length, 20);
    assert.deepEqual([list[0]!.title, list[19]!.title], ['t25', 't6']);
    assert.equal(history.get(list[0]!.id)?.text, 'answer 25');
    assert.equal(history.get(1), undefined);
    assert.equal(history.latestFor('file:///r1.api2cart.json')?.title, 't25');
  });

  it('drops the oldest answers\' texts beyond the memory budget, never the newest', () => {
    const history = new RunHistory(20, 100);
    history.add(record(1, 'a'.repeat(60)));
    history.add(record(2, 'b'.repeat(60)));
    history.add(record(3, 'c'.repeat(500)));
    const [newest, middle, oldest] = history.list();
    assert.equal(newest!.text?.length, 500, 'the newest answer is always kept');
    assert.equal(middle!.text, undefined);
    assert.equal(oldest!.text, undefined);
  });
});
