import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { resolveSchema, typesOf, type CatalogueSchema, type MethodCatalogue, type MethodSpec, type QueryParamSpec } from './catalogue';
import { matchStores, type StoreChoice } from './storeField';

/**
 * Request files (`*.api2cart.json`): `{"method": "product.list", "params": {…}, "store": "…"}`.
 * Checked against the method catalogue before anything is sent; every problem comes back with
 * the span of text it is about, for a diagnostic.
 */
export interface TextSpan {
  readonly offset: number;
  readonly length: number;
}

export interface RequestIssue {
  readonly message: string;
  readonly span: TextSpan;
}

export type { StoreChoice } from './storeField';

export interface CheckedRequest {
  readonly method: string;
  readonly spec: MethodSpec;
  readonly params: Readonly<Record<string, unknown>>;
  /** The store profile the file names; undefined means the active store. */
  readonly storeId?: string;
}

export type CheckResult = { readonly ok: true; readonly request: CheckedRequest } | { readonly ok: false; readonly issues: readonly RequestIssue[] };

const FIELDS = ['method', 'params', 'store', '$schema'];
const EXAMPLE = '{"method": "product.list", "params": {"count": 10}}';

const SYNTAX_MESSAGES: Readonly<Record<string, string>> = {
  InvalidSymbol: 'Not valid JSON here.',
  InvalidNumberFormat: 'Not a valid JSON number.',
  PropertyNameExpected: 'A property name in double quotes is expected.',
  ValueExpected: 'A value is expected.',
  ColonExpected: 'A colon is expected.',
  CommaExpected: 'A comma is expected.',
  CloseBraceExpected: 'A closing brace } is expected.',
  CloseBracketExpected: 'A closing bracket ] is expected.',
  EndOfFileExpected: 'Nothing may follow the request\'s closing brace.',
  InvalidCommentToken: 'Comments are not allowed in a request file (plain JSON).',
  UnexpectedEndOfComment: 'Comments are not allowed in a request file (plain JSON).',
  UnexpectedEndOfString: 'This string is not closed.',
  UnexpectedEndOfNumber: 'This number is not complete.',
  InvalidUnicode: 'Not a valid \\u escape.',
  InvalidEscapeCharacter: 'Not a valid escape character.',
  InvalidCharacter: 'This character is not allowed in a JSON string.',
};

/** Parses and checks a request file; `stores` are the saved store profiles. */
export function checkRequestText(text: string, catalogue: MethodCatalogue, stores: readonly StoreChoice[]): CheckResult {
  const issues: RequestIssue[] = [];
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true });
  if (errors.length > 0) {
    return {
      ok: false,
      // Later syntax errors are mostly echoes of the first.
      issues: errors.slice(0, 1).map((e) => ({
        message: `Not valid JSON: ${SYNTAX_MESSAGES[printParseErrorCode(e.error)] ?? 'syntax error.'}`,
        span: { offset: e.offset, length: Math.max(1, e.length) },
      })),
    };
  }
  if (root === undefined) {
    return { ok: false, issues: [{ message: `The file is empty. A request file is a JSON object, e.g. ${EXAMPLE}`, span: { offset: 0, length: 0 } }] };
  }
  if (root.type !== 'object') {
    return { ok: false, issues: [{ message: `A request file is a JSON object, e.g. ${EXAMPLE}`, span: spanOf(root) }] };
  }

  const fields = new Map<string, Node>();
  for (const property of root.children ?? []) {
    const [key, value] = property.children ?? [];
    if (!key || !value) continue;
    const name = String(key.value);
    if (!FIELDS.includes(name)) {
      issues.push({ message: `Unknown field "${name}": a request file has "method", "params" and, optionally, "store".${suggest(name, FIELDS)}`, span: spanOf(key) });
    } else if (fields.has(name)) {
      issues.push({ message: `"${name}" appears twice.`, span: spanOf(key) });
    } else {
      fields.set(name, value);
    }
  }

  const start = { offset: root.offset, length: 1 };
  const methodNode = fields.get('method');
  let spec: MethodSpec | undefined;
  let method: string | undefined;
  if (!methodNode) {
    issues.push({ message: `"method" is missing: name the API2Cart method to call, e.g. ${EXAMPLE}`, span: start });
  } else if (methodNode.type !== 'string') {
    issues.push({ message: '"method" must be a method name in quotes, e.g. "product.list".', span: spanOf(methodNode) });
  } else {
    method = String(methodNode.value);
    // Own names only: "constructor" or "__proto__" would otherwise find Object.prototype's members.
    spec = Object.hasOwn(catalogue.methods, method) ? catalogue.methods[method] : undefined;
    if (!spec) {
      issues.push({
        message: `"${method}" is not one of the guide's API2Cart methods for Wix.${suggest(method, Object.keys(catalogue.methods))}`,
        span: spanOf(methodNode),
      });
    }
  }

  const paramsNode = fields.get('params');
  if (paramsNode && paramsNode.type !== 'object') {
    issues.push({ message: '"params" must be a JSON object of the method\'s parameters, e.g. {"count": 10}.', span: spanOf(paramsNode) });
  }

  const storeId = checkStore(fields.get('store'), stores, issues);
  const schemaNode = fields.get('$schema');
  if (schemaNode && schemaNode.type !== 'string') issues.push({ message: '"$schema" must be a string.', span: spanOf(schemaNode) });

  // Plain objects, as JSON.parse makes them (the parser above already accepted this text).
  const params = paramsNode?.type === 'object' ? (JSON.parse(text.slice(paramsNode.offset, paramsNode.offset + paramsNode.length)) as Record<string, unknown>) : {};
  if (spec && (paramsNode === undefined || paramsNode.type === 'object')) {
    const found = spec.query ? checkQuery(spec.query, params) : checkBody(catalogue, spec, params, paramsNode !== undefined);
    const anchor = paramsNode?.parent?.children?.[0] ?? methodNode!;
    for (const issue of found) issues.push({ message: issue.message, span: locate(paramsNode, issue, anchor) });
  }

  if (issues.length > 0 || !spec || !method) return { ok: false, issues };
  return { ok: true, request: { method, spec, params, ...(storeId !== undefined ? { storeId } : {}) } };
}

