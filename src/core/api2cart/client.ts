import type { Dispatcher } from 'undici';
import { fail, ok, type Result } from '../result';
import { redact } from '../http/redact';
import type { HttpProblem } from '../http/problem';
import { requestJson, statusProblem, type HttpMethod } from '../http/request';
import { describeReturnCode } from './returnCodes';
import type {
  AddStoreResult,
  AddWixStoreParams,
  Api2CartProblem,
  CallOptions,
  CartInfo,
  CartList,
  ListCartsFilter,
  ListedCart,
  PlatformParam,
  SupportedPlatform,
  ValidateResult,
  WixCredentialsUpdate,
} from './types';

export interface Api2CartClientOptions {
  /** e.g. https://api.api2cart.com/v1.1 (the `api2cartWix.api2cart.baseUrl` setting). */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly dispatcher?: Dispatcher;
  /** API2Cart advises against short timeouts (stores answer slowly); the person can still cancel. */
  readonly timeoutMs?: number;
  /** One line per call: method, outcome, duration. Never keys, bodies or queries. */
  readonly log?: (line: string) => void;
}

export interface Api2CartClient {
  addStore(params: AddWixStoreParams, options?: CallOptions): Promise<Result<AddStoreResult, Api2CartProblem>>;
  listCarts(filter?: ListCartsFilter, options?: CallOptions): Promise<Result<CartList, Api2CartProblem>>;
  validate(storeKey: string, options?: CallOptions): Promise<Result<ValidateResult, Api2CartProblem>>;
  info(storeKey: string, options?: CallOptions): Promise<Result<CartInfo, Api2CartProblem>>;
  supportedPlatforms(options?: CallOptions): Promise<Result<readonly SupportedPlatform[], Api2CartProblem>>;
  /** `PUT account.config.update.json`: new Wix credentials for a connected store; its store key stays. */
  updateWixCredentials(storeKey: string, params: WixCredentialsUpdate, options?: CallOptions): Promise<Result<{ readonly updatedItems?: number }, Api2CartProblem>>;
  /**
   * Any API2Cart method, e.g. `product.count`: its `result` on return_code 0, else a problem with
   * the code explained. For callers that interpret the result themselves.
   */
  callMethod(method: string, request: MethodRequest, options?: CallOptions): Promise<Result<Json, Api2CartProblem>>;
}

/** One call of an API2Cart method: where its parameters go is the caller's business (see the spec). */
export interface MethodRequest {
  readonly httpMethod: HttpMethod;
  readonly query?: Readonly<Record<string, string | undefined>>;
  readonly body?: Readonly<Record<string, unknown>>;
  /** Sent as `x-store-key` for store-scoped methods. */
  readonly storeKey?: string;
}

export const DEFAULT_API2CART_TIMEOUT_MS = 120_000;

interface Call extends MethodRequest {
  readonly method: string;
  /** Values sent in this call that must never be echoed back to the person. */
  readonly secrets?: readonly (string | undefined)[];
}

export type Json = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

