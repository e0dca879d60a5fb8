import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { checkRequest, loadSpec, sampleResult, specMethods, type OpenApiDoc } from './specCheck';
import { ResponseScript, startStubServer, type StubBehaviour } from './stubServer';

/** Methods the stub simulates against its account; every other method of the spec gets a sample answer. */
export const SIMULATED_METHODS = [
  'account.cart.add',
  'account.cart.list',
  'cart.validate',
  'cart.info',
  'cart.delete',
  'cart.methods',
  'account.supported_platforms',
] as const;
/** Any method the spec defines, e.g. "product.count". */
export type Api2CartMethod = string;

export type Api2CartStubResponse =
  /** The simulated account: add creates a store (code 8 if the instance exists), list/validate/info read it. */
  | { readonly kind: 'default' }
  /** return_code 0 with this `result`. */
  | { readonly kind: 'success'; readonly result: unknown }
  /** This whole JSON body, e.g. an envelope with `pagination` beside `result`. */
  | { readonly kind: 'body'; readonly body: unknown }
  | { readonly kind: 'returnCode'; readonly code: number; readonly message?: string }
  /** HTTP 200 (or status) with an HTML page, like a captive portal or a misrouted proxy. */
  | { readonly kind: 'notJson'; readonly status?: number; readonly body?: string }
  | { readonly kind: 'httpStatus'; readonly status: number; readonly body?: string }
  | { readonly kind: 'slow'; readonly delayMs: number; readonly then?: Api2CartStubResponse }
  | { readonly kind: 'hang' }
  | { readonly kind: 'closeSocket' };

/** A store in the simulated account. `wixInstanceId` is internal: account.cart.list doesn't return it. */
export interface StubCart {
  readonly id: string;
  readonly url: string;
  readonly storeKey: string;
  readonly cartId: string;
  readonly customLabel: string;
  readonly wixInstanceId?: string;
}

export interface RecordedApi2CartRequest {
  /** API2Cart method name, e.g. "account.cart.add"; the raw path when it isn't one. */
  readonly method: string;
  readonly httpMethod: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Parsed JSON body, or the raw text when it didn't parse; undefined when empty. */
  readonly body: unknown;
  readonly violations: readonly string[];
  /** performance.now() when the whole request had arrived: with handlingMs, tells how many overlapped. */
  readonly receivedAt: number;
  /** Time the stub spent on it, including deliberate delays; undefined while hanging. */
  handlingMs?: number;
}

export interface Api2CartStubOptions {
  /** When set, any other x-api-key gets return_code 2, as API2Cart does. */
  readonly apiKey?: string;
  readonly carts?: readonly StubCart[];
  /** What cart.methods lists; every method of the spec by default. */
  readonly platformMethods?: readonly string[];
}

export interface Api2CartStub {
  /** Base URL for the `api2cartWix.api2cart.baseUrl` setting (ends with /v1.1, like the real one). */
  readonly url: string;
  readonly requests: readonly RecordedApi2CartRequest[];
  /** Every spec violation seen so far, across requests. */
  readonly violations: readonly string[];
  /** The simulated account's stores; tests may push to it. */
  readonly carts: StubCart[];
  /** The next call gets `first`, the one after `then[0]`, …; the last one keeps applying. */
  setResponse(method: Api2CartMethod, first: Api2CartStubResponse, ...then: Api2CartStubResponse[]): void;
  callsTo(method: Api2CartMethod): readonly RecordedApi2CartRequest[];
  /** Throws unless `method` was requested exactly once (e.g. no second account.cart.add). */
  assertCalledOnce(method: Api2CartMethod): void;
  /** Sum of handlingMs over all answered requests. */
  totalHandlingMs(): number;
  /** The most requests that were being handled at the same moment (answered ones). */
  maxConcurrent(): number;
  close(): Promise<void>;
}

const BASE_PATH = '/v1.1';

