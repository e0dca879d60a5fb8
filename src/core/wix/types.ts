import type { Problem } from '../result';
import type { HttpProblemKind } from '../http/problem';

export interface WixAppCredentials {
  readonly appId: string;
  /** A secret. */
  readonly appSecret: string;
  readonly instanceId: string;
}

export interface WixAccessToken {
  /** A secret; sent as `Authorization: <accessToken>` (no "Bearer" prefix). */
  readonly accessToken: string;
  readonly expiresInSeconds?: number;
}

/** GET /apps/v1/instance, reduced to what the extension uses. */
export interface WixAppInstance {
  readonly instanceId?: string;
  readonly appName?: string;
  /** The app version this site runs: a permission added later reaches it only with a newer one. */
  readonly appVersion?: string;
  /** Format undocumented: shown as given, never interpreted. */
  readonly permissions: readonly string[];
  readonly siteName?: string;
  readonly siteUrl?: string;
  readonly siteId?: string;
}

export const CATALOG_VERSIONS = ['V1_CATALOG', 'V3_CATALOG', 'STORES_NOT_INSTALLED'] as const;
export type CatalogVersion = (typeof CATALOG_VERSIONS)[number];

export type WixProblemKind =
  | HttpProblemKind
  /** Wix's answer points at the App ID or App Secret Key. */
  | 'wix-app-credentials'
  /** Wix's answer points at the Instance ID (wrong, or the app is not installed on that site). */
  | 'wix-instance'
  /** Wix rejected the triple without saying which part is wrong. */
  | 'wix-credentials-rejected'
  /** The token was refused for this call: usually a missing permission. */
  | 'wix-forbidden'
  | 'wix-bad-response';

export interface WixProblem extends Problem<WixProblemKind> {
  readonly maybeDelivered: boolean;
  readonly status?: number;
}

export interface WixCallOptions {
  readonly signal?: AbortSignal;
}
