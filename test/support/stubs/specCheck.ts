import * as fs from 'node:fs';
import * as path from 'node:path';

/** The subset of OpenAPI 3.1 / JSON Schema that API2Cart's spec uses. */
export interface Schema {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly items?: Schema;
  readonly anyOf?: readonly Schema[];
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minLength?: number;
}

interface Parameter {
  readonly name: string;
  readonly in: 'query' | 'header' | 'path' | 'cookie';
  readonly required?: boolean;
  readonly schema?: Schema;
}

interface Operation {
  readonly security?: readonly Readonly<Record<string, readonly string[]>>[];
  readonly parameters?: readonly Parameter[];
  readonly requestBody?: { readonly required?: boolean; readonly content: Readonly<Record<string, { schema: Schema }>> };
}

export interface OpenApiDoc {
  readonly servers: readonly { url: string }[];
  readonly paths: Readonly<Record<string, Readonly<Record<string, Operation>>>>;
  readonly components: {
    readonly securitySchemes: Readonly<Record<string, { type: string; name: string; in: string }>>;
    readonly schemas: Readonly<Record<string, Schema>>;
  };
}

/** The project's copy of API2Cart's published spec (spec/README.md). */
export const SPEC_FILE = 'spec/api2cart-openapi.json';

let cached: OpenApiDoc | undefined;

/** Walks up from this file to the project root, so it works from test/ and from out/test/. Parsed once per process. */
export function loadSpec(): OpenApiDoc {
  if (cached) return cached;
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, SPEC_FILE);
    if (fs.existsSync(candidate)) {
      cached = JSON.parse(fs.readFileSync(candidate, 'utf8')) as OpenApiDoc;
      return cached;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`${SPEC_FILE} not found above ${__dirname}`);
    }
    dir = parent;
  }
}

