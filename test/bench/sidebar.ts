// Issue 20's figures for `npm run bench`: the Stores view's first level and Update Wix
// Credentials on API2Cart, each beside a baseline measured in the same run. Pure Node.
import { createApi2CartClient, createWixClient, MAX_UPDATES_IN_FLIGHT, updateWixCredentials } from '../../src/core/connection';
import { otherAccountStores, storeRows, storeTooltip } from '../../src/core/views/storesTree';
import { startApi2CartStub } from '../support/stubs/api2cartStub';
import { startWixStub } from '../support/stubs/wixStub';
import { TEST_APP_ID } from '../support/webhookSigning';
import { fmt, type Row } from './micro';
import { median } from './rounds';

/**
 * 500 profiles and 5,000 account stores: what the Stores view computes for its first level (the
 * rows, the merge by store key that decides the "other stores" node, each row's tooltip), against
 * building the same 5,500 items as plain objects. VS Code's own TreeItem drawing is not in either.
 */
export function benchStoresView(profiles = 500, accountStores = 5000, rounds = 15): Row {
  const ps = Array.from({ length: profiles }, (_, i) => ({
    id: `inst-${i}`, instanceId: `inst-${i}`, label: `Store ${i}`, siteUrl: `https://store-${i}.example.com`, removed: i % 50 === 0, hasStoreKey: i % 7 !== 0,
  }));
  const carts = Array.from({ length: accountStores }, (_, i) => ({ id: String(i), url: `https://acct-${i}.example.com`, storeKey: `key-${i}`, cartId: i % 3 ? 'Shopify' : 'Wix', customLabel: `Account ${i}` }));
  const keys = new Set(ps.filter((p) => p.hasStoreKey).map((_p, i) => `key-${i}`));
  const checks = new Map();
  const ours = () => {
    const rows = storeRows(ps, 'inst-1', checks);
    const items = rows.map((r) => ({ label: r.name, description: r.url, tooltip: storeTooltip(r, (s) => s, (d) => d.toISOString()), contextValue: `api2cartWix.store.${r.state}` }));
    return items.length + otherAccountStores(carts, keys).rows.length;
  };
  const plain = () => {
    const items = ps.map((p) => ({ label: p.label, description: p.siteUrl, tooltip: `${p.label}\n${p.siteUrl}\nInstance ID: ${p.instanceId}`, contextValue: 'api2cartWix.store.connected' }));
    const others = carts.filter((c) => !keys.has(c.storeKey)).map((c) => ({ label: c.customLabel, description: `${c.cartId} · ${c.url}` }));
    return items.length + others.length;
  };
  const time = (fn: () => number) => {
    const t = performance.now();
    fn();
    return performance.now() - t;
  };
  ours();
  plain();
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < rounds; i++) {
    a.push(time(ours));
    b.push(time(plain));
  }
  const value = median(a)!;
  const baseline = median(b)!;
  return {
    name: `Stores view first level: ${profiles} profiles + ${fmt(accountStores)} account stores`,
    value: `${fmt(value, 1)} ms`, baseline: `${fmt(baseline, 1)} ms (same items as plain objects)`, ratio: value / baseline,
    budget: '≤ 100 ms', pass: value <= 100,
  };
}

/**
 * 50 stores' credentials, each a Wix token check then account.config.update, against stubs that
 * answer after a fixed latency; at most 3 stores at a time. The ideal schedule is the busiest
 * lane's stores × the two calls' round trips, each measured alone in the same run.
 */
