// How a test layer runs and how its counts add up: shared by tools/test-all.mjs, tools/soak.mjs
// and the runner's own unit test (test/unit/foundation/runner.test.ts), which plants each case.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const GREP_ENV = 'API2CART_WIX_TEST_GREP';
const RESULTS_ENV = 'API2CART_WIX_TEST_RESULTS';

/** mocha's flags for a layer that runs in plain Node: a stray `.only` fails the run instead of dropping the rest. */
export function mochaArgs(root, { timeout, slow, grep }) {
  return ['--forbid-only', '--reporter', path.join(root, 'out/test/support/countingReporter.js'),
    '--timeout', String(timeout), ...(slow ? ['--slow', String(slow)] : []), ...(grep ? ['--grep', grep] : [])];
}

// The leak-canary test gives every secret it plants this prefix (built at runtime, never written
// whole in a source file): seeing it in a layer's output means a secret reached the test output.
const CANARY_PREFIX = ['LEAK', 'CANARY-'].join('');

/** Runs a command with its output echoed (or kept) and scanned for the canary prefix. */
function runScanned(cmd, args, env, echo) {
  return new Promise(resolve => {
    const child = spawn(cmd, args, { stdio: ['inherit', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let leaks = 0;
    let output = '';
    const scan = (stream, sink) => {
      // Keep the tail of the previous chunk: the prefix may be split across two chunks.
      let tail = '';
      stream.setEncoding('utf8');
      stream.on('data', chunk => {
        if (echo) sink.write(chunk); else output += chunk;
        const text = tail + chunk;
        leaks += text.split(CANARY_PREFIX).length - 1;
        tail = text.slice(-(CANARY_PREFIX.length - 1));
      });
    };
    scan(child.stdout, process.stdout);
    scan(child.stderr, process.stderr);
    child.on('error', () => resolve({ status: 1, leaks, output }));
    child.on('close', status => resolve({ status: status ?? 1, leaks, output }));
  });
}

/**
 * Turns what a layer reported into its row. A skipped test is not a passing one; a layer that
 * crashed, hung or ran nothing has failed; a filter the command did not ask for fails the layer.
 */
export function tally({ status, counts, leaks = 0, grepAsked }) {
  const c = { passed: 0, failed: 0, pending: 0, notRun: 0, ...counts };
  const notes = [];
  if (c.pending > 0) notes.push(`${c.pending} skipped test(s): counted as failed`);
  if (c.notRun > 0) notes.push(`${c.notRun} test(s) not run (a failed chain step or hook, counted once as failed)`);
  c.failed += c.pending;
  if ((status !== 0 && c.failed === 0) || c.passed + c.failed === 0 || (c.notRun > 0 && c.failed === 0)) {
    notes.push(counts ? `exit status ${status}: counted as 1 failed` : 'no counts (the layer crashed or never started): counted as 1 failed');
    c.failed += 1;
  }
  if (c.grep && !grepAsked) {
    notes.push(`ran with the filter ${c.grep}, which the command did not ask for (${GREP_ENV} in the environment? ask with --grep <regex>): counted as 1 failed`);
    c.failed += 1;
  }
  if (leaks > 0) {
    notes.push(`SECRET LEAK: a planted canary secret appeared ${leaks} time(s) in the output: counted as 1 failed`);
    c.failed += 1;
  }
  return { row: { passed: c.passed, failed: c.failed, pending: c.pending, notRun: c.notRun }, notes };
}

/** Runs one layer's command and tallies it. `grepAsked`: the filter the command line asked for, if any. */
export async function runLayer(cmd, args, { env = {}, grepAsked, echo = true } = {}) {
  const resultsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'api2cart-wix-layer-')), 'counts.json');
  const t0 = Date.now();
  const { status, leaks, output } = await runScanned(cmd, args, { ...env, [RESULTS_ENV]: resultsFile }, echo);
  const seconds = (Date.now() - t0) / 1000;
  const counts = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) : undefined;
  fs.rmSync(path.dirname(resultsFile), { recursive: true, force: true });
  return { ...tally({ status, counts, leaks, grepAsked }), seconds, output };
}

/** `N passed, N failed`, with `, N not run` only when something did not run. */
export function closingLine(rows) {
  const sum = key => rows.reduce((n, r) => n + (r[key] ?? 0), 0);
  const notRun = sum('notRun');
  return `${sum('passed')} passed, ${sum('failed')} failed${notRun > 0 ? `, ${notRun} not run` : ''}`;
}
