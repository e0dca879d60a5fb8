// Loaded by VS Code as extensionTestsPath for `npm run bench`: the shipped dist/extension.js,
// loaded and activated again and again in the real extension host, beside an empty extension
// loaded and activated the same way, in alternating rounds. Each figure is a median, as wall
// time and as the extension host thread's CPU time (which the machine's other load barely moves).
import * as fs from 'node:fs';
import Module = require('node:module');
import * as path from 'node:path';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import { interleaved, median } from './rounds';

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]);
}

/**
 * The real activation at startup, from the line activate() logs:
 * "activated 0.1.0: loaded in 8.9 ms, activate() 4.4 ms, heavy bundles loaded: none". One sample.
 */
async function activationFromLog(logsDir: string): Promise<{ loadMs: number; activateMs: number; coreBundlesLoaded: string[] }> {
  for (let i = 0; i < 600; i++) {
    for (const file of filesUnder(logsDir).filter(f => path.basename(f) === 'API2Cart Wix.log')) {
      const m = /activated \S+: loaded in ([\d.]+) ms, activate\(\) ([\d.]+) ms, heavy bundles loaded: (.*)$/m.exec(fs.readFileSync(file, 'utf8'));
      if (m) return { loadMs: Number(m[1]), activateMs: Number(m[2]), coreBundlesLoaded: m[3] === 'none' ? [] : m[3]!.split(', ') };
    }
    await new Promise(r => setTimeout(r, 50));
  }
  throw new Error(`no activation line in the logs under ${logsDir}`);
}

/**
 * The API as the extension sees it, except that what must be unique per window (command ids, the
 * planner's serializer, content provider schemes, the log channel) gets a suffix; views are not created, so a second copy can
 * register beside the running extension. Everything else is the real call.
 */
function apiForCopy(n: number): typeof vscode {
  const suffix = (id: string) => `${id}.benchCopy${n}`;
  const rename: Record<string, Record<string, (real: (...a: any[]) => unknown) => (...a: any[]) => unknown>> = {
    commands: { registerCommand: real => (id: string, ...rest) => real(suffix(id), ...rest) },
    window: {
      registerWebviewPanelSerializer: real => (viewType: string, s) => real(suffix(viewType), s),
      // One log channel per name and extension: a copy disposing it would close the real one's.
      createOutputChannel: real => (name: string, ...rest) => real(suffix(name), ...rest),
      createTreeView: () => () => ({ dispose() { /* a copy draws no view */ } }),
    },
    workspace: { registerTextDocumentContentProvider: real => (scheme: string, p) => real(suffix(scheme), p) },
  };
  return new Proxy(vscode, {
    get(target, ns: string) {
      const value = (target as any)[ns];
      const methods = rename[ns];
      if (!methods) return value;
      return new Proxy(value, { get: (t, k: string) => (methods[k] ? methods[k]!(t[k].bind(t)) : t[k]) });
    },
  });
}

function fakeContext(ext: vscode.Extension<unknown>): vscode.ExtensionContext {
  const memento = () => {
    const m = new Map<string, unknown>();
    return { get: (k: string, d?: unknown) => (m.has(k) ? m.get(k) : d), update: async (k: string, v: unknown) => void m.set(k, v), keys: () => [...m.keys()], setKeysForSync() { /* none */ } };
  };
  const secrets = new Map<string, string>();
  const changed = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  return {
    subscriptions: [], workspaceState: memento(), globalState: memento(), extension: ext, extensionUri: ext.extensionUri, extensionPath: ext.extensionPath,
    asAbsolutePath: (p: string) => path.join(ext.extensionPath, p),
    secrets: { get: async (k: string) => secrets.get(k), store: async (k: string, v: string) => void secrets.set(k, v), delete: async (k: string) => void secrets.delete(k), keys: async () => [...secrets.keys()], onDidChange: changed.event },
  } as unknown as vscode.ExtensionContext;
}

