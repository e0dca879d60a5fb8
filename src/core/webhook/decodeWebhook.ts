import { base64url, compactVerify, decodeProtectedHeader, errors, importSPKI, type CryptoKey } from 'jose';
import { inertText } from '../inertText';
import { fail, ok, type Result } from '../result';
import type { JsonObject, WebhookEvent, WebhookProblem, WebhookProblemKind } from './events';
import { readInstallationEnvelope } from './installationEvent';
import { parsePublicKey } from './publicKey';

export interface DecodeWebhookOptions {
  /** The app's webhook public key (any form parsePublicKey accepts). Without it nothing is verified. */
  readonly publicKeyPem?: string;
  /** The stored App ID; a payload for another app is rejected. */
  readonly expectedAppId?: string;
  readonly now?: () => Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// A compact JWS: header.payload.signature (the signature is empty for alg "none").
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * Decodes a Wix webhook body: an RS256 JWT whose `data` claim is a JSON string holding the event,
 * whose own `data` is a JSON string holding `{ appId, originInstanceId }`. Every failure names the
 * layer that broke. A valid signature on an expired token is accepted with a note saying it is
 * weeks old; decoding without a key is allowed but the event says `verified: false`.
 */
export async function decodeWebhook(
  body: string,
  opts: DecodeWebhookOptions = {},
): Promise<Result<WebhookEvent, WebhookProblem>> {
  const token = unwrapBody(body);
  if (token === '') {
    return problem('empty', 'The webhook body is empty. Wix sends one signed JWT as the body.');
  }
  const header = readHeader(token);
  if (!header) {
    return problem('not-jwt', 'The body is not a JWT. Wix sends one signed JWT (three base64url parts separated by dots) as the body.');
  }
  const algorithm = typeof header.alg === 'string' ? header.alg : '(missing)';
  const notes: string[] = [];

  const publicKeyInput = opts.publicKeyPem?.trim() ?? '';
  const verified = publicKeyInput !== '';
  const payload = verified
    ? await verifiedPayload(token, algorithm, publicKeyInput)
    : unverifiedPayload(token, algorithm, notes);
  if (!payload.ok) {
    return payload.error.kind === 'signature' ? (otherAppsEvent(token, opts.expectedAppId) ?? payload) : payload;
  }

  const claims = parseJsonObject(new TextDecoder().decode(payload.value));
  if (!claims || typeof claims.data !== 'string') {
    return problem('claims', 'The JWT payload has no "data" string claim, so it is not a Wix webhook.');
  }
  const { iat, exp } = claims;
  if (!isOptionalTime(iat) || !isOptionalTime(exp)) {
    return problem('claims', 'The JWT "iat" or "exp" claim is not a time in seconds, so it is not a valid Wix webhook.');
  }

  const event = parseJsonObject(claims.data);
  if (!event) {
    return problem('data-not-json', 'The JWT "data" claim is not a JSON object, so it is not a Wix webhook.');
  }
  // The newer install events: type and instance id may come from the envelope's entity instead.
  const envelopeData = typeof event.data === 'string' ? parseJsonObject(event.data) : isJsonObject(event.data) ? event.data : undefined;
  const installation = envelopeData && readInstallationEnvelope(envelopeData);
  const rawEventType = typeof event.eventType === 'string' && event.eventType !== '' ? event.eventType : installation?.eventType;
  if (rawEventType === undefined) {
    return problem('event-shape', 'The event inside the JWT has no "eventType", so it is not a Wix webhook.');
  }
  // Shown in messages and notifications, so only ever as inert text.
  const eventType = inertText(rawEventType, { max: 80 });
  const instanceId = typeof event.instanceId === 'string' && event.instanceId.trim() !== '' ? event.instanceId : installation?.instanceId;
  if (instanceId === undefined) {
    return problem('missing-instance-id', `The ${eventType} event has no "instanceId", so there is no Instance ID to take from it.`);
  }
  if (!UUID.test(instanceId.trim())) {
    return problem('invalid-instance-id', `The ${eventType} event's "instanceId" is not a UUID, so it is not a Wix Instance ID.`);
  }

  const data = readInnerData(event.data, notes);
  if (!data) {
    return problem('inner-data-not-json', `The ${eventType} event's "data" field is not a JSON object.`);
  }
  const appId = typeof data.appId === 'string' ? data.appId : installation?.appId;
  if (appId !== undefined && !UUID.test(appId)) {
    return problem('invalid-app-id', `The ${eventType} event's "appId" is not a UUID, so it is not a Wix App ID.`);
  }
  const expectedAppId = opts.expectedAppId?.trim();
  if (expectedAppId && appId !== undefined && appId.toLowerCase() !== expectedAppId.toLowerCase()) {
    return appIdMismatch(appId, expectedAppId, '');
  }
  if (expectedAppId && appId === undefined) {
    notes.push('the payload carries no appId, so it was not compared with the stored App ID');
  }

  const now = (opts.now ?? (() => new Date()))();
  const expired = typeof exp === 'number' && exp * 1000 <= now.getTime();
  if (expired) notes.push(expiryNote(exp, iat, now, verified));

  return ok({
    // Inert at the source: every notification, quick pick and log line shows this one.
    eventType,
    instanceId: instanceId.trim(),
    ...(installation ? { install: true } : {}),
    appId,
    originInstanceId: typeof data.originInstanceId === 'string' ? data.originInstanceId : undefined,
    identity: readIdentity(event.identity),
    iat,
    exp,
    algorithm,
    verified,
    expired,
    notes,
    layers: { header, claims: without(claims, 'data'), event: without(event, 'data'), data },
  });
}

function appIdMismatch(appId: string, expectedAppId: string, signatureNote: string): Result<never, WebhookProblem> {
  return fail({
    kind: 'app-id-mismatch',
    message: `This webhook is for app ${appId}, but the stored App ID is ${expectedAppId}.${signatureNote} Check the App ID (Develop → OAuth) or subscribe the webhook in the right app.`,
    fix: 'setAppCredentials',
  });
}

/**
 * A token whose signature does not match may be another app's event, signed with that app's key:
 * that is no tampering, and is answered as another app's event. Only a well-formed event naming
 * another App ID counts; nothing in it is used.
 */
function otherAppsEvent(token: string, expected: string | undefined): Result<never, WebhookProblem> | undefined {
  const expectedAppId = expected?.trim();
  if (!expectedAppId) return undefined;
  const payload = unverifiedPayload(token, 'RS256', []);
  const claims = payload.ok ? parseJsonObject(new TextDecoder().decode(payload.value)) : undefined;
  const event = typeof claims?.data === 'string' ? parseJsonObject(claims.data) : undefined;
  const data = event ? readInnerData(event.data, []) : undefined;
  const appId = typeof data?.appId === 'string' ? data.appId : undefined;
  if (appId === undefined || !UUID.test(appId) || appId.toLowerCase() === expectedAppId.toLowerCase()) return undefined;
  return appIdMismatch(appId, expectedAppId, ' It is signed with another key (that app\'s, presumably), so its signature was not checked.');
}

/** Wix's webhook tokens live 3,600,000 s (about 41.7 days, FACTS.md), so an expired one is old. */
export const WIX_TOKEN_LIFETIME_SECONDS = 3_600_000;

function expiryNote(exp: number, iat: number | undefined, now: Date, verified: boolean): string {
  const days = (seconds: number) => Math.round(seconds / 86_400);
  const age = iat === undefined
    ? `Wix's webhook tokens are valid for about ${(WIX_TOKEN_LIFETIME_SECONDS / 86_400).toFixed(1)} days, so it was issued at least that long ago`
    : `it was issued at ${new Date(iat * 1000).toISOString()}, about ${days(now.getTime() / 1000 - iat)} days ago`;
  const what = `token expired at ${new Date(exp * 1000).toISOString()}: ${age}. An old token, replayed or copied from an old log, never a retry of a recent event`;
  return verified ? `${what}; accepted because the signature is valid` : what;
}

/** Tolerates what copying a body from a log adds: surrounding whitespace and JSON string quotes. */
function unwrapBody(body: string): string {
  const text = body.trim();
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) {
    try {
      const inner: unknown = JSON.parse(text);
      if (typeof inner === 'string') {
        return inner.trim();
      }
    } catch {
      // not a JSON string: leave it for the JWT check to reject
    }
  }
  return text;
}

