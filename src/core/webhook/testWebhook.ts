import { generateKeyPair, randomUUID, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { SignJWT } from 'jose';
import { fail, ok, type Problem, type Result } from '../result';
import { WIX_TOKEN_LIFETIME_SECONDS } from './decodeWebhook';
import type { WebhookEventType } from './events';

/** What a sample webhook says; the rest of the envelope follows Wix's nesting. */
export interface WebhookSample {
  readonly appId: string;
  readonly instanceId: string;
  readonly eventType?: WebhookEventType;
  readonly originInstanceId?: string;
  /** Becomes the `identity` JSON string when given. */
  readonly identity?: unknown;
}

export interface SignWebhookOptions {
  readonly now?: () => Date;
  /** Seconds from `now` to `exp` (Wix's 3,600,000 by default); negative values make an already-expired token. */
  readonly expiresInSeconds?: number;
  /** The header's `kid`; Wix names its signing key there. A fresh UUID by default. */
  readonly keyId?: string;
}

/** Wix's doubly-encoded claims: `data` is a JSON string whose own `data` is a JSON string. */
export function buildWebhookClaims(sample: WebhookSample): { data: string } {
  const event: Record<string, unknown> = {
    eventType: sample.eventType ?? 'AppInstalled',
    instanceId: sample.instanceId,
    data: JSON.stringify({ appId: sample.appId, originInstanceId: sample.originInstanceId ?? '' }),
  };
  if (sample.identity !== undefined) {
    event.identity = JSON.stringify(sample.identity);
  }
  return { data: JSON.stringify(event) };
}

/** `iat` and `exp` in seconds since the epoch. */
export function webhookTimes(opts: SignWebhookOptions = {}): { iat: number; exp: number } {
  const iat = Math.floor((opts.now ?? (() => new Date()))().getTime() / 1000);
  return { iat, exp: iat + (opts.expiresInSeconds ?? WIX_TOKEN_LIFETIME_SECONDS) };
}

/** Signs claims the way Wix does: header `{kid, alg: "RS256"}`, `iat`, and `exp` 3,600,000 s later. */
export async function signWebhookClaims(
  claims: Record<string, unknown>,
  privateKey: KeyObject,
  opts?: SignWebhookOptions,
): Promise<string> {
  const { iat, exp } = webhookTimes(opts);
  return new SignJWT(claims)
    .setProtectedHeader({ kid: opts?.keyId ?? randomUUID(), alg: 'RS256' })
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(privateKey);
}

export function signWebhook(sample: WebhookSample, privateKey: KeyObject, opts?: SignWebhookOptions): Promise<string> {
  return signWebhookClaims(buildWebhookClaims(sample), privateKey, opts);
}

export interface TestWebhook {
  readonly token: string;
  /** The matching public key; the private key is discarded. */
  readonly publicKeyPem: string;
}

const generateRsaKeyPair = promisify(generateKeyPair);

export async function generateWebhookKeyPair(): Promise<{ privateKey: KeyObject; publicKeyPem: string }> {
  const { privateKey, publicKey } = await generateRsaKeyPair('rsa', { modulusLength: 2048 });
  return { privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

/**
 * "Send Test Webhook": a sample event signed with a throwaway key pair, so the receiver and the
 * decoder can be exercised before Wix sends anything. Verify it with the returned public key.
 */
export async function createTestWebhook(
  sample: Partial<WebhookSample> & Pick<WebhookSample, 'appId'>,
  opts?: SignWebhookOptions,
): Promise<TestWebhook> {
  const { privateKey, publicKeyPem } = await generateWebhookKeyPair();
  const token = await signWebhook({ instanceId: randomUUID(), ...sample }, privateKey, opts);
  return { token, publicKeyPem };
}

export interface PostWebhookResponse {
  readonly status: number;
  readonly body: string;
}

/** POSTs a body as Wix does (text/plain). Any HTTP status is a value; only a transport failure is a Problem. */
export async function postWebhook(
  url: string,
  body: string,
  opts: { contentType?: string; timeoutMs?: number } = {},
): Promise<Result<PostWebhookResponse, Problem<'webhook-post-failed'>>> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': opts.contentType ?? 'text/plain' },
      body,
      signal: AbortSignal.timeout(opts.timeoutMs ?? 5000),
    });
    return ok({ status: response.status, body: await response.text() });
  } catch (error) {
    return fail({
      kind: 'webhook-post-failed',
      message: `Could not send the test webhook to ${url} (${describeFetchError(error)}). Is the webhook receiver running?`,
      fix: 'retry',
    });
  }
}

function describeFetchError(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError') {
      return 'no answer in time';
    }
    const cause = (error as { cause?: { code?: unknown } }).cause;
    if (typeof cause?.code === 'string') {
      return cause.code;
    }
    return error.message;
  }
  return String(error);
}
