import { strict as assert } from 'node:assert';
import { formatClockTime, profileDisplayName, profileNameWithId, shortInstanceId } from '../../../src/core/profiles';
import { eventName } from '../../../src/core/webhook/eventName';

const ID = '3d179505-8c2e-4b1a-9f00-1234567890ab';

describe('display: names, not ids', () => {
  it('names a store by its label, else its site\'s host; an id only beside a name, as "name (3d17…)"', () => {
    assert.equal(profileDisplayName({ instanceId: ID, label: 'Shop A' }), 'Shop A');
    assert.equal(profileDisplayName({ instanceId: ID, siteUrl: 'https://shop.example.com/store' }), 'shop.example.com');
    assert.equal(profileNameWithId({ instanceId: ID, label: 'Shop A' }), 'Shop A (3d17…)');
    assert.equal(profileNameWithId({ instanceId: ID, siteUrl: 'https://shop.example.com' }), 'shop.example.com (3d17…)');
  });

  it('before Wix has named the site: "Wix site (3d17…)", never "Instance 3d179505…"', () => {
    assert.equal(profileDisplayName({ instanceId: ID }), 'Wix site (3d17…)');
    assert.equal(profileNameWithId({ instanceId: ID }), 'Wix site (3d17…)');
    assert.equal(profileDisplayName({ instanceId: ID, siteUrl: 'not a url' }), 'Wix site (3d17…)');
    assert.equal(shortInstanceId(ID), '3d17…');
  });

  it('spells event types as the app dashboard does, and clock times one way', () => {
    assert.equal(eventName('AppInstalled'), 'App Installed');
    assert.equal(eventName('AppRemoved'), 'App Removed');
    const at = new Date(2026, 11, 1, 9, 5, 42);
    assert.equal(formatClockTime(at, 'en-GB'), '09:05');
  });
});
