import type { Problem } from '../result';
import type { HttpProblemKind } from '../http/problem';

/** The fields account.cart.add takes for a Wix store (schema AccountCartAdd). */
export interface AddWixStoreParams {
  readonly appId: string;
  readonly appSecret: string;
  readonly instanceId: string;
  /** Optional in the schema; whether API2Cart needs it for Wix is undocumented, so send it when known. */
  readonly storeUrl?: string;
  /** API2Cart checks the credentials with Wix when true (its default). */
  readonly verify?: boolean;
}

export interface AddStoreResult {
  /** A secret: keep it in SecretStorage only. */
  readonly storeKey: string;
}

/** One entry of account.cart.list. `store_key` is a secret. */
export interface ListedCart {
  readonly id?: string;
  readonly url?: string;
  readonly storeKey?: string;
  readonly cartId?: string;
  readonly customLabel?: string;
  /** Not in the spec; read defensively in case API2Cart returns it for Wix stores. */
  readonly wixInstanceId?: string;
}

export interface CartList {
  readonly cartsCount: number;
  readonly carts: readonly ListedCart[];
}

export interface ListCartsFilter {
  readonly storeKey?: string;
  readonly storeUrl?: string;
}

export interface ValidateResult {
  readonly status?: string;
}

export interface CartInfo {
  readonly name?: string;
  readonly url?: string;
  readonly version?: string;
  /** The rest of `result`, unvalidated. */
  readonly raw: Readonly<Record<string, unknown>>;
}

export interface PlatformParam {
  readonly name: string;
  readonly description?: string;
}

export interface SupportedPlatform {
  readonly cartId: string;
  readonly cartName?: string;
  /** Alternative sets: any one set of fields is enough. */
  readonly required: readonly (readonly PlatformParam[])[];
  readonly additional: readonly PlatformParam[];
}

export type Api2CartProblemKind = HttpProblemKind | `api2cart-${number}` | 'api2cart-bad-response';

export interface Api2CartProblem extends Problem<Api2CartProblemKind> {
  /** API2Cart's return_code when it answered with an envelope. */
  readonly returnCode?: number;
  /** With returnCode: API2Cart's own return_message, redacted ('' when it gave none). */
  readonly said?: string;
  /** See HttpProblem.maybeDelivered; false for API-level answers, which are definitive. */
  readonly maybeDelivered: boolean;
}

export interface CallOptions {
  readonly signal?: AbortSignal;
}

/** account.config.update's Wix fields; the secret travels in the query string. */
export interface WixCredentialsUpdate {
  readonly appId: string;
  readonly appSecret: string;
  readonly instanceId: string;
  /** The same key for a retry of the same change, so API2Cart applies it once. */
  readonly idempotencyKey: string;
}
