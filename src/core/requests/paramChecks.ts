import { resolveSchema, typesOf, type CatalogueSchema, type MethodCatalogue, type MethodSpec, type QueryParamSpec } from './catalogue';
import { suggest } from './didYouMean';

// A request file's "params" checked against the method's spec: query parameters, or a JSON body
// schema. Each problem comes with its path inside params, for requestFile.ts to locate.

/** A problem found in `params`: where (a JSON path inside params), and whether the key or the value is at fault. */
export interface ParamIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
  /** 'key': an unknown property. 'container': something missing inside the object at `path`. */
  readonly at: 'key' | 'value' | 'container';
}

export function checkQuery(query: Readonly<Record<string, QueryParamSpec>>, params: Readonly<Record<string, unknown>>): ParamIssue[] {
  const issues: ParamIssue[] = [];
  const names = Object.keys(query);
  for (const [name, value] of Object.entries(params)) {
    const param = Object.hasOwn(query, name) ? query[name] : undefined;
    if (!param) {
      issues.push({ path: [name], at: 'key', message: `Unknown parameter "${name}": API2Cart would ignore it.${suggest(name, names)}` });
      continue;
    }
    const problem = queryValueProblem(param, value);
    if (problem) issues.push({ path: [name], at: 'value', message: `"${name}" ${problem}` });
  }
  const missing = names.filter((name) => query[name]!.required && !Object.hasOwn(params, name));
  if (missing.length > 0) issues.push({ path: [], at: 'container', message: `Required parameter${missing.length > 1 ? 's' : ''} missing: ${missing.map((n) => `"${n}"`).join(', ')}.` });
  return issues;
}

function queryValueProblem(param: QueryParamSpec, value: unknown): string | undefined {
  const kind = jsonKind(value);
  switch (param.type) {
    case 'string':
      if (kind !== 'string' && kind !== 'integer' && kind !== 'number') return `must be text (or a number), not ${describeKind(kind)}.`;
      break;
    case 'integer':
      if (kind !== 'integer') return `must be a whole number, not ${describeKind(kind)}.`;
      break;
    case 'number':
      if (kind !== 'integer' && kind !== 'number') return `must be a number, not ${describeKind(kind)}.`;
      break;
    case 'boolean':
      if (kind !== 'boolean') return `must be true or false, not ${describeKind(kind)}.`;
      break;
    case 'array':
      if (kind !== 'array' || !(value as unknown[]).every((v) => typeof v === 'string' || typeof v === 'number')) return 'must be a list of values, e.g. ["a", "b"].';
      break;
  }
  if (param.enum && !param.enum.map(String).includes(String(value))) return `must be one of: ${param.enum.join(', ')}.`;
  return undefined;
}

export function checkBody(catalogue: MethodCatalogue, spec: MethodSpec, params: Readonly<Record<string, unknown>>, present: boolean): ParamIssue[] {
  if (!present && !spec.bodyRequired) return [];
  const issues: ParamIssue[] = [];
  validateValue(catalogue, spec.body ?? {}, params, [], issues);
  return issues;
}

const where = (path: readonly (string | number)[]): string =>
  path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : `${text}.${part}`), 'params');

/** JSON-schema subset validation, the same checks the spec-checking stub makes, with a path per problem. */
function validateValue(catalogue: MethodCatalogue, schemaOrRef: CatalogueSchema, value: unknown, path: (string | number)[], issues: ParamIssue[]): void {
  const schema = resolveSchema(catalogue, schemaOrRef);
  if (schema.anyOf) {
    const attempts = schema.anyOf.map((option) => {
      const found: ParamIssue[] = [];
      validateValue(catalogue, option, value, path, found);
      return found;
    });
    if (attempts.some((a) => a.length === 0)) return;
    // One option of the right type: its problems are the useful ones.
    const typed = schema.anyOf.filter((option) => typeMatches(resolveSchema(catalogue, option), jsonKind(value)));
    if (typed.length === 1) issues.push(...attempts[schema.anyOf.indexOf(typed[0]!)]!);
    else issues.push({ path, at: 'value', message: `"${where(path)}" does not have any of the allowed shapes.` });
    return;
  }
  const kind = jsonKind(value);
  const types = typesOf(schema);
  if (types.length > 0 && !typeMatches(schema, kind)) {
    issues.push({ path, at: 'value', message: `"${where(path)}" must be ${types.map(describeType).join(' or ')}, not ${describeKind(kind)}.` });
    return;
  }
  if (schema.enum && !schema.enum.includes(value)) {
    issues.push({ path, at: 'value', message: `"${where(path)}" must be one of: ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}.` });
    return;
  }
  if (kind === 'object' && schema.properties) {
    const object = value as Record<string, unknown>;
    const missing = (schema.required ?? []).filter((name) => !Object.hasOwn(object, name));
    if (missing.length > 0) {
      issues.push({ path, at: 'container', message: `${missing.map((n) => `"${n}"`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} required in "${where(path)}".` });
    }
    for (const [name, child] of Object.entries(object)) {
      const childSchema = Object.hasOwn(schema.properties, name) ? schema.properties[name] : undefined;
      if (childSchema) validateValue(catalogue, childSchema, child, [...path, name], issues);
      else if (schema.additionalProperties === false) {
        issues.push({ path: [...path, name], at: 'key', message: `Unknown field "${where([...path, name])}": API2Cart would ignore it.${suggest(name, Object.keys(schema.properties))}` });
      }
    }
  }
  if (kind === 'array') {
    const array = value as unknown[];
    if (schema.minItems !== undefined && array.length < schema.minItems) issues.push({ path, at: 'value', message: `"${where(path)}" needs at least ${schema.minItems} item(s).` });
    if (schema.maxItems !== undefined && array.length > schema.maxItems) issues.push({ path, at: 'value', message: `"${where(path)}" takes at most ${schema.maxItems} item(s).` });
    const items = schema.items;
    if (items) array.forEach((item, index) => validateValue(catalogue, items, item, [...path, index], issues));
  }
  if (kind === 'string' && schema.minLength !== undefined && (value as string).length < schema.minLength) {
    issues.push({ path, at: 'value', message: `"${where(path)}" must be at least ${schema.minLength} character(s) long.` });
  }
}

type JsonKind = 'string' | 'integer' | 'number' | 'boolean' | 'null' | 'object' | 'array';

function jsonKind(value: unknown): JsonKind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonKind;
}

function typeMatches(schema: CatalogueSchema, kind: JsonKind): boolean {
  const types = typesOf(schema);
  return types.length === 0 || types.includes(kind) || (kind === 'integer' && types.includes('number'));
}

const describeType = (type: string): string =>
  ({ string: 'text', integer: 'a whole number', number: 'a number', boolean: 'true or false', null: 'null', object: 'an object', array: 'a list' })[type] ?? type;

const describeKind = (kind: JsonKind): string =>
  ({ string: 'text', integer: 'a number', number: 'a number', boolean: 'true or false', null: 'null', object: 'an object', array: 'a list' })[kind];