export async function benchCredentialsUpdate(stores = 50, latencyMs = 40): Promise<Row> {
  const apiKey = 'bench-api-key-0000';
  const targets = Array.from({ length: stores }, (_, i) => ({ profileId: `p${i}`, name: `Store ${i}`, instanceId: `inst-${i}`, storeKey: `bench-store-key-${String(i).padStart(4, '0')}` }));
  const api2cart = await startApi2CartStub({ apiKey, carts: targets.map((t, i) => ({ id: String(i), url: `https://s${i}.example`, storeKey: t.storeKey, cartId: 'Wix', customLabel: t.name })) });
  const wix = await startWixStub({ appId: TEST_APP_ID, appSecret: 'bench-secret', instanceId: 'inst-0' });
  try {
    api2cart.setResponse('account.config.update', { kind: 'slow', delayMs: latencyMs, then: { kind: 'success', result: { updated_items: 1 } } });
    wix.setOutcome('token', { kind: 'slow', delayMs: latencyMs, then: { kind: 'json', body: { access_token: 'OAUTH2.bench', token_type: 'Bearer', expires_in: 14400 } } });
    const deps = { api2cart: createApi2CartClient({ baseUrl: api2cart.url, apiKey }), wix: createWixClient({ baseUrl: wix.url }), idempotencyKey: () => crypto.randomUUID() };
    const run = async () => {
      const t = performance.now();
      const report = await updateWixCredentials(targets, { appId: TEST_APP_ID, appSecret: 'bench-secret' }, deps);
      if (report.some((e) => e.outcome.state !== 'updated')) throw new Error('bench stores were not all updated');
      return performance.now() - t;
    };
    // The same 100 calls with bare fetch, 3 stores at a time: the stubs and the wire, nothing of ours.
    const bare = async () => {
      const t = performance.now();
      let next = 0;
      await Promise.all(Array.from({ length: MAX_UPDATES_IN_FLIGHT }, async () => {
        while (next < targets.length) {
          const target = targets[next++]!;
          await (await fetch(`${wix.url}/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ grant_type: 'client_credentials', client_id: TEST_APP_ID, client_secret: 'bench-secret', instance_id: target.instanceId }) })).text();
          const query = new URLSearchParams({ wix_app_id: TEST_APP_ID, wix_app_secret_key: 'bench-secret', wix_instance_id: target.instanceId, idempotency_key: crypto.randomUUID() });
          await (await fetch(`${api2cart.url}/account.config.update.json?${query}`, { method: 'PUT', headers: { 'x-api-key': apiKey, 'x-store-key': target.storeKey } })).text();
        }
      }));
      return performance.now() - t;
    };
    // The stub's latency as a client sees it: one call at a time, wire included. The ideal schedule
    // is built from these, so the row judges our scheduling, not the loopback's cost per call.
    const oneCall = async (call: () => Promise<Response>) => {
      const samples: number[] = [];
      for (let i = 0; i < 9; i++) {
        const t = performance.now();
        await (await call()).text();
        samples.push(performance.now() - t);
      }
      return median(samples)!;
    };
    await run();
    await bare();
    const tokenMs = await oneCall(() => fetch(`${wix.url}/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: TEST_APP_ID, client_secret: 'bench-secret', instance_id: 'inst-0' }) }));
    const updateMs = await oneCall(() => fetch(`${api2cart.url}/account.config.update.json?${new URLSearchParams({ wix_app_id: TEST_APP_ID, wix_app_secret_key: 'bench-secret', wix_instance_id: 'inst-0', idempotency_key: crypto.randomUUID() })}`,
      { method: 'PUT', headers: { 'x-api-key': apiKey, 'x-store-key': targets[0]!.storeKey } }));
    const times: number[] = [];
    const bareTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      times.push(await run());
      bareTimes.push(await bare());
    }
    const value = median(times)!;
    const ideal = Math.ceil(stores / MAX_UPDATES_IN_FLIGHT) * (tokenMs + updateMs);
    return {
      name: `Update Wix Credentials: ${stores} stores × (token + update) × ${latencyMs} ms, ≤ 3 at a time`,
      value: `${fmt(value, 1)} ms`,
      baseline: `${fmt(ideal, 1)} ms ideal 3-wide schedule (one call: token ${fmt(tokenMs, 1)} + update ${fmt(updateMs, 1)} ms); ${fmt(median(bareTimes)!, 1)} ms bare fetch 3-wide`,
      ratio: value / ideal,
      budget: `overhead ${fmt(value - ideal, 1)} ms ≤ 100 ms`, pass: value - ideal <= 100,
    };
  } finally {
    await api2cart.close();
    await wix.close();
  }
}
