import { strict as assert } from 'node:assert';
import { RETURN_CODES } from '../../../src/core/api2cart/returnCodes';
import { classifyProbeFailure } from '../../../src/core/permissions/classify';
import { formatVerificationMarkdown } from '../../../src/core/permissions/report';
import type { EntityCheck, VerificationResult } from '../../../src/core/permissions/types';
import { buildPlannerState } from '../../../src/vscode/scopePlanner/plannerController';

const failing = (message: string): EntityCheck => ({
  entity: 'order', methods: ['order.list'], status: 'fails',
  probes: [{ method: 'order.count', outcome: { kind: 'fails', returnCode: 100, message, ms: 5 }, permissionsToCheck: [['Read Orders']] }],
  notChecked: [], notExercised: [],
});
const base = (entity: EntityCheck, extra: Partial<VerificationResult> = {}): VerificationResult => ({
  store: { id: 'i', name: 'Canary Crafts' }, startedAt: '2026-12-01T10:00:00.000Z', status: 'done', methods: ['order.list'],
  entities: [entity], platform: { kind: 'pending' },
  wix: { kind: 'read', permissions: [], appName: 'Sync', appVersion: '3.1.0' }, ...extra,
});

describe('permissions: a permission not yet approved on the site', () => {
  it('a 403 names the likely cause and the permissions the scope drift added', () => {
    const md = formatVerificationMarkdown(base(failing('API2Cart: "403 | Forbidden"'), { addedSinceInstall: [['Read Orders']] }));
    assert.match(md, /\*\*Likely cause for `order\.count`: a permission not yet approved on this site\.\*\*/);
    assert.match(md, /new app version, once the site owner approves it/);
    assert.match(md, /Added to the plan since this store was added: Read Orders \(`SCOPE\.DC-STORES\.READ-ORDERS`\)\./);
  });

  it('an empty message counts too; with no drift it says so', () => {
    const md = formatVerificationMarkdown(base(failing('  ')));
    assert.match(md, /Likely cause for `order\.count`/);
    assert.match(md, /The scope drift lists no added permission/);
  });

  it('reads API2Cart\'s own message, not the code\'s explanation, so a real empty answer counts', () => {
    const outcome = classifyProbeFailure({ kind: 'api2cart-100', message: RETURN_CODES[100]!.message, returnCode: 100, said: '', maybeDelivered: false }, 5);
    const entity: EntityCheck = { ...failing('x'), probes: [{ method: 'order.count', outcome, permissionsToCheck: [['Read Orders']] }] };
    assert.match(formatVerificationMarkdown(base(entity)), /Likely cause for `order\.count`/);
  });

  it('another failure gets no such cause', () => {
    assert.doesNotMatch(formatVerificationMarkdown(base(failing('Store is not available'))), /Likely cause/);
  });

  it('shows the site\'s app version from GET /apps/v1/instance', () => {
    assert.match(formatVerificationMarkdown(base(failing('x'))), /App version on this site: `3\.1\.0`\./);
  });
});

describe('permissions: the planner names a permission not yet approved', () => {
  const planner = (result: VerificationResult) => buildPlannerState(['order.list'], { name: 'Canary Crafts', connected: true, verification: result }).verification!;

  it('a 403 card notes the likely cause and the drift\'s added permissions; the Wix part shows the app version', () => {
    const view = planner(base(failing('API2Cart: "403 | Forbidden"'), { addedSinceInstall: [['Read Orders']] }));
    const notes = view.groups[0]!.notes.join('\n');
    assert.match(notes, /Likely cause: a permission added after this site installed the app\. It reaches the site only with a new app version, once the site owner approves it\./);
    assert.match(notes, /Added to the plan since this store was added: Read Orders\./);
    assert.equal(view.wixAppVersion, '3.1.0');
  });

  it('an empty message says the drift lists none; another failure gets no cause', () => {
    assert.match(planner(base(failing(''))).groups[0]!.notes.join('\n'), /Likely cause.*The scope drift lists no added permission\./);
    assert.doesNotMatch(planner(base(failing('Store is not available'))).groups[0]!.notes.join('\n'), /Likely cause/);
  });
});
