// `npm test`: compile, package, then run the three layers and finish with one line that sums them:
//   unit         mocha in plain Node over src/core            (out/test/unit)
//   integration  mocha inside a real VS Code extension host   (out/test/integration)
//   e2e          Playwright driving VS Code as a person would (out/test/e2e)
// `node tools/test-all.mjs unit e2e` runs only the named layers; `--grep <regex>` runs only the
// tests whose full title matches. A filter set only in the environment (API2CART_WIX_TEST_GREP)
// still filters, but fails the run: a green line must mean that everything ran.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { clearFailureScreenshots } from './lib/screenshots.mjs';
import { GREP_ENV, closingLine, mochaArgs, runLayer } from './lib/layers.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const all = ['unit', 'integration', 'e2e'];
const argv = process.argv.slice(2);
const grepAt = argv.indexOf('--grep');
const grepAsked = grepAt >= 0 ? argv[grepAt + 1] : undefined;
if (grepAt >= 0 && !grepAsked) {
  console.log('--grep needs a regular expression\n0 passed, 1 failed');
  process.exit(1);
}
const wanted = argv.filter(a => all.includes(a));
const layers = wanted.length ? wanted : all;
const grep = grepAsked ?? process.env[GREP_ENV];
const mocha = path.join(root, 'node_modules/.bin/mocha');

function step(title, cmd, args) {
  console.log(`\n=== ${title}`);
  if ((spawnSync(cmd, args, { stdio: 'inherit' }).status ?? 1) !== 0) {
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
  unit: [mocha, [...mochaArgs(root, { timeout: 20000, grep }), 'out/test/unit/**/*.test.js']],
  // The extension host reads the filter from the environment (test/integration/index.ts).
  integration: ['node', ['tools/run-integration.mjs']],
  e2e: [mocha, [...mochaArgs(root, { timeout: 180000, slow: 30000, grep }), 'out/test/e2e/**/*.test.js']],
};

clearFailureScreenshots(root);

const rows = [];
for (const layer of layers) {
  console.log(`\n=== ${layer} tests`);
  const [cmd, args] = commands[layer];
  const env = grep ? { [GREP_ENV]: grep } : {};
  const { row, notes, seconds } = await runLayer(cmd, args, { env, grepAsked });
  for (const note of notes) console.log(`${layer}: ${note}`);
  rows.push({ layer, ...row, seconds });
}

console.log('\nlayer         passed  failed  pending  not run  wall time');
for (const r of rows) {
  console.log(`${r.layer.padEnd(12)}  ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}  ${String(r.pending).padStart(7)}  ${String(r.notRun).padStart(7)}  ${r.seconds.toFixed(1)} s`);
}
console.log(closingLine(rows));
process.exit(rows.some(r => r.failed > 0) ? 1 : 0);
