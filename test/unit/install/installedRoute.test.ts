import assert from 'node:assert/strict';
import { answerInstalledRedirect, createInstallStateStore, type InstallTriple } from '../../../src/core/install';
import { decodeWebhook } from '../../../src/core/webhook/decodeWebhook';
import { startWebhookReceiver, type WebhookReceiver } from '../../../src/core/webhook/receiver';
import { postWebhook } from '../../../src/core/webhook/testWebhook';
import { appInstalled, generateTestKeys, signWithJose, TEST_APP_ID } from '../../support/webhookSigning';

const INSTANCE = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const TENANT = 'bbbbbbbb-cccc-4ddd-8eee-ffffffffffff';
const good = `appId=${TEST_APP_ID}&tenantId=${TENANT}&instanceId=${INSTANCE}`;

describe('receiver: GET /installed/<state>', () => {
  const keys = generateTestKeys();
  let receiver: WebhookReceiver;
  let states: ReturnType<typeof createInstallStateStore>;
  let taken: InstallTriple[];
  const origin = (): string => new URL(receiver.url).origin;

  beforeEach(async () => {
    states = createInstallStateStore();
    taken = [];
    const started = await startWebhookReceiver({
      host: '127.0.0.1', port: 0, path: '/webhook',
      decode: (body) => decodeWebhook(body, { publicKeyPem: keys.publicKeyPem, expectedAppId: TEST_APP_ID }),
      onDelivery: () => undefined,
      onInstalled: (state, query) => {
        const answer = answerInstalledRedirect(states, state, query);
        if (answer.triple) taken.push(answer.triple);
        return answer;
      },
    });
    assert.ok(started.ok);
    receiver = started.value;
  });
  afterEach(() => receiver.stop());

  it('takes a redirect with an issued state once, with a static page under a strict CSP', async () => {
    const state = states.issue(TEST_APP_ID);
    const res = await fetch(`${origin()}/installed/${state}?${good}`);
    assert.equal(res.status, 200);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /script-src/);
    const html = await res.text();
    assert.match(html, /reached VS Code/);
    assert.doesNotMatch(html, /<script|\son\w+=/i);
    assert.deepEqual(taken, [{ appId: TEST_APP_ID, instanceId: INSTANCE, tenantId: TENANT }]);
    const replay = await fetch(`${origin()}/installed/${state}?${good}`);
    assert.equal(replay.status, 410);
    assert.equal(taken.length, 1);
  });

  it('bad input gets a clear page, stores nothing, and webhooks are still answered', async () => {
    const state = states.issue(TEST_APP_ID);
    const bad = [
      `/installed/never-issued?${good}`,
      `/installed/${state}`,
      `/installed/${state}?appId=99999999-2222-4333-8444-555555555555&tenantId=${TENANT}&instanceId=${INSTANCE}`,
      `/installed/${state}?appId=${TEST_APP_ID}&tenantId=${TENANT}&instanceId=not-a-uuid`,
      `/installed/${state}?${Array(100).fill(good).join('&')}`,
      `/installed/${state}?${good}&x=${'a'.repeat(10_240)}`,
      `/installed/${state}%2F..%2Fwebhook?${good}`,
      `/installed/?${good}`,
    ];
    for (const path of bad) {
      const res = await fetch(`${origin()}${path}`);
      assert.ok(res.status >= 400 && res.status < 500, `${path.slice(0, 60)}: ${res.status}`);
      const html = await res.text();
      assert.match(html, /<h1>[^<]+<\/h1>/);
      assert.ok(!html.includes(INSTANCE) && !html.includes('not-a-uuid'));
    }
    // A thousand repeats outgrow Node's header limit: refused by node:http itself (431).
    const huge = await fetch(`${origin()}/installed/${state}?${Array(1000).fill(good).join('&')}`);
    assert.equal(huge.status, 431);
    assert.deepEqual(taken, []);
    const webhook = await postWebhook(receiver.url, await signWithJose(appInstalled(), keys));
    assert.ok(webhook.ok && webhook.value.status === 200);
    const late = await fetch(`${origin()}/installed/${state}?${good}`);
    assert.equal(late.status, 200, 'the refused attempts did not use the state up');
  });

  it('answers only GET on the route', async () => {
    const res = await fetch(`${origin()}/installed/${states.issue(TEST_APP_ID)}?${good}`, { method: 'POST', body: 'x' });
    assert.equal(res.status, 405);
    assert.deepEqual(taken, []);
  });
});
