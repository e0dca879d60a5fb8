import { strict as assert } from 'node:assert';
import { summariseUpdate, updateWixCredentials, type CredentialTarget } from '../../../src/core/connection/updateCredentials';
import { fail, ok } from '../../../src/core/result';
import type { WixProblemKind } from '../../../src/core/wix/types';

const SECRET = 'NEW-SECRET-canary-7f3a';
const targets: CredentialTarget[] = Array.from({ length: 7 }, (_, i) => ({ profileId: `p${i}`, name: `Store ${i}`, instanceId: `i${i}`, storeKey: `sk${i}` }));
const tick = () => new Promise<void>((r) => setImmediate(r));

function fakes(opts: { wixRefuses?: (instanceId: string) => WixProblemKind | undefined; api2cartFails?: (storeKey: string) => boolean; api2cartLost?: (storeKey: string) => boolean } = {}) {
  let inFlight = 0;
  let peak = 0;
  const sent: { storeKey: string; idempotencyKey: string }[] = [];
  const track = async <T>(work: () => T): Promise<T> => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    await tick();
    inFlight--;
    return work();
  };
  return {
    sent, peak: () => peak,
    wix: { getAccessToken: (c: { instanceId: string }) => track(() => {
      const kind = opts.wixRefuses?.(c.instanceId);
      return kind ? fail({ kind, message: 'Wix rejected it', fix: 'setAppCredentials' as const, maybeDelivered: false }) : ok({ accessToken: 't' });
    }) },
    api2cart: { updateWixCredentials: (storeKey: string, p: { idempotencyKey: string }) => track(() => {
      sent.push({ storeKey, idempotencyKey: p.idempotencyKey });
      if (opts.api2cartLost?.(storeKey)) return fail({ kind: 'http-network' as const, message: 'The connection closed before the answer', maybeDelivered: true });
      return opts.api2cartFails?.(storeKey) ? fail({ kind: 'api2cart-9' as const, message: 'API2Cart refused', maybeDelivered: false }) : ok({});
    }) },
  };
}

describe('Update Wix Credentials on API2Cart (core)', () => {
  it('updates every store, at most 3 at a time, each with its own idempotency key', async () => {
    const f = fakes();
    const report = await updateWixCredentials(targets, { appId: 'a', appSecret: SECRET }, { ...f, idempotencyKey: (t) => `k-${t.profileId}` });
    assert.deepEqual(summariseUpdate(report), { updated: 7, unanswered: 0, failed: 0, skipped: 0 });
    assert.ok(f.peak() <= 3, `peak ${f.peak()}`);
    assert.deepEqual(f.sent.map((s) => s.idempotencyKey).sort(), targets.map((t) => `k-${t.profileId}`).sort());
  });

  it('reports a partial failure per store; the others are updated', async () => {
    const f = fakes({ api2cartFails: (k) => k === 'sk2', wixRefuses: (i) => (i === 'i4' ? 'wix-instance' : undefined) });
    const report = await updateWixCredentials(targets, { appId: 'a', appSecret: SECRET }, { ...f, idempotencyKey: () => 'k' });
    assert.deepEqual(summariseUpdate(report), { updated: 5, unanswered: 0, failed: 1, skipped: 1 });
    assert.equal(report[2]!.outcome.state, 'failed');
    assert.equal(report[4]!.outcome.state, 'skipped');
    assert.ok(!f.sent.some((s) => s.storeKey === 'sk4'), 'a store Wix refused is not sent');
  });

  it('a store sent but never answered counts as unanswered (it may be applied), not as failed', async () => {
    const f = fakes({ api2cartLost: (k) => k === 'sk3', api2cartFails: (k) => k === 'sk5' });
    const report = await updateWixCredentials(targets, { appId: 'a', appSecret: SECRET }, { ...f, idempotencyKey: () => 'k' });
    assert.deepEqual(summariseUpdate(report), { updated: 5, unanswered: 1, failed: 1, skipped: 0 });
    const lost = report.find((e) => e.outcome.state === 'failed' && e.outcome.maybeApplied);
    assert.equal(lost?.profileId, targets.find((t) => t.storeKey === 'sk3')!.profileId);
  });

  it('a secret Wix refuses sends nothing to API2Cart', async () => {
    const f = fakes({ wixRefuses: () => 'wix-app-credentials' });
    const report = await updateWixCredentials(targets, { appId: 'a', appSecret: SECRET }, { ...f, idempotencyKey: () => 'k' });
    assert.equal(f.sent.length, 0);
    assert.deepEqual(summariseUpdate(report), { updated: 0, unanswered: 0, failed: 0, skipped: 7 });
    assert.ok(!JSON.stringify(report).includes(SECRET) && !JSON.stringify(report).includes('sk1'), 'no secret or store key in the report');
  });

  it('cancel midway: the stores still waiting are skipped and never sent', async () => {
    const controller = new AbortController();
    const f = fakes();
    const settled: string[] = [];
    const report = await updateWixCredentials(targets, { appId: 'a', appSecret: SECRET }, {
      ...f, idempotencyKey: () => 'k', signal: controller.signal, onSettled: (e, n) => { settled.push(e.profileId); if (n === 2) controller.abort(); },
    });
    const { updated, skipped } = summariseUpdate(report);
    assert.ok(updated >= 2 && updated < 7, `updated ${updated}`);
    assert.equal(updated + skipped, 7);
    assert.equal(f.sent.length, updated);
    // The stores never started settle too (the log is the report the person opens): each once.
    assert.deepEqual([...settled].sort(), targets.map((t) => t.profileId).sort());
  });
});
