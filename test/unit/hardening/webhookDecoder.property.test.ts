import assert from 'node:assert/strict';
import fc from 'fast-check';
import { base64url, SignJWT } from 'jose';
import { decodeWebhook } from '../../../src/core/webhook/decodeWebhook';
import { parsePublicKey } from '../../../src/core/webhook/publicKey';
import {
  appInstalled,
  generateTestKeys,
  signAlgNone,
  signHs256WithPublicKey,
  signWithJose,
  TEST_APP_ID,
  TEST_INSTANCE_ID,
  type TestKeys,
} from '../../support/webhookSigning';
import { buildWebhookClaims } from '../../../src/core/webhook/testWebhook';
import { assertTypedOutcome, assertTypedProblem } from './typedFailure';

const RUNS = 2000;
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
// No whitespace and no '"': the decoder deliberately tolerates a token wrapped in those (pasted from a log).
const MUTATION_CHARS = `${B64URL}.=+/%\\'é\u0000\u{1F600}`;

const encodeJson = (value: unknown): string => base64url.encode(JSON.stringify(value));

/** Values a hostile or broken JSON field may hold, biased towards the edges. */
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.double(),
  fc.constantFrom(0, -0, 1e300, -1e300, 9e15, -9e15, 8.64e12, -8.64e12, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER),
  fc.string({ maxLength: 40 }),
  fc.constant(undefined),
);

/** An event that is sometimes right and often nearly right. */
const nearValidEvent = fc.record(
  {
    eventType: fc.oneof(fc.constantFrom('AppInstalled', 'AppRemoved', ''), oddValue),
    instanceId: fc.oneof(fc.uuid(), fc.constantFrom('', '   '), oddValue),
    data: fc.oneof(
      fc.record({ appId: fc.oneof(fc.constant(TEST_APP_ID), oddValue), originInstanceId: oddValue }, { requiredKeys: [] }).map((d) => JSON.stringify(d)),
      oddValue,
    ),
    identity: oddValue,
  },
  { requiredKeys: [] },
);

const claimsArbitrary = fc.record(
  {
    data: fc.oneof(nearValidEvent.map((event) => JSON.stringify(event)), oddValue),
    iat: oddValue,
    exp: oddValue,
  },
  { requiredKeys: [] },
);

const headerArbitrary = fc.oneof(
  fc.record({ alg: fc.oneof(fc.constantFrom('RS256', 'none', 'HS256', 'RS384', 'PS256', 'ES256', ''), oddValue), typ: oddValue, kid: oddValue }, { requiredKeys: [] }),
  fc.jsonValue({ maxDepth: 2 }),
);

const segmentArbitrary = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((bytes) => base64url.encode(bytes)),
  fc.string({ unit: fc.constantFrom(...B64URL), maxLength: 60 }),
  fc.constant(''),
);

/** header.payload.signature built from shapes that get past the outer layers and break the inner ones. */
const structuredToken = fc
  .tuple(headerArbitrary, fc.oneof(claimsArbitrary, fc.jsonValue({ maxDepth: 2 })), segmentArbitrary)
  .map(([header, claims, signature]) => `${encodeJson(header)}.${encodeJson(claims)}.${signature}`);

type Mutation =
  | { readonly op: 'flip'; readonly at: number; readonly char: string }
  | { readonly op: 'insert'; readonly at: number; readonly char: string }
  | { readonly op: 'delete'; readonly at: number; readonly count: number }
  | { readonly op: 'truncate'; readonly at: number }
  | { readonly op: 'swap'; readonly order: readonly [number, number, number] }
  | { readonly op: 'extra-segment' };

const mutationChar = fc.constantFrom(...MUTATION_CHARS);
// Positions are fractions of the current length, so one mutation list applies to any token.
const position = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('flip' as const), at: position, char: mutationChar }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('insert' as const), at: position, char: mutationChar }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: position, count: fc.integer({ min: 1, max: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: position }) },
  { weight: 1, arbitrary: fc.constantFrom<readonly [number, number, number]>([1, 0, 2], [0, 2, 1], [2, 1, 0], [1, 2, 0], [2, 0, 1]).map((order) => ({ op: 'swap' as const, order })) },
  { weight: 1, arbitrary: fc.constant({ op: 'extra-segment' as const }) },
);

