import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HttpProblem } from '../../../src/core/http/problem';
import {
  checkRequestText, failedRunProblem, idempotencyKeyPlace, placeRequest, prepareWrite, writeConfirmationKey, type CheckedRequest,
} from '../../../src/core/requests';
import { generated, root } from './generated';

async function request(text: string): Promise<CheckedRequest> {
  const result = checkRequestText(text, (await generated()).catalogue, []);
  assert.ok(result.ok, text);
  return result.request;
}

let keys = 0;
const freshKey = () => `key-${++keys}`;
const dropped: HttpProblem = { kind: 'http-network', message: 'The connection to API2Cart dropped.', fix: 'retry', maybeDelivered: true };
const refused: HttpProblem = { kind: 'http-refused', message: 'API2Cart refused the connection.', fix: 'retry', maybeDelivered: false };

describe('request files: a write is sent once', () => {
  it('the methods that take idempotency_key are exactly those whose spec has it, in the query or the body', async () => {
    const { catalogue } = await generated();
    const spec = JSON.parse(fs.readFileSync(path.join(root, 'spec/api2cart-openapi.json'), 'utf8'));
    const refs = spec.components.schemas;
    const inSpec = (method: string): 'query' | 'body' | undefined => {
      const op = Object.values(spec.paths[`/${method}.json`] as Record<string, any>)[0];
      if ((op.parameters ?? []).some((p: any) => p.name === 'idempotency_key' && p.in === 'query')) return 'query';
      const schema = op.requestBody?.content?.['application/json']?.schema;
      const body = schema?.$ref ? refs[schema.$ref.split('/').pop()] : schema;
      return body?.properties?.idempotency_key ? 'body' : undefined;
    };
    const names = Object.keys(catalogue.methods);
    assert.ok(names.length > 0);
    for (const method of names) {
      const checked = { method, spec: catalogue.methods[method]!, params: {} };
      assert.equal(idempotencyKeyPlace(catalogue, checked), inSpec(method), method);
    }
    assert.ok(names.some((m) => inSpec(m) === 'query') && names.some((m) => inSpec(m) === 'body'), 'both places occur');
  });

  it('adds a fresh key to each prepared run, where the spec puts it; a file\'s own key is kept', async () => {
    const { catalogue } = await generated();
    const body = await request('{"method":"customer.add","params":{"email":"ada@example.com"}}');
    const first = prepareWrite(catalogue, body, freshKey);
    const second = prepareWrite(catalogue, body, freshKey);
    assert.notEqual(first.idempotencyKey, second.idempotencyKey, 'each confirmed run gets its own key');
    assert.equal(placeRequest(first.request).body?.idempotency_key, first.idempotencyKey);
    const query = await request('{"method":"category.add","params":{"name":"Tea"}}');
    const placed = placeRequest(prepareWrite(catalogue, query, freshKey).request);
    assert.ok(placed.query.some(([name]) => name === 'idempotency_key'));
    const own = await request('{"method":"category.add","params":{"name":"Tea","idempotency_key":"mine"}}');
    assert.deepEqual(prepareWrite(catalogue, own, freshKey), { request: own, idempotencyKey: 'mine' });
    const none = await request('{"method":"product.delete","params":{"id":"7"}}');
    assert.deepEqual(prepareWrite(catalogue, none, freshKey), { request: none });
  });

  it('a confirmation covers the method, the parameters and the store: any change asks again, layout does not', async () => {
    const base = await request('{"method":"customer.add","params":{"email":"ada@example.com","first_name":"Ada"}}');
    const key = writeConfirmationKey(base, 'store-1');
    assert.equal(writeConfirmationKey(await request('{ "params": { "first_name": "Ada", "email": "ada@example.com" }, "method": "customer.add" }'), 'store-1'), key);
    assert.notEqual(writeConfirmationKey(await request('{"method":"customer.add","params":{"email":"bob@example.com","first_name":"Ada"}}'), 'store-1'), key);
    assert.notEqual(writeConfirmationKey(await request('{"method":"customer.add","params":{"email":"ada@example.com"}}'), 'store-1'), key);
    assert.notEqual(writeConfirmationKey(base, 'store-2'), key);
    assert.notEqual(writeConfirmationKey(await request('{"method":"customer.update","params":{"id":"1","email":"ada@example.com","first_name":"Ada"}}'), 'store-1'), key);
  });

  it('a write that may have been delivered gets Retry only with an idempotency key, otherwise how to check', async () => {
    const { catalogue } = await generated();
    const keyed = await request('{"method":"customer.add","params":{"email":"ada@example.com"}}');
    const withKey = failedRunProblem(keyed, prepareWrite(catalogue, keyed, freshKey), dropped);
    assert.equal(withKey.retry, true);
    assert.match(withKey.problem.message, /same idempotency_key/);
    const plain = await request('{"method":"product.delete","params":{"id":"7"}}');
    const without = failedRunProblem(plain, prepareWrite(catalogue, plain, freshKey), dropped);
    assert.equal(without.retry, false);
    assert.equal(without.problem.fix, undefined, 'no Retry button');
    assert.match(without.problem.message, /may already have applied product\.delete.*Check the store first/);
    assert.equal(failedRunProblem(plain, undefined, refused).retry, true, 'certainly not sent: Retry is safe');
    assert.equal(failedRunProblem(await request('{"method":"product.list"}'), undefined, dropped).retry, true, 'a read');
  });
});
