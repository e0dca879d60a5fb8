// Build-time: from API2Cart's OpenAPI spec (spec/api2cart-openapi.json, MIT) to the two files the
// request files need, for the guide's methods only:
//   - a JSON schema for `*.api2cart.json`, contributed with `jsonValidation`, so VS Code's own JSON
//     support completes, documents and validates every parameter;
//   - a compact method catalogue the runner reads on first use: HTTP verb, where each parameter
//     goes (query string or JSON body), which are required, and their types. No descriptions.
// Pure functions (tools/build.mjs writes the files; the unit tests call these directly).

const COMPONENTS = '#/components/schemas/';
/** The spec's licence travels with every file generated from it (spec/README.md). */
export const SPEC_NOTICE = 'Generated from API2Cart\'s OpenAPI specification (github.com/api2cart/doc), Copyright (c) API2Cart, under the MIT License: '
  + 'Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions: '
  + 'The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software. '
  + 'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.';
/** Keywords copied from the spec's body schemas into the JSON schema; the rest is OpenAPI or vendor noise. */
const SCHEMA_KEYWORDS = ['type', 'enum', 'default', 'minItems', 'maxItems', 'minLength', 'maxLength', 'minimum', 'maximum', 'pattern', 'format'];
/** What the runner checks: the same subset the project's spec-checking stub enforces. */
const CATALOGUE_KEYWORDS = ['type', 'enum', 'minItems', 'maxItems', 'minLength'];

