import { strict as assert } from 'node:assert';
import { computeDrift, DRIFT_NOTE, formatDriftText } from '../../../src/core/permissions/drift';
import { parsePlanSnapshot, takePlanSnapshot } from '../../../src/core/permissions/snapshot';
import { parseProfilesDocument, serializeProfilesDocument } from '../../../src/core/profiles/profileDocument';
import { clauseLabel, planScopes, type MethodName } from '../../../src/core/scopes';
import { INSTANCE_A, newService, valueOf } from '../profiles/fixtures';

const clausesOf = (methods: readonly MethodName[]) => planScopes(methods).clauses.map((c) => c.anyOf);
const labels = (clauses: readonly (readonly string[])[]) => clauses.map((c) => c.join(' or '));
const AT = new Date('2025-02-03T10:00:00.000Z');

describe('permissions: scope drift', () => {
  it('lists the permissions added and removed since the snapshot', () => {
    const snapshot = takePlanSnapshot(['order.list', 'cart.coupon.list'], AT);
    const drift = computeDrift(snapshot.clauses, clausesOf(['order.list', 'customer.list']));
    assert.deepEqual(labels(drift.added), ['Read Contacts']);
    assert.deepEqual(labels(drift.removed), ['Manage Coupons']);
    assert.equal(drift.unchanged, 3);
  });

  it('compares "A or B" entries as one permission, as the planner lists them', () => {
    const before = clausesOf(['product.find']);
    const drift = computeDrift(before, clausesOf(['product.find', 'product.info']));
    assert.deepEqual(labels(drift.added), ['Read inventory in v3 catalog']);
    assert.ok(before.some((c) => clauseLabel(c) === 'Product v3 read admin or Read products in v3 catalog'));
    assert.deepEqual(drift.removed, []);
  });

  it('finds no drift when the plan asks for the same permissions', () => {
    const snapshot = takePlanSnapshot(['order.list'], AT);
    const drift = computeDrift(snapshot.clauses, clausesOf(['order.info', 'order.count']));
    assert.deepEqual([drift.added, drift.removed, drift.unchanged], [[], [], 3]);
    assert.match(formatDriftText(drift, 'Canary Crafts', snapshot), /None: the plan asks for the same permissions\./);
  });

  it('copies as text with the store, the date and the approval note', () => {
    const snapshot = takePlanSnapshot(['order.list', 'cart.coupon.list'], AT);
    const text = formatDriftText(computeDrift(snapshot.clauses, clausesOf(['order.list', 'customer.list'])), 'Canary Crafts', snapshot);
    assert.equal(
      text,
      [
        'Wix permission changes for Canary Crafts since it was added (2025-02-03):',
        '',
        'Added (1):',
        '+ Read Contacts',
        '',
        'Removed (1):',
        '- Manage Coupons',
        '',
        DRIFT_NOTE,
        '',
      ].join('\n'),
    );
    assert.match(DRIFT_NOTE, /^Added permissions need a new app version and the site owner's approval\./);
  });
});

describe('permissions: the plan snapshot kept with a store profile', () => {
  it('takes the plan\'s methods and required permissions with the time', () => {
    const snapshot = takePlanSnapshot(['order.list', 'order.list', 'cart.info'], AT);
    assert.deepEqual(snapshot, { takenAt: '2025-02-03T10:00:00.000Z', methods: ['cart.info', 'order.list'], clauses: clausesOf(['cart.info', 'order.list']) });
    assert.deepEqual(parsePlanSnapshot(JSON.parse(JSON.stringify(snapshot))), snapshot);
  });

  it('refuses anything that is not exactly a snapshot', () => {
    const good = { takenAt: '2025-02-03T10:00:00.000Z', methods: ['order.list'], clauses: [['Read Orders']] };
    const bad: unknown[] = [
      undefined,
      null,
      [],
      'snapshot',
      { ...good, extra: 1 },
      { ...good, takenAt: 'yesterday' },
      { ...good, takenAt: '2025-13-45T99:00:00.000Z' },
      { ...good, methods: ['order.drop'] },
      { ...good, methods: 'order.list' },
      { ...good, clauses: [[]] },
      { ...good, clauses: [['Read Everything']] },
      { ...good, clauses: ['Read Orders'] },
      { ...good, clauses: Array(101).fill(['Read Orders']) },
      { takenAt: good.takenAt, methods: good.methods },
    ];
    for (const raw of bad) assert.equal(parsePlanSnapshot(raw), undefined, JSON.stringify(raw));
    assert.ok(parsePlanSnapshot(good));
  });

  it('survives the profiles document round trip; an unreadable one is dropped, the profile kept', () => {
    const snapshot = takePlanSnapshot(['order.list'], AT);
    const text = serializeProfilesDocument({ profiles: [{ instanceId: INSTANCE_A, removed: false, planSnapshot: snapshot }] });
    assert.deepEqual(parseProfilesDocument(text).document.profiles[0]?.planSnapshot, snapshot);

    const tampered = JSON.parse(text);
    tampered.profiles[0].planSnapshot.clauses = [['<script>']];
    const parsed = parseProfilesDocument(JSON.stringify(tampered));
    assert.equal(parsed.health, 'readable');
    assert.deepEqual(parsed.document.profiles, [{ instanceId: INSTANCE_A, removed: false }]);
  });

  it('is kept by the profile service, and kept across later profile updates', async () => {
    const { service } = newService();
    valueOf(await service.upsertProfileByInstanceId(INSTANCE_A));
    const snapshot = takePlanSnapshot(['customer.list'], AT);
    const saved = valueOf(await service.setPlanSnapshot(INSTANCE_A, snapshot));
    assert.deepEqual(saved.planSnapshot, snapshot);
    valueOf(await service.updateProfile(INSTANCE_A, { label: 'Renamed' }));
    valueOf(await service.upsertProfileByInstanceId(INSTANCE_A, { label: 'Again' }));
    assert.deepEqual(valueOf(await service.getProfile(INSTANCE_A))?.planSnapshot, snapshot);
    assert.equal(valueOf(await service.setPlanSnapshot(INSTANCE_A, undefined)).planSnapshot, undefined);
    const missing = await service.setPlanSnapshot('0a1b2c3d-4e5f-4a6b-8c7d-000000000000', snapshot);
    assert.equal(missing.ok, false);
  });
});
