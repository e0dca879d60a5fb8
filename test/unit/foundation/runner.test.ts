// The runner's own arithmetic (tools/lib/layers.mjs, which tools/test-all.mjs uses): each way a
// test can drop out is planted in a fixture (test/fixtures/runner) and run through a real mocha.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { integrationTestFiles } from '../../integration/index';

type Layers = typeof import('../../../tools/lib/layers.mjs');
const root = path.resolve(__dirname, '../../../..');
const mocha = path.join(root, 'node_modules/mocha/bin/mocha.js');
const layers = (): Promise<Layers> => import(pathToFileURL(path.join(root, 'tools/lib/layers.mjs')).href);

/** Runs one planted fixture as a layer, with the flags the unit layer uses. */
async function runFixture(name: string, o: { grep?: string; env?: NodeJS.ProcessEnv; grepAsked?: string } = {}) {
  const lib = await layers();
  const file = path.join(root, 'out/test/fixtures/runner', `${name}.fixture.js`);
  return lib.runLayer(process.execPath, [mocha, ...lib.mochaArgs(root, { timeout: 20000, grep: o.grep }), file],
    { env: o.env, grepAsked: o.grepAsked, echo: false });
}

describe('the test runner counts every test that did not run', function () {
  this.timeout(60_000);

  it('a stray .only fails the run instead of dropping the other tests', async () => {
    const { row, output } = await runFixture('only');
    assert.deepEqual(row, { passed: 0, failed: 1, pending: 0, notRun: 0 });
    assert.match(output, /\.only.*forbidden/i);
  });

  it('tests stopped by a failed before or beforeEach hook are not run, per suite and in inner suites', async () => {
    const lib = await layers();
    const { row, output } = await runFixture('failingHook');
    // Passed: "runs first" and "still runs"; failed: the two hooks; not run: 3 behind the
    // before hook (inner suite included), 2 behind the beforeEach hook.
    assert.deepEqual(row, { passed: 2, failed: 2, pending: 0, notRun: 5 });
    assert.match(output, /5 test\(s\) not run: a before\/beforeEach hook failed/);
    assert.equal(lib.closingLine([row]), '2 passed, 2 failed, 5 not run');
  });

  it('a skipped test counts as failed', async () => {
    const { row } = await runFixture('pending');
    assert.deepEqual(row, { passed: 1, failed: 1, pending: 1, notRun: 0 });
  });

  it('a process that exits in the middle of its run, even with status 0, counts as failed', async () => {
    const { row, notes } = await runFixture('crash');
    assert.deepEqual(row, { passed: 0, failed: 1, pending: 0, notRun: 0 });
    assert.match(notes.join('\n'), /crashed or never started/);
  });

  it('a filter from the environment fails the run; the same filter asked for on the command line does not', async () => {
    const unasked = await runFixture('grep', { grep: 'matches' });
    assert.deepEqual(unasked.row, { passed: 1, failed: 1, pending: 0, notRun: 0 });
    assert.match(unasked.notes.join('\n'), /did not ask for/);
    const asked = await runFixture('grep', { grep: 'matches', grepAsked: 'matches' });
    // The filtered-out test is not "not run": the command asked for it to be left out.
    assert.deepEqual(asked.row, { passed: 1, failed: 0, pending: 0, notRun: 0 });
  });

  it('the closing line names "not run" only when something did not run', async () => {
    const lib = await layers();
    assert.equal(lib.closingLine([{ passed: 3, failed: 0, notRun: 0 }, { passed: 2, failed: 1 }]), '5 passed, 1 failed');
    assert.equal(lib.closingLine([{ passed: 3, failed: 1, notRun: 2 }, { passed: 2, failed: 0, notRun: 1 }]), '5 passed, 1 failed, 3 not run');
  });

  it('a layer that ran nothing, or reported not-run tests but no failure, has failed', async () => {
    const lib = await layers();
    assert.equal(lib.tally({ status: 0, counts: { passed: 0, failed: 0 } }).row.failed, 1);
    assert.equal(lib.tally({ status: 0, counts: { passed: 4, failed: 0, notRun: 2 } }).row.failed, 1);
    assert.equal(lib.tally({ status: 0, counts: { passed: 4, failed: 0 } }).row.failed, 0);
  });
});

describe('the integration loader', () => {
  it('finds test files in subfolders too, and nothing else; foundation first', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'it-loader-'));
    fs.mkdirSync(path.join(dir, 'store', 'deep'), { recursive: true });
    for (const f of ['a.test.js', 'foundation.test.js', 'store/b.test.js', 'store/deep/c.test.js', 'support/x.js', 'store/b.test.js.map']) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), '');
    }
    assert.deepEqual(integrationTestFiles(dir).map(f => path.relative(dir, f)),
      ['foundation.test.js', 'a.test.js', path.join('store', 'b.test.js'), path.join('store', 'deep', 'c.test.js')]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
