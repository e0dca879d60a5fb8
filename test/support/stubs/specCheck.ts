import * as fs from 'node:fs';
import * as path from 'node:path';

/** The subset of OpenAPI 3.1 / JSON Schema that the trimmed API2Cart spec uses. */
export interface Schema {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly items?: Schema;
  readonly anyOf?: readonly Schema[];
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

export const TRIMMED_SPEC_FILE = 'test/fixtures/api2cart-openapi-trimmed.json';

/** Walks up from this file to the project root, so it works from test/ and from out/test/. */
export function loadTrimmedSpec(): OpenApiDoc {
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, TRIMMED_SPEC_FILE);
    if (fs.existsSync(candidate)) {
      return JSON.parse(fs.readFileSync(candidate, 'utf8')) as OpenApiDoc;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`${TRIMMED_SPEC_FILE} not found above ${__dirname}`);
    }
    dir = parent;
  }
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
    throw new Error(`unresolved $ref ${schema.$ref} in the trimmed spec`);
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
  if (actual === 'array' && schema.items) {
    const items = schema.items;
    (value as unknown[]).forEach((item, index) => problems.push(...validate(spec, items, item, `${at}[${index}]`)));
  }
  return problems;
}
