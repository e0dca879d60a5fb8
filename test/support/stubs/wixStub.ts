import { randomBytes } from 'node:crypto';
import { ResponseScript, startStubServer, type StubBehaviour } from './stubServer';

export type WixEndpoint = 'token' | 'instance' | 'catalogVersion';
const PATHS: Readonly<Record<WixEndpoint, { path: string; httpMethod: string }>> = {
  token: { path: '/oauth2/token', httpMethod: 'POST' },
  instance: { path: '/apps/v1/instance', httpMethod: 'GET' },
  catalogVersion: { path: '/stores/v3/provision/version', httpMethod: 'GET' },
};

/** `default` simulates Wix from the configured app; anything else is sent as given. */
export type WixStubOutcome = { readonly kind: 'default' } | StubBehaviour;

/**
 * Rejection bodies for the token endpoint. Wix does not document them: these are plausible
 * OAuth-style shapes for exercising the client's classification, not recordings.
 */
export const WIX_TOKEN_REJECTIONS = {
  appCredentials: {
    kind: 'json',
    status: 401,
    body: { error: 'invalid_client', error_description: 'Client authentication failed' },
  },
  instance: {
    kind: 'json',
    status: 400,
    body: { message: 'Instance not found: the app is not installed on this site', details: {} },
  },
  unexplained: { kind: 'json', status: 400, body: { message: 'Bad request', details: {} } },
} as const satisfies Record<string, StubBehaviour>;

export interface WixStubOptions {
  readonly appId: string;
  readonly appSecret: string;
  readonly instanceId: string;
  readonly siteDisplayName?: string;
  /** Omit to simulate an unpublished site (no URL). */
  readonly siteUrl?: string;
  readonly appName?: string;
  readonly permissions?: readonly string[];
  /** The app version the site runs, as GET /apps/v1/instance gives it. */
  readonly appVersion?: string;
  readonly catalogVersion?: 'V1_CATALOG' | 'V3_CATALOG' | 'STORES_NOT_INSTALLED';
}

export interface RecordedWixRequest {
  /** The endpoint, or the raw path when it isn't one. */
  readonly endpoint: WixEndpoint | string;
  readonly httpMethod: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: unknown;
  readonly violations: readonly string[];
  /** Time the stub spent on it, including deliberate delays; undefined while hanging. */
  handlingMs?: number;
}

export interface WixStub {
  /** Base URL for the `api2cartWix.wix.baseUrl` setting. */
  readonly url: string;
  readonly requests: readonly RecordedWixRequest[];
  readonly violations: readonly string[];
  /** Tokens handed out by the default token endpoint. */
  readonly issuedTokens: readonly string[];
  setOutcome(endpoint: WixEndpoint, first: WixStubOutcome, ...then: WixStubOutcome[]): void;
  callsTo(endpoint: WixEndpoint): readonly RecordedWixRequest[];
  /** Sum of handlingMs over all answered requests. */
  totalHandlingMs(): number;
  close(): Promise<void>;
}

function tokenRequestViolations(headers: Readonly<Record<string, unknown>>, body: unknown): string[] {
  const violations: string[] = [];
  if (!String(headers['content-type'] ?? '').startsWith('application/json')) {
    violations.push('POST /oauth2/token: content-type must be application/json');
  }
  if (typeof body !== 'object' || body === null) {
    return [...violations, 'POST /oauth2/token: the body must be a JSON object'];
  }
  const fields = body as Record<string, unknown>;
  if (fields.grant_type !== 'client_credentials') {
    violations.push('POST /oauth2/token: grant_type must be "client_credentials"');
  }
  for (const name of ['client_id', 'client_secret', 'instance_id']) {
    if (typeof fields[name] !== 'string' || fields[name] === '') {
      violations.push(`POST /oauth2/token: ${name} must be a non-empty string`);
    }
  }
  return violations;
}