function readHeader(token: string): JsonObject | undefined {
  if (!COMPACT_JWS.test(token)) {
    return undefined;
  }
  try {
    return { ...decodeProtectedHeader(token) };
  } catch {
    return undefined;
  }
}

async function verifiedPayload(token: string, algorithm: string, publicKeyInput: string): Promise<Result<Uint8Array, WebhookProblem>> {
  const key = await importPublicKey(publicKeyInput);
  if (!key.ok) {
    return key;
  }
  // Checked before the signature so that "none" and HMAC tokens (keyed with the public key) never reach a verifier.
  if (algorithm !== 'RS256') {
    return problem('algorithm', `The token is signed with "${algorithm}", but Wix signs webhooks with RS256; it was rejected.`);
  }
  const signatureMismatch = fail<WebhookProblem>({
    kind: 'signature',
    message: 'The signature does not match the webhook public key: the body was changed, or the key is not the one on this app\'s Webhooks page (Get Public Key).',
    fix: 'setPublicKey',
  });
  // jose ignores the spare low bits of the last base64url character, so one signature has several
  // spellings; only the canonical one is the token Wix sent.
  if (!isCanonicalBase64url(token.slice(token.lastIndexOf('.') + 1))) {
    return signatureMismatch;
  }
  try {
    const { payload } = await compactVerify(token, key.value, { algorithms: ['RS256'] });
    return ok(payload);
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed) {
      return signatureMismatch;
    }
    return problem('not-jwt', 'The body is not a well-formed signed JWT.');
  }
}

