import assert from 'node:assert/strict';
import fc from 'fast-check';
import { answerInstalledRedirect, createInstallStateStore, readInstallRedirect, readInstanceIdInput } from '../../../src/core/install';

const APP = '11111111-2222-4333-8444-555555555555';
const INSTANCE = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const TENANT = 'bbbbbbbb-cccc-4ddd-8eee-ffffffffffff';
const OTHER = '99999999-2222-4333-8444-555555555555';
const good = `appId=${APP}&tenantId=${TENANT}&instanceId=${INSTANCE}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

describe('install redirect reader', () => {
  it('yields the triple from the parameters Wix appends', () => {
    const r = readInstallRedirect(`?${good}&extra=1`, APP);
    assert.deepEqual(r, { ok: true, value: { appId: APP, instanceId: INSTANCE, tenantId: TENANT } });
  });

  const refused: Array<[string, string, string]> = [
    ['no query', '', 'no-instance-id'],
    ['another app', `appId=${OTHER}&tenantId=${TENANT}&instanceId=${INSTANCE}`, 'app-id-mismatch'],
    ['an instanceId that is not a UUID', `appId=${APP}&tenantId=${TENANT}&instanceId=<b>x</b>`, 'not-uuid'],
    ['no tenantId', `appId=${APP}&instanceId=${INSTANCE}`, 'no-tenant-id'],
    ['a repeated instanceId', `${good}&instanceId=${TENANT}`, 'repeated'],
    ['a query repeated a thousand times', Array(1000).fill(good).join('&'), 'too-long'],
    ['a 10 KB parameter', `${good}&x=${'a'.repeat(10_240)}`, 'too-long'],
  ];
  for (const [what, query, kind] of refused) {
    it(`refuses ${what}`, () => {
      const r = readInstallRedirect(query, APP);
      assert.ok(!r.ok);
      assert.equal(r.error.kind, kind);
    });
  }

  it('any query yields a valid triple for the expected app, or a refusal, and never throws', () => {
    const part = fc.oneof(fc.constantFrom('appId', 'instanceId', 'tenantId', 'x', '%', '&', '=', '?', APP, INSTANCE, OTHER), fc.string());
    const query = fc.oneof(fc.array(part, { maxLength: 12 }).map((p) => p.join('')),
      fc.array(fc.tuple(fc.constantFrom('appId', 'instanceId', 'tenantId'), fc.constantFrom(APP, INSTANCE, TENANT, OTHER, '', 'x')), { maxLength: 5 })
        .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&')));
    fc.assert(fc.property(query, (q) => {
      const r = readInstallRedirect(q, APP);
      if (r.ok) {
        assert.equal(r.value.appId.toLowerCase(), APP);
        assert.match(r.value.instanceId, UUID);
        assert.match(r.value.tenantId, UUID);
      } else {
        assert.equal(typeof r.error.message, 'string');
      }
    }), { numRuns: 2000 });
  });
});

describe('install state store', () => {
  it('takes a state once: a replayed redirect is refused as used', () => {
    const states = createInstallStateStore();
    const state = states.issue(APP);
    assert.equal(answerInstalledRedirect(states, state, good).status, 200);
    const replay = answerInstalledRedirect(states, state, good);
    assert.equal(replay.status, 410);
    assert.equal(replay.triple, undefined);
    assert.match(replay.html, /used already/);
  });

  it('refuses an expired state and one it never issued', () => {
    let now = 0;
    const states = createInstallStateStore({ now: () => now, ttlMs: 1000 });
    const state = states.issue(APP);
    now = 1000;
    assert.deepEqual(states.check(state), { ok: false, reason: 'expired' });
    assert.equal(answerInstalledRedirect(states, state, good).status, 410);
    assert.equal(answerInstalledRedirect(states, 'never-issued', good).status, 404);
  });

  it('a refused redirect stores nothing and leaves the state for the real one', () => {
    const states = createInstallStateStore();
    const state = states.issue(APP);
    const foreign = answerInstalledRedirect(states, state, `appId=${OTHER}&tenantId=${TENANT}&instanceId=${INSTANCE}`);
    assert.equal(foreign.status, 400);
    assert.equal(foreign.triple, undefined);
    assert.match(foreign.html, /another app/);
    assert.equal(answerInstalledRedirect(states, state, good).triple?.instanceId, INSTANCE);
  });

  it('never writes a value from the query into the page', () => {
    const states = createInstallStateStore();
    const state = states.issue(APP);
    const marker = '<script>alert(1)</script>';
    for (const q of [`${good}&x=${marker}`, `appId=${APP}&tenantId=${TENANT}&instanceId=${marker}`]) {
      const page = answerInstalledRedirect(states, state, q).html;
      assert.ok(!page.includes('<script'), page);
      assert.ok(!page.includes(INSTANCE) && !page.includes(APP));
    }
  });
});

describe('Set Instance ID input', () => {
  it('takes a bare ID as typed', () => {
    assert.deepEqual(readInstanceIdInput(` ${INSTANCE} `, APP), { ok: true, value: { instanceId: INSTANCE, from: 'typed' } });
  });
  it('takes the instanceId from the whole address the browser shows', () => {
    const r = readInstanceIdInput(`https://127.0.0.1:8787/installed/st?${good}`, APP);
    assert.deepEqual(r, { ok: true, value: { instanceId: INSTANCE, from: 'address' } });
  });
  it('refuses an address for another app', () => {
    const r = readInstanceIdInput(`http://x/?appId=${OTHER}&instanceId=${INSTANCE}`, APP);
    assert.ok(!r.ok);
    assert.equal(r.error.kind, 'app-id-mismatch');
  });
  it('refuses text with no instanceId, and an instanceId that is not a UUID', () => {
    const none = readInstanceIdInput('hello', APP);
    assert.ok(!none.ok && none.error.kind === 'no-instance-id');
    assert.match(none.error.message, /^Instance ID must be a UUID/);
    const bad = readInstanceIdInput('http://x/?instanceId=abc', APP);
    assert.ok(!bad.ok && bad.error.kind === 'not-uuid');
  });
});
