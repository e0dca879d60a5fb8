import { strict as assert } from 'node:assert';
import type { Api2CartProblem } from '../../../src/core/api2cart/types';
import { classifyProbeFailure } from '../../../src/core/permissions/classify';
import { MAX_PROBES_IN_FLIGHT, runLimited, runProbe, type Timers } from '../../../src/core/permissions/runner';
import { fail, ok, type Result } from '../../../src/core/result';

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets every queued continuation run (the runner awaits between tasks). */
const settle = () => new Promise((r) => setImmediate(r));

/** Timers the test fires by hand: no real time passes in these tests. */
function fakeTimers() {
  const pending = new Map<number, { callback: () => void; ms: number }>();
  let next = 0;
  const timers: Timers = {
    set: (callback, ms) => (pending.set(++next, { callback, ms }), next),
    clear: (handle) => void pending.delete(handle as number),
  };
  return {
    timers,
    pending: () => [...pending.values()],
    fireAll: () => {
      const due = [...pending.values()];
      pending.clear();
      for (const t of due) t.callback();
    },
  };
}

const problem = (fields: Partial<Api2CartProblem> & { kind: Api2CartProblem['kind'] }): Api2CartProblem => ({
  message: `explained ${fields.kind}`,
  maybeDelivered: false,
  ...fields,
});

describe('permissions: the probe runner', () => {
  it('keeps at most 3 probes in flight and starts the next as soon as one settles', async () => {
    assert.equal(MAX_PROBES_IN_FLIGHT, 3);
    const gates = Array.from({ length: 7 }, () => deferred<number>());
    const started: number[] = [];
    let inFlight = 0;
    let peak = 0;
    const tasks = gates.map((gate, i) => async () => {
      started.push(i);
      peak = Math.max(peak, ++inFlight);
      const value = await gate.promise;
      inFlight--;
      return value;
    });
    const run = runLimited(tasks, { concurrency: MAX_PROBES_IN_FLIGHT });
    await settle();
    assert.deepEqual(started, [0, 1, 2]);
    gates[1]!.resolve(1);
    await settle();
    assert.deepEqual(started, [0, 1, 2, 3], 'a freed slot takes the next probe, in order');
    for (const [i, gate] of gates.entries()) gate.resolve(i);
    assert.deepEqual(await run, [0, 1, 2, 3, 4, 5, 6]);
    assert.equal(peak, 3);
  });

  it('stops the probes still waiting when cancelled; the ones in flight get the abort', async () => {
    const controller = new AbortController();
    const gates = Array.from({ length: 6 }, () => deferred<string>());
    const started: number[] = [];
    const signals: AbortSignal[] = [];
    const tasks = gates.map((gate, i) => async (signal: AbortSignal) => {
      started.push(i);
      signals.push(signal);
      return gate.promise;
    });
    const run = runLimited(tasks, { concurrency: 3, signal: controller.signal });
    await settle();
    controller.abort();
    assert.ok(signals.every((s) => s.aborted), 'the running probes see the abort');
    for (const gate of gates) gate.resolve('late');
    const results = await run;
    assert.deepEqual(started, [0, 1, 2], 'nothing starts after the cancel');
    assert.deepEqual(results, ['late', 'late', 'late', undefined, undefined, undefined]);
  });

  it('runs nothing when cancelled before it starts', async () => {
    const controller = new AbortController();
    controller.abort();
    let calls = 0;
    const results = await runLimited([async () => ++calls], { concurrency: 3, signal: controller.signal });
    assert.deepEqual(results, [undefined]);
    assert.equal(calls, 0);
  });

  it('reports a probe that does not answer in time as timed out, and frees its slot', async () => {
    const clock = fakeTimers();
    let seen: AbortSignal | undefined;
    const outcome = runProbe(
      (signal) => {
        seen = signal;
        return new Promise<never>(() => undefined); // a probe that never answers, nor listens
      },
      { timeoutMs: 60_000, signal: new AbortController().signal, timers: clock.timers },
    );
    await settle();
    assert.deepEqual(clock.pending().map((t) => t.ms), [60_000]);
    clock.fireAll();
    assert.deepEqual(await outcome, { outcome: { kind: 'timed-out', afterMs: 60_000 } });
    assert.equal(seen?.aborted, true, 'the request itself is aborted too');
  });

  it('reports the person\'s cancel as cancelled, not as a timeout', async () => {
    const clock = fakeTimers();
    const controller = new AbortController();
    const outcome = runProbe(() => new Promise<never>(() => undefined), { timeoutMs: 1000, signal: controller.signal, timers: clock.timers });
    await settle();
    controller.abort();
    assert.deepEqual(await outcome, { outcome: { kind: 'cancelled', sent: true } });
    assert.deepEqual(clock.pending(), [], 'its timer is cleared');
  });

  it('does not send a probe whose turn comes after the cancel', async () => {
    const controller = new AbortController();
    controller.abort();
    let called = false;
    const outcome = await runProbe(async () => ((called = true), ok({})), { timeoutMs: 1000, signal: controller.signal });
    assert.deepEqual(outcome, { outcome: { kind: 'cancelled', sent: false } });
    assert.equal(called, false);
  });

  it('returns what a working probe answered, and clears its timer', async () => {
    const clock = fakeTimers();
    let now = 100;
    const settled = await runProbe(
      async (): Promise<Result<unknown, Api2CartProblem>> => ((now += 42), ok({ method: ['order.list'] })),
      { timeoutMs: 1000, signal: new AbortController().signal, timers: clock.timers, now: () => now },
    );
    assert.deepEqual(settled, { outcome: { kind: 'works', ms: 42 }, value: { method: ['order.list'] } });
    assert.deepEqual(clock.pending(), []);
  });

  it('turns a failed call into its outcome', async () => {
    const settled = await runProbe(async () => fail(problem({ kind: 'api2cart-100', returnCode: 100 })), {
      timeoutMs: 1000,
      signal: new AbortController().signal,
      now: () => 0,
    });
    assert.deepEqual(settled.outcome, { kind: 'fails', returnCode: 100, message: 'explained api2cart-100', ms: 0 });
  });
});