export function createApi2CartClient(options: Api2CartClientOptions): Api2CartClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_API2CART_TIMEOUT_MS;

  async function call(spec: Call, callOptions: CallOptions = {}): Promise<Result<Json, Api2CartProblem>> {
    const url = new URL(`${base}/${spec.method}.json`);
    for (const [name, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined) {
        url.searchParams.set(name, value);
      }
    }
    const started = Date.now();
    const response = await requestJson({
      service: 'API2Cart',
      operation: spec.method,
      method: spec.httpMethod,
      url,
      headers: { 'x-api-key': options.apiKey, ...(spec.storeKey !== undefined ? { 'x-store-key': spec.storeKey } : {}) },
      body: spec.body,
      dispatcher: options.dispatcher,
      timeoutMs,
      signal: callOptions.signal,
    });
    const outcome = interpret(spec, url.host, response);
    options.log?.(
      `API2Cart ${spec.method}: ${outcome.ok ? 'ok' : outcome.error.kind} in ${Date.now() - started} ms`,
    );
    return outcome;
  }

  function interpret(
    spec: Call,
    host: string,
    response: Result<{ status: number; json: unknown }, HttpProblem>,
  ): Result<Json, Api2CartProblem> {
    if (!response.ok) {
      return response;
    }
    const { status, json } = response.value;
    const ctx = { service: 'API2Cart', operation: spec.method, host };
    if (status < 200 || status >= 300) {
      return fail(statusProblem(ctx, status));
    }
    if (!isObject(json) || typeof json.return_code !== 'number') {
      return fail({
        kind: 'api2cart-bad-response',
        message: `API2Cart (${host}) answered ${spec.method} without a return_code. Check that the API2Cart base URL setting points at API2Cart.`,
        fix: 'openSettings',
        maybeDelivered: true,
      });
    }
    const code = json.return_code;
    if (code !== 0) {
      const info = describeReturnCode(code);
      const said = typeof json.return_message === 'string'
        ? redact(json.return_message, [options.apiKey, spec.storeKey, ...(spec.secrets ?? [])])
        : '';
      return fail({
        kind: `api2cart-${code}`,
        message: said ? `${info.message} (API2Cart: "${said}")` : info.message,
        ...(info.fix ? { fix: info.fix } : {}),
        returnCode: code,
        said,
        maybeDelivered: false,
      });
    }
    return ok(isObject(json.result) ? json.result : {});
  }

  const badResult = (method: string, what: string): Api2CartProblem => ({
    kind: 'api2cart-bad-response',
    message: `API2Cart answered ${method} without ${what}. Try again; if it persists, contact API2Cart support.`,
    fix: 'retry',
    maybeDelivered: true,
  });

  return {
    async addStore(params, callOptions) {
      const body: Record<string, unknown> = {
        cart_id: 'Wix',
        wix_app_id: params.appId,
        wix_app_secret_key: params.appSecret,
        wix_instance_id: params.instanceId,
      };
      if (params.storeUrl !== undefined) {
        body.store_url = params.storeUrl;
      }
      if (params.verify !== undefined) {
        body.verify = params.verify;
      }
      const result = await call(
        { method: 'account.cart.add', httpMethod: 'POST', body, secrets: [params.appSecret] },
        callOptions,
      );
      if (!result.ok) {
        return result;
      }
      const storeKey = str(result.value.store_key);
      return storeKey ? ok({ storeKey }) : fail(badResult('account.cart.add', 'a store key'));
    },

    async listCarts(filter = {}, callOptions) {
      const result = await call(
        {
          method: 'account.cart.list',
          httpMethod: 'GET',
          query: { store_key: filter.storeKey, store_url: filter.storeUrl },
          secrets: [filter.storeKey],
        },
        callOptions,
      );
      if (!result.ok) {
        return result;
      }
      const carts = Array.isArray(result.value.carts) ? result.value.carts.filter(isObject).map(toListedCart) : [];
      const count = typeof result.value.carts_count === 'number' ? result.value.carts_count : carts.length;
      return ok({ cartsCount: count, carts });
    },

    async validate(storeKey, callOptions) {
      const result = await call({ method: 'cart.validate', httpMethod: 'GET', storeKey }, callOptions);
      return result.ok ? ok({ status: str(result.value.status) }) : result;
    },

    async info(storeKey, callOptions) {
      const result = await call({ method: 'cart.info', httpMethod: 'GET', storeKey }, callOptions);
      if (!result.ok) {
        return result;
      }
      const raw = result.value;
      return ok({ name: str(raw.name), url: str(raw.url), version: str(raw.version), raw });
    },

    async supportedPlatforms(callOptions) {
      const result = await call({ method: 'account.supported_platforms', httpMethod: 'GET' }, callOptions);
      if (!result.ok) {
        return result;
      }
      const list = result.value.supported_platforms;
      if (!Array.isArray(list)) {
        return fail(badResult('account.supported_platforms', 'a platform list'));
      }
      return ok(list.filter(isObject).flatMap(toPlatform));
    },

    async updateWixCredentials(storeKey, params, callOptions) {
      // Query-string parameters (the spec): the secret is in the URL, which nothing here logs.
      const result = await call({
        method: 'account.config.update', httpMethod: 'PUT', storeKey,
        query: { wix_app_id: params.appId, wix_app_secret_key: params.appSecret, wix_instance_id: params.instanceId, idempotency_key: params.idempotencyKey },
        secrets: [params.appSecret],
      }, callOptions);
      if (!result.ok) return result;
      const items = result.value.updated_items;
      return ok(typeof items === 'number' ? { updatedItems: items } : {});
    },

    callMethod: (method, request, callOptions) => call({ method, ...request }, callOptions),
  };
}

function toListedCart(cart: Json): ListedCart {
  return {
    id: str(cart.id),
    url: str(cart.url),
    storeKey: str(cart.store_key),
    cartId: str(cart.cart_id),
    customLabel: str(cart.custom_label),
    wixInstanceId: str(cart.wix_instance_id),
  };
}

function toParams(value: unknown): PlatformParam[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.filter(isObject).flatMap((param) => {
    const name = str(param.name);
    return name ? [{ name, description: str(param.description) }] : [];
  });
}

function toPlatform(platform: Json): SupportedPlatform[] {
  const cartId = str(platform.cart_id);
  if (!cartId) {
    return [];
  }
  const params = isObject(platform.params) ? platform.params : {};
  const required = Array.isArray(params.required) ? params.required.map(toParams) : [];
  return [{ cartId, cartName: str(platform.cart_name), required, additional: toParams(params.additional) }];
}
