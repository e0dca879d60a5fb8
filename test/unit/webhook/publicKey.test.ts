import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { parsePublicKey } from '../../../src/core/webhook/publicKey';
import { generateTestKeys, type TestKeys } from '../../support/webhookSigning';

/** The base64 between the BEGIN and END lines. */
function pemBody(pem: string): string {
  return pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
}

describe('parsePublicKey', () => {
  let keys: TestKeys;
  before(() => {
    keys = generateTestKeys();
  });

  function assertNormalised(input: string): void {
    const result = parsePublicKey(input);
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    assert.equal(result.value.pem, keys.publicKeyPem);
  }

  it('accepts an SPKI PEM as is', () => {
    assertNormalised(keys.publicKeyPem);
  });

  it('accepts a PEM whose newlines became spaces in a one-line input box', () => {
    assertNormalised(keys.publicKeyPem.replace(/\n/g, ' '));
  });

  it('accepts a PEM whose newlines are literal \\n sequences, as .env files store it', () => {
    assertNormalised(keys.publicKeyPem.trim().replace(/\n/g, '\\n'));
    assertNormalised(keys.publicKeyPem.trim().replace(/\n/g, '\\r\\n'));
  });

  it('accepts a PEM with Windows line endings and surrounding blank space', () => {
    assertNormalised(`\n  ${keys.publicKeyPem.replace(/\n/g, '\r\n')}  \n`);
  });

  it('accepts base64 of a PEM', () => {
    assertNormalised(Buffer.from(keys.publicKeyPem).toString('base64'));
  });

  it('accepts the bare base64 body of an SPKI key', () => {
    assertNormalised(pemBody(keys.publicKeyPem));
  });

  it('converts a PKCS#1 "RSA PUBLIC KEY" PEM to SPKI', () => {
    const pkcs1 = keys.publicKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    assert.match(pkcs1, /BEGIN RSA PUBLIC KEY/);
    assertNormalised(pkcs1);
  });

  describe('rejects a private key without echoing it', () => {
    const pkcs8 = (): string => keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const cases: Array<[string, () => string]> = [
      ['PKCS#8 PEM', pkcs8],
      ['PKCS#1 "RSA PRIVATE KEY" PEM', () => keys.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()],
      ['PEM with spaces for newlines', () => pkcs8().replace(/\n/g, ' ')],
      ['base64 of the PEM', () => Buffer.from(pkcs8()).toString('base64')],
      ['bare base64 DER', () => pemBody(pkcs8())],
    ];
    for (const [name, make] of cases) {
      it(name, () => {
        const input = make();
        const result = parsePublicKey(input);
        assert.ok(!result.ok);
        assert.equal(result.error.kind, 'public-key-private');
        assert.match(result.error.message, /that is a private key; paste the public key/i);
        assert.equal(result.error.fix, 'setPublicKey');
        const body = pemBody(pkcs8());
        for (let i = 0; i + 16 <= body.length; i += 16) {
          assert.ok(!result.error.message.includes(body.slice(i, i + 16)), 'message must not contain key material');
        }
      });
    }
  });

  it('rejects an EC public key and says it must be RSA', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const result = parsePublicKey(ec);
    assert.ok(!result.ok);
    assert.equal(result.error.kind, 'public-key-not-rsa');
    assert.match(result.error.message, /EC, not RSA/);
  });

  it('rejects an Ed25519 key given as bare base64', () => {
    const ed = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const result = parsePublicKey(pemBody(ed));
    assert.ok(!result.ok);
    assert.equal(result.error.kind, 'public-key-not-rsa');
  });

  it('says the key is empty for blank input', () => {
    const result = parsePublicKey('  \n ');
    assert.ok(!result.ok);
    assert.equal(result.error.kind, 'public-key-empty');
  });

  for (const [name, input] of [
    ['prose', 'my app secret is hunter2'],
    ['base64 of prose', Buffer.from('hello, this is not a key').toString('base64')],
    ['a PEM with a corrupt body', '-----BEGIN PUBLIC KEY-----\nAAAAB3NzaC1yc2E=\n-----END PUBLIC KEY-----'],
    ['a PEM without its END line', '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkq'],
    ['a JWT', 'eyJhbGciOiJSUzI1NiJ9.eyJkYXRhIjoie30ifQ.c2ln'],
  ] as const) {
    it(`rejects ${name} as not a key, without echoing it`, () => {
      const result = parsePublicKey(input);
      assert.ok(!result.ok);
      assert.equal(result.error.kind, 'public-key-invalid');
      assert.ok(!result.error.message.includes(input));
    });
  }

  it('never throws, whatever it is given', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (input) => {
      const result = parsePublicKey(input);
      assert.equal(typeof result.ok, 'boolean');
    }), { numRuns: 300 });
  });
});
