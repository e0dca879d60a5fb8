// Suites whose tests build on each other (open the walkthrough, then set the key, then …): once a
// step fails, the steps after it cannot mean anything. They are not run, and are reported as
// "not run", so one failure shows as one failure, not as a cascade.
import type Mocha from 'mocha';

const NOT_RUN = Symbol.for('api2cart-wix.notRun');

/** Whether a pending test was skipped by a broken chain rather than by `it.skip` (see the counting reporter). */
export function isNotRun(test: Mocha.Runnable): boolean {
  return (test as unknown as Record<symbol, unknown>)[NOT_RUN] === true;
}

/** Call first inside a `describe` whose tests depend on the ones before them. */
export function stopChainAtFirstFailure(): void {
  let broken: string | undefined;
  afterEach(function () {
    if (this.currentTest?.state === 'failed') broken ??= this.currentTest.title;
  });
  beforeEach(function () {
    const test = this.currentTest;
    if (broken === undefined || !test) return;
    (test as unknown as Record<symbol, unknown>)[NOT_RUN] = true;
    test.title += ` — not run: "${broken}" failed before it`;
    this.skip();
  });
}