function checkStore(node: Node | undefined, stores: readonly StoreChoice[], issues: RequestIssue[]): string | undefined {
  if (!node) return undefined;
  if (node.type !== 'string' || String(node.value).trim() === '') {
    issues.push({ message: '"store" must name a store profile by its label or Instance ID, or be left out for the active store.', span: spanOf(node) });
    return undefined;
  }
  const matches = matchStores(String(node.value), stores);
  if (matches.length === 1) return matches[0]!.id;
  const known = stores.map((s) => `"${s.label ?? s.instanceId}"`).join(', ');
  issues.push({
    message: matches.length > 1
      ? `${matches.length} stores are labelled "${String(node.value)}": name the store by its Instance ID instead.`
      : `No store profile is called "${String(node.value)}". ${stores.length > 0 ? `Saved stores: ${known}.` : 'No store is saved yet.'} Leave "store" out to use the active store.`,
    span: spanOf(node),
  });
  return undefined;
}

/** A problem found in `params`: where (a JSON path inside params), and whether the key or the value is at fault. */
interface ParamIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
  /** 'key': an unknown property. 'container': something missing inside the object at `path`. */
  readonly at: 'key' | 'value' | 'container';
}

function checkQuery(query: Readonly<Record<string, QueryParamSpec>>, params: Readonly<Record<string, unknown>>): ParamIssue[] {
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

function checkBody(catalogue: MethodCatalogue, spec: MethodSpec, params: Readonly<Record<string, unknown>>, present: boolean): ParamIssue[] {
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

/** The text span of a problem in params; things missing from params itself point at its key, or at "method". */
function locate(paramsNode: Node | undefined, issue: ParamIssue, anchor: Node): TextSpan {
  const node = paramsNode ? findNodeAtLocation(paramsNode, [...issue.path]) : undefined;
  if (!node) return spanOf(anchor);
  const keyOf = (n: Node) => (n.parent?.type === 'property' ? n.parent.children?.[0] : undefined);
  if (issue.at === 'key') return spanOf(keyOf(node) ?? node);
  // A whole object underlined is noise: point at its key, or its opening brace.
  if (issue.at === 'container') return spanOf(keyOf(node) ?? { offset: node.offset, length: 1 });
  return spanOf(node.type === 'object' || node.type === 'array' ? (keyOf(node) ?? node) : node);
}

const spanOf = (node: { offset: number; length: number }): TextSpan => ({ offset: node.offset, length: node.length });

/** " Did you mean …?" for a near miss (edit distance), else ''. */
export function suggest(word: string, candidates: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance > 0 && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? ` Did you mean "${best}"?` : '';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