function isCanonicalBase64url(text: string): boolean {
  try {
    return base64url.encode(base64url.decode(text)) === text;
  } catch {
    return false;
  }
}

/** Absent, or seconds since the epoch that a Date can hold (so the expiry note can name it). */
function isOptionalTime(value: unknown): value is number | undefined {
  return value === undefined || (typeof value === 'number' && !Number.isNaN(new Date(value * 1000).getTime()));
}

function unverifiedPayload(token: string, algorithm: string, notes: string[]): Result<Uint8Array, WebhookProblem> {
  notes.push('signature not verified: no webhook public key is set');
  if (algorithm !== 'RS256') {
    notes.push(`the token says alg "${algorithm}", but Wix signs webhooks with RS256`);
  }
  try {
    return ok(base64url.decode(token.split('.')[1]));
  } catch {
    return problem('not-jwt', 'The JWT payload is not valid base64url.');
  }
}

// Parsing and importing a key costs more than verifying one token, and the key rarely changes.
// A WebCrypto key is kept, not a KeyObject: jose would convert a KeyObject on every verify,
// which halves the throughput (npm run bench).
let lastKey: { input: string; key: CryptoKey } | undefined;

async function importPublicKey(input: string): Promise<Result<CryptoKey, WebhookProblem>> {
  if (lastKey?.input === input) {
    return ok(lastKey.key);
  }
  const parsed = parsePublicKey(input);
  if (!parsed.ok) {
    return fail({ kind: 'public-key', message: `The stored webhook public key cannot be used. ${parsed.error.message}`, fix: 'setPublicKey' });
  }
  const key = await importSPKI(parsed.value.pem, 'RS256');
  lastKey = { input, key };
  return ok(key);
}

function readInnerData(value: unknown, notes: string[]): JsonObject | undefined {
  if (value === undefined) {
    notes.push('the event has no "data" field (no appId to check)');
    return {};
  }
  if (typeof value === 'string') {
    return parseJsonObject(value);
  }
  return isJsonObject(value) ? value : undefined;
}

function readIdentity(value: unknown): unknown {
  if (typeof value !== 'string') {
    return value;
  }
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function parseJsonObject(text: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isJsonObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function without(object: JsonObject, key: string): JsonObject {
  const { [key]: _omitted, ...rest } = object;
  return rest;
}

function problem(kind: WebhookProblemKind, message: string): Result<never, WebhookProblem> {
  return fail({ kind, message });
}
