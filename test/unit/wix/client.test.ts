import * as assert from 'node:assert/strict';
import { classifyTokenRejection, createWixClient } from '../../../src/core/wix/client';
import type { WixProblem } from '../../../src/core/wix/types';
import type { Result } from '../../../src/core/result';
import { startWixStub, WIX_TOKEN_REJECTIONS, type WixStub } from '../../support/stubs/wixStub';

const APP_SECRET = `secret-${Math.random().toString(36).slice(2)}`;
const credentials = { appId: 'app-id-1', appSecret: APP_SECRET, instanceId: 'instance-1' };

function problemOf<T>(result: Result<T, WixProblem>): WixProblem {
  assert.equal(result.ok, false, 'expected a failure');
  if (result.ok) throw new Error('unreachable');
  assert.ok(!result.error.message.includes(APP_SECRET), `secret leaked: ${result.error.message}`);
  return result.error;
}

describe('Wix client', () => {
  let stub: WixStub;
  const logLines: string[] = [];
  const client = (timeoutMs?: number) => createWixClient({ baseUrl: stub.url, timeoutMs, log: (l) => logLines.push(l) });

  beforeEach(async () => {
    stub = await startWixStub({
      ...credentials,
      siteDisplayName: 'My Shop',
      siteUrl: 'https://myshop.example',
      permissions: ['WIX_STORES.READ_PRODUCTS'],
      catalogVersion: 'V1_CATALOG',
    });
  });
  afterEach(async () => {
    await stub.close();
    assert.deepEqual(stub.violations, []);
    for (const line of logLines) {
      assert.ok(!line.includes(APP_SECRET) && !stub.issuedTokens.some((t) => line.includes(t)), `log leaked: ${line}`);
    }
    logLines.length = 0;
  });

  describe('access token', () => {
    it('posts the client-credentials triple and returns the token', async () => {
      const result = await client().getAccessToken(credentials);
      assert.ok(result.ok);
      assert.equal(result.value.accessToken, stub.issuedTokens[0]);
      assert.equal(result.value.expiresInSeconds, 14400);
      assert.deepEqual(stub.callsTo('token')[0]?.body, {
        grant_type: 'client_credentials',
        client_id: 'app-id-1',
        client_secret: APP_SECRET,
        instance_id: 'instance-1',
      });
    });

    it('says the App ID or secret is wrong when Wix points at the client', async () => {
      const problem = problemOf(await client().getAccessToken({ ...credentials, appSecret: 'wrong-secret' }));
      assert.equal(problem.kind, 'wix-app-credentials');
      assert.equal(problem.fix, 'setAppCredentials');
      assert.equal(problem.status, 401);
    });

    it('says the instance is wrong or the app not installed when Wix points at the instance', async () => {
      const problem = problemOf(await client().getAccessToken({ ...credentials, instanceId: 'other' }));
      assert.equal(problem.kind, 'wix-instance');
      assert.equal(problem.fix, 'setInstanceId');
      assert.match(problem.message, /not installed/);
    });

    it('names both possibilities when Wix does not say which part is wrong', async () => {
      stub.setOutcome('token', WIX_TOKEN_REJECTIONS.unexplained);
      const problem = problemOf(await client().getAccessToken(credentials));
      assert.equal(problem.kind, 'wix-credentials-rejected');
      assert.match(problem.message, /App ID \/ App Secret Key is wrong/);
      assert.match(problem.message, /Instance ID is wrong/);
      assert.match(problem.message, /Bad request/, 'shows what Wix said');
    });

    it('treats 5xx as a retryable server error, not a credentials problem', async () => {
      stub.setOutcome('token', { kind: 'json', status: 503, body: { message: 'unavailable' } });
      const problem = problemOf(await client().getAccessToken(credentials));
      assert.equal(problem.kind, 'http-status');
      assert.equal(problem.fix, 'retry');
    });

    it('reports a 200 without access_token and a non-JSON answer', async () => {
      stub.setOutcome('token', { kind: 'json', body: { token_type: 'Bearer' } }, { kind: 'text', body: '<html/>' });
      assert.equal(problemOf(await client().getAccessToken(credentials)).kind, 'wix-bad-response');
      assert.equal(problemOf(await client().getAccessToken(credentials)).kind, 'http-not-json');
    });

    it('times out', async () => {
      stub.setOutcome('token', { kind: 'hang' });
      assert.equal(problemOf(await client(150).getAccessToken(credentials)).kind, 'http-timeout');
    });
  });

  describe('app instance and catalog version', () => {
    const token = async () => {
      const result = await client().getAccessToken(credentials);
      assert.ok(result.ok);
      return result.value.accessToken;
    };

    it('reads site name, URL and permissions, sending the bare token', async () => {
      const accessToken = await token();
      const result = await client().getAppInstance(accessToken);
      assert.ok(result.ok);
      assert.equal(result.value.siteName, 'My Shop');
      assert.equal(result.value.siteUrl, 'https://myshop.example');
      assert.equal(result.value.instanceId, 'instance-1');
      assert.deepEqual(result.value.permissions, ['WIX_STORES.READ_PRODUCTS']);
      assert.equal(stub.callsTo('instance')[0]?.headers.authorization, accessToken);
    });

    it('reports a refused token as a missing permission', async () => {
      const problem = problemOf(await client().getAppInstance('not-a-token'));
      assert.equal(problem.kind, 'wix-forbidden');
      assert.match(problem.message, /Manage Your App/);
    });

    it('reports an answer without an instance', async () => {
      stub.setOutcome('instance', { kind: 'json', body: { site: {} } });
      assert.equal(problemOf(await client().getAppInstance(await token())).kind, 'wix-bad-response');
    });

    for (const version of ['V1_CATALOG', 'V3_CATALOG', 'STORES_NOT_INSTALLED'] as const) {
      it(`reads catalogVersion ${version}`, async () => {
        stub.setOutcome('catalogVersion', { kind: 'json', body: { catalogVersion: version } });
        const result = await client().getCatalogVersion(await token());
        assert.deepEqual(result, { ok: true, value: version });
      });
    }

    it('rejects an unknown catalogVersion instead of guessing', async () => {
      stub.setOutcome('catalogVersion', { kind: 'json', body: { catalogVersion: 'V9_CATALOG' } });
      assert.equal(problemOf(await client().getCatalogVersion(await token())).kind, 'wix-bad-response');
    });

    it('does not name a permission for a refused catalog-version call', async () => {
      stub.setOutcome('catalogVersion', { kind: 'json', status: 403, body: {} });
      const problem = problemOf(await client().getCatalogVersion(await token()));
      assert.equal(problem.kind, 'wix-forbidden');
      assert.match(problem.message, /a permission this call needs/);
    });
  });
});