/** This thread's CPU time (Node 23.9+, as in code-server's extension host). */
const cpuMs = () => {
  const u = (process as unknown as { threadCpuUsage(): NodeJS.CpuUsage }).threadCpuUsage();
  return (u.user + u.system) / 1000;
};

interface Sample { compileCpu: number; requireWall: number; requireCpu: number; activateWall: number; activateCpu: number }

/** Reads, compiles and evaluates `file`'s text as a fresh module (its own name: no compile cache), then calls activate(). */
function loadAndActivate(file: string, n: number, ext: vscode.Extension<unknown>, contexts: vscode.ExtensionContext[]): Sample {
  const api = apiForCopy(n);
  const name = path.join(path.dirname(file), `${path.basename(file, '.js')}.bench-${n}.js`);
  // Compiling alone (under another name, so V8 caches nothing for the load below): how much of
  // the load is the bundle's size rather than what its top level runs.
  let c = cpuMs();
  new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: `${name}.compile` });
  const compileCpu = cpuMs() - c;
  c = cpuMs();
  let t = performance.now();
  const mod = new (Module as any)(name, module);
  mod.filename = name;
  mod.paths = (Module as any)._nodeModulePaths(path.dirname(name));
  const realRequire = mod.require.bind(mod);
  mod.require = (id: string) => (id === 'vscode' ? api : realRequire(id));
  mod._compile(fs.readFileSync(file, 'utf8'), name);
  const requireWall = performance.now() - t;
  const requireCpu = cpuMs() - c;
  const context = fakeContext(ext);
  c = cpuMs();
  t = performance.now();
  mod.exports.activate(context);
  const activateWall = performance.now() - t;
  const activateCpu = cpuMs() - c;
  contexts.push(context);
  return { compileCpu, requireWall, requireCpu, activateWall, activateCpu };
}

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension('api2cart-wix-tools.api2cart-wix');
  if (!ext) throw new Error('extension not found');
  for (let i = 0; i < 600 && !ext.isActive; i++) await new Promise(r => setTimeout(r, 50));
  const startup = await activationFromLog(process.env.API2CART_WIX_BENCH_LOGS ?? '');
  const ours = path.join(ext.extensionPath, 'dist', 'extension.js');
  const empty = path.join(ext.extensionPath, 'dist', `.bench-empty-extension-${process.pid}.js`);
  fs.writeFileSync(empty, 'exports.activate = () => undefined;\n');
  const samples: { ours: Sample[]; empty: Sample[] } = { ours: [], empty: [] };
  let n = 0;
  // Disposed at the end: some registrations (the log channel) finish asynchronously.
  const contexts: vscode.ExtensionContext[] = [];
  try {
    // Each round yields to the event loop first, as the host does between extensions.
    const round = (file: string, into: Sample[]) => async () => {
      await new Promise(r => setImmediate(r));
      into.push(loadAndActivate(file, n++, ext, contexts));
      return 0;
    };
    await interleaved(21, 3, round(ours, samples.ours), round(empty, samples.empty));
  } finally {
    fs.rmSync(empty, { force: true });
    await new Promise(r => setTimeout(r, 500));
    for (const context of contexts) for (const d of context.subscriptions.splice(0).reverse()) d.dispose();
  }
  // The warm-up rounds pushed samples too: keep the recorded ones only.
  const recorded = (xs: Sample[]) => xs.slice(3);
  const figures = (xs: Sample[]) => {
    const r = recorded(xs);
    const m = (f: (s: Sample) => number) => median(r.map(f));
    return {
      compileCpu: m(s => s.compileCpu), requireWall: m(s => s.requireWall), requireCpu: m(s => s.requireCpu), activateWall: m(s => s.activateWall), activateCpu: m(s => s.activateCpu),
      totalWall: m(s => s.requireWall + s.activateWall), totalCpu: m(s => s.requireCpu + s.activateCpu), rounds: r.length,
    };
  };
  const out = process.env.API2CART_WIX_BENCH_OUT;
  if (out) fs.writeFileSync(out, JSON.stringify({ startup, ours: figures(samples.ours), empty: figures(samples.empty) }));
}
