// The webhook receiver under abuse, as one scenario: a flood, slow clients, oversized and malformed
// requests, with valid deliveries alongside. test/unit/hardening/receiverAbuse.test.ts checks what
// was answered; npm run bench (test/bench/micro.ts) reports and budgets its latency and memory.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { decodeWebhook } from '../../../src/core/webhook/decodeWebhook';
import { startWebhookReceiver, type WebhookReceiver } from '../../../src/core/webhook/receiver';
import { appInstalled, generateTestKeys, instanceIdFor, signWithJose, tamper, TEST_APP_ID } from '../../support/webhookSigning';
import { post, withDeadline, type AbuseMessage, type AbusePlan, type Answer } from './abuser';

export const MAX_PROBES = 150;
const PROBE_GAP_MS = 40;
/** Short server timeouts so that the slow clients are cut within the test. */
const HEADERS_TIMEOUT_MS = 1000;
const BODY_TIMEOUT_MS = 1000;
/**
 * Every wait in this scenario ends by then, whatever the receiver does. A passing run is done
 * long before (the waits end on their answers); the deadline only bounds a failing one.
 */
const DEFAULT_DEADLINE_MS = 15_000;

export interface AbuseOutcome {
  readonly plan: AbusePlan;
  readonly host: string;
  readonly report: (AbuseMessage & { type: 'report' }) | undefined;
  /** How many valid deliveries were sent alongside, and their answers (fewer when some never came). */
  readonly probesSent: number;
  readonly probes: readonly Answer[];
  readonly processed: ReadonlySet<string>;
  readonly answered: ReadonlyMap<number, number>;
  readonly internalErrors: readonly unknown[];
  readonly deliveriesKept: number;
  readonly abuseMs: number;
  readonly memoryBefore: NodeJS.MemoryUsage;
  readonly memoryAfter: NodeJS.MemoryUsage;
  readonly peakHeap: number;
  readonly peakRss: number;
}

export interface AbuseOptions {
  /** The unit test gives a long one: it checks answers, not speed. */
  readonly deadlineMs?: number;
  /**
   * The bench runs the abuser at the lowest priority, so its load never slows the receiver whose
   * latency it measures (real attackers do not share the receiver's CPU). The unit test does not:
   * beside other busy processes (a CI neighbour, test:soak's burners) a nice-19 process gets almost
   * no CPU and never finishes (seen: no report in 90 s beside four busy processes).
   */
  readonly abuserYields?: boolean;
}

export async function runReceiverAbuse({ deadlineMs = DEFAULT_DEADLINE_MS, abuserYields = true }: AbuseOptions = {}): Promise<AbuseOutcome> {
  const keys = generateTestKeys();
  const validTokens = await Promise.all(Array.from({ length: 20 }, (_, i) => signWithJose(appInstalled({ instanceId: instanceIdFor(`flood-${i}`) }), keys)));
  const probeTokens = await Promise.all(Array.from({ length: MAX_PROBES }, (_, i) => signWithJose(appInstalled({ instanceId: instanceIdFor(`probe-${i}`) }), keys)));

  const processed = new Set<string>();
  /** Deliveries on the webhook path by the status the receiver answered (duplicates are not reported). */
  const answered = new Map<number, number>();
  const internalErrors: unknown[] = [];
  const started = await startWebhookReceiver({
    host: '127.0.0.1',
    port: 0,
    path: '/webhook',
    headersTimeoutMs: HEADERS_TIMEOUT_MS,
    requestTimeoutMs: BODY_TIMEOUT_MS,
    decode: (body) => decodeWebhook(body, { publicKeyPem: keys.publicKeyPem, expectedAppId: TEST_APP_ID }),
    onDelivery: (delivery) => {
      answered.set(delivery.status, (answered.get(delivery.status) ?? 0) + 1);
      if (delivery.event) processed.add(delivery.event.instanceId);
    },
    onInternalError: (error) => internalErrors.push(error),
  });
  if (!started.ok) throw new Error(started.error.message);
  const receiver: WebhookReceiver = started.value;
  const port = receiver.address.port;

  const plan: AbusePlan = {
    port,
    validTokens,
    forgedToken: tamper(validTokens[0]),
    floodDeliveries: 2000,
    floodConcurrency: 100,
    slowClients: 200,
    oversizedClients: 20,
    deadlineMs,
  };
  const abuser = fork(join(__dirname, 'abuser.js'), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = once(abuser, 'exit');
  if (abuserYields && abuser.pid !== undefined) setPriority(abuser.pid, 19);
  const memoryBefore = process.memoryUsage();
  let peakHeap = memoryBefore.heapUsed;
  let peakRss = memoryBefore.rss;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peakHeap = Math.max(peakHeap, now.heapUsed);
    peakRss = Math.max(peakRss, now.rss);
  }, 100);

  try {
    let startedAbuse: () => void = () => undefined;
    const abuseStarted = new Promise<void>((resolve) => (startedAbuse = resolve));
    const messages = new Promise<AbuseMessage & { type: 'report' }>((resolve, reject) => {
      abuser.on('message', (message: AbuseMessage) => {
        if (message.type === 'started') startedAbuse();
        else resolve(message);
      });
      abuser.once('exit', (code) => reject(new Error(`the abuser exited (${code}) without a report`)));
    });
    abuser.send(plan);
    const scenarioStart = performance.now();

    // Wix, meanwhile: a valid delivery every few ms, each on a fresh connection and timed.
    const probing: Array<Promise<Answer>> = [];
    let abuseOver = false;
    const sending = (async () => {
      await withDeadline(abuseStarted, deadlineMs);
      while (probing.length < MAX_PROBES && !abuseOver && performance.now() - scenarioStart < deadlineMs) {
        probing.push(post(port, probeTokens[probing.length], false, deadlineMs));
        await sleep(PROBE_GAP_MS);
      }
    })();
    const report = await withDeadline(messages, deadlineMs + 2000);
    abuseOver = true;
    await sending;
    const probes = (await withDeadline(Promise.all(probing), deadlineMs)) ?? [];
    const abuseMs = performance.now() - scenarioStart;
    // onDelivery runs once each answer's connection has closed.
    for (let waited = 0; probes.some((_, i) => !processed.has(instanceIdFor(`probe-${i}`))) && waited < 2000; waited += 10) await sleep(10);
    clearInterval(sampler);
    const memoryAfter = process.memoryUsage();
    return { plan, host: receiver.address.host, report, probesSent: probing.length, probes, processed, answered, internalErrors,
      deliveriesKept: receiver.deliveries().length, abuseMs, memoryBefore, memoryAfter, peakHeap, peakRss };
  } finally {
    clearInterval(sampler);
    if (abuser.exitCode === null && abuser.signalCode === null) abuser.kill();
    await withDeadline(exited, 5000);
    await receiver.stop();
  }
}
