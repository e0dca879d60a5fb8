import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeWebhook, type DecodeWebhookOptions } from '../../../src/core/webhook/decodeWebhook';
import type { WebhookEvent, WebhookProblemKind } from '../../../src/core/webhook/events';
import {
  appInstalled,
  appRemoved,
  claimsWithEvent,
  generateTestKeys,
  signAlgNone,
  signExpired,
  signHs256WithPublicKey,
  signWithJose,
  signWithJsonwebtoken,
  tamper,
  TEST_APP_ID,
  TEST_OTHER_APP_ID,
  TEST_INSTANCE_ID,
  type TestKeys,
} from '../../support/webhookSigning';

describe('decodeWebhook', () => {
  let keys: TestKeys;
  let otherKeys: TestKeys;
  before(() => {
    keys = generateTestKeys();
    otherKeys = generateTestKeys();
  });

  const verifying = (): DecodeWebhookOptions => ({ publicKeyPem: keys.publicKeyPem, expectedAppId: TEST_APP_ID });

  async function decoded(body: string, opts: DecodeWebhookOptions): Promise<WebhookEvent> {
    const result = await decodeWebhook(body, opts);
    assert.ok(result.ok, result.ok ? '' : `${result.error.kind}: ${result.error.message}`);
    return result.value;
  }

  async function rejected(body: string, opts: DecodeWebhookOptions, kind: WebhookProblemKind): Promise<string> {
    const result = await decodeWebhook(body, opts);
    assert.ok(!result.ok, 'expected a problem');
    assert.equal(result.error.kind, kind, result.error.message);
    return result.error.message;
  }

  describe('with the app public key', () => {
    it('verifies and decodes every layer of an AppInstalled event', async () => {
      const token = await signWithJose(appInstalled({ originInstanceId: 'origin-1', identity: { identityType: 'WIX_USER', wixUserId: 'u-1' } }), keys);
      const event = await decoded(token, verifying());
      assert.equal(event.eventType, 'AppInstalled');
      assert.equal(event.instanceId, TEST_INSTANCE_ID);
      assert.equal(event.appId, TEST_APP_ID);
      assert.equal(event.originInstanceId, 'origin-1');
      assert.deepEqual(event.identity, { identityType: 'WIX_USER', wixUserId: 'u-1' });
      assert.equal(event.verified, true);
      assert.equal(event.expired, false);
      assert.equal(event.algorithm, 'RS256');
      assert.deepEqual(event.notes, []);
      assert.equal(typeof event.iat, 'number');
      assert.equal(event.exp, (event.iat ?? 0) + 3_600_000, 'Wix\'s lifetime');
      assert.deepEqual(Object.keys(event.layers.header), ['kid', 'alg'], 'Wix\'s header');
      assert.equal(event.layers.header.alg, 'RS256');
      assert.match(String(event.layers.header.kid), /^[0-9a-f-]{36}$/);
      assert.deepEqual(event.layers.claims, { iat: event.iat, exp: event.exp });
      assert.deepEqual(event.layers.event, {
        eventType: 'AppInstalled',
        instanceId: TEST_INSTANCE_ID,
        identity: JSON.stringify({ identityType: 'WIX_USER', wixUserId: 'u-1' }),
      });
      assert.deepEqual(event.layers.data, { appId: TEST_APP_ID, originInstanceId: 'origin-1' });
    });

    it('decodes AppRemoved with the same envelope', async () => {
      const event = await decoded(await signWithJose(appRemoved(), keys), verifying());
      assert.equal(event.eventType, 'AppRemoved');
      assert.equal(event.instanceId, TEST_INSTANCE_ID);
    });

    it('accepts the public key as base64 of the PEM', async () => {
      const token = await signWithJose(appInstalled(), keys);
      const event = await decoded(token, { publicKeyPem: Buffer.from(keys.publicKeyPem).toString('base64') });
      assert.equal(event.verified, true);
    });

    it('tolerates surrounding whitespace and JSON string quotes around the body', async () => {
      const token = await signWithJose(appInstalled(), keys);
      assert.equal((await decoded(`\n ${JSON.stringify(token)} \n`, verifying())).verified, true);
    });

    it('decodes tokens signed by jsonwebtoken exactly as jose-signed ones', async () => {
      const now = (): Date => new Date('2025-01-01T00:00:00Z');
      const sample = appInstalled({ identity: { identityType: 'WIX_USER' } });
      const fromJose = await decoded(await signWithJose(sample, keys, { now, keyId: 'k1' }), { ...verifying(), now });
      const fromJsonwebtoken = await decoded(signWithJsonwebtoken(sample, keys, { now, keyId: 'k1' }), { ...verifying(), now });
      // jsonwebtoken adds typ: "JWT" to the header; Wix's header (like the test signer's) has none.
      const { typ, ...header } = fromJsonwebtoken.layers.header;
      assert.equal(typ, 'JWT');
      assert.deepEqual({ ...fromJsonwebtoken, layers: { ...fromJsonwebtoken.layers, header } }, fromJose);
    });

    it('rejects a token signed with another key', async () => {
      const message = await rejected(await signWithJose(appInstalled(), otherKeys), verifying(), 'signature');
      assert.match(message, /signature/i);
    });

    it('rejects a tampered payload', async () => {
      const token = tamper(await signWithJose(appInstalled(), keys));
      await rejected(token, verifying(), 'signature');
    });

    it('rejects alg "none"', async () => {
      const message = await rejected(signAlgNone(appInstalled()), verifying(), 'algorithm');
      assert.match(message, /"none".*RS256/);
    });

    it('rejects HS256 keyed with the public key (algorithm confusion)', async () => {
      await rejected(await signHs256WithPublicKey(appInstalled(), keys.publicKeyPem), verifying(), 'algorithm');
    });

    it('accepts an expired token with a valid signature, with a note saying it is about 42 days old, never a late retry', async () => {
      const event = await decoded(await signExpired(appInstalled(), keys), verifying());
      assert.equal(event.verified, true);
      assert.equal(event.expired, true);
      assert.equal(event.notes.length, 1);
      assert.match(event.notes[0], /^token expired at \d{4}-\d\d-\d\dT.*: it was issued at \d{4}-.*, about 42 days ago\. An old token, replayed or copied from an old log, never a retry of a recent event; accepted because the signature is valid$/);
      assert.doesNotMatch(event.notes[0], /late retry/);
      const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const noIat = await decoded(`${part({ alg: 'none' })}.${part({ ...claimsWithEvent({ eventType: 'AppInstalled', instanceId: TEST_INSTANCE_ID }), exp: 1 })}.`, {});
      assert.match(noIat.notes.find((n) => n.startsWith('token expired'))!, /valid for about 41\.7 days, so it was issued at least that long ago\. An old token/);
    });

    it('does not accept an expired token whose signature is wrong', async () => {
      await rejected(tamper(await signExpired(appInstalled(), keys)), verifying(), 'signature');
    });

    it('uses the injected clock for expiry', async () => {
      const token = await signWithJose(appInstalled(), keys, { expiresInSeconds: 60 });
      const later = (): Date => new Date(Date.now() + 120_000);
      assert.equal((await decoded(token, { ...verifying(), now: later })).expired, true);
      assert.equal((await decoded(token, verifying())).expired, false);
    });

    it('rejects a payload for another app, naming both App IDs', async () => {
      const token = await signWithJose(appInstalled({ appId: TEST_OTHER_APP_ID }), keys);
      const result = await decodeWebhook(token, verifying());
      assert.ok(!result.ok);
      assert.equal(result.error.kind, 'app-id-mismatch');
      assert.equal(result.error.fix, 'setAppCredentials');
      assert.match(result.error.message, new RegExp(`${TEST_OTHER_APP_ID}.*${TEST_APP_ID}`));
    });

    it('another app\'s event signed with its own key is another app\'s event, not a tampered signature', async () => {
      const result = await decodeWebhook(await signWithJose(appInstalled({ appId: TEST_OTHER_APP_ID }), otherKeys), verifying());
      assert.ok(!result.ok);
      assert.equal(result.error.kind, 'app-id-mismatch');
      assert.match(result.error.message, /signed with another key/);
      await rejected(await signWithJose(appInstalled(), otherKeys), verifying(), 'signature');
      await rejected(tamper(await signWithJose(appInstalled({ appId: TEST_OTHER_APP_ID }), keys)), { publicKeyPem: keys.publicKeyPem }, 'signature');
    });

    it('says when the stored public key is unusable', async () => {
      const result = await decodeWebhook(await signWithJose(appInstalled(), keys), { publicKeyPem: 'not a key' });
      assert.ok(!result.ok);
      assert.equal(result.error.kind, 'public-key');
      assert.equal(result.error.fix, 'setPublicKey');
    });
  });

  describe('layers that fail, each named', () => {
    it('empty body', async () => {
      await rejected('  \r\n', verifying(), 'empty');
    });

    for (const body of ['hello', '{"data":"x"}', 'a.b', 'a.b.c.d', 'ey!.ey.sig', 'bm90IGpzb24.eyJkYXRhIjoiIn0.sig']) {
      it(`not a JWT: ${body}`, async () => {
        await rejected(body, verifying(), 'not-jwt');
        await rejected(body, {}, 'not-jwt');
      });
    }

    it('claims without a data string', async () => {
      await rejected(await signWithJose({ hello: 'world' }, keys), verifying(), 'claims');
    });

    it('claims with a non-numeric exp', async () => {
      const token = signAlgNone(appInstalled()).split('.');
      const payload = Buffer.from(JSON.stringify({ data: '{}', exp: 'tomorrow' })).toString('base64url');
      await rejected(`${token[0]}.${payload}.`, {}, 'claims');
    });

    it('data claim that is not JSON', async () => {
      await rejected(await signWithJose({ data: 'not json {' }, keys), verifying(), 'data-not-json');
    });

    it('event without an eventType', async () => {
      await rejected(await signWithJose(claimsWithEvent({ instanceId: 'i', data: '{}' }), keys), verifying(), 'event-shape');
    });

    it('event without an instanceId', async () => {
      const token = await signWithJose(claimsWithEvent({ eventType: 'AppInstalled', data: JSON.stringify({ appId: TEST_APP_ID }) }), keys);
      await rejected(token, verifying(), 'missing-instance-id');
    });

    it('event whose inner data is not JSON', async () => {
      const token = await signWithJose(claimsWithEvent({ eventType: 'AppInstalled', instanceId: TEST_INSTANCE_ID, data: '{appId:' }), keys);
      await rejected(token, verifying(), 'inner-data-not-json');
    });
  });

  describe('outside text in the event', () => {
    it('an instanceId or an appId that is not a UUID is refused', async () => {
      for (const instanceId of ['[Open](command:workbench.action.terminal.new)', 'i', '9f8e7d6c-aaaa-4bbb-8ccc-dddd00001111 x']) {
        const token = await signWithJose(appInstalled({ instanceId }), keys);
        await rejected(token, verifying(), 'invalid-instance-id');
      }
      await rejected(await signWithJose(appInstalled({ appId: '[x](https://evil.example)' }), keys), {}, 'invalid-app-id');
    });

    it('an event type reaches a message only as inert text', async () => {
      const token = await signWithJose(claimsWithEvent({ eventType: 'App\u2028[Open](command:evil) $(alert)', data: '{}' }), keys);
      const result = await decodeWebhook(token, verifying());
      assert.ok(!result.ok);
      assert.equal(result.error.kind, 'missing-instance-id');
      assert.equal(result.error.message, 'The App [Open] (command:evil) $ (alert) event has no "instanceId", so there is no Instance ID to take from it.');
      const event = await decoded(await signWithJose(appInstalled({ eventType: 'AppInstalled\n[x](command:y)' }), keys), verifying());
      assert.equal(event.eventType, 'AppInstalled [x] (command:y)', 'the event carries the inert form every view shows');
    });
  });

  describe('without a public key', () => {
    it('decodes but marks the event "signature not verified"', async () => {
      const event = await decoded(await signWithJose(appInstalled(), otherKeys), { expectedAppId: TEST_APP_ID });
      assert.equal(event.verified, false);
      assert.equal(event.instanceId, TEST_INSTANCE_ID);
      assert.ok(event.notes.some((note) => /^signature not verified/.test(note)), event.notes.join('; '));
    });

    it('decodes alg "none" but marks it unverified and unsigned', async () => {
      const event = await decoded(signAlgNone(appInstalled()), {});
      assert.equal(event.verified, false);
      assert.equal(event.algorithm, 'none');
      assert.ok(event.notes.some((note) => note.includes('alg "none"')));
    });

    it('still checks the App ID', async () => {
      const token = await signWithJose(appInstalled({ appId: TEST_OTHER_APP_ID }), keys);
      await rejected(token, { expectedAppId: TEST_APP_ID }, 'app-id-mismatch');
    });

    it('notes an expired token without calling it accepted', async () => {
      const event = await decoded(await signExpired(appInstalled(), keys), {});
      assert.equal(event.expired, true);
      assert.ok(event.notes.some((note) => /expired at/.test(note) && !/accepted/.test(note)));
    });
  });

  it('never throws and never verifies what it cannot check, whatever the body', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 200 }), async (body) => {
      const result = await decodeWebhook(body, verifying());
      assert.equal(result.ok, false);
    }), { numRuns: 200 });
  });
});