describe('permissions: classifying a failed probe', () => {
  it('rate limits (7, 10, 110) give no verdict', () => {
    for (const code of [7, 10, 110]) {
      assert.deepEqual(classifyProbeFailure(problem({ kind: `api2cart-${code}`, returnCode: code }), 5), {
        kind: 'rate-limited',
        returnCode: code,
        message: `explained api2cart-${code}`,
      });
    }
  });

  it('account and service codes give no verdict on the app\'s permissions', () => {
    for (const code of [1, 2, 3, 4, 5, 6, 9]) {
      const outcome = classifyProbeFailure(problem({ kind: `api2cart-${code}`, returnCode: code }), 5);
      assert.equal(outcome.kind, 'unavailable', `code ${code}`);
    }
  });

  it('store-side codes are failures that point at permissions', () => {
    for (const code of [100, 105, 107, 109, 112, 999]) {
      assert.equal(classifyProbeFailure(problem({ kind: `api2cart-${code}`, returnCode: code }), 5).kind, 'fails', `code ${code}`);
    }
  });

  it('transport failures give no verdict and keep the explained message', () => {
    assert.deepEqual(classifyProbeFailure(problem({ kind: 'http-not-json' }), 5), {
      kind: 'unavailable',
      reason: 'not-json',
      message: 'explained http-not-json',
    });
    const status = classifyProbeFailure({ ...problem({ kind: 'http-status' }), status: 503 } as Api2CartProblem, 5);
    assert.deepEqual(status, { kind: 'unavailable', reason: 'http-status', message: 'explained http-status', status: 503 });
    assert.equal(classifyProbeFailure(problem({ kind: 'http-refused' }), 5).kind, 'unavailable');
    assert.deepEqual(classifyProbeFailure(problem({ kind: 'http-timeout' }), 120_000), { kind: 'timed-out', afterMs: 120_000 });
    assert.deepEqual(classifyProbeFailure(problem({ kind: 'http-cancelled' }), 5), { kind: 'cancelled', sent: true });
  });
});
