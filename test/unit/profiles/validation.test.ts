import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  validateApiKey,
  validateAppId,
  validateAppSecret,
  validateCatalogVersion,
  validateInstanceId,
  validateLabel,
  validateSiteUrl,
  validateStoreKey,
  MAX_LABEL_LENGTH,
} from '../../../src/core/profiles/validation';
import { errorOf, makeCanaries, valueOf } from './fixtures';

describe('profiles: validation', () => {
  describe('App ID and Instance ID', () => {
    it('accept a UUID with surrounding whitespace and normalise it to lower case', () => {
      fc.assert(
        fc.property(fc.uuid(), fc.constantFrom('', ' ', '\t', '\n', '  \r\n'), (uuid, pad) => {
          assert.equal(valueOf(validateAppId(`${pad}${uuid.toUpperCase()}${pad}`)), uuid.toLowerCase());
          assert.equal(valueOf(validateInstanceId(`${pad}${uuid}${pad}`)), uuid.toLowerCase());
        }),
      );
    });

    it('reject a UUID in braces, saying to drop the braces', () => {
      const error = errorOf(validateAppId('{1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d}'));
      assert.equal(error.kind, 'invalid-app-id');
      assert.match(error.message, /App ID must be a UUID like 1b2c/);
      assert.match(error.message, /without the braces/);
    });

    it('reject anything else with a message naming the field and an example', () => {
      for (const input of ['not-a-uuid', '1b2c3d4e5f604a7b8c9d0e1f2a3b4c5d', '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5', 'g1b2c3d4-5f60-4a7b-8c9d-0e1f2a3b4c5d', '1b2c3d4e 5f60-4a7b-8c9d-0e1f2a3b4c5d']) {
        const appId = errorOf(validateAppId(input));
        assert.equal(appId.kind, 'invalid-app-id', input);
        assert.match(appId.message, /^App ID must be a UUID like 1b2c/);
        const instance = errorOf(validateInstanceId(input));
        assert.equal(instance.kind, 'invalid-instance-id', input);
        assert.match(instance.message, /^Instance ID must be a UUID like 1b2c/);
      }
    });

    it('ask for a value when given only whitespace', () => {
      assert.match(errorOf(validateAppId('  \n')).message, /^Enter the App ID/);
    });

    it('never echo the input', () => {
      fc.assert(
        fc.property(fc.string({ minLength: 12 }).filter((s) => s.trim().length >= 12 && !/^[\s{}0-9a-f-]*$/i.test(s)), (input) => {
          const result = validateAppId(input);
          if (!result.ok) assert.ok(!result.error.message.includes(input.trim()));
        }),
      );
    });
  });

  describe('secrets', () => {
    const validators = [
      ['API key', validateApiKey, 'invalid-api-key'],
      ['App Secret Key', validateAppSecret, 'invalid-app-secret'],
      ['store key', validateStoreKey, 'invalid-store-key'],
    ] as const;

    for (const [name, validate, kind] of validators) {
      it(`${name}: trims and accepts a token, rejects empty or spaced values without echoing them`, () => {
        const canary = makeCanaries().apiKey;
        assert.equal(valueOf(validate(`  ${canary}\n`)), canary);
        const empty = errorOf(validate('   '));
        assert.equal(empty.kind, kind);
        assert.match(empty.message, /empty/);
        for (const spaced of [`${canary} ${canary}`, `${canary}\n${canary}`, `${canary}\t${canary}`]) {
          const error = errorOf(validate(spaced));
          assert.equal(error.kind, kind);
          assert.match(error.message, /spaces/);
          assert.ok(!error.message.includes(canary), 'the message must not repeat the secret');
        }
      });
    }

    for (const [name, validate, kind] of validators) {
      it(`${name}: refuses what no HTTP header can carry, naming the character and its position`, () => {
        const canary = makeCanaries().apiKey;
        const cases: [string, RegExp][] = [
          [`${canary.slice(0, 5)}\u200b${canary.slice(5)}`, /a zero-width space \(U\+200B\) at position 6\b/],
          [`${canary.slice(0, 12)}\u2026`, /an ellipsis "…" \(U\+2026\) at position 13\b.*shortened copy/],
          [`${canary}\u0007`, new RegExp(`a control character \\(U\\+0007\\) at position ${canary.length + 1}\\b`)],
          [`é${canary}`, /the character "é" \(U\+00E9\) at position 1\b/],
          [`${canary.slice(0, 3)}\u{1F511}${canary.slice(3)}`, /\(U\+1F511\) at position 4\b/],
        ];
        for (const [input, named] of cases) {
          const error = errorOf(validate(input));
          assert.equal(error.kind, kind);
          assert.match(error.message, named);
          assert.ok(!error.message.includes(canary) && !error.message.includes(canary.slice(0, 12)), 'the message must not repeat the secret');
        }
      });
    }

    it('accepts exactly the printable ASCII keys (property)', () => {
      fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 40, unit: 'binary' }), (input) => {
        const printable = /^[\x21-\x7e]+$/.test(input.trim());
        assert.equal(validateApiKey(input).ok, printable, JSON.stringify(input));
      }));
    });

    it('the App Secret Key need not be a UUID', () => {
      assert.equal(valueOf(validateAppSecret('abc123-not-a-uuid')), 'abc123-not-a-uuid');
    });
  });

  describe('label, site URL and catalog version', () => {
    it('an empty label means none; control characters become spaces; overlong labels are refused', () => {
      assert.equal(valueOf(validateLabel('   ')), undefined);
      assert.equal(valueOf(validateLabel(' My\nShop\u0007 ')), 'My Shop');
      assert.equal(valueOf(validateLabel('x'.repeat(MAX_LABEL_LENGTH))), 'x'.repeat(MAX_LABEL_LENGTH));
      assert.equal(errorOf(validateLabel('x'.repeat(MAX_LABEL_LENGTH + 1))).kind, 'invalid-label');
    });

    it('a site URL must be http(s) without credentials; empty means none', () => {
      assert.equal(valueOf(validateSiteUrl('')), undefined);
      assert.equal(valueOf(validateSiteUrl(' https://user.wixsite.com/shop ')), 'https://user.wixsite.com/shop');
      for (const bad of ['user.wixsite.com', 'ftp://example.com', 'javascript:alert(1)', 'https://a:b@example.com/']) {
        assert.equal(errorOf(validateSiteUrl(bad)).kind, 'invalid-site-url', bad);
      }
    });

    it('a catalog version is one of the values Wix returns', () => {
      assert.equal(valueOf(validateCatalogVersion('V3_CATALOG')), 'V3_CATALOG');
      const error = errorOf(validateCatalogVersion('V2_CATALOG'));
      assert.equal(error.kind, 'invalid-catalog-version');
      assert.match(error.message, /V1_CATALOG, V3_CATALOG, STORES_NOT_INSTALLED/);
    });
  });
});
