/**
 * A store permission check: the probes of the planned entities (at most 3 in flight), the
 * platform's method list (cart.methods, cached per store) and, alongside, the app instance as
 * Wix reports it. Every API2Cart call here is a GET: this module has no other verb to send.
 */
import type { Api2CartClient } from '../api2cart/client';
import type { Problem, Result } from '../result';
import { normaliseSelection, type Clause, type MethodName } from '../scopes';
import type { WixAppInstance } from '../wix/types';
import { notExercised, permissionsToCheck } from './mapping';
import { parsePlatformMethods, unsupportedMethods, type PlatformMethodsCache } from './platformMethods';
import { planCheck, type CheckRequest, type EntityPlan, type Probe } from './probes';
import { MAX_PROBES_IN_FLIGHT, runLimited, runProbe, type Timers } from './runner';
import type { EntityCheck, EntityStatus, PlatformCheck, ProbeOutcome, ProbeRun, VerificationResult, WixCheck } from './types';

/** Generous: stores answer slowly, and the person can cancel any time. */
export const DEFAULT_PROBE_TIMEOUT_MS = 60_000;

export interface VerifyDeps {
  readonly api2cart: Pick<Api2CartClient, 'callMethod'>;
  /** A secret: only ever passed to the client, as x-store-key. */
  readonly storeKey: string;
  /** Reads the app instance from Wix, or says why it is not read (e.g. no app credentials). */
  readonly wix: { readonly read: (signal: AbortSignal) => Promise<Result<WixAppInstance, Problem>> } | { readonly skipped: string };
  /** The scope drift's added permissions, named when a probe fails as "not yet approved". */
  readonly addedSinceInstall?: readonly Clause[];
  readonly platformMethods: PlatformMethodsCache;
  readonly timers?: Timers;
  readonly now?: () => Date;
}

export interface VerifyOptions {
  readonly signal?: AbortSignal;
  /** At most MAX_PROBES_IN_FLIGHT; lower only in tests. */
  readonly concurrency?: number;
  readonly timeoutMs?: number;
  /** Called with the whole result so far whenever a part settles, so a view can fill in as it goes. */
  readonly onUpdate?: (result: VerificationResult) => void;
}

const PENDING: ProbeOutcome = { kind: 'pending' };

export function entityStatus(probes: readonly ProbeRun[]): EntityStatus {
  const kinds = new Set(probes.map((p) => p.outcome.kind));
  if (probes.length === 0) return 'not-probed';
  if (kinds.has('fails')) return 'fails';
  if (kinds.has('pending')) return 'checking';
  if (kinds.has('rate-limited') || kinds.has('timed-out') || kinds.has('unavailable')) return 'unknown';
  if (kinds.has('cancelled')) return 'cancelled';
  return 'works';
}

function entityCheck(plan: EntityPlan, outcomes: readonly ProbeOutcome[]): EntityCheck {
  const probes: ProbeRun[] = plan.probes.map((probe, i) => {
    const outcome = outcomes[i] ?? PENDING;
    return outcome.kind === 'fails'
      ? { method: probe.method, outcome, permissionsToCheck: permissionsToCheck(probe, plan.methods) }
      : { method: probe.method, outcome };
  });
  const working = probes.filter((p) => p.outcome.kind === 'works').map((p) => p.method);
  // Writes and unprobed reads are listed as not checked; this is about the reads the probes stand for.
  const standsFor = plan.methods.filter((m) => plan.probes.some((p) => p.covers.includes(m)));
  return {
    entity: plan.entity,
    methods: plan.methods,
    status: entityStatus(probes),
    probes,
    notChecked: plan.notChecked,
    ...(plan.notProbedReason !== undefined ? { notProbedReason: plan.notProbedReason } : {}),
    notExercised: notExercised(working, standsFor),
  };
}

function wixCheck(instance: Result<WixAppInstance, Problem>): WixCheck {
  if (!instance.ok) return { kind: 'failed', message: instance.error.message };
  const { permissions, appName, siteName, appVersion } = instance.value;
  return {
    kind: 'read', permissions,
    ...(appName !== undefined ? { appName } : {}), ...(siteName !== undefined ? { siteName } : {}), ...(appVersion !== undefined ? { appVersion } : {}),
  };
}

