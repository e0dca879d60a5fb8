// Issue 13, "Done when": for every one of the guide's 57 methods, a generated minimal request
// validates against the contributed JSON schema, and the spec-checking stub accepts the request
// the runner sends.
import * as assert from 'node:assert/strict';
import Ajv from 'ajv';
import { requestRaw } from '../../../src/core/http/request';
import { checkRequestText, minimalParams, placeRequest, runPlacedRequest, type MethodCatalogue } from '../../../src/core/requests';
import { ALL_METHODS } from '../../../src/core/scopes';
import { startApi2CartStub, type Api2CartStub } from '../../support/stubs/api2cartStub';
import { generated } from './generated';

const API_KEY = `apikey-${Math.random().toString(36).slice(2)}`;
const STORE_KEY = `storekey-${Math.random().toString(36).slice(2)}`;

/** An independent validator for the schema: VS Code's JSON support reads the same draft-07 keywords. */
async function compiledSchema() {
  const { schema } = await generated();
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  // VS Code's own annotation keyword, not JSON Schema's.
  ajv.addVocabulary(['enumDescriptions']);
  ajv.addFormat('uri', (text: string) => URL.canParse(text));
  return ajv.compile(schema);
}

const minimalRequest = (catalogue: MethodCatalogue, method: string) => ({ method, params: minimalParams(catalogue, catalogue.methods[method]!) });

describe('request files: every method of the guide', () => {
  it('the schema names exactly the 57 methods and stays within 300 KiB', async () => {
    const { schema, generator } = await generated();
    const method = (schema.properties as Record<string, { enum: string[] }>).method;
    assert.deepEqual(method.enum, [...ALL_METHODS]);
    assert.equal(ALL_METHODS.length, 57);
    const bytes = Buffer.byteLength(JSON.stringify(schema));
    assert.ok(bytes <= generator.MAX_SCHEMA_BYTES, `${bytes} bytes`);
    assert.match(String(schema.$comment), /Copyright \(c\) API2Cart, under the MIT License/);
  });

  it('documents each parameter with its type, default and description', async () => {
    const { schema } = await generated();
    const list = schema.definitions['method:product.list'] as { properties: Record<string, { type: unknown; default?: unknown; description?: string }> };
    assert.equal(list.properties.count?.type, 'integer');
    assert.equal(list.properties.count?.default, 10);
    assert.match(list.properties.count?.description ?? '', /Max allowed count=250/);
    // Body schemas keep their enums, and the spec's HTML becomes plain text.
    const batch = schema.definitions.ProductAddBatch as { properties: Record<string, { enum?: string[]; description?: string }> };
    assert.deepEqual(batch.properties.nested_items_update_behaviour?.enum, ['replace', 'merge']);
    assert.ok(!/[<>]/.test(batch.properties.nested_items_update_behaviour?.description ?? '<'), 'no HTML left');
  });

  it('a minimal request of each method validates against the schema', async () => {
    const { catalogue } = await generated();
    const validate = await compiledSchema();
    const failures = ALL_METHODS.filter((method) => !validate(minimalRequest(catalogue, method)))
      .map((method) => `${method}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
    assert.deepEqual(failures, []);
  });

  it('the schema rejects what the runner rejects: unknown method, unknown parameter, wrong type, missing required', async () => {
    const validate = await compiledSchema();
    for (const bad of [
      { method: 'product.lst' },
      { method: 'product.list', params: { cnt: 10 } },
      { method: 'product.list', params: { count: 'ten' } },
      { method: 'product.info', params: {} },
      { method: 'product.info' },
      { method: 'product.add', params: { name: 'x', model: 'x', description: 'x', price: 1, colour: 'red' } },
      { method: 'product.list', key: 'no keys in request files' },
    ]) {
      assert.equal(validate(bad), false, JSON.stringify(bad));
    }
    assert.equal(validate({ method: 'product.info', params: { id: 10 }, store: 'My Shop' }), true, 'ids may be numbers');
  });

  describe('against the spec-checking stub', () => {
    let stub: Api2CartStub;
    before(async () => {
      stub = await startApi2CartStub({ apiKey: API_KEY, carts: [{ id: '1', url: 'https://shop.example', storeKey: STORE_KEY, cartId: 'Wix', customLabel: 'Shop' }] });
    });
    after(() => stub.close());

    it('the runner sends each minimal request where the spec puts its parameters, and the stub accepts all 57', async function () {
      this.timeout(60_000);
      const { catalogue } = await generated();
      const outcomes: string[] = [];
      // cart.delete is not a guide method, so the store stays for every call.
      for (const method of ALL_METHODS) {
        const checked = checkRequestText(JSON.stringify(minimalRequest(catalogue, method)), catalogue, []);
        assert.ok(checked.ok, `${method} passes the runner's own check`);
        const sent = await runPlacedRequest(
          { now: () => performance.now(), send: (call) => requestRaw({ service: 'API2Cart', ...call, timeoutMs: 10_000, keepBytes: 1 << 20 }) },
          { placed: placeRequest(checked.request), baseUrl: stub.url, apiKey: API_KEY, storeKey: STORE_KEY },
        );
        assert.ok(sent.ok, `${method} got an answer`);
        const answer = JSON.parse(sent.value.answer.text) as { return_code?: number };
        if (sent.value.answer.status !== 200 || answer.return_code !== 0) outcomes.push(`${method}: HTTP ${sent.value.answer.status} ${sent.value.answer.text.slice(0, 200)}`);
      }
      assert.deepEqual(outcomes, []);
      assert.deepEqual(stub.violations, []);
      assert.equal(stub.requests.length, 57);
      const byMethod = new Map(stub.requests.map((r) => [r.method, r]));
      // Query methods carry no body; body methods carry their params as JSON.
      assert.equal(byMethod.get('product.info')?.query.id, '');
      assert.equal(byMethod.get('product.info')?.body, undefined);
      assert.deepEqual(Object.keys(byMethod.get('product.add')?.body as object).sort(), ['description', 'model', 'name', 'price']);
      assert.equal(byMethod.get('product.update')?.httpMethod, 'PUT');
      assert.equal(byMethod.get('category.delete')?.httpMethod, 'DELETE');
      for (const r of stub.requests) {
        assert.equal(r.headers['x-api-key'], API_KEY);
        assert.equal(r.headers['x-store-key'], STORE_KEY);
      }
    });
  });
});
