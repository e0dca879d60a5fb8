// `npm run bench` can fail: its verdict (tools/lib/benchTable.mjs) is 1 as soon as one row is ✘.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

type BenchTable = typeof import('../../../tools/lib/benchTable.mjs');
const root = path.resolve(__dirname, '../../../..');
const lib = (): Promise<BenchTable> => import(pathToFileURL(path.join(root, 'tools/lib/benchTable.mjs')).href);

const row = (name: string, pass?: boolean) => ({ name, value: '1 ms', baseline: '1 ms', ...(pass === undefined ? {} : { budget: '< 2 ms', pass }) });

describe('the bench verdict', () => {
  it('exits 1 when any row is ✘, and names it', async () => {
    const { benchExitCode, failedBudgets, formatBenchTable } = await lib();
    const rows = [row('activation', true), row('receiver', false), row('bundle size')];
    assert.equal(benchExitCode(rows), 1);
    assert.deepEqual(failedBudgets(rows).map(r => r.name), ['receiver']);
    assert.match(formatBenchTable(rows), /\| receiver +\|.*< 2 ms ✘ \|/);
  });

  it('exits 0 when every budget holds; rows without a budget are figures only', async () => {
    const { benchExitCode, formatBenchTable } = await lib();
    const rows = [row('activation', true), row('bundle size')];
    assert.equal(benchExitCode(rows), 0);
    assert.doesNotMatch(formatBenchTable(rows), /✘/);
  });
});
