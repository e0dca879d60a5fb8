// Start code-server (the VS Code 1.139 server + web workbench) and headless Chromium on this
// machine. Shared by the integration harness (tools/code-web-test.mjs) and the e2e suite.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Where tools/setup-vscode-runtime.sh puts the runtime, unless the environment says otherwise. */
export function runtimePaths() {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
  const rt = process.env.VSCODE_RUNTIME_DIR ?? path.join(root, '.vscode-runtime');
  return {
    node: process.env.CODE_SERVER_NODE ?? path.join(rt, 'node24', 'bin', 'node'),
    entry: process.env.CODE_SERVER_ENTRY ?? path.join(rt, 'cs', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
}

export const freePort = () => new Promise((res, rej) => {
  const s = net.createServer(); s.once('error', rej);
  s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); });
});

/** Quiet, offline-friendly defaults, written only if the profile has no settings.json yet. */
export const quietSettings = {
  'chat.disableAIFeatures': true, 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'update.mode': 'none',
  'workbench.enableExperiments': false, 'git.enabled': false, 'github.gitAuthentication': false,
  'workbench.tips.enabled': false, 'workbench.welcomePage.walkthroughs.openOnInstall': false,
};

/**
 * A scratch folder with its own HOME/XDG/TMPDIR: code-server, VS Code and Chromium all write
 * into the home directory and $TMPDIR otherwise.
 */
export function makeScratch(prefix) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const home = path.join(tmp, 'home');
  fs.mkdirSync(path.join(home, '.config'), { recursive: true });
  fs.mkdirSync(path.join(tmp, 't'), { recursive: true });
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local/share'), TMPDIR: path.join(tmp, 't') };
  return { tmp, home, env };
}

function writeSettingsIfMissing(userDataDir, settings) {
  const file = path.join(userDataDir, 'User', 'settings.json');
  if (fs.existsSync(file)) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(settings, null, 2));
}

/** Install a .vsix into an extensions folder with code-server's own CLI. */
export function installVsix({ vsix, userDataDir, extensionsDir, env }) {
  const { node, entry } = runtimePaths();
  return execFileSync(node, [entry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
    '--install-extension', vsix], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * Start code-server on a free loopback port; resolves once /healthz answers.
 * `smokeTestDriver` makes the built workbench honour extensionDevelopmentPath/extensionTestsPath
 * in the URL's `payload` (needed for integration tests; it also suppresses toasts).
 */
export async function startCodeServer({ scratch, userDataDir, extensionsDir, smokeTestDriver = false,
  settings = quietSettings, verbose = false, workspaceTrust = false }) {
  const { node, entry } = runtimePaths();
  if (!fs.existsSync(entry)) throw new Error(`code-server not found at ${entry}; run tools/setup-vscode-runtime.sh`);
  const port = await freePort();
  writeSettingsIfMissing(userDataDir, settings);
  const args = [entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check',
    // Workspace trust is off unless a suite plays an untrusted folder (e2e/workspaceTrust).
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override', '--ignore-last-opened',
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  const server = spawn(node, args, { env: scratch.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const logFile = path.join(scratch.tmp, 'code-server.log');
  const serverLog = fs.createWriteStream(logFile);
  for (const s of [server.stdout, server.stderr]) s.on('data', d => { serverLog.write(d); if (verbose) process.stderr.write(d); });
  let exited = false;
  server.on('exit', () => { exited = true; });
  const stop = async () => {
    if (exited) return;
    try { process.kill(-server.pid, 'SIGTERM'); } catch { /* gone */ }   // only our own process group
    for (let i = 0; i < 20 && !exited; i++) await new Promise(r => setTimeout(r, 100));
    try { process.kill(-server.pid, 'SIGKILL'); } catch { /* gone */ }
  };
  for (let i = 0; ; i++) {
    try { if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break; } catch { /* not yet */ }
    if (exited || i > 240) { await stop(); throw new Error(`code-server did not come up; see ${logFile}`); }
    await new Promise(r => setTimeout(r, 250));
  }
  return { port, authority: `127.0.0.1:${port}`, url: `http://127.0.0.1:${port}/`, logFile, stop, hasExited: () => exited };
}

/** Headless Debian Chromium; the flags keep it off the (closed) network. */
export async function launchChromium(scratch) {
  const { chromium } = require('playwright-core');
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true,
    env: { ...scratch.env, XDG_CACHE_HOME: path.join(scratch.home, '.cache') },
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}