export async function startWixStub(options: WixStubOptions): Promise<WixStub> {
  const requests: RecordedWixRequest[] = [];
  const violations: string[] = [];
  const issuedTokens: string[] = [];
  const script = new ResponseScript<WixEndpoint, WixStubOutcome>();
  const recordOf = new WeakMap<object, RecordedWixRequest>();

  function simulate(endpoint: WixEndpoint, body: unknown, authorization: string | undefined): StubBehaviour {
    if (endpoint === 'token') {
      const fields = body as Record<string, unknown>;
      if (fields.client_id !== options.appId || fields.client_secret !== options.appSecret) {
        return WIX_TOKEN_REJECTIONS.appCredentials;
      }
      if (fields.instance_id !== options.instanceId) {
        return WIX_TOKEN_REJECTIONS.instance;
      }
      const accessToken = `OAUTH2.${randomBytes(24).toString('base64url')}`;
      issuedTokens.push(accessToken);
      return { kind: 'json', body: { access_token: accessToken, token_type: 'Bearer', expires_in: 14400 } };
    }
    if (authorization === undefined || !issuedTokens.includes(authorization)) {
      return { kind: 'json', status: 401, body: { message: 'Unauthorized', details: {} } };
    }
    if (endpoint === 'instance') {
      return {
        kind: 'json',
        body: {
          instance: {
            instanceId: options.instanceId,
            appName: options.appName ?? 'Test App',
            permissions: options.permissions ?? [],
            ...(options.appVersion !== undefined ? { appVersion: options.appVersion } : {}),
          },
          site: {
            siteDisplayName: options.siteDisplayName ?? 'Test Store',
            ...(options.siteUrl !== undefined ? { url: options.siteUrl } : {}),
            siteId: 'stub-site-id',
          },
        },
      };
    }
    return { kind: 'json', body: { catalogVersion: options.catalogVersion ?? 'V3_CATALOG' } };
  }

  const server = await startStubServer(
    (incoming) => {
      const endpoint = (Object.keys(PATHS) as WixEndpoint[]).find((e) => PATHS[e].path === incoming.url.pathname);
      let body: unknown;
      try {
        body = incoming.bodyText === '' ? undefined : (JSON.parse(incoming.bodyText) as unknown);
      } catch {
        body = incoming.bodyText;
      }
      const found: string[] = [];
      if (endpoint === undefined) {
        found.push(`${incoming.httpMethod} ${incoming.url.pathname}: not a Wix endpoint this stub serves`);
      } else if (PATHS[endpoint].httpMethod !== incoming.httpMethod) {
        found.push(`${incoming.httpMethod} ${incoming.url.pathname}: must be ${PATHS[endpoint].httpMethod}`);
      } else if (endpoint === 'token') {
        found.push(...tokenRequestViolations(incoming.headers, body));
      } else if (String(incoming.headers.authorization ?? '').startsWith('Bearer ')) {
        found.push(`GET ${incoming.url.pathname}: Wix takes the bare access token in Authorization, without "Bearer "`);
      }
      const record: RecordedWixRequest = {
        endpoint: endpoint ?? incoming.url.pathname,
        httpMethod: incoming.httpMethod,
        headers: { ...incoming.headers },
        body,
        violations: found,
      };
      requests.push(record);
      recordOf.set(incoming, record);
      violations.push(...found);
      if (found.length > 0 || endpoint === undefined) {
        return { kind: 'text', status: 400, contentType: 'text/plain', body: `Wix stub: unexpected request:\n${found.join('\n')}` };
      }
      const outcome = script.next(endpoint) ?? { kind: 'default' };
      const authorization = typeof incoming.headers.authorization === 'string' ? incoming.headers.authorization : undefined;
      return outcome.kind === 'default' ? simulate(endpoint, body, authorization) : outcome;
    },
    (incoming, handlingMs) => {
      const record = recordOf.get(incoming);
      if (record) {
        record.handlingMs = handlingMs;
      }
    },
  );

  return {
    url: server.origin,
    requests,
    violations,
    issuedTokens,
    setOutcome: (endpoint, first, ...then) => script.set(endpoint, first, ...then),
    callsTo: (endpoint) => requests.filter((r) => r.endpoint === endpoint),
    totalHandlingMs: () => requests.reduce((sum, r) => sum + (r.handlingMs ?? 0), 0),
    close: () => server.close(),
  };
}
