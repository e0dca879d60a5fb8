// `npm run screenshots`: the e2e files that make pictures, with their picture-only steps (see
// test/e2e/support/pictures.ts), which `npm test` leaves out of its count. Pictures land in
// test-results/screenshots; API2CART_WIX_UPDATE_README_SHOTS=1 also refreshes media/screenshots.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { mochaArgs } from './lib/layers.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const files = ['firstRun', 'connectFlow', 'permissions'].map(f => `out/test/e2e/${f}.test.js`);
for (const [cmd, args] of [['npm', ['run', '--silent', 'compile']], ['npm', ['run', '--silent', 'package']],
  ['bash', ['-c', 'bash tools/setup-vscode-runtime.sh >/dev/null']],
  [path.join(root, 'node_modules/.bin/mocha'), [...mochaArgs(root, { timeout: 180000, slow: 30000 }), ...files]]]) {
  const status = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, API2CART_WIX_SCREENSHOTS: '1' } }).status ?? 1;
  if (status !== 0) process.exit(status);
}
