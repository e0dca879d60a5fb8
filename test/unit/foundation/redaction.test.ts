import { strict as assert } from 'node:assert';
import { createRedactor, MASK } from '../../../src/core/redaction';

describe('redaction', () => {
  it('masks every registered secret wherever it appears', () => {
    const r = createRedactor();
    r.setSecrets('apiKey', ['canary-api-key-123']);
    r.setSecrets('appSecret', ['canary-app-secret-456', undefined]);
    assert.equal(r.redact('key=canary-api-key-123&s=canary-app-secret-456 canary-api-key-123'),
      `key=${MASK}&s=${MASK} ${MASK}`);
  });

  it('replaces a source instead of accumulating stale values', () => {
    const r = createRedactor();
    r.setSecrets('apiKey', ['first-secret-value']);
    r.setSecrets('apiKey', ['second-secret-value']);
    assert.equal(r.redact('first-secret-value second-secret-value'), `first-secret-value ${MASK}`);
  });

  it('masks a longer secret whole when it contains a shorter one', () => {
    const r = createRedactor();
    r.setSecrets('a', ['abcdefgh']);
    r.setSecrets('b', ['abcdefgh-ijklmnop']);
    assert.equal(r.redact('x abcdefgh-ijklmnop y'), `x ${MASK} y`);
  });

  it('ignores values too short to be secrets', () => {
    const r = createRedactor();
    r.setSecrets('a', ['the', '']);
    assert.equal(r.redact('the cat'), 'the cat');
  });
});
