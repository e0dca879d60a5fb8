import assert from 'node:assert/strict';
import { buildInstallLink, installedPageUrl, readShareLink } from '../../../src/core/install';

const APP = '11111111-2222-4333-8444-555555555555';
const INSTALLER = 'https://www.wix.com/app-installer';

describe('install link', () => {
  it('adds appId and the encoded postInstallationUrl to the installer', () => {
    const link = new URL(buildInstallLink(INSTALLER, APP, 'https://x.example/proxy/8787/installed/abc_-1'));
    assert.equal(link.origin + link.pathname, INSTALLER);
    assert.equal(link.searchParams.get('appId'), APP);
    assert.equal(link.searchParams.get('postInstallationUrl'), 'https://x.example/proxy/8787/installed/abc_-1');
    assert.match(link.search, /postInstallationUrl=https%3A%2F%2Fx\.example%2Fproxy%2F8787%2Finstalled%2Fabc_-1/);
  });

  it('keeps a pasted share link\'s parameters and replaces an old postInstallationUrl', () => {
    const shared = `https://www.wix.com/app-installer?appId=${APP}&shareUrlId=s-9&postInstallationUrl=https%3A%2F%2Fold`;
    const link = new URL(buildInstallLink(shared, APP, 'http://127.0.0.1:8787/installed/st'));
    assert.equal(link.searchParams.get('shareUrlId'), 's-9');
    assert.deepEqual(link.searchParams.getAll('appId'), [APP]);
    assert.deepEqual(link.searchParams.getAll('postInstallationUrl'), ['http://127.0.0.1:8787/installed/st']);
  });

  it('carries the state in the path of the redirect, never in a query', () => {
    const url = installedPageUrl('http://127.0.0.1:8787/webhook', 'st-1');
    assert.equal(url, 'http://127.0.0.1:8787/installed/st-1');
  });

  describe('a pasted share link', () => {
    it('accepts a Wix address carrying the stored App ID', () => {
      const r = readShareLink(` https://www.wix.com/app-installer?appId=${APP}&shareUrlId=x `, INSTALLER, APP);
      assert.ok(r.ok);
      assert.match(r.value, /shareUrlId=x/);
    });
    it('accepts the configured installer (a stub) as well', () => {
      assert.ok(readShareLink(`http://127.0.0.1:9/app-installer?appId=${APP}`, 'http://127.0.0.1:9/app-installer', APP).ok);
    });
    const refused: Array<[string, string]> = [
      ['not an address', 'share-link-not-url'],
      [`https://evil.example/app-installer?appId=${APP}`, 'share-link-not-wix'],
      [`https://wix.com.evil.example/?appId=${APP}`, 'share-link-not-wix'],
      [`http://www.wix.com/app-installer?appId=${APP}`, 'share-link-not-wix'],
      ['https://www.wix.com/app-installer?shareUrlId=x', 'share-link-no-app-id'],
      ['https://www.wix.com/app-installer?appId=99999999-2222-4333-8444-555555555555', 'share-link-other-app'],
    ];
    for (const [text, kind] of refused) {
      it(`refuses ${text} (${kind}) with the reason`, () => {
        const r = readShareLink(text, INSTALLER, APP);
        assert.ok(!r.ok);
        assert.equal(r.error.kind, kind);
        assert.ok(r.error.message.length > 10);
      });
    }
  });
});