describe('classifyTokenRejection', () => {
  const cases: [string, unknown, string][] = [
    ['OAuth invalid_client', { error: 'invalid_client' }, 'wix-app-credentials'],
    ['message about the secret', { message: 'Invalid client secret' }, 'wix-app-credentials'],
    ['application error code', { details: { applicationError: { code: 'INSTANCE_NOT_FOUND', description: '' } } }, 'wix-instance'],
    ['app not installed', { error_description: 'App is not installed on site' }, 'wix-instance'],
    ['both hinted', { error: 'invalid_client', message: 'instance mismatch' }, 'wix-credentials-rejected'],
    ['empty body', {}, 'wix-credentials-rejected'],
    ['not an object', 'oops', 'wix-credentials-rejected'],
  ];
  for (const [name, body, kind] of cases) {
    it(`${name} → ${kind}`, () => {
      assert.equal(classifyTokenRejection(400, body, [APP_SECRET]).kind, kind);
    });
  }

  it('redacts the secret when Wix echoes it', () => {
    const problem = classifyTokenRejection(400, { error_description: `client_secret ${APP_SECRET} is invalid` }, [APP_SECRET]);
    assert.ok(!problem.message.includes(APP_SECRET));
    assert.match(problem.message, /\[redacted\]/);
  });
});
