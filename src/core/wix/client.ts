import type { Dispatcher } from 'undici';
import { fail, ok, type Result } from '../result';
import { redact } from '../http/redact';
import { requestJson, statusProblem } from '../http/request';
import {
  CATALOG_VERSIONS,
  type CatalogVersion,
  type WixAccessToken,
  type WixAppCredentials,
  type WixAppInstance,
  type WixCallOptions,
  type WixProblem,
} from './types';

export interface WixClientOptions {
  /** e.g. https://www.wixapis.com (the `api2cartWix.wix.baseUrl` setting). */
  readonly baseUrl: string;
  readonly dispatcher?: Dispatcher;
  readonly timeoutMs?: number;
  /** One line per call: path, outcome, duration. Never tokens or bodies. */
  readonly log?: (line: string) => void;
}

export interface WixClient {
  getAccessToken(credentials: WixAppCredentials, options?: WixCallOptions): Promise<Result<WixAccessToken, WixProblem>>;
  getAppInstance(accessToken: string, options?: WixCallOptions): Promise<Result<WixAppInstance, WixProblem>>;
  getCatalogVersion(accessToken: string, options?: WixCallOptions): Promise<Result<CatalogVersion, WixProblem>>;
}

export const DEFAULT_WIX_TIMEOUT_MS = 30_000;

type Json = Readonly<Record<string, unknown>>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Texts Wix may put in a 4xx body; which fields appear is not documented, so read them all. */
function errorTexts(body: unknown): string[] {
  if (!isObject(body)) {
    return [];
  }
  const details = isObject(body.details) ? body.details : {};
  const applicationError = isObject(details.applicationError) ? details.applicationError : {};
  return [body.error, body.error_description, body.message, applicationError.code, applicationError.description]
    .map(str)
    .filter((text): text is string => text !== undefined);
}

const INSTANCE_HINT = /instance|not installed|installation/i;
const APP_HINT = /invalid_client|client[_ ]?(id|secret)|app[_ ]?(id|secret)|secret|unauthorized_client/i;

/**
 * Tells "App ID/secret wrong" from "instance wrong / app not installed" only when Wix's own words
 * point at one side; otherwise both stay possible and the message says so.
 */
export function classifyTokenRejection(status: number, body: unknown, secrets: readonly string[]): WixProblem {
  const texts = errorTexts(body);
  const said = texts.length > 0 ? ` (Wix: "${redact(texts.join(' / '), secrets)}")` : '';
  const all = texts.join(' ');
  const pointsAtInstance = INSTANCE_HINT.test(all);
  const pointsAtApp = APP_HINT.test(all);
  if (pointsAtInstance && !pointsAtApp) {
    return {
      kind: 'wix-instance',
      message: `Wix accepted the app but not the Instance ID: it is wrong, or the app is not installed on that site${said}. Install the app on the site and take the Instance ID from its App Installed webhook.`,
      fix: 'setInstanceId',
      maybeDelivered: false,
      status,
    };
  }
  if (pointsAtApp && !pointsAtInstance) {
    return {
      kind: 'wix-app-credentials',
      message: `Wix rejected the App ID or App Secret Key${said}. Copy both again from the app's OAuth page in the Wix dashboard.`,
      fix: 'setAppCredentials',
      maybeDelivered: false,
      status,
    };
  }
  return {
    kind: 'wix-credentials-rejected',
    message: `Wix rejected the credentials with HTTP ${status}${said}. Either the App ID / App Secret Key is wrong, or the Instance ID is wrong or the app is not installed on that site; Wix's answer does not say which.`,
    fix: 'setAppCredentials',
    maybeDelivered: false,
    status,
  };
}