const envelope = (result: unknown, code = 0, message = '') => ({ return_code: code, return_message: message, result });
const toBehaviour = (response: Api2CartStubResponse, simulate: () => StubBehaviour): StubBehaviour => {
  switch (response.kind) {
    case 'default':
      return simulate();
    case 'success':
      return { kind: 'json', body: envelope(response.result) };
    case 'body':
      return { kind: 'json', body: response.body };
    case 'returnCode':
      return { kind: 'json', body: envelope({}, response.code, response.message ?? `Stub error ${response.code}`) };
    case 'notJson':
      return { kind: 'text', status: response.status ?? 200, body: response.body ?? '<html><body>Proxy login</body></html>' };
    case 'httpStatus':
      return { kind: 'text', status: response.status, body: response.body ?? 'Internal Server Error', contentType: 'text/plain' };
    case 'slow':
      return { kind: 'slow', delayMs: response.delayMs, then: toBehaviour(response.then ?? { kind: 'default' }, simulate) };
    case 'hang':
    case 'closeSocket':
      return response;
  }
};

/** Whether the spec asks for x-store-key on this method (store-scoped methods). */
function isStoreScoped(spec: OpenApiDoc, method: string): boolean {
  const item = spec.paths[`/${method}.json`] ?? {};
  return Object.values(item).some((op) => (op.security ?? []).some((req) => 'StoreKeyAuth' in req));
}

