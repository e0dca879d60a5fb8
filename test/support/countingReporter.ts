// Mocha's spec reporter, plus a small JSON file with the counts so that tools/test-all.mjs can
// sum all three layers (one of which runs inside the VS Code extension host) into one line.
import * as fs from 'node:fs';
import Mocha from 'mocha';
import { isNotRun } from './chain';

const RESULTS_FILE_ENV = 'API2CART_WIX_TEST_RESULTS';

interface GrepState { _grep?: RegExp; _invert?: boolean }

/** The filter mocha ran with, or undefined when it ran everything. */
function activeGrep(runner: Mocha.Runner): { re: RegExp; invert: boolean } | undefined {
  const { _grep: re, _invert: invert = false } = runner as unknown as GrepState;
  if (!re || (!invert && re.source === '.*')) return undefined;
  return { re, invert };
}

/**
 * Tests that never ran although the filter selected them: a failed `before`/`beforeEach` hook
 * stops its suite (and the suites inside it) without a word about the tests it stopped. Per
 * suite: expected minus passed minus failed minus pending.
 */
function countNotRun(suite: Mocha.Suite, selected: (t: Mocha.Test) => boolean): number {
  const tests = suite.tests.filter(selected);
  const done = tests.filter(t => t.state === 'passed' || t.state === 'failed' || t.isPending()).length;
  return tests.length - done + suite.suites.reduce((n, s) => n + countNotRun(s, selected), 0);
}

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const failures: string[] = [];
    let chainNotRun = 0;
    runner.on('fail', (test, err: Error) => failures.push(`${test.fullTitle()}: ${err.message}`));
    // Steps of a chain after its failing step: the failure already counts; they are no skips.
    runner.on('pending', (test) => {
      if (isNotRun(test)) chainNotRun++;
    });
    runner.once('end', () => {
      const grep = activeGrep(runner);
      const selected = (t: Mocha.Test) => !grep || grep.re.test(t.fullTitle()) !== grep.invert;
      const hookNotRun = countNotRun(runner.suite, selected);
      if (hookNotRun > 0) console.log(`${hookNotRun} test(s) not run: a before/beforeEach hook failed before them`);
      const file = process.env[RESULTS_FILE_ENV];
      if (!file) return;
      const stats = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
      fs.writeFileSync(file, JSON.stringify({
        passed: stats.passes, failed: stats.failures, pending: stats.pending - chainNotRun,
        notRun: chainNotRun + hookNotRun, failures, ...(grep ? { grep: String(grep.re) } : {}),
      }));
    });
  }
}

export = CountingReporter;
