// Entry point that VS Code's extension host calls (extensionTestsPath): runs the integration
// suites with mocha inside the real extension host.
import * as path from 'node:path';
import * as fs from 'node:fs';
import Mocha from 'mocha';
import CountingReporter = require('../support/countingReporter');

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: CountingReporter });
  const grep = process.env.API2CART_WIX_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const f of fs.readdirSync(__dirname).sort()) {
    if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  }
  return new Promise((resolve, reject) => {
    mocha.run(failures => (failures ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
