import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CommandIds } from '../../../src/vscode/commandIds';

const root = path.resolve(__dirname, '../../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const nls: Record<string, string> = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
/** A contributed string, resolved through package.nls.json like VS Code does. */
const localized = (s: string): string => s.replace(/^%(.+)%$/, (_, key: string) => nls[key] ?? `<missing ${key}>`);

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]);
}

describe('project layout', () => {
  it('src/core never imports vscode', () => {
    const offenders = filesUnder(path.join(root, 'src/core'))
      .filter(f => f.endsWith('.ts'))
      .filter(f => /from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)|import\s+['"]vscode['"]/.test(fs.readFileSync(f, 'utf8')));
    assert.deepEqual(offenders, []);
  });

  // esbuild wraps every `import * as vscode` in __toESM, which copies the whole API object once per
  // importing file: with 40 files that was 19 of activation's 31 ms. `import vscode = require()` is a plain require.
  it('src takes the vscode API with import = require, never a namespace import that the bundle copies per file', () => {
    const offenders = filesUnder(path.join(root, 'src'))
      .filter(f => f.endsWith('.ts'))
      .filter(f => /^import\s+\*\s+as\s+\w+\s+from\s+['"]vscode['"]/m.test(fs.readFileSync(f, 'utf8')));
    assert.deepEqual(offenders.map(f => path.relative(root, f)), []);
  });

  it('src has no import cycles, type-only imports included', () => {
    const files = filesUnder(path.join(root, 'src')).filter(f => f.endsWith('.ts'));
    const resolveImport = (from: string, spec: string): string | undefined => {
      const base = path.resolve(path.dirname(from), spec);
      return [`${base}.ts`, path.join(base, 'index.ts')].find(f => fs.existsSync(f));
    };
    // Static imports and re-exports, and `import('…')` in any position: `typeof import()` types
    // and dynamic imports tie files together as much as an import statement does.
    const importPattern = /^(?:import|export)\b[^;]*?from\s+['"](\.[^'"]+)['"]|\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/gms;
    const importsOf = (text: string): string[] => [...text.matchAll(importPattern)].map(m => (m[1] ?? m[2])!);
    assert.deepEqual(importsOf("type A = typeof import('./a');\nimport { b } from './b';\nconst c = await import( \"./c\" );"), ['./a', './b', './c']);
    const edges = new Map(files.map(f => [f, importsOf(fs.readFileSync(f, 'utf8'))
      .map(spec => resolveImport(f, spec)).filter((t): t is string => t !== undefined)]));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].map(f => path.relative(root, f)).join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const next of edges.get(file) ?? []) visit(next, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    assert.deepEqual(cycles, []);
  });

  it('every contributed command is registered through the guarded registerCommands, and nothing else registers one', () => {
    const sources = filesUnder(path.join(root, 'src')).filter(f => f.endsWith('.ts'));
    const helper = path.join(root, 'src/vscode/commands.ts');
    const direct = sources.filter(f => f !== helper && /\bcommands\.registerCommand\b|\bregisterTextEditorCommand\b/.test(fs.readFileSync(f, 'utf8')));
    assert.deepEqual(direct.map(f => path.relative(root, f)), [], 'register commands with registerCommands (src/vscode/commands.ts)');
    assert.match(fs.readFileSync(helper, 'utf8'), /registerCommand\(id, guardedCommand\(/, 'the helper wraps each command in the guard');
    // Each contributed id appears as a key of a registerCommands call: `[CommandIds.x]: {`.
    const keyed = new Set(sources.flatMap(f => [...fs.readFileSync(f, 'utf8').matchAll(/\[CommandIds\.(\w+)\]:\s*(?:\{|\w+\()/g)].map(m => m[1]!)));
    const byId = new Map(Object.entries(CommandIds).map(([key, id]) => [id as string, key]));
    const missing = (manifest.contributes.commands as { command: string }[]).map(c => c.command).filter(id => !keyed.has(byId.get(id) ?? id));
    assert.deepEqual(missing, []);
  });

  it('every contributed command is a known command id in the API2Cart Wix category', () => {
    const known = new Set<string>(Object.values(CommandIds));
    for (const c of manifest.contributes.commands) {
      assert.ok(known.has(c.command), `${c.command} is not in CommandIds`);
      assert.equal(localized(c.category), 'API2Cart Wix', `${c.command} category`);
      assert.ok(!localized(c.title).startsWith('<missing'), `${c.command} title is localized`);
    }
  });

  it('every %key% in the manifest has a string in package.nls.json', () => {
    const keys = [...JSON.stringify(manifest).matchAll(/"%([^"%]+)%"/g)].map(m => m[1]);
    assert.ok(keys.length > 0);
    assert.deepEqual(keys.filter(k => !(k in nls)), []);
  });

  it('walkthrough steps complete only on context keys the extension sets once a value is stored, never on a command opening', () => {
    const contextKeys = new Set(['api2cartWix.hasApiKey', 'api2cartWix.hasAppCredentials', 'api2cartWix.hasStore', 'api2cartWix.storeAdded', 'api2cartWix.scopesPlanned']);
    const statusBar = fs.readFileSync(path.join(root, 'src/vscode/statusBar.ts'), 'utf8');
    for (const key of contextKeys) assert.ok(statusBar.includes(`'${key}'`), `statusBar.ts publishes ${key}`);
    for (const step of manifest.contributes.walkthroughs[0].steps) {
      const events = step.completionEvents as string[];
      assert.ok(events.length > 0, step.id);
      for (const ev of events) {
        if (ev.startsWith('onContext:')) assert.ok(contextKeys.has(ev.replace('onContext:', '')), `${step.id}: ${ev}`);
        else assert.fail(`${step.id}: ${ev} is not a context key (a command that opens is not a value stored)`);
      }
      assert.ok(fs.existsSync(path.join(root, step.media.markdown)), step.media.markdown);
    }
    assert.equal(manifest.contributes.walkthroughs[0].steps[0].id, 'connectInOneFlow', 'the first step offers the one flow');
  });

  it('engines.vscode is no newer than the test runtime and @types/vscode equals its minimum', () => {
    const engine: string = manifest.engines.vscode;
    const m = /^\^1\.(\d+)\.(\d+)$/.exec(engine);
    assert.ok(m, `engines.vscode ${engine} should be ^1.x.y`);
    assert.ok(Number(m[1]) <= 139, `engines.vscode ${engine} exceeds ^1.139.0`);
    assert.equal(manifest.devDependencies['@types/vscode'], engine.slice(1));
  });

  it('base URL and receiver settings are machine-scoped and restricted in untrusted workspaces', () => {
    const props = manifest.contributes.configuration.properties;
    const sensitive = ['api2cartWix.api2cart.baseUrl', 'api2cartWix.wix.baseUrl', 'api2cartWix.webhook.host',
      'api2cartWix.webhook.port', 'api2cartWix.webhook.path'];
    for (const key of sensitive) {
      assert.equal(props[key]?.scope, 'machine', `${key} scope`);
      assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes(key), `${key} restricted`);
    }
  });
});