function mutate(token: string, mutation: Mutation): string {
  const index = (fraction: number): number => Math.floor(fraction * token.length);
  switch (mutation.op) {
    case 'flip': {
      const at = index(mutation.at);
      return token.slice(0, at) + mutation.char + token.slice(at + 1);
    }
    case 'insert': {
      const at = index(mutation.at);
      return token.slice(0, at) + mutation.char + token.slice(at);
    }
    case 'delete': {
      const at = index(mutation.at);
      return token.slice(0, at) + token.slice(at + mutation.count);
    }
    case 'truncate':
      return token.slice(0, index(mutation.at));
    case 'swap': {
      const parts = token.split('.');
      return mutation.order.map((i) => parts[i] ?? '').join('.');
    }
    case 'extra-segment':
      return `${token}.${token.split('.').at(-1) ?? ''}`;
  }
}

describe('hardening: webhook decoder under random and mutated input', function () {
  this.timeout(20_000);
  let keys: TestKeys;
  let validToken: string;

  before(async () => {
    keys = generateTestKeys();
    validToken = await signWithJose(appInstalled(), keys);
  });

  const verifying = () => ({ publicKeyPem: keys.publicKeyPem, expectedAppId: TEST_APP_ID });

  it('answers arbitrary text with a typed problem, with or without a key', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: fc.constantFrom(...B64URL, '.', '"', ' '), maxLength: 300 })),
        async (body) => {
          const unverified = await decodeWebhook(body);
          assertTypedOutcome(unverified);
          const verified = await decodeWebhook(body, verifying());
          assert.equal(verified.ok, false, 'random text verified');
          assertTypedOutcome(verified);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('answers well-formed tokens with hostile headers and claims with a typed problem or an unverified event', async () => {
    await fc.assert(
      fc.asyncProperty(structuredToken, async (token) => {
        const unverified = await decodeWebhook(token, { expectedAppId: TEST_APP_ID });
        if (assertTypedOutcome(unverified) === undefined && unverified.ok) {
          assert.equal(unverified.value.verified, false);
          assert.ok(unverified.value.instanceId.trim().length > 0);
          assert.ok(unverified.value.notes.some((note) => note.includes('not verified')));
        }
        const verified = await decodeWebhook(token, verifying());
        assert.equal(verified.ok, false, 'a token with a random signature verified');
        assertTypedOutcome(verified);
      }),
      { numRuns: RUNS },
    );
  });

  it('answers any iat/exp number, however far out of range, with an event or a typed problem', async () => {
    const event = JSON.parse(buildWebhookClaims(appInstalled()).data) as Record<string, unknown>;
    const time = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(1e300, -1e300, 8.64e12, -8.64e12, 8.64e12 + 1, -8.64e12 - 1));
    await fc.assert(
      fc.asyncProperty(time, time, async (iat, exp) => {
        const token = `${encodeJson({ alg: 'RS256' })}.${encodeJson({ data: JSON.stringify(event), iat, exp })}.`;
        assertTypedOutcome(await decodeWebhook(token));
      }),
      { numRuns: RUNS },
    );
  });

  it('verifies the unmodified signed token and none of its mutations', async () => {
    const original = await decodeWebhook(validToken, verifying());
    assert.ok(original.ok && original.value.verified && original.value.instanceId === TEST_INSTANCE_ID);
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const mutated = mutations.reduce(mutate, validToken);
        const result = await decodeWebhook(mutated, verifying());
        assertTypedOutcome(result);
        assert.equal(result.ok, mutated === validToken, `mutation ${JSON.stringify(mutations)} gave ${result.ok ? 'a verified event' : 'a failure'}`);
      }),
      { numRuns: RUNS },
    );
  });

  it('rejects every character change in the signature, including the last character\'s spare bits', async () => {
    const signatureStart = validToken.lastIndexOf('.') + 1;
    const last = validToken.length - 1;
    const changes: Array<readonly [number, string]> = [];
    for (let at = signatureStart; at < last; at++) {
      changes.push([at, B64URL[(B64URL.indexOf(validToken[at]) + 1 + (at % 63)) % 64]]);
    }
    // The last character carries spare low bits that a lenient decoder ignores: try them all.
    for (const char of B64URL) if (char !== validToken[last]) changes.push([last, char]);
    for (const [at, char] of changes) {
      const changed = validToken.slice(0, at) + char + validToken.slice(at + 1);
      const result = await decodeWebhook(changed, verifying());
      assert.equal(result.ok, false, `signature char ${at - signatureStart} changed to ${char} still verified`);
      assertTypedOutcome(result);
    }
  });

  it('rejects the header re-encoded with another alg, keeping payload and signature', async () => {
    const [, payload, signature] = validToken.split('.');
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          { alg: fc.constantFrom('none', 'None', 'NONE', 'HS256', 'HS512', 'RS384', 'RS512', 'PS256', 'ES256', 'EdDSA', 'rs256', 'RS256 ', ''), typ: fc.constantFrom('JWT', 'jwt'), kid: fc.string({ maxLength: 8 }) },
          { requiredKeys: ['alg'] },
        ),
        fc.constantFrom(signature, ''),
        async (header, sig) => {
          const result = await decodeWebhook(`${encodeJson(header)}.${payload}.${sig}`, verifying());
          assert.equal(result.ok, false);
          assertTypedOutcome(result);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rejects the same claims genuinely signed with other algorithms or keys', async () => {
    const claims = buildWebhookClaims(appInstalled());
    const signed = (alg: string) => new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT' }).setIssuedAt().sign(keys.privateKey);
    const stranger = generateTestKeys();
    const cases: ReadonlyArray<readonly [string, string, string]> = [
      ['RS384 with the right key', await signed('RS384'), 'algorithm'],
      ['RS512 with the right key', await signed('RS512'), 'algorithm'],
      ['PS256 with the right key', await signed('PS256'), 'algorithm'],
      ['HS256 keyed with the public key', await signHs256WithPublicKey(appInstalled(), keys.publicKeyPem), 'algorithm'],
      ['alg none', signAlgNone(appInstalled()), 'algorithm'],
      ['RS256 with another key', await signWithJose(appInstalled(), stranger), 'signature'],
    ];
    for (const [name, token, kind] of cases) {
      const result = await decodeWebhook(token, verifying());
      assert.equal(result.ok, false, name);
      assert.equal(assertTypedOutcome(result)?.kind, kind, name);
    }
  });

  it('never echoes a private key pasted where the public key belongs', async () => {
    const privatePem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const privateLines = privatePem.split('\n').filter((line) => line.length >= 32 && !line.startsWith('-----'));
    const pkcs1Der = keys.privateKey.export({ type: 'pkcs1', format: 'der' });
    const pastes = [
      privatePem,
      privatePem.replace(/\n/g, ' '),
      Buffer.from(privatePem).toString('base64'),
      privatePem.split('\n').slice(1, -2).join(''),
      pkcs1Der.toString('base64'),
      pkcs1Der.toString('base64url'),
    ];
    for (const paste of pastes) {
      const parsed = parsePublicKey(paste);
      assert.equal(parsed.ok, false);
      if (!parsed.ok) {
        assert.equal(parsed.error.kind, 'public-key-private');
        assertTypedProblem(parsed.error, privateLines);
      }
      const decoded = await decodeWebhook(validToken, { publicKeyPem: paste });
      assert.equal(decoded.ok, false);
      assertTypedOutcome(decoded, privateLines);
    }
  });

  it('answers arbitrary and mutated key text with a typed result, never echoing it', async () => {
    const publicPem = keys.publicKeyPem;
    const privatePem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const privateLines = privatePem.split('\n').filter((line) => line.length >= 32 && !line.startsWith('-----'));
    const keyText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 400 }),
      fc.tuple(fc.constantFrom(publicPem, privatePem), fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 })).map(([pem, mutations]) => mutations.reduce(mutate, pem)),
      fc.string({ maxLength: 200 }).map((text) => `-----BEGIN PUBLIC KEY-----\n${text}\n-----END PUBLIC KEY-----`),
      fc.uint8Array({ maxLength: 600 }).map((bytes) => Buffer.from(bytes).toString('base64')),
    );
    fc.assert(
      fc.property(keyText, (text) => {
        const parsed = parsePublicKey(text);
        if (assertTypedOutcome(parsed, privateLines) === undefined && parsed.ok) {
          assert.match(parsed.value.pem, /^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----\n$/);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
