import type { HttpMethod } from '../http/request';
import type { CheckedRequest } from './requestFile';

/** A checked request laid out as HTTP: the parameters where the spec puts them. */
export interface PlacedRequest {
  readonly method: string;
  readonly httpMethod: HttpMethod;
  /** Name and value pairs in the file's order; a list parameter repeats its name (form style, exploded). */
  readonly query: readonly (readonly [string, string])[];
  /** The JSON body, for methods the spec gives one. */
  readonly body?: Readonly<Record<string, unknown>>;
  readonly storeScoped: boolean;
}

const asQueryText = (value: unknown): string => (typeof value === 'string' ? value : String(value));

export function placeRequest(request: CheckedRequest): PlacedRequest {
  const { spec, params } = request;
  const base = { method: request.method, httpMethod: spec.http, storeScoped: spec.storeScoped };
  if (!spec.query) return { ...base, query: [], body: params };
  const query: [string, string][] = [];
  for (const [name, value] of Object.entries(params)) {
    if (Array.isArray(value)) for (const item of value) query.push([name, asQueryText(item)]);
    else query.push([name, asQueryText(value)]);
  }
  return { ...base, query };
}

/** `<base>/<method>.json?<query>`; the base is the api2cart.baseUrl setting. */
export function requestUrl(baseUrl: string, placed: PlacedRequest): URL {
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}/${placed.method}.json`);
  for (const [name, value] of placed.query) url.searchParams.append(name, value);
  return url;
}

/** What may go along with page_cursor: API2Cart refuses other filters beside a cursor. */
const PAGE_SHAPING_PARAMS = ['count', 'params', 'response_fields', 'exclude'];

/**
 * The request for the page after the one `cursor` came with: the same method and store, its
 * required parameters and those that shape the answer, and the cursor. Undefined for a method
 * without cursor pagination.
 */
export function nextPageRequest(request: CheckedRequest, cursor: string): CheckedRequest | undefined {
  const query = request.spec.query;
  if (!query?.page_cursor) return undefined;
  const kept = Object.entries(request.params).filter(([name]) => query[name]?.required || PAGE_SHAPING_PARAMS.includes(name));
  return { ...request, params: { ...Object.fromEntries(kept), page_cursor: cursor } };
}