/** The spec's descriptions are HTML fragments; hovers show plain text. */
export function plainText(html) {
  if (typeof html !== 'string') return undefined;
  const text = html
    .replace(/<\/?br\s*\/?>|<\/div>|<hr\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .split('\n').map((line) => line.replace(/\s+/g, ' ').trim()).filter((line) => line !== '').join('\n');
  return text === '' ? undefined : text;
}

function operationOf(spec, method) {
  const item = spec.paths[`/${method}.json`];
  if (!item) throw new Error(`${method} is in the guide's table but not in the API2Cart spec`);
  const verbs = Object.keys(item).filter((k) => ['get', 'post', 'put', 'delete'].includes(k));
  if (verbs.length !== 1) throw new Error(`${method}: expected one HTTP verb in the spec, found ${verbs.join(', ') || 'none'}`);
  const verb = verbs[0];
  const operation = item[verb];
  const query = (operation.parameters ?? []).filter((p) => p.in === 'query');
  const other = (operation.parameters ?? []).filter((p) => p.in !== 'query' && p.in !== 'header');
  if (other.length > 0) throw new Error(`${method}: parameters in ${other.map((p) => p.in).join(', ')} are not supported`);
  const media = operation.requestBody?.content?.['application/json'];
  if (operation.requestBody && !media) throw new Error(`${method}: only JSON request bodies are supported`);
  if (media && query.length > 0) throw new Error(`${method}: both query parameters and a body; the request format has one "params"`);
  const storeScoped = (operation.security ?? []).some((req) => 'StoreKeyAuth' in req);
  return { http: verb.toUpperCase(), operation, query, body: media?.schema, bodyRequired: operation.requestBody?.required === true, storeScoped };
}

const refName = (ref) => {
  if (!ref.startsWith(COMPONENTS)) throw new Error(`unsupported $ref ${ref}`);
  return ref.slice(COMPONENTS.length);
};

/** Copies a spec schema with `keep` keywords, $refs renamed by `toRef`, and `refs` collecting what is referenced. */
function convert(schema, keep, toRef, refs, withText) {
  if (schema.$ref) {
    const name = refName(schema.$ref);
    refs.add(name);
    return { $ref: toRef(name) };
  }
  const out = {};
  for (const key of keep) if (schema[key] !== undefined) out[key] = schema[key];
  if (withText) {
    const description = plainText(schema.description);
    if (description) out.description = description;
  }
  if (schema.items) out.items = convert(schema.items, keep, toRef, refs, withText);
  if (schema.anyOf) out.anyOf = schema.anyOf.map((s) => convert(s, keep, toRef, refs, withText));
  if (schema.properties) {
    out.properties = Object.fromEntries(Object.entries(schema.properties).map(([name, s]) => [name, convert(s, keep, toRef, refs, withText)]));
    if (schema.required?.length) out.required = [...schema.required];
    // The stub and the runner refuse properties the spec does not define (API2Cart would silently
    // ignore a misspelled one); the editor says so as you type.
    out.additionalProperties = false;
  }
  return out;
}

/** Every component reachable from `names`, converted; a component may reference others. */
function convertComponents(spec, names, keep, toRef, withText) {
  const done = {};
  const pending = [...names];
  while (pending.length > 0) {
    const name = pending.pop();
    if (done[name]) continue;
    const target = spec.components.schemas[name];
    if (!target) throw new Error(`unresolved component ${name}`);
    const refs = new Set();
    done[name] = convert(target, keep, toRef, refs, withText);
    pending.push(...refs);
  }
  return Object.fromEntries(Object.keys(done).sort().map((name) => [name, done[name]]));
}

/**
 * A query parameter as a request file writes it. String parameters also take a number: ids are
 * numbers to people, and the query string carries text either way.
 */
function queryParamSchema(param, withText) {
  const source = param.schema ?? {};
  const out = {};
  switch (source.type) {
    case 'string':
      out.type = ['string', 'number'];
      break;
    case 'array':
      out.type = 'array';
      out.items = { type: ['string', 'number'] };
      break;
    case 'integer':
    case 'boolean':
    case 'number':
      out.type = source.type;
      break;
    default:
      throw new Error(`query parameter ${param.name}: unsupported type ${JSON.stringify(source.type)}`);
  }
  if (source.enum) out.enum = source.enum;
  if (!withText) return out;
  const description = plainText(param.description);
  if (description) out.description = description;
  if (source.default !== undefined) out.default = source.default;
  if (param.example !== undefined && param.example !== '') out.examples = [param.example];
  return out;
}

const summaryOf = (operation) => plainText(operation.description) ?? operation.summary ?? '';

/** The JSON schema for `*.api2cart.json` files (draft-07, what VS Code's JSON support reads best). */
export function buildRequestSchema(spec, methods) {
  const ops = methods.map((method) => [method, operationOf(spec, method)]);
  const bodyNames = new Set();
  const definitions = {};
  const branches = [];
  for (const [method, op] of ops) {
    const verb = op.http;
    const writes = verb !== 'GET' ? ' Changes the live store.' : '';
    const description = `${verb} ${method}.json — ${summaryOf(op.operation)}${writes}`;
    let params;
    if (op.body) {
      bodyNames.add(refName(op.body.$ref ?? `${COMPONENTS}?`));
      params = { description: `${description}\nSent as the JSON body.`, allOf: [{ $ref: `#/definitions/${refName(op.body.$ref)}` }] };
    } else {
      const required = op.query.filter((p) => p.required).map((p) => p.name);
      params = {
        type: 'object',
        description: `${description}\nSent in the query string.`,
        properties: Object.fromEntries(op.query.map((p) => [p.name, queryParamSchema(p, true)])),
        ...(required.length ? { required } : {}),
        additionalProperties: false,
      };
    }
    const needsParams = op.body ? op.bodyRequired : op.query.some((p) => p.required);
    const key = `method:${method}`;
    definitions[key] = params;
    branches.push({
      if: { properties: { method: { const: method } }, required: ['method'] },
      then: { properties: { params: { $ref: `#/definitions/${key}` } }, ...(needsParams ? { required: ['params'] } : {}) },
    });
  }
  Object.assign(definitions, convertComponents(spec, bodyNames, SCHEMA_KEYWORDS, (name) => `#/definitions/${name}`, true));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $comment: `Built by tools/lib/requestSchema.mjs; do not edit. ${SPEC_NOTICE}`,
    title: 'API2Cart request',
    description: 'One call of an API2Cart method against a connected store, run with "API2Cart Wix: Run API2Cart Request". No key belongs in this file: the keys come from VS Code\'s secret storage.',
    type: 'object',
    required: ['method'],
    properties: {
      $schema: { type: 'string' },
      method: {
        type: 'string',
        description: 'The API2Cart method to call (the guide\'s methods for Wix).',
        enum: methods,
        enumDescriptions: ops.map(([, op]) => `${op.http} — ${summaryOf(op.operation)}`),
      },
      params: { type: 'object', description: 'The method\'s parameters: they go in the query string or the JSON body, wherever API2Cart expects them.' },
      store: {
        type: 'string',
        minLength: 1,
        description: 'The store profile to run against, by its label or Wix instance id. Without it, the active store.',
      },
    },
    additionalProperties: false,
    allOf: branches,
    definitions,
  };
}

/** The runner's catalogue: per method the verb and where each parameter goes, with the types the stub checks. */
export function buildMethodCatalogue(spec, methods) {
  const bodyNames = new Set();
  const entries = methods.map((method) => {
    const op = operationOf(spec, method);
    const base = { http: op.http, storeScoped: op.storeScoped, summary: summaryOf(op.operation).split('\n')[0] };
    if (op.body) {
      const name = refName(op.body.$ref);
      bodyNames.add(name);
      return [method, { ...base, body: { $ref: name }, bodyRequired: op.bodyRequired }];
    }
    const query = Object.fromEntries(op.query.map((p) => {
      const type = p.schema?.type;
      return [p.name, { type, ...(p.required ? { required: true } : {}), ...(p.schema?.enum ? { enum: p.schema.enum } : {}) }];
    }));
    return [method, { ...base, query }];
  });
  return {
    version: 1,
    notice: SPEC_NOTICE,
    methods: Object.fromEntries(entries),
    definitions: convertComponents(spec, bodyNames, CATALOGUE_KEYWORDS, (name) => name, false),
  };
}

export const REQUEST_SCHEMA_FILE = 'dist/api2cart-request.schema.json';
export const METHOD_CATALOGUE_FILE = 'dist/api2cart-methods.json';
/** The budget for the contributed schema. */
export const MAX_SCHEMA_BYTES = 300 * 1024;
