// Entry point that VS Code's extension host calls (extensionTestsPath): runs the integration
// suites with mocha inside the real extension host.
import * as path from 'node:path';
import * as fs from 'node:fs';
import Mocha from 'mocha';
import CountingReporter = require('../support/countingReporter');

/**
 * Every compiled test file under this folder, subfolders included, in a stable order;
 * foundation.test.js first, as it checks what activation alone loaded.
 */
export function integrationTestFiles(dir: string): string[] {
  const first = (f: string) => (f === 'foundation.test.js' ? 0 : 1);
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter(f => f.endsWith('.test.js')).sort((a, b) => first(a) - first(b) || (a < b ? -1 : a > b ? 1 : 0)).map(f => path.join(dir, f));
}

export function run(): Promise<void> {
  // forbidOnly: a stray `.only` fails the run instead of silently dropping every other test.
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: CountingReporter, forbidOnly: true });
  // tools/test-all.mjs sets the filter for --grep, and fails the run when nobody asked for it.
  const grep = process.env.API2CART_WIX_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const f of integrationTestFiles(__dirname)) mocha.addFile(f);
  return new Promise((resolve, reject) => {
    mocha.run(failures => (failures ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