export async function verifyStore(
  deps: VerifyDeps,
  store: { readonly id: string; readonly name: string },
  request: CheckRequest,
  options: VerifyOptions = {},
): Promise<VerificationResult> {
  const signal = options.signal ?? new AbortController().signal;
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const concurrency = Math.min(options.concurrency ?? MAX_PROBES_IN_FLIGHT, MAX_PROBES_IN_FLIGHT);
  const methods: MethodName[] = 'methods' in request ? normaliseSelection(request.methods) : [];
  const plans = planCheck(request);
  const outcomes: ProbeOutcome[][] = plans.map((plan) => plan.probes.map(() => PENDING));
  const startedAt = (deps.now?.() ?? new Date()).toISOString();
  const started = performance.now();

  const cached = deps.platformMethods.get(store.id);
  let platform: PlatformCheck = cached
    ? { kind: 'read', methods: cached.length, unsupported: unsupportedMethods(methods, cached), cached: true }
    : { kind: 'pending' };
  let wix: WixCheck = 'skipped' in deps.wix ? { kind: 'skipped', reason: deps.wix.skipped } : { kind: 'pending' };

  const assemble = (status: VerificationResult['status']): VerificationResult => ({
    store: { id: store.id, name: store.name },
    startedAt,
    status,
    ...(status !== 'running' ? { durationMs: Math.round(performance.now() - started) } : {}),
    methods,
    entities: plans.map((plan, i) => entityCheck(plan, outcomes[i]!)),
    platform,
    wix,
    ...(deps.addedSinceInstall && deps.addedSinceInstall.length > 0 ? { addedSinceInstall: deps.addedSinceInstall } : {}),
  });
  const update = () => options.onUpdate?.(assemble('running'));

  const get = (method: string, query: Probe['query'], callSignal: AbortSignal) =>
    deps.api2cart.callMethod(method, { httpMethod: 'GET', query, storeKey: deps.storeKey }, { signal: callSignal });
  const limits = { timeoutMs, timers: deps.timers };

  const probeTasks = plans.flatMap((plan, i) =>
    plan.probes.map((probe, j) => async (taskSignal: AbortSignal) => {
      const settled = await runProbe((s) => get(probe.method, probe.query, s), { ...limits, signal: taskSignal });
      outcomes[i]![j] = settled.outcome;
      update();
    }),
  );
  // Last in the queue: the probes' badges matter more, and the list is often cached anyway.
  const platformTask = async (taskSignal: AbortSignal) => {
    const settled = await runProbe((s) => get('cart.methods', undefined, s), { ...limits, signal: taskSignal });
    const list = settled.outcome.kind === 'works' ? parsePlatformMethods(settled.value) : undefined;
    if (list) {
      deps.platformMethods.set(store.id, list);
      platform = { kind: 'read', methods: list.length, unsupported: unsupportedMethods(methods, list), cached: false };
    } else if (settled.outcome.kind === 'cancelled') {
      platform = { kind: 'cancelled' };
    } else {
      platform = { kind: 'failed', message: platformFailure(settled.outcome) };
    }
    update();
  };
  const wixTask = async () => {
    if ('skipped' in deps.wix) return;
    const instance = await deps.wix.read(signal);
    wix = signal.aborted ? { kind: 'cancelled' } : wixCheck(instance);
    update();
  };

  update();
  await Promise.all([
    runLimited(cached ? probeTasks : [...probeTasks, platformTask], { concurrency, signal }),
    wixTask(),
  ]);
  // Whatever never started was stopped by a cancel before it was sent.
  for (const row of outcomes) {
    for (let j = 0; j < row.length; j++) if (row[j]!.kind === 'pending') row[j] = { kind: 'cancelled', sent: false };
  }
  if (platform.kind === 'pending') platform = { kind: 'cancelled' };
  return assemble(signal.aborted ? 'cancelled' : 'done');
}

function platformFailure(outcome: ProbeOutcome): string {
  switch (outcome.kind) {
    case 'works':
      return 'API2Cart answered cart.methods without a method list.';
    case 'timed-out':
      return `cart.methods did not answer within ${Math.round(outcome.afterMs / 1000)} s.`;
    case 'fails':
    case 'rate-limited':
    case 'unavailable':
      return outcome.message;
    default:
      return 'cart.methods was not read.';
  }
}
