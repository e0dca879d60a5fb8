import { strict as assert } from 'node:assert';
import { deliveryRows, DELIVERIES_VIEW_CAP, type DeliveryInput } from '../../../src/core/views/deliveriesTree';
import { requestRows } from '../../../src/core/views/requestsTree';
import { otherAccountStores, storeRows, storeTooltip, type ProfileInput } from '../../../src/core/views/storesTree';

const profile = (id: string, extra: Partial<ProfileInput> = {}): ProfileInput => ({ id, instanceId: id, removed: false, hasStoreKey: true, ...extra });

describe('Stores view model', () => {
  it('gives each profile its state: connected, not added, removed, error after a failed check', () => {
    const checks = new Map([['c', { at: new Date(0), ok: false, message: 'API2Cart cannot reach the store' }], ['a', { at: new Date(0), ok: true }]]);
    const rows = storeRows([profile('a'), profile('b', { hasStoreKey: false }), profile('r', { removed: true }), profile('c')], 'b', checks);
    assert.deepEqual(rows.map((r) => [r.profileId, r.state, r.active]), [['a', 'connected', false], ['b', 'not-added', true], ['r', 'removed', false], ['c', 'error', false]]);
  });

  it('names a store by label, else host; the tooltip has the instance id and the last check', () => {
    const [row] = storeRows([profile('1111-2222', { siteUrl: 'https://shop.example.com/' })], '1111-2222', new Map([['1111-2222', { at: new Date(0), ok: true }]]));
    assert.equal(row!.name, 'shop.example.com');
    const tip = storeTooltip(row!, (s) => s, () => 'T');
    assert.match(tip, /Instance ID: 1111-2222/);
    assert.match(tip, /Last check: T, connected/);
    assert.match(tip, /Active store/);
  });

  it('the tooltip gives the app version the last check read from Wix', () => {
    const [row] = storeRows([profile('a')], undefined, new Map([['a', { at: new Date(0), ok: true, appVersion: '3.1.0' }]]));
    assert.match(storeTooltip(row!, (s) => s, () => 'T'), /Last check: T, connected; app version 3\.1\.0/);
  });

  it('leaves out account stores a profile holds, matched by store key, and keeps keys out of the rows', () => {
    const carts = [
      { id: '1', url: 'https://b.example', storeKey: 'KEY-MINE', cartId: 'Wix' },
      { id: '2', url: 'https://shopify.example', storeKey: 'KEY-OTHER', cartId: 'Shopify', customLabel: 'Main Shopify' },
      { url: 'https://a.example', cartId: 'Magento', storeKey: 'KEY-THIRD' },
    ];
    const { rows, keys } = otherAccountStores(carts, new Set(['KEY-MINE']));
    assert.deepEqual(rows.map((r) => [r.accountId, r.name, r.platform]), [['https://a.example', 'a.example', 'Magento'], ['2', 'Main Shopify', 'Shopify']]);
    assert.equal(keys.get('2'), 'KEY-OTHER');
    assert.ok(!JSON.stringify(rows).includes('KEY-'), 'no store key in a row');
  });

  it('keeps two account stores with the same id apart', () => {
    const { rows, keys } = otherAccountStores([{ id: 'x', storeKey: 'k1' }, { id: 'x', storeKey: 'k2' }], new Set());
    assert.equal(new Set(rows.map((r) => r.accountId)).size, 2);
    assert.equal(keys.size, 2);
  });
});

describe('Webhook Deliveries view model', () => {
  const d = (trust: DeliveryInput['trust'], eventType?: string): DeliveryInput => ({ receivedAt: new Date(0), status: trust === 'rejected' ? 401 : 200, duplicate: false, trust, ...(eventType ? { eventType, instanceId: 'i-1' } : {}) });

  it('offers the instance id only for a real install event', () => {
    const rows = deliveryRows([d('verified', 'AppInstalled'), d('not-verified', 'AppInstalled'), d('test-key', 'AppInstalled'), d('verified', 'AppRemoved'), d('rejected')]);
    assert.deepEqual(rows.map((r) => [r.label, r.canUseInstanceId]), [['App Installed', true], ['App Installed', true], ['App Installed', false], ['App Removed', false], ['rejected', false]]);
  });

  it('names the store by its site name or URL where a profile knows it, else by a short instance id', () => {
    const at = (instanceId: string): DeliveryInput => ({ ...d('verified', 'AppInstalled'), instanceId });
    const stores = new Map([
      ['3d179505-aaaa', { instanceId: '3d179505-aaaa', label: 'Canary Crafts' }],
      ['77aa0000-bbbb', { instanceId: '77aa0000-bbbb', siteUrl: 'https://shop.example.com/' }],
    ]);
    const rows = deliveryRows([at('3d179505-aaaa'), at('77aa0000-bbbb'), at('9f00cafe-cccc')], stores);
    assert.deepEqual(rows.map((r) => r.store), ['Canary Crafts (3d17…)', 'shop.example.com (77aa…)', 'Instance ID 9f00…']);
  });

  it('is capped, keeping the newest', () => {
    const many = Array.from({ length: DELIVERIES_VIEW_CAP + 10 }, (_, i) => ({ ...d('verified', 'AppInstalled'), status: i }));
    const rows = deliveryRows(many);
    assert.equal(rows.length, DELIVERIES_VIEW_CAP);
    assert.equal(rows[0]!.status, 0);
  });
});

describe('Requests view model', () => {
  it('lists files by path with their newest runs under each; a run of an unsaved file keeps a row', () => {
    const run = (id: number, requestUri: string) => ({ id, requestUri, title: `run ${id}`, storeName: 's', at: new Date(id) });
    const rows = requestRows(
      [{ uri: 'file:///w/b.api2cart.json', relativePath: 'b.api2cart.json' }, { uri: 'file:///w/x/a.api2cart.json', relativePath: 'x/a.api2cart.json' }],
      [run(3, 'file:///w/b.api2cart.json'), run(2, 'untitled:c.api2cart.json'), run(1, 'file:///w/b.api2cart.json')],
      1,
    );
    assert.deepEqual(rows.map((r) => [r.name, r.folder, r.runs.map((x) => x.id)]), [['b.api2cart.json', '', [3]], ['c.api2cart.json', '', [2]], ['a.api2cart.json', 'x', []]]);
  });
});
