import assert from 'node:assert/strict';
import { decodeWebhook } from '../../../src/core/webhook/decodeWebhook';
import { APP_INSTALLATION_ENTITY } from '../../../src/core/webhook/installationEvent';
import { claimsWithEvent, generateTestKeys, signWithJose, TEST_APP_ID, TEST_INSTANCE_ID } from '../../support/webhookSigning';

/** Wix's standard event envelope around an app installation (FACTS.md, 2026-12-01). */
function installation(slug: 'created' | 'updated', envelope: Record<string, unknown>, entity: Record<string, unknown> = {}): { data: string } {
  const change = slug === 'created' ? { createdEvent: { entity } } : { updatedEvent: { currentEntity: entity } };
  return claimsWithEvent({
    ...envelope,
    data: JSON.stringify({ id: 'e-1', entityFqdn: APP_INSTALLATION_ENTITY, slug, entityId: 'inst-entity-1', eventTime: '2026-12-01T10:00:00Z', ...change }),
  });
}

describe('Wix\'s newer App Installation events', () => {
  const keys = generateTestKeys();
  const decode = async (claims: { data: string }, expectedAppId = TEST_APP_ID) =>
    decodeWebhook(await signWithJose(claims, keys), { publicKeyPem: keys.publicKeyPem, expectedAppId });

  it('takes the instance id from the envelope, as an install event', async () => {
    const r = await decode(installation('created', { eventType: 'wix.app.installations.v1.app_installation_created', instanceId: TEST_INSTANCE_ID }, { appId: TEST_APP_ID }));
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.equal(r.value.instanceId, TEST_INSTANCE_ID);
    assert.equal(r.value.install, true);
    assert.equal(r.value.verified, true);
    assert.equal(r.value.eventType, 'wix.app.installations.v1.app_installation_created');
  });

  it('takes it from the entity when the envelope has none, and names the type by its slug', async () => {
    const r = await decode(installation('updated', {}, { instanceId: TEST_INSTANCE_ID, appId: TEST_APP_ID }));
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.equal(r.value.instanceId, TEST_INSTANCE_ID);
    assert.equal(r.value.eventType, 'AppInstallationUpdated');
    assert.equal(r.value.install, true);
  });

  it('refuses one for another app, and one with no instance id anywhere', async () => {
    const other = await decode(installation('created', { instanceId: TEST_INSTANCE_ID }, { appId: '99999999-2222-4333-8444-555555555555' }));
    assert.ok(!other.ok && other.error.kind === 'app-id-mismatch');
    const none = await decode(installation('created', {}, {}));
    assert.ok(!none.ok && none.error.kind === 'missing-instance-id');
  });

  it('a plain event with another entity is no install event', async () => {
    const r = await decode(claimsWithEvent({ eventType: 'SomethingElse', instanceId: TEST_INSTANCE_ID, data: JSON.stringify({ entityFqdn: 'wix.stores.v1.product', appId: TEST_APP_ID }) }));
    assert.ok(r.ok);
    assert.equal(r.value.install, undefined);
  });
});
