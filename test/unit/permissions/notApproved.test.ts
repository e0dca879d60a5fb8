import { strict as assert } from 'node:assert';
import { formatVerificationMarkdown } from '../../../src/core/permissions/report';
import type { EntityCheck, VerificationResult } from '../../../src/core/permissions/types';

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

  it('another failure gets no such cause', () => {
    assert.doesNotMatch(formatVerificationMarkdown(base(failing('Store is not available'))), /Likely cause/);
  });

  it('shows the site\'s app version from GET /apps/v1/instance', () => {
    assert.match(formatVerificationMarkdown(base(failing('x'))), /App version on this site: `3\.1\.0`\./);
  });
});
