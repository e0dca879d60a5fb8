import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeWebhook } from '../../../src/core/webhook/decodeWebhook';
import { buildWebhookClaims, createTestWebhook, postWebhook } from '../../../src/core/webhook/testWebhook';
import { TEST_OTHER_APP_ID } from '../../support/webhookSigning';

describe('test webhook ("Send Test Webhook")', () => {
  it('signs a sample AppInstalled event that verifies with the returned public key only', async () => {
    const { token, publicKeyPem } = await createTestWebhook({ appId: TEST_OTHER_APP_ID, instanceId: '11111111-0000-4000-8000-000000000001' });
    assert.match(publicKeyPem, /^-----BEGIN PUBLIC KEY-----\n/);
    assert.doesNotMatch(publicKeyPem + token, /PRIVATE/);
    const result = await decodeWebhook(token, { publicKeyPem, expectedAppId: TEST_OTHER_APP_ID });
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    assert.equal(result.value.eventType, 'AppInstalled');
    assert.equal(result.value.instanceId, '11111111-0000-4000-8000-000000000001');
    assert.equal(result.value.verified, true);

    const other = await createTestWebhook({ appId: TEST_OTHER_APP_ID });
    const crossed = await decodeWebhook(token, { publicKeyPem: other.publicKeyPem });
    assert.ok(!crossed.ok);
    assert.equal(crossed.error.kind, 'signature');
  });

  it('makes up an instance id when none is given', async () => {
    const { token, publicKeyPem } = await createTestWebhook({ appId: TEST_OTHER_APP_ID });
    const result = await decodeWebhook(token, { publicKeyPem });
    assert.ok(result.ok);
    assert.match(result.value.instanceId, /^[0-9a-f-]{36}$/);
  });

  it('builds the doubly-encoded claims Wix sends', () => {
    const claims = buildWebhookClaims({ appId: 'a', instanceId: 'i', eventType: 'AppRemoved', identity: { identityType: 'WIX_USER' } });
    const event = JSON.parse(claims.data) as Record<string, string>;
    assert.equal(event.eventType, 'AppRemoved');
    assert.equal(event.instanceId, 'i');
    assert.deepEqual(JSON.parse(event.data), { appId: 'a', originInstanceId: '' });
    assert.deepEqual(JSON.parse(event.identity), { identityType: 'WIX_USER' });
  });

  describe('postWebhook', () => {
    it('POSTs the body as text/plain and returns any status as a value', async () => {
      const seen: Array<{ method?: string; type?: string; body: string }> = [];
      const server = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => {
          seen.push({ method: req.method, type: req.headers['content-type'], body });
          res.writeHead(400).end('nope');
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = server.address() as AddressInfo;
        const result = await postWebhook(`http://127.0.0.1:${port}/webhook`, 'a.b.c');
        assert.ok(result.ok);
        assert.deepEqual(result.value, { status: 400, body: 'nope' });
        assert.deepEqual(seen, [{ method: 'POST', type: 'text/plain', body: 'a.b.c' }]);
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });

    it('gives a Problem when nothing listens', async () => {
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      await new Promise((resolve) => server.close(resolve));
      const result = await postWebhook(`http://127.0.0.1:${port}/webhook`, 'x');
      assert.ok(!result.ok);
      assert.equal(result.error.kind, 'webhook-post-failed');
      assert.match(result.error.message, /ECONNREFUSED.*receiver running/);
    });
  });
});
