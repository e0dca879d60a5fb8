// `npm test`: compile, package, then run the three layers and finish with one line that sums them:
//   unit         mocha in plain Node over src/core            (out/test/unit)
//   integration  mocha inside a real VS Code extension host   (out/test/integration)
//   e2e          Playwright driving VS Code as a person would (out/test/e2e)
// `node tools/test-all.mjs unit e2e` runs only the named layers.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { clearFailureScreenshots } from './lib/screenshots.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const all = ['unit', 'integration', 'e2e'];
const wanted = process.argv.slice(2).filter(a => all.includes(a));
const layers = wanted.length ? wanted : all;
const mocha = path.join(root, 'node_modules/.bin/mocha');
const reporter = path.join(root, 'out/test/support/countingReporter.js');

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

// The leak-canary test gives every secret it plants this prefix (built at runtime, never written
// whole in a source file): seeing it in a layer's output means a secret reached the test output.
const CANARY_PREFIX = ['LEAK', 'CANARY-'].join('');

/** Runs a layer with its output echoed live and scanned for the canary prefix; resolves to its status and the hit count. */
function runScanned(cmd, args, env) {
  return new Promise(resolve => {
    const child = spawn(cmd, args, { stdio: ['inherit', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let leaks = 0;
    const scan = (stream, echo) => {
      // Keep the tail of the previous chunk: the prefix may be split across two chunks.
      let tail = '';
      stream.setEncoding('utf8');
      stream.on('data', chunk => {
        echo.write(chunk);
        const text = tail + chunk;
        leaks += text.split(CANARY_PREFIX).length - 1;
        tail = text.slice(-(CANARY_PREFIX.length - 1));
      });
    };
    scan(child.stdout, process.stdout);
    scan(child.stderr, process.stderr);
    child.on('error', () => resolve({ status: 1, leaks }));
    child.on('close', status => resolve({ status: status ?? 1, leaks }));
  });
}

function step(title, cmd, args) {
  console.log(`\n=== ${title}`);
  if (run(cmd, args) !== 0) {
    console.log(`\n${title} failed`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

step('compile (tsc)', 'npm', ['run', '--silent', 'compile']);
if (layers.some(l => l !== 'unit')) {
  step('package (.vsix)', 'npm', ['run', '--silent', 'package']);
  step('VS Code runtime', 'bash', ['-c', 'bash tools/setup-vscode-runtime.sh >/dev/null']);
}

const commands = {
  unit: [mocha, ['--reporter', reporter, '--timeout', '20000', 'out/test/unit/**/*.test.js']],
  integration: ['node', ['tools/run-integration.mjs']],
  e2e: [mocha, ['--reporter', reporter, '--timeout', '180000', '--slow', '30000', 'out/test/e2e/**/*.test.js']],
};

clearFailureScreenshots(root);

const rows = [];
for (const layer of layers) {
  console.log(`\n=== ${layer} tests`);
  const resultsFile = path.join(os.tmpdir(), `api2cart-wix-${layer}-${process.pid}.json`);
  fs.rmSync(resultsFile, { force: true });
  const t0 = Date.now();
  const [cmd, args] = commands[layer];
  const { status, leaks } = await runScanned(cmd, args, { API2CART_WIX_TEST_RESULTS: resultsFile });
  const seconds = (Date.now() - t0) / 1000;
  let counts = { passed: 0, failed: 0, pending: 0, notRun: 0 };
  if (fs.existsSync(resultsFile)) counts = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  fs.rmSync(resultsFile, { force: true });
  // A skipped test is not a passing one; a layer that crashed, hung or ran nothing has failed.
  if (counts.pending > 0) console.log(`${counts.pending} skipped test(s) in ${layer}: counted as failed`);
  if (counts.notRun > 0) console.log(`${counts.notRun} later step(s) of a failed chain in ${layer} not run (the failed step is counted)`);
  counts.failed += counts.pending;
  if ((status !== 0 && counts.failed === 0) || counts.passed + counts.failed === 0) counts.failed += 1;
  if (leaks > 0) {
    console.log(`SECRET LEAK: a planted canary secret appeared ${leaks} time(s) in the ${layer} output: counted as 1 failed`);
    counts.failed += 1;
  }
  rows.push({ layer, ...counts, seconds });
}

console.log('\nlayer         passed  failed  pending  not run  wall time');
for (const r of rows) {
  console.log(`${r.layer.padEnd(12)}  ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}  ${String(r.pending).padStart(7)}  ${String(r.notRun ?? 0).padStart(7)}  ${r.seconds.toFixed(1)} s`);
}
const passed = rows.reduce((n, r) => n + r.passed, 0);
const failed = rows.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
