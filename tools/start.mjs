// `npm start`: package the extension and open it.
//  - desktop VS Code on the PATH (`code`): install the .vsix there and open this folder;
//  - otherwise: serve the browser VS Code runtime (code-server) on 127.0.0.1 with the .vsix
//    installed, print the URL, and keep serving until Ctrl+C.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const vsix = path.join(root, 'build/api2cart-wix.vsix');
const sh = (cmd, args) => { const r = spawnSync(cmd, args, { stdio: 'inherit' }); if (r.status !== 0) process.exit(r.status ?? 1); };

sh('npm', ['run', '--silent', 'package']);
const hasCode = spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
if (hasCode) {
  sh('code', ['--install-extension', vsix, '--force']);
  sh('code', [root]);
  console.log('Installed into VS Code. Run "API2Cart Wix: Show Actions" from the Command Palette.');
  process.exit(0);
}

sh('bash', ['-c', 'bash tools/setup-vscode-runtime.sh >/dev/null']);
const { makeScratch, startCodeServer, installVsix } = await import('./lib/codeServer.mjs');
const profile = path.join(root, '.vscode-runtime', 'start-profile');
const scratch = makeScratch('api2cart-wix-start-');
const userDataDir = path.join(profile, 'user-data');
const extensionsDir = path.join(profile, 'extensions');
fs.mkdirSync(userDataDir, { recursive: true });
console.log(installVsix({ vsix, userDataDir, extensionsDir, env: scratch.env }).trim());
const server = await startCodeServer({ scratch, userDataDir, extensionsDir });
const workspace = path.join(profile, 'workspace');
fs.mkdirSync(workspace, { recursive: true });
console.log(`\nVS Code with the extension: ${server.url}?folder=${encodeURIComponent(workspace)}\nPress Ctrl+C to stop.`);
const stop = async () => { await server.stop(); fs.rmSync(scratch.tmp, { recursive: true, force: true }); process.exit(0); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => { if (server.hasExited()) { console.error(`code-server stopped; see ${server.logFile}`); process.exit(1); } }, 1000);
