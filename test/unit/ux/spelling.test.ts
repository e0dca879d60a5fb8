// One spelling for the words a person reads in every message: "App Installed", "secret storage",
// "Instance ID", one clock-time format and one step counter. Scans the manifest's strings and every string literal
// in src (comments and identifiers are code, not text shown).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

const root = path.resolve(__dirname, '../../../..');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Every string literal and template text in a file, with its line. */
function literals(file: string): { text: string; where: string }[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: { text: string; where: string }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      found.push({ text: node.text, where: `${path.relative(root, file)}:${line}` });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The wrong spellings, each with the one to use. */
const WRONG: { pattern: RegExp; use: string }[] = [
  { pattern: /\b[Ii]nstance [Ii]d\b|\binstance ID\b|\bInstanceID\b/, use: 'Instance ID' },
  { pattern: /\b[Aa]pp installed\b|\bAppInstalled (?:event|webhook)\b|\b(?:the|an?) AppInstalled\b/, use: 'App Installed' },
  { pattern: /\bSecretStorage\b|\bSecret Storage\b|\bsecret store\b/, use: 'secret storage' },
  // One step-counter format: the quick input's own step/totalSteps, which VS Code shows as "1/2".
  { pattern: /\(\s*\d+\s*\/\s*\d+\s*\)|\b[Ss]tep (?:\d+|\{\d\}) (?:of|\/) (?:\d+|\{\d\})/, use: 'step/totalSteps on the quick input' },
];

function offenders(texts: { text: string; where: string }[]): string[] {
  return texts.flatMap(({ text, where }) =>
    WRONG.filter((w) => w.pattern.test(text)).map((w) => `${where}: "${text.match(w.pattern)![0]}" (use "${w.use}")`));
}

describe('one spelling throughout', () => {
  it('package.nls.json says App Installed, secret storage and Instance ID the one way', () => {
    const nls: Record<string, string> = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
    assert.deepEqual(offenders(Object.entries(nls).map(([key, text]) => ({ text, where: `package.nls.json ${key}` }))), []);
  });

  it('the strings in src say them the one way too', () => {
    const texts = tsFiles(path.join(root, 'src')).flatMap(literals);
    assert.ok(texts.length > 500, 'the scan sees the source strings');
    assert.deepEqual(offenders(texts), []);
  });

  it('finds the wrong spellings it is for', () => {
    const samples = ['the instance id', 'Instance Id', 'from the AppInstalled event', 'kept in SecretStorage', 'the app installed webhook', 'in Secret Storage',
      'Wix App Credentials (1/2): App ID', 'Step 1 of 4', 'step {0} of {1}'];
    assert.equal(offenders(samples.map((text) => ({ text, where: 'sample' }))).length, samples.length);
    assert.deepEqual(offenders(['Instance ID', 'App Installed', 'secret storage', "eventType === 'AppInstalled'"].map((text) => ({ text, where: 'ok' }))), []);
  });

  it('formats clock times in one place (formatClockTime), not with toLocaleTimeString here and there', () => {
    const display = path.join(root, 'src/core/profiles/display.ts');
    const stray = tsFiles(path.join(root, 'src')).filter((f) => f !== display && /\.toLocaleTimeString\(/.test(fs.readFileSync(f, 'utf8')));
    assert.deepEqual(stray.map((f) => path.relative(root, f)), []);
  });
});
