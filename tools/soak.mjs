// `npm run test:soak`: the e2e layer 5 times in a row while two processes burn a CPU core each,
// as on a busy CI machine. The suite must pass every time: it waits for states, never for times.
//   SOAK_RUNS=n (default 5), SOAK_BURNERS=n (default 2), SOAK_FILES=glob (default every e2e file).
import { spawn, spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { clearFailureScreenshots } from './lib/screenshots.mjs';
import { mochaArgs, runLayer } from './lib/layers.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const runs = Number(process.env.SOAK_RUNS ?? 5);
const burners = Number(process.env.SOAK_BURNERS ?? 2);
const files = process.env.SOAK_FILES ?? 'out/test/e2e/**/*.test.js';

function step(title, cmd, args) {
  console.log(`\n=== ${title}`);
  if (spawnSync(cmd, args, { stdio: 'inherit' }).status !== 0) {
    console.log(`${title} failed\nsoak: 0 of ${runs} runs passed`);
    process.exit(1);
  }
}
step('compile (tsc)', 'npm', ['run', '--silent', 'compile']);
step('package (.vsix)', 'npm', ['run', '--silent', 'package']);
step('VS Code runtime', 'bash', ['-c', 'bash tools/setup-vscode-runtime.sh >/dev/null']);
clearFailureScreenshots(root);

/** A process that keeps one core busy until killed. */
const burn = () => spawn(process.execPath, ['-e', 'for (;;) Math.sqrt(Math.random());'], { stdio: 'ignore' });

const results = [];
for (let run = 1; run <= runs; run++) {
  const load = Array.from({ length: burners }, burn);
  console.log(`\n=== soak run ${run} of ${runs} (${burners} CPU burners beside it)`);
  const { row, notes, seconds } = await runLayer(path.join(root, 'node_modules/.bin/mocha'),
    [...mochaArgs(root, { timeout: 180000, slow: 30000 }), files]);
  for (const p of load) p.kill('SIGKILL');
  for (const note of notes) console.log(note);
  results.push({ run, ok: row.failed === 0, ...row, seconds });
}

console.log('\nrun  passed  failed  wall time');
for (const r of results) console.log(`${String(r.run).padStart(3)}  ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}  ${r.seconds.toFixed(1)} s${r.ok ? '' : '  ✘'}`);
const passedRuns = results.filter(r => r.ok).length;
console.log(`soak: ${passedRuns} of ${runs} runs passed (${burners} CPU burners, ${os.cpus().length} cores)`);
process.exit(passedRuns === runs ? 0 : 1);
