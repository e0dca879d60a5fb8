#!/usr/bin/env node
// Run VS Code extension integration tests inside the real node extension host of code-server
// (VS Code 1.139 server build), driven by headless Chromium. It accepts the argv that
// @vscode/test-electron passes to a desktop Code binary, so `runTests({ vscodeExecutablePath })`
// works unchanged through tools/code-shim:
//   --extensionDevelopmentPath=DIR (repeatable)  --extensionTestsPath=FILE
//   [--user-data-dir=DIR] [--extensions-dir=DIR] [--disable-extensions] [WORKSPACE_FOLDER]
// Desktop-only flags (--no-sandbox, --skip-welcome, ...) are ignored.
// Exit status = the extension host's (0 run() resolved, 1 rejected), 124 timeout, 1 harness error.
// env: VSCODE_WEB_TEST_TIMEOUT (s, default 600), VSCODE_WEB_TEST_VERBOSE=1,
//      VSCODE_WEB_TEST_KEEP=1 (keep the scratch dir; it is always kept on failure)
import fs from 'node:fs';
import path from 'node:path';
import { makeScratch, startCodeServer, launchChromium } from './lib/codeServer.mjs';

const devPaths = [];
let testsPath, userDataDir, extensionsDir, workspace, disableExtensions = false;
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const m = /^--([^=]+)(?:=(.*))?$/.exec(argv[i]);
  if (!m) { workspace = path.resolve(argv[i]); continue; }
  const [, key, inline] = m;
  const takesValue = ['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir'].includes(key);
  const val = takesValue ? (inline ?? argv[++i]) : inline;
  if (key === 'extensionDevelopmentPath') devPaths.push(path.resolve(val));
  else if (key === 'extensionTestsPath') testsPath = path.resolve(val);
  else if (key === 'user-data-dir') userDataDir = path.resolve(val);
  else if (key === 'extensions-dir') extensionsDir = path.resolve(val);
  else if (key === 'disable-extensions') disableExtensions = true;
}
if (!devPaths.length || !testsPath) {
  console.error('usage: code-web-test.mjs --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [workspace]');
  process.exit(2);
}
const timeoutMs = Number(process.env.VSCODE_WEB_TEST_TIMEOUT ?? 600) * 1000;
const verbose = !!process.env.VSCODE_WEB_TEST_VERBOSE;
const t0 = Date.now();
const log = (...a) => console.error(`[code-web-test +${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);

const scratch = makeScratch('code-web-test-');
let server, browser, exitCode = 1;
try {
  server = await startCodeServer({ scratch, smokeTestDriver: true, verbose,
    userDataDir: userDataDir ?? path.join(scratch.tmp, 'user-data'),
    extensionsDir: extensionsDir ?? path.join(scratch.tmp, 'extensions') });
  log(`code-server on ${server.authority}, scratch ${scratch.tmp}`);
  browser = await launchChromium(scratch);
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', e => console.error('[page error]', e.message));
  if (verbose) page.on('console', m => console.error(`[browser ${m.type()}]`, m.text()));

  // Bindings must exist before the workbench loads.
  let resolveExit;
  const finished = new Promise(r => { resolveExit = r; });
  // The workbench forwards its log and the extension host's console (mocha) here.
  const noise = /^(\[(AgentHost|AgentHost:remote|ChatModelSelection|AccountPolicyGate|Service Worker|reconnection-grace-time)\]|Resolv(ing|ed) connection token|Creating a socket|Updating additional builtin|Canceled|Timed out waiting for authentication provider|getaddrinfo ENOTFOUND (open-vsx|mobile\.events)|File not found: .*vsda)/;
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    if (!verbose && typeof args?.[0] === 'string' && noise.test(args[0])) return;
    const out = type === 'error' || type === 'warn' ? console.error : console.log;
    out(...(Array.isArray(args) ? args : [args]));
  });
  // ... and calls this with the extension host's exit code when the tests' run() settles.
  await page.exposeFunction('codeAutomationExit', (code, logs) => {
    try {
      for (const l of logs ?? []) {
        const p = path.join(scratch.tmp, 'logs', l.relativePath);
        fs.mkdirSync(path.dirname(p), { recursive: true }); fs.writeFileSync(p, l.contents);
      }
    } catch { /* logs are a convenience */ }
    resolveExit(Number(code));
  });

  const remote = p => `vscode-remote://${server.authority}${p}`;
  const payload = [...devPaths.map(p => ['extensionDevelopmentPath', remote(p)]),
    ['extensionTestsPath', remote(testsPath)], ['skipWelcome', 'true']];
  if (disableExtensions) payload.push(['disableExtensions', 'true']);
  const url = new URL(server.url);
  if (workspace) url.searchParams.set(workspace.endsWith('.code-workspace') ? 'workspace' : 'folder', workspace);
  else url.searchParams.set('ew', 'true');
  url.searchParams.set('payload', JSON.stringify(payload));
  await page.goto(url.toString());

  const result = await Promise.race([finished, new Promise(r => setTimeout(() => r('timeout'), timeoutMs))]);
  if (result === 'timeout') { log(`tests did not finish within ${timeoutMs / 1000}s`); exitCode = 124; }
  else { exitCode = result; log(`extension host exited with code ${exitCode}`); }
} catch (e) {
  log('error:', e?.stack ?? e);
  exitCode = 1;
} finally {
  await browser?.close().catch(() => { });
  await server?.stop();
  if (exitCode === 0 && !process.env.VSCODE_WEB_TEST_KEEP) fs.rmSync(scratch.tmp, { recursive: true, force: true });
  else log(`logs kept in ${scratch.tmp}`);
}
process.exit(exitCode);