export function createWixClient(options: WixClientOptions): WixClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_WIX_TIMEOUT_MS;

  async function send(
    operation: string,
    path: string,
    init: { method: 'GET' | 'POST'; accessToken?: string; body?: unknown },
    callOptions: WixCallOptions = {},
  ): Promise<Result<{ status: number; json: unknown; host: string }, WixProblem>> {
    const url = new URL(`${base}${path}`);
    const started = Date.now();
    const response = await requestJson({
      service: 'Wix',
      operation,
      method: init.method,
      url,
      headers: init.accessToken !== undefined ? { authorization: init.accessToken } : {},
      body: init.body,
      dispatcher: options.dispatcher,
      timeoutMs,
      signal: callOptions.signal,
    });
    options.log?.(
      `Wix ${operation}: ${response.ok ? `HTTP ${response.value.status}` : response.error.kind} in ${Date.now() - started} ms`,
    );
    return response.ok ? ok({ ...response.value, host: url.host }) : response;
  }

  /** 401/403 on a token-authenticated call: the token works, a permission is missing. */
  function authorizedCallProblem(operation: string, host: string, status: number, permission?: string): WixProblem {
    if (status === 401 || status === 403) {
      const which = permission ? `the "${permission}" permission` : 'a permission this call needs';
      return {
        kind: 'wix-forbidden',
        message: `Wix refused ${operation} (HTTP ${status}). The app probably lacks ${which}, or the site owner has not approved it yet.`,
        maybeDelivered: false,
        status,
      };
    }
    return statusProblem({ service: 'Wix', operation, host }, status);
  }

  const badResponse = (operation: string, what: string): WixProblem => ({
    kind: 'wix-bad-response',
    message: `Wix answered ${operation} without ${what}. Check the Wix base URL setting.`,
    fix: 'openSettings',
    maybeDelivered: true,
  });

  return {
    async getAccessToken(credentials, callOptions) {
      const operation = 'the access-token request';
      const response = await send(
        operation,
        '/oauth2/token',
        {
          method: 'POST',
          body: {
            grant_type: 'client_credentials',
            client_id: credentials.appId,
            client_secret: credentials.appSecret,
            instance_id: credentials.instanceId,
          },
        },
        callOptions,
      );
      if (!response.ok) {
        return response;
      }
      const { status, json, host } = response.value;
      if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
        return fail(classifyTokenRejection(status, json, [credentials.appSecret]));
      }
      if (status < 200 || status >= 300) {
        return fail(statusProblem({ service: 'Wix', operation, host }, status));
      }
      const accessToken = isObject(json) ? str(json.access_token) : undefined;
      if (!accessToken) {
        return fail(badResponse(operation, 'an access token'));
      }
      const expires = isObject(json) && typeof json.expires_in === 'number' ? json.expires_in : undefined;
      return ok(expires === undefined ? { accessToken } : { accessToken, expiresInSeconds: expires });
    },

    async getAppInstance(accessToken, callOptions) {
      const operation = 'the app-instance request';
      const response = await send(operation, '/apps/v1/instance', { method: 'GET', accessToken }, callOptions);
      if (!response.ok) {
        return response;
      }
      const { status, json, host } = response.value;
      if (status < 200 || status >= 300) {
        return fail(authorizedCallProblem(operation, host, status, 'Manage Your App'));
      }
      if (!isObject(json) || !isObject(json.instance)) {
        return fail(badResponse(operation, 'an instance'));
      }
      const instance = json.instance;
      const site = isObject(json.site) ? json.site : {};
      const permissions = Array.isArray(instance.permissions)
        ? instance.permissions.filter((p): p is string => typeof p === 'string')
        : [];
      return ok({
        instanceId: str(instance.instanceId),
        appName: str(instance.appName),
        ...(typeof instance.appVersion === 'string' || typeof instance.appVersion === 'number' ? { appVersion: String(instance.appVersion) } : {}),
        permissions,
        siteName: str(site.siteDisplayName),
        siteUrl: str(site.url),
        siteId: str(site.siteId),
      });
    },

    async getCatalogVersion(accessToken, callOptions) {
      const operation = 'the catalog-version request';
      const response = await send(operation, '/stores/v3/provision/version', { method: 'GET', accessToken }, callOptions);
      if (!response.ok) {
        return response;
      }
      const { status, json, host } = response.value;
      if (status < 200 || status >= 300) {
        // Wix does not document which scope this call needs, so don't name one.
        return fail(authorizedCallProblem(operation, host, status));
      }
      const version = isObject(json) ? json.catalogVersion : undefined;
      const known = CATALOG_VERSIONS.find((v) => v === version);
      return known ? ok(known) : fail(badResponse(operation, 'a known catalogVersion'));
    },
  };
}
