// Loaded by VS Code as extensionTestsPath for `npm run bench` (tools/bench.mjs): the rows that
// need a real extension host, measured in one window against baselines from the same window.
// Runs the test-hooks build, like the integration layer; writes its rows to API2CART_WIX_BENCH_OUT.
import * as fs from 'node:fs';
import { extensionApi } from '../../integration/support/extension';
import { ScriptedUser } from '../../integration/support/scriptedUser';
import { benchCommands } from './commands';
import { benchPlanner } from './planner';

export async function run(): Promise<void> {
  const out = process.env.API2CART_WIX_BENCH_OUT;
  if (!out) throw new Error('API2CART_WIX_BENCH_OUT is not set');
  const api = await extensionApi();
  const rows = [await benchPlanner(api.scopePlanner)];
  const user = new ScriptedUser({ strictInputs: true }).install();
  try {
    rows.push(...await benchCommands(api, user));
  } finally {
    user.restore();
  }
  fs.writeFileSync(out, JSON.stringify(rows));
}