/** Every API2Cart method the spec defines (e.g. "product.list"), from its paths. */
export function specMethods(spec: OpenApiDoc): string[] {
  return Object.keys(spec.paths).map((p) => p.replace(/^\//, '').replace(/\.json$/, ''));
}

export interface IncomingShape {
  readonly httpMethod: string;
  /** Path after the server's base path, e.g. "/account.cart.add.json". */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly bodyText: string;
}

/**
 * Checks a request against the spec. Stricter than the spec in one way: body properties and query
 * parameters the spec doesn't define are violations, because API2Cart would silently ignore a
 * misspelled field (e.g. `wix_instanceid`) and the store would be added without it.
 */
export function checkRequest(spec: OpenApiDoc, req: IncomingShape): string[] {
  const pathItem = spec.paths[req.path];
  if (!pathItem) {
    return [`${req.httpMethod} ${req.path}: no such path in the API2Cart spec`];
  }
  const operation = pathItem[req.httpMethod.toLowerCase()];
  if (!operation) {
    return [`${req.httpMethod} ${req.path}: the spec defines only ${Object.keys(pathItem).join(', ').toUpperCase()}`];
  }
  const where = `${req.httpMethod} ${req.path}`;
  const violations: string[] = [];
  violations.push(...checkSecurity(spec, operation, req.headers).map((v) => `${where}: ${v}`));

  const params = (operation.parameters ?? []).filter((p) => p.in === 'query');
  for (const name of new Set(req.query.keys())) {
    const param = params.find((p) => p.name === name);
    if (!param) {
      violations.push(`${where}: query parameter "${name}" is not in the spec`);
    } else if (param.schema) {
      violations.push(...checkQueryValue(spec, param.schema, req.query.get(name) ?? '').map((v) => `${where}: query "${name}" ${v}`));
    }
  }
  for (const param of params) {
    if (param.required && !req.query.has(param.name)) {
      violations.push(`${where}: required query parameter "${param.name}" is missing`);
    }
  }

  const requestBody = operation.requestBody;
  if (requestBody) {
    const contentType = String(req.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
    const media = requestBody.content[contentType];
    if (req.bodyText === '') {
      if (requestBody.required) {
        violations.push(`${where}: the request body is required`);
      }
    } else if (!media) {
      violations.push(`${where}: content-type "${contentType}" is not one of ${Object.keys(requestBody.content).join(', ')}`);
    } else {
      let body: unknown;
      try {
        body = JSON.parse(req.bodyText);
        violations.push(...validate(spec, media.schema, body, 'body').map((v) => `${where}: ${v}`));
      } catch {
        violations.push(`${where}: the body is not valid JSON`);
      }
    }
  } else if (req.bodyText !== '') {
    violations.push(`${where}: the spec defines no request body`);
  }
  return violations;
}

function checkSecurity(
  spec: OpenApiDoc,
  operation: Operation,
  headers: Readonly<Record<string, string | string[] | undefined>>,
): string[] {
  const requirements = operation.security ?? [];
  if (requirements.length === 0) {
    return [];
  }
  // OpenAPI: any one requirement object satisfies; within it, every scheme is needed.
  const missingPerRequirement = requirements.map((requirement) =>
    Object.keys(requirement)
      .map((scheme) => spec.components.securitySchemes[scheme])
      .filter((scheme) => scheme !== undefined && scheme.in === 'header')
      .map((scheme) => scheme.name.toLowerCase())
      .filter((header) => {
        const value = headers[header];
        return typeof value !== 'string' || value.trim() === '';
      }),
  );
  if (missingPerRequirement.some((missing) => missing.length === 0)) {
    return [];
  }
  return [`missing auth header(s): ${missingPerRequirement[0]?.join(', ')}`];
}

function checkQueryValue(spec: OpenApiDoc, schema: Schema, value: string): string[] {
  const resolved = resolve(spec, schema);
  const types = typesOf(resolved);
  if (types.includes('boolean') && !['true', 'false', '1', '0'].includes(value)) {
    return [`must be a boolean, got "${value}"`];
  }
  if (types.includes('integer') && !/^-?\d+$/.test(value)) {
    return [`must be an integer, got "${value}"`];
  }
  if (resolved.enum && !resolved.enum.includes(value)) {
    return [`must be one of the spec's values, got "${value}"`];
  }
  return [];
}

function resolve(spec: OpenApiDoc, schema: Schema): Schema {
  if (!schema.$ref) {
    return schema;
  }
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = spec.components.schemas[name];
  if (!target) {
    throw new Error(`unresolved $ref ${schema.$ref} in the spec`);
  }
  return resolve(spec, target);
}

const typesOf = (schema: Schema): readonly string[] =>
  schema.type === undefined ? [] : typeof schema.type === 'string' ? [schema.type] : schema.type;

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Validates a JSON value; returns one line per problem, each naming the JSON path. */
export function validate(spec: OpenApiDoc, schemaOrRef: Schema, value: unknown, at: string): string[] {
  const schema = resolve(spec, schemaOrRef);
  if (schema.anyOf) {
    const results = schema.anyOf.map((option) => validate(spec, option, value, at));
    return results.some((r) => r.length === 0) ? [] : [`${at} matches none of the allowed shapes`];
  }
  const types = typesOf(schema);
  const actual = jsonType(value);
  if (types.length > 0 && !types.includes(actual) && !(actual === 'integer' && types.includes('number'))) {
    return [`${at} must be ${types.join(' or ')}, got ${actual}`];
  }
  if (schema.enum && !schema.enum.includes(value)) {
    return [`${at} must be one of the spec's values, got ${JSON.stringify(value)}`];
  }
  const problems: string[] = [];
  if (actual === 'object' && schema.properties) {
    const object = value as Record<string, unknown>;
    for (const name of schema.required ?? []) {
      if (!(name in object)) {
        problems.push(`${at}.${name} is required`);
      }
    }
    for (const [name, child] of Object.entries(object)) {
      const childSchema = schema.properties[name];
      problems.push(
        ...(childSchema ? validate(spec, childSchema, child, `${at}.${name}`) : [`${at}.${name} is not in the spec`]),
      );
    }
  }
  if (actual === 'array') {
    const array = value as unknown[];
    if (schema.minItems !== undefined && array.length < schema.minItems) problems.push(`${at} must have at least ${schema.minItems} item(s)`);
    if (schema.maxItems !== undefined && array.length > schema.maxItems) problems.push(`${at} must have at most ${schema.maxItems} item(s)`);
    const items = schema.items;
    if (items) array.forEach((item, index) => problems.push(...validate(spec, items, item, `${at}[${index}]`)));
  }
  if (actual === 'string' && schema.minLength !== undefined && (value as string).length < schema.minLength) {
    problems.push(`${at} must be at least ${schema.minLength} character(s) long`);
  }
  return problems;
}

interface ResponsesOf {
  readonly responses?: Readonly<Record<string, { content?: Readonly<Record<string, { schema: Schema }>> }>>;
}

/**
 * A plausible `result` for a method: the spec's response schema filled with its examples (or an
 * empty value of each type), three levels deep, arrays empty. Stubs answer with it by default.
 */
export function sampleResult(spec: OpenApiDoc, method: string): unknown {
  const item = spec.paths[`/${method}.json`] ?? {};
  const operation = Object.values(item)[0] as ResponsesOf | undefined;
  const envelope = operation?.responses?.['200']?.content?.['application/json']?.schema;
  if (!envelope) return {};
  const result = resolve(spec, envelope).properties?.['result'];
  return result ? sample(spec, result, 0) : {};
}

function sample(spec: OpenApiDoc, schemaOrRef: Schema, depth: number): unknown {
  const schema = resolve(spec, schemaOrRef) as Schema & { example?: unknown };
  if (schema.example !== undefined) return schema.example;
  if (schema.anyOf) {
    const concrete = schema.anyOf.find((option) => !typesOf(resolve(spec, option)).includes('null')) ?? schema.anyOf[0];
    return concrete ? sample(spec, concrete, depth) : null;
  }
  if (schema.enum) return schema.enum[0];
  const type = typesOf(schema).find((t) => t !== 'null') ?? (schema.properties ? 'object' : 'null');
  switch (type) {
    case 'integer':
    case 'number':
      return 0;
    case 'string':
      return '';
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
      if (depth >= 3) return {};
      return Object.fromEntries(
        Object.entries(schema.properties ?? {})
          .filter(([name]) => name !== 'additional_fields' && name !== 'custom_fields')
          .map(([name, child]) => [name, sample(spec, child, depth + 1)]),
      );
    default:
      return null;
  }
}
