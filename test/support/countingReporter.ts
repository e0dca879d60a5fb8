// Mocha's spec reporter, plus a small JSON file with the counts so that tools/test-all.mjs can
// sum all three layers (one of which runs inside the VS Code extension host) into one line.
import * as fs from 'node:fs';
import Mocha from 'mocha';
import { isNotRun } from './chain';

const RESULTS_FILE_ENV = 'API2CART_WIX_TEST_RESULTS';

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const failures: string[] = [];
    let notRun = 0;
    runner.on('fail', (test, err: Error) => failures.push(`${test.fullTitle()}: ${err.message}`));
    // Steps of a chain after its failing step: the failure already counts; they are no skips.
    runner.on('pending', (test) => {
      if (isNotRun(test)) notRun++;
    });
    runner.once('end', () => {
      const file = process.env[RESULTS_FILE_ENV];
      if (!file) return;
      const stats = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
      fs.writeFileSync(file, JSON.stringify({
        passed: stats.passes, failed: stats.failures, pending: stats.pending - notRun, notRun, failures,
      }));
    });
  }
}

export = CountingReporter;
