// The receiver under abuse (test/unit/hardening/abuseScenario.ts): the valid deliveries' answer
// time against Wix's deadline, and the receiver process's memory growth, as budgeted rows.
import { runReceiverAbuse } from '../unit/hardening/abuseScenario';
import type { Row } from './micro';

const WIX_DEADLINE_MS = 1250;
const MB = 1024 * 1024;
const mb = (bytes: number): string => `${(bytes / MB).toFixed(1)} MB`;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export async function benchReceiverAbuse(): Promise<Row[]> {
  const o = await runReceiverAbuse();
  if (!o.report || o.probes.length === 0 || o.probes.some(p => p.status !== 200)) throw new Error('receiver abuse: valid deliveries failed');
  const latencies = o.probes.map(p => p.ms).sort((a, b) => a - b);
  const max = latencies.at(-1) ?? 0;
  const heap = o.memoryAfter.heapUsed - o.memoryBefore.heapUsed;
  const rss = o.memoryAfter.rss - o.memoryBefore.rss;
  const scene = `${o.plan.floodDeliveries} flood, ${o.plan.slowClients} slow, ${o.plan.oversizedClients} oversized, ${o.report.malformed?.length ?? 0} malformed`;
  return [
    { name: `receiver under abuse: ${o.probes.length} valid deliveries, slowest answer`, value: `${max.toFixed(0)} ms`,
      baseline: `p99 ${percentile(latencies, 99).toFixed(0)} ms, p50 ${percentile(latencies, 50).toFixed(0)} ms (${scene})`,
      budget: `< ${WIX_DEADLINE_MS} ms (Wix)`, pass: max < WIX_DEADLINE_MS },
    { name: 'receiver under abuse: heap growth', value: mb(heap), baseline: `peak +${mb(o.peakHeap - o.memoryBefore.heapUsed)}`, budget: '< 100 MB', pass: heap < 100 * MB },
    { name: 'receiver under abuse: rss growth', value: mb(rss), baseline: `peak +${mb(o.peakRss - o.memoryBefore.rss)}`, budget: '< 100 MB', pass: rss < 100 * MB },
  ];
}
