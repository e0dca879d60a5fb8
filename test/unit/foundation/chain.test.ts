import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../../..');

describe('a failing step of a chained suite', function () {
  this.timeout(30_000);
  it('stops the chain with one failure; the later steps are reported as not run, other suites run', () => {
    const results = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chain-')), 'counts.json');
    const run = spawnSync(process.execPath, [path.join(root, 'node_modules/mocha/bin/mocha.js'),
      '--reporter', path.join(root, 'out/test/support/countingReporter.js'), path.join(root, 'out/test/fixtures/chainedSuite.fixture.js')],
    { env: { ...process.env, API2CART_WIX_TEST_RESULTS: results }, encoding: 'utf8' });
    assert.equal(run.status, 1, 'the run fails');
    const counts = JSON.parse(fs.readFileSync(results, 'utf8')) as { passed: number; failed: number; pending: number; notRun: number };
    assert.deepEqual({ passed: counts.passed, failed: counts.failed, pending: counts.pending, notRun: counts.notRun }, { passed: 2, failed: 1, pending: 0, notRun: 2 });
    assert.match(run.stdout, /sets the app credentials — not run: "sets the API key" failed before it/);
    assert.equal((run.stdout.match(/failing/g) ?? []).length, 1);
  });
});
