import assert from 'node:assert/strict';
import { RETURN_CODES } from '../../../src/core/api2cart/returnCodes';
import { takePlanSnapshot } from '../../../src/core/permissions/snapshot';
import type { EntityCheck, VerificationResult } from '../../../src/core/permissions/types';
import type { HostToWebview } from '../../../src/shared/scopePlannerProtocol';
import { ScopePlannerController, buildPlannerState, type PlannerHost } from '../../../src/vscode/scopePlanner/plannerController';
import type { PlannerStoreContext } from '../../../src/vscode/scopePlanner/storeViews';

const translate = (message: string, ...args: (string | number)[]) =>
  message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));

const order: EntityCheck = {
  entity: 'order',
  methods: ['order.list'],
  status: 'fails',
  probes: [
    {
      method: 'order.count',
      outcome: { kind: 'fails', returnCode: 100, message: 'API2Cart could not access the Wix store.', ms: 20 },
      permissionsToCheck: [['Manage Your App'], ['Read Orders'], ['Read v3 catalog (PII)']],
    },
  ],
  notChecked: [],
  notExercised: [],
};

/** A group whose one probe worked. */
const customer: EntityCheck = {
  entity: 'customer',
  methods: ['customer.list'],
  status: 'works',
  probes: [{ method: 'customer.count', outcome: { kind: 'works', ms: 9 } }],
  notChecked: [],
  notExercised: [],
};

const check = (overrides: Partial<VerificationResult> = {}): VerificationResult => ({
  store: { id: 'i', name: 'Canary Crafts' },
  startedAt: '2025-02-03T14:02:00.000Z',
  status: 'done',
  methods: ['order.list', 'product.add'],
  entities: [
    order,
    {
      entity: 'product',
      methods: ['product.add'],
      status: 'not-probed',
      probes: [],
      notChecked: ['product.add'],
      notProbedReason: 'product.add writes, and probes never write.',
      notExercised: [],
    },
  ],
  platform: { kind: 'read', methods: 3, unsupported: ['product.add'], cached: false },
  wix: { kind: 'read', permissions: ['WIX_STORES.READ_ORDERS'] },
  ...overrides,
});

const connected = (fields: Partial<PlannerStoreContext> = {}): PlannerStoreContext => ({ name: 'Canary Crafts', connected: true, ...fields });

function fakeHost(overrides: Partial<PlannerHost> = {}) {
  const posted: HostToWebview[] = [];
  const clipboard: string[] = [];
  const calls: string[] = [];
  const host: PlannerHost = {
    post: (m) => posted.push(m),
    persist: () => undefined,
    copyToClipboard: async (text) => void clipboard.push(text),
    exportMarkdown: async () => undefined,
    warn: () => undefined,
    t: translate,
    now: () => new Date('2025-02-03T10:00:00Z'),
    verify: async () => void calls.push('verify'),
    cancelVerification: () => void calls.push('cancel'),
    saveReport: async () => (calls.push('save'), 'wix-store-permissions.md'),
    formatTime: () => '14:02',
    ...overrides,
  };
  return { host, posted, clipboard, calls };
}

const notice = (controller: ScopePlannerController) =>
  controller.lastNotice?.type === 'notice' ? controller.lastNotice.text : undefined;

