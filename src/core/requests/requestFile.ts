import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { inertText } from '../inertText';
import type { MethodCatalogue, MethodSpec } from './catalogue';
import { suggest } from './didYouMean';
import { checkBody, checkQuery, type ParamIssue } from './paramChecks';
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
  const checked = checkText(text, catalogue, stores);
  // The messages repeat names and values from the file and become diagnostics and a notification:
  // shown as data, never as a link, an icon or a second line.
  return checked.ok ? checked : { ok: false, issues: checked.issues.map((issue) => ({ ...issue, message: inertText(issue.message, { max: 2000 }) })) };
}

function checkText(text: string, catalogue: MethodCatalogue, stores: readonly StoreChoice[]): CheckResult {
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
