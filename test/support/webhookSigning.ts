// Webhook tokens for tests, signed at test time with keys generated at test time.
import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { base64url, SignJWT, UnsecuredJWT } from 'jose';
import jwt from 'jsonwebtoken';
import {
  buildWebhookClaims,
  signWebhookClaims,
  type SignWebhookOptions,
  type WebhookSample,
  webhookTimes,
} from '../../src/core/webhook/testWebhook';

export interface TestKeys {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** SPKI PEM, as Wix's "Get Public Key" hands it out. */
  readonly publicKeyPem: string;
}

export function generateTestKeys(): TestKeys {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey, publicKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

export const TEST_APP_ID = '3b2a1f0e-1111-4222-8333-944455556666';
export const TEST_INSTANCE_ID = '9f8e7d6c-aaaa-4bbb-8ccc-dddd00001111';
/** A UUID of its own for each tag, so tests can tell their events apart. */
export function instanceIdFor(tag: string | number): string {
  const hex = createHash('sha256').update(String(tag)).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** An App ID that is not the stored one: another app of the same developer. */
export const TEST_OTHER_APP_ID = '0a0b0c0d-2222-4333-8444-a55566667777';

export function appInstalled(overrides: Partial<WebhookSample> = {}): WebhookSample {
  return { eventType: 'AppInstalled', appId: TEST_APP_ID, instanceId: TEST_INSTANCE_ID, originInstanceId: '', ...overrides };
}

export function appRemoved(overrides: Partial<WebhookSample> = {}): WebhookSample {
  return appInstalled({ eventType: 'AppRemoved', ...overrides });
}

/** Claims whose `data` string holds the given event object (to build broken inner layers). */
export function claimsWithEvent(event: Record<string, unknown>): { data: string } {
  return { data: JSON.stringify(event) };
}

export function signWithJose(
  sampleOrClaims: WebhookSample | Record<string, unknown>,
  keys: Pick<TestKeys, 'privateKey'>,
  opts?: SignWebhookOptions,
): Promise<string> {
  const claims = isSample(sampleOrClaims) ? buildWebhookClaims(sampleOrClaims) : sampleOrClaims;
  return signWebhookClaims(claims, keys.privateKey, opts);
}

/** The same token shape from another library, the one many Node samples use. */
export function signWithJsonwebtoken(
  sample: WebhookSample,
  keys: Pick<TestKeys, 'privateKey'>,
  opts: SignWebhookOptions & { keyId?: string } = {},
): string {
  return jwt.sign({ ...buildWebhookClaims(sample), ...webhookTimes(opts) }, keys.privateKey, {
    algorithm: 'RS256',
    ...(opts.keyId ? { keyid: opts.keyId } : {}),
  });
}

/** An unsigned token (`alg: none`). */
export function signAlgNone(sample: WebhookSample, opts?: SignWebhookOptions): string {
  const { iat, exp } = webhookTimes(opts);
  return new UnsecuredJWT(buildWebhookClaims(sample)).setIssuedAt(iat).setExpirationTime(exp).encode();
}

/** The classic key-confusion attack: HMAC keyed with the (public) RSA key's PEM text. */
export function signHs256WithPublicKey(sample: WebhookSample, publicKeyPem: string, opts?: SignWebhookOptions): Promise<string> {
  const { iat, exp } = webhookTimes(opts);
  return new SignJWT(buildWebhookClaims(sample))
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(publicKeyPem));
}

/** Swaps the payload for one with another instance id, keeping the original signature. */
export function tamper(token: string, instanceId = 'attacker-instance'): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload))) as { data: string };
  const event = JSON.parse(claims.data) as Record<string, unknown>;
  const forged = { ...claims, data: JSON.stringify({ ...event, instanceId }) };
  return [header, base64url.encode(JSON.stringify(forged)), signature].join('.');
}

/** Signed 42 days ago with Wix's lifetime of 3,600,000 s (about 41.7 days): just expired. */
export function signExpired(sample: WebhookSample, keys: Pick<TestKeys, 'privateKey'>): Promise<string> {
  return signWithJose(sample, keys, { now: () => new Date(Date.now() - 42 * 86_400_000) });
}

function isSample(value: WebhookSample | Record<string, unknown>): value is WebhookSample {
  return typeof value.instanceId === 'string' && typeof value.appId === 'string' && !('data' in value);
}

/**
 * Claims of an AppInstalled whose `identity` nests `depth` arrays deep (9,000 levels is a 24 KB
 * token, under the receiver's 64 KiB cap). Written as text: JSON.stringify cannot build it.
 */
export function deeplyNestedAppInstalled(instanceId: string, depth = 9000): { data: string } {
  return claimsWithEvent({
    eventType: 'AppInstalled',
    instanceId,
    data: JSON.stringify({ appId: TEST_APP_ID, originInstanceId: '' }),
    identity: `${'['.repeat(depth)}${']'.repeat(depth)}`,
  });
}
