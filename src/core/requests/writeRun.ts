import type { HttpProblem } from '../http/problem';
import type { Problem } from '../result';
import { isWriteMethod, resolveSchema, type MethodCatalogue } from './catalogue';
import type { CheckedRequest } from './requestFile';

// A write run from a request file is sent once: the person confirms exactly what goes out, and a
// write that may have reached the store is repeated only with the same idempotency key.

export const IDEMPOTENCY_KEY = 'idempotency_key';

/** Where the spec takes the method's idempotency_key (query string or JSON body); undefined: it takes none. */
export function idempotencyKeyPlace(catalogue: MethodCatalogue, request: CheckedRequest): 'query' | 'body' | undefined {
  const { spec } = request;
  if (spec.query) return Object.hasOwn(spec.query, IDEMPOTENCY_KEY) ? 'query' : undefined;
  const body = spec.body ? resolveSchema(catalogue, spec.body) : undefined;
  return body?.properties && Object.hasOwn(body.properties, IDEMPOTENCY_KEY) ? 'body' : undefined;
}

/** A confirmed write, ready to send and, when safe, to send again unchanged. */
export interface PreparedWrite {
  readonly request: CheckedRequest;
  /** The key this run carries (the file's own, or a fresh one); undefined when the method takes none. */
  readonly idempotencyKey?: string;
}

/**
 * The run to send: a method whose spec has `idempotency_key` gets `freshKey()` unless the file
 * sets one. Prepare once per confirmed run; a retry sends the same PreparedWrite, so the same key.
 */
export function prepareWrite(catalogue: MethodCatalogue, request: CheckedRequest, freshKey: () => string): PreparedWrite {
  if (idempotencyKeyPlace(catalogue, request) === undefined) return { request };
  const own = request.params[IDEMPOTENCY_KEY];
  if (own !== undefined) return { request, idempotencyKey: String(own) };
  const key = freshKey();
  return { request: { ...request, params: { ...request.params, [IDEMPOTENCY_KEY]: key } }, idempotencyKey: key };
}

/** JSON with object keys sorted: the same parameters in another order or layout are the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What a write confirmation covers: the method, its parameters and the store. Any change asks again. */
export function writeConfirmationKey(request: CheckedRequest, profileId: string): string {
  return canonical({ method: request.method, params: request.params, store: profileId });
}

/**
 * Whether a failed run may be offered Retry, and the problem to show. A read, a write that
 * certainly never left, and a write carrying an idempotency key may be sent again; any other
 * write that may have reached the store gets no Retry and says how to check.
 */
export function failedRunProblem(request: CheckedRequest, prepared: PreparedWrite | undefined, problem: HttpProblem): { readonly problem: Problem; readonly retry: boolean } {
  if (!isWriteMethod(request.spec) || !problem.maybeDelivered) return { problem, retry: true };
  if (prepared?.idempotencyKey !== undefined) {
    return {
      problem: { ...problem, message: `${problem.message} The store may have applied ${request.method}; Retry sends it again with the same idempotency_key, so API2Cart applies it at most once.`, fix: 'retry' },
      retry: true,
    };
  }
  const { fix, ...rest } = problem;
  return {
    problem: {
      ...rest,
      ...(fix !== undefined && fix !== 'retry' ? { fix } : {}),
      message: `${problem.message} The store may already have applied ${request.method}, and this method takes no idempotency_key, so it is not offered again. Check the store first (its admin, or a read such as a .list or .info request), then run the file again only if the change is missing.`,
    },
    retry: false,
  };
}