export async function startApi2CartStub(options: Api2CartStubOptions = {}): Promise<Api2CartStub> {
  const spec = loadSpec();
  const methods = new Set(specMethods(spec));
  const requests: RecordedApi2CartRequest[] = [];
  const violations: string[] = [];
  const carts: StubCart[] = [...(options.carts ?? [])];
  const script = new ResponseScript<Api2CartMethod, Api2CartStubResponse>();
  const recordOf = new WeakMap<object, RecordedApi2CartRequest>();

  const toListEntry = (cart: StubCart) => ({
    id: cart.id,
    url: cart.url,
    store_key: cart.storeKey,
    cart_id: cart.cartId,
    custom_label: cart.customLabel,
  });

  function simulate(method: Api2CartMethod, query: URLSearchParams, storeKey: string | undefined, body: unknown): StubBehaviour {
    const answer = (result: unknown, code = 0, message = ''): StubBehaviour => ({ kind: 'json', body: envelope(result, code, message) });
    const cart = carts.find((c) => c.storeKey === storeKey);
    if (isStoreScoped(spec, method) && !cart) {
      return answer({}, 4, 'Store access denied');
    }
    switch (method) {
      case 'account.cart.add': {
        const fields = (body ?? {}) as Record<string, unknown>;
        const instanceId = typeof fields.wix_instance_id === 'string' ? fields.wix_instance_id : undefined;
        if (instanceId !== undefined && carts.some((c) => c.wixInstanceId === instanceId)) {
          return answer({}, 8, 'Store already exists');
        }
        const added: StubCart = {
          id: String(carts.length + 1),
          url: typeof fields.store_url === 'string' ? fields.store_url : '',
          storeKey: randomBytes(16).toString('hex'),
          cartId: typeof fields.cart_id === 'string' ? fields.cart_id : '',
          customLabel: '',
          ...(instanceId !== undefined ? { wixInstanceId: instanceId } : {}),
        };
        carts.push(added);
        return answer({ store_key: added.storeKey });
      }
      case 'account.cart.list': {
        const byKey = query.get('store_key');
        const byUrl = query.get('store_url');
        const listed = carts.filter((c) => (byKey === null || c.storeKey === byKey) && (byUrl === null || c.url === byUrl));
        return answer({ carts_count: listed.length, carts: listed.map(toListEntry) });
      }
      case 'cart.validate':
        return answer({});
      case 'cart.info':
        return answer({ name: cart?.customLabel ?? '', url: cart?.url ?? '', version: '' });
      case 'cart.delete':
        carts.splice(carts.indexOf(cart!), 1);
        return answer({ store: cart?.url ?? '' });
      case 'cart.methods':
        return answer({ method: [...(options.platformMethods ?? methods)] });
      case 'account.supported_platforms':
        // Stub data, not API2Cart's real list: the shape the spec describes, for the Wix entry.
        return answer({
          supported_platforms_count: 1,
          supported_platforms: [
            {
              cart_id: 'Wix',
              cart_name: 'Wix',
              params: {
                required: [[{ name: 'wix_app_id' }, { name: 'wix_app_secret_key' }, { name: 'wix_instance_id' }]],
                additional: [{ name: 'store_url' }],
              },
            },
          ],
        });
      default:
        // The shape the spec gives the method's result, with its examples: enough for a caller to parse.
        return answer(sampleResult(spec, method));
    }
  }

  const server = await startStubServer(
    (incoming) => {
      const relative = incoming.url.pathname.startsWith(`${BASE_PATH}/`)
        ? incoming.url.pathname.slice(BASE_PATH.length)
        : incoming.url.pathname;
      const named = /^\/(.+)\.json$/.exec(relative)?.[1];
      const method = named !== undefined && methods.has(named) ? named : undefined;
      const found = checkRequest(spec, {
        httpMethod: incoming.httpMethod,
        path: relative,
        query: incoming.url.searchParams,
        headers: incoming.headers,
        bodyText: incoming.bodyText,
      });
      if (!incoming.url.pathname.startsWith(`${BASE_PATH}/`)) {
        found.unshift(`${incoming.url.pathname}: API2Cart paths start with ${BASE_PATH}/`);
      }
      let body: unknown;
      try {
        body = incoming.bodyText === '' ? undefined : (JSON.parse(incoming.bodyText) as unknown);
      } catch {
        body = incoming.bodyText;
      }
      const record: RecordedApi2CartRequest = {
        method: method ?? incoming.url.pathname,
        httpMethod: incoming.httpMethod,
        query: Object.fromEntries(incoming.url.searchParams),
        headers: { ...incoming.headers },
        body,
        violations: found,
        receivedAt: performance.now(),
      };
      requests.push(record);
      recordOf.set(incoming, record);
      violations.push(...found);
      if (found.length > 0 || method === undefined) {
        return {
          kind: 'text',
          status: 400,
          contentType: 'text/plain',
          body: `API2Cart stub: the request does not match the OpenAPI spec:\n${found.join('\n')}`,
        };
      }
      if (options.apiKey !== undefined && incoming.headers['x-api-key'] !== options.apiKey) {
        return { kind: 'json', body: envelope({}, 2, 'Incorrect API Key') };
      }
      const response = script.next(method) ?? { kind: 'default' };
      const storeKey = typeof incoming.headers['x-store-key'] === 'string' ? incoming.headers['x-store-key'] : undefined;
      return toBehaviour(response, () => simulate(method, incoming.url.searchParams, storeKey, body));
    },
    (incoming, handlingMs) => {
      const record = recordOf.get(incoming);
      if (record) {
        record.handlingMs = handlingMs;
      }
    },
  );

  return {
    url: `${server.origin}${BASE_PATH}`,
    requests,
    violations,
    carts,
    setResponse: (method, first, ...then) => script.set(method, first, ...then),
    callsTo: (method) => requests.filter((r) => r.method === method),
    assertCalledOnce(method) {
      const count = requests.filter((r) => r.method === method).length;
      assert.equal(count, 1, `expected exactly one ${method} request, the stub saw ${count}`);
    },
    totalHandlingMs: () => requests.reduce((sum, r) => sum + (r.handlingMs ?? 0), 0),
    maxConcurrent() {
      // Sweep over starts (+1) and ends (-1); an end sorts before a start at the same instant.
      const edges = requests
        .filter((r) => r.handlingMs !== undefined)
        .flatMap((r) => [[r.receivedAt, 1], [r.receivedAt + r.handlingMs!, -1]] as const)
        .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      let open = 0;
      let peak = 0;
      for (const [, step] of edges) peak = Math.max(peak, (open += step));
      return peak;
    },
    close: () => server.close(),
  };
}