describe('scopes: the planner\'s store section (host side)', () => {
  it('shows no store section without a store, and names the store once there is one', () => {
    const none = buildPlannerState(['order.list']);
    assert.equal(none.store, undefined);
    assert.equal(none.verification, undefined);
    assert.equal(none.drift, undefined);
    const notAdded = buildPlannerState(['order.list'], { name: 'Canary Crafts', connected: false });
    assert.deepEqual(notAdded.store, { name: 'Canary Crafts', connected: false });
    assert.equal(notAdded.drift, undefined, 'drift only for a store that was added');
  });

  it('turns a check into badges: a failure with its code, explanation and permissions; not probed with its reason', () => {
    const state = buildPlannerState(['order.list', 'product.add'], connected({ verification: check() }), () => '14:02');
    const view = state.verification;
    assert.ok(view);
    assert.equal(view.summary, 'Checked "Canary Crafts" at 14:02 for 2 ticked methods: 1 fails, 1 not probed.');
    const [orderView, productView] = view.groups;
    assert.deepEqual(orderView, {
      entity: 'order',
      label: 'Fails',
      tone: 'fails',
      conclusion: 'Refused: `order.count`, the read-only probe for `order.list`.',
      probes: [
        {
          method: 'order.count',
          label: 'Fails (code 100)',
          text: 'order.count failed with API2Cart code 100: API2Cart could not access the Wix store.',
          tone: 'fails',
          permissions: ['Manage Your App', 'Read Orders', 'Read v3 catalog (PII)'],
        },
      ],
      notes: [],
    });
    assert.deepEqual([productView?.label, productView?.tone, productView?.notes], ['Not probed', 'neutral', ['Not probed: product.add writes, and probes never write.']]);
    assert.deepEqual(view.unsupported, ['product.add']);
    assert.deepEqual(view.wixPermissions, ['WIX_STORES.READ_ORDERS']);
    assert.equal(view.stale, false);
  });

  it('adds to a failure that other probes worked, so the credentials are not the cause', () => {
    const state = buildPlannerState(['customer.list', 'order.list'], connected({ verification: check({ methods: ['customer.list', 'order.list'], entities: [customer, order] }) }));
    const [customerView, orderView] = state.verification!.groups;
    assert.deepEqual(customerView?.notes, []);
    assert.deepEqual(orderView?.notes, [
      'Other probes on this store work, so the credentials and the connection are fine: the likely cause is a permission the app does not request, or one the site owner has not approved yet.',
    ]);
  });

  it('gives a group whose probe works but whose ticked method is not on cart.methods a third, amber state that says so', () => {
    const platform = { kind: 'read', methods: 3, unsupported: ['customer.list'], cached: false } as const;
    const state = buildPlannerState(['customer.list'], connected({ verification: check({ methods: ['customer.list'], entities: [customer], platform }) }), () => '14:02');
    const [view] = state.verification!.groups;
    assert.equal(view?.tone, 'limited');
    assert.equal(view?.label, 'Readable but not on cart.methods');
    assert.equal(
      view?.conclusion,
      'The read works, but `customer.list` is not on the platform\'s method list (cart.methods): API2Cart may not support it for this store.',
    );
    assert.equal(state.verification?.summary, 'Checked "Canary Crafts" at 14:02 for 1 ticked method: 1 readable but not on cart.methods.');
    const listed = buildPlannerState(['customer.list'], connected({ verification: check({ methods: ['customer.list'], entities: [customer], platform: { ...platform, unsupported: [] } }) }));
    assert.deepEqual([listed.verification?.groups[0]?.tone, listed.verification?.groups[0]?.label, listed.verification?.groups[0]?.conclusion], ['works', 'Works', undefined]);
  });

  it('starts a failure card with its conclusion and, when other probes worked, drops the credential causes of code 100', () => {
    const causes = RETURN_CODES[100]!.message;
    const refused: EntityCheck = {
      ...order,
      probes: [{ ...order.probes[0]!, outcome: { kind: 'fails', returnCode: 100, message: `${causes} (API2Cart: "403 | Forbidden")`, ms: 20 } }],
    };
    const state = buildPlannerState(['customer.list', 'order.list'], connected({ verification: check({ methods: ['customer.list', 'order.list'], entities: [customer, refused] }) }));
    const orderView = state.verification!.groups[1]!;
    assert.equal(orderView.conclusion, 'Permission refused: `order.count`, the read-only probe for `order.list`.');
    assert.equal(orderView.probes[0]?.text, 'order.count failed with API2Cart code 100: API2Cart could not read it from the Wix store. (API2Cart: "403 | Forbidden")');
    assert.doesNotMatch(JSON.stringify(orderView), /App Secret Key|Instance ID is not valid|not installed/);
    const alone = buildPlannerState(['order.list'], connected({ verification: check({ methods: ['order.list'], entities: [refused] }) }));
    assert.ok(alone.verification!.groups[0]!.probes[0]!.text.includes(causes), 'no probe worked: the credentials may be the cause');
  });

  it('marks the badges stale once the ticks change', () => {
    const state = buildPlannerState(['order.list'], connected({ verification: check() }));
    assert.equal(state.verification?.stale, true);
    const picked = buildPlannerState(['order.list'], connected({ verification: check({ methods: [] }) }));
    assert.equal(picked.verification?.stale, false, 'a check of picked groups does not depend on the ticks');
  });

  it('says why cart.methods or the app instance were not read', () => {
    const state = buildPlannerState(['order.list'], connected({
      verification: check({ platform: { kind: 'failed', message: 'HTTP 500.' }, wix: { kind: 'skipped', reason: 'no app credentials.' } }),
    }));
    assert.equal(state.verification?.platformNote, 'cart.methods not read: HTTP 500.');
    assert.equal(state.verification?.wixNote, 'The app instance was not read from Wix: no app credentials.');
    assert.equal(state.verification?.wixPermissions, undefined);
  });

  it('shows the drift against the snapshot of a connected store, or that there is none', () => {
    const snapshot = takePlanSnapshot(['order.list', 'cart.coupon.list'], new Date('2025-01-02T03:04:05.000Z'));
    const state = buildPlannerState(['order.list', 'customer.list'], connected({ snapshot }));
    assert.deepEqual(state.drift && { ...state.drift, note: undefined }, {
      kind: 'compared',
      since: '2025-01-02',
      added: ['Read Contacts'],
      removed: ['Manage Coupons'],
      unchanged: 3,
      note: undefined,
    });
    assert.ok(state.drift?.kind === 'compared' && /new app version and the site owner's approval/.test(state.drift.note));
    assert.deepEqual(buildPlannerState(['order.list'], connected()).drift, { kind: 'no-snapshot' });
  });

  it('repaints when the store changes, but only after the webview asked for the state', async () => {
    const fake = fakeHost();
    const controller = new ScopePlannerController(fake.host, ['order.list']);
    controller.setStore(connected());
    assert.equal(fake.posted.length, 0, 'nothing is posted before ready');
    await controller.receive({ type: 'ready' });
    controller.setStore(connected({ verification: check() }));
    const last = fake.posted[fake.posted.length - 1];
    assert.ok(last?.type === 'state' && last.state.verification?.groups.length === 2);
  });

  it('runs, cancels and saves the check through the host', async () => {
    const fake = fakeHost();
    const controller = new ScopePlannerController(fake.host, ['order.list']);
    await controller.receive({ type: 'verify' });
    await controller.receive({ type: 'cancelVerify' });
    await controller.receive({ type: 'saveReport' });
    assert.match(notice(controller) ?? '', /verify the store first/);
    controller.setStore(connected({ verification: check() }));
    await controller.receive({ type: 'saveReport' });
    assert.deepEqual(fake.calls, ['verify', 'cancel', 'save']);
    assert.equal(notice(controller), 'Saved the permission report to wix-store-permissions.md.');
  });

  it('copies the drift as text, and says when there is nothing to compare with', async () => {
    const fake = fakeHost();
    const controller = new ScopePlannerController(fake.host, ['order.list', 'customer.list']);
    await controller.receive({ type: 'copyDrift' });
    assert.match(notice(controller) ?? '', /nothing to compare with/);
    assert.deepEqual(fake.clipboard, []);
    controller.setStore(connected({ snapshot: takePlanSnapshot(['order.list', 'cart.coupon.list'], new Date('2025-01-02T03:04:05.000Z')) }));
    await controller.receive({ type: 'copyDrift' });
    assert.match(fake.clipboard[0] ?? '', /^Wix permission changes for Canary Crafts since it was added \(2025-01-02\):\n\nAdded \(1\):\n\+ Read Contacts\n/);
    assert.equal(notice(controller), 'Copied the permission changes: 1 added, 1 removed.');
  });
});
