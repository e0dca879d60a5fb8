// Run the integration suite (out/test/integration) inside a real VS Code extension host with
// @vscode/test-electron. Offline machines have no desktop VS Code to download, so by default the
// "executable" is tools/code-shim, which runs the same argv in code-server (VS Code 1.139).
// API2CART_WIX_DESKTOP_VSCODE=1 lets test-electron download and use desktop VS Code instead.
import { runTests } from '@vscode/test-electron';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'api2cart-wix-it-'));
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'api2cart-wix-ws-'));
fs.cpSync(path.join(root, 'test/fixtures/workspace'), workspace, { recursive: true });
const desktop = process.env.API2CART_WIX_DESKTOP_VSCODE === '1';
// The tests reach the extension's services through activate()'s return value, which only the
// test bundle has. (`npm run package` builds the shipped bundle again.)
execFileSync('node', [path.join(root, 'tools/build.mjs'), '--test-hooks'], { stdio: 'inherit' });

let code = 1;
try {
  code = await runTests({
    ...(desktop ? { version: '1.139.1' } : { vscodeExecutablePath: path.join(root, 'tools/code-shim') }),
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out/test/integration/index.js'),
    launchArgs: [workspace, '--disable-extensions',
      `--user-data-dir=${path.join(profile, 'user-data')}`, `--extensions-dir=${path.join(profile, 'extensions')}`],
    extensionTestsEnv: { API2CART_WIX_TEST_MODE: '1' },
  });
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
} finally {
  fs.rmSync(profile, { recursive: true, force: true });
  fs.rmSync(workspace, { recursive: true, force: true });
}
process.exit(code);
