/**
 * Runs probes a few at a time. API2Cart allows 5 parallel calls per store and 10 per account, and
 * the person's own integration may be using some: a check takes at most 3. Cancelling stops the
 * probes still waiting (they are never sent) and aborts those in flight.
 */
import type { Result } from '../result';
import type { Api2CartProblem } from '../api2cart/types';
import { classifyProbeFailure } from './classify';
import type { ProbeOutcome } from './types';

export const MAX_PROBES_IN_FLIGHT = 3;

/** setTimeout/clearTimeout, injectable so tests decide when a probe times out. */
export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Starts `tasks` in order, at most `concurrency` at once. Once `signal` aborts no further task
 * starts; those resolve to `undefined`. Each task gets the signal to pass on.
 */
export async function runLimited<R>(
  tasks: readonly ((signal: AbortSignal) => Promise<R>)[],
  options: { readonly concurrency: number; readonly signal?: AbortSignal },
): Promise<(R | undefined)[]> {
  const signal = options.signal ?? new AbortController().signal;
  const results: (R | undefined)[] = tasks.map(() => undefined);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < tasks.length && !signal.aborted) {
      const index = next++;
      results[index] = await tasks[index]!(signal);
    }
  };
  const lanes = Math.max(1, Math.min(options.concurrency, tasks.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  return results;
}

export type ProbeCall = (signal: AbortSignal) => Promise<Result<unknown, Api2CartProblem>>;

/** The outcome, and the call's result when it worked (cart.methods reads its list from it). */
export interface ProbeSettled {
  readonly outcome: ProbeOutcome;
  readonly value?: unknown;
}

/**
 * One probe with its own time limit. API2Cart advises against short client timeouts because
 * stores answer slowly, so the limit is generous; it exists so that one stuck probe is reported
 * as timed out while the others go on.
 */
export async function runProbe(
  call: ProbeCall,
  options: { readonly timeoutMs: number; readonly signal: AbortSignal; readonly timers?: Timers; readonly now?: () => number },
): Promise<ProbeSettled> {
  const timers = options.timers ?? realTimers;
  const now = options.now ?? (() => performance.now());
  if (options.signal.aborted) return { outcome: { kind: 'cancelled', sent: false } };
  const own = new AbortController();
  let timedOut = false;
  const timer = timers.set(() => {
    timedOut = true;
    own.abort();
  }, options.timeoutMs);
  const signal = AbortSignal.any([options.signal, own.signal]);
  // Settles on abort even if the call ignores its signal, so a stuck call cannot hold a slot.
  const aborted = new Promise<undefined>((resolve) => signal.addEventListener('abort', () => resolve(undefined), { once: true }));
  const started = now();
  try {
    const result = await Promise.race([call(signal), aborted]);
    const ms = Math.round(now() - started);
    // The person's cancel wins over our time limit: they asked for it.
    if (options.signal.aborted) return { outcome: { kind: 'cancelled', sent: true } };
    if (timedOut || result === undefined) return { outcome: { kind: 'timed-out', afterMs: options.timeoutMs } };
    return result.ok ? { outcome: { kind: 'works', ms }, value: result.value } : { outcome: classifyProbeFailure(result.error, ms) };
  } finally {
    timers.clear(timer);
  }
}
