import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import dotenv from 'dotenv';
import { addGitignoreEntries, envValue, gitignoreListsName, lineEndingOf, removeEnvValue, setEnvVariables, storeKeysEdit } from '../../../src/core/envFile';
import { validateApiKey, validateLabel, validateStoreKey } from '../../../src/core/profiles/validation';

const KEY = '0123456789abcdef0123456789abcdef';

describe('.env editing', () => {
  it('appends a missing variable after a comment, closing an unterminated last line', () => {
    const edit = setEnvVariables('# mine\nDB_URL=postgres://x', [{ name: 'API2CART_STORE_KEY', value: KEY }], 'API2Cart keys');
    assert.equal(edit.text, `# mine\nDB_URL=postgres://x\n# API2Cart keys\nAPI2CART_STORE_KEY=${KEY}\n`);
    assert.deepEqual(edit.changes, [{ name: 'API2CART_STORE_KEY', change: 'added', duplicatesRemoved: 0 }]);
    assert.equal(setEnvVariables('', [{ name: 'A', value: 'b' }]).text, 'A=b\n');
  });

  it('replaces the first assignment in place, keeps an export prefix, removes later duplicates', () => {
    const text = 'A=1\nexport API2CART_STORE_KEY = old # note\n# keep me\nAPI2CART_STORE_KEY=older\nB=2\n';
    const edit = setEnvVariables(text, [{ name: 'API2CART_STORE_KEY', value: KEY }], 'not used: nothing is appended');
    assert.equal(edit.text, `A=1\nexport API2CART_STORE_KEY=${KEY}\n# keep me\nB=2\n`);
    assert.deepEqual(edit.changes, [{ name: 'API2CART_STORE_KEY', change: 'replaced', duplicatesRemoved: 1 }]);
    assert.equal(setEnvVariables(edit.text, [{ name: 'API2CART_STORE_KEY', value: KEY }]).changes[0]!.change, 'unchanged');
  });

  it('keeps CRLF line endings and a byte-order mark', () => {
    const edit = setEnvVariables('\uFEFFA=1\r\nB=2\r\n', [{ name: 'API2CART_STORE_KEY', value: KEY }, { name: 'API2CART_API_KEY', value: 'k' }]);
    assert.equal(edit.text, `\uFEFFA=1\r\nB=2\r\nAPI2CART_STORE_KEY=${KEY}\r\nAPI2CART_API_KEY=k\r\n`);
    assert.equal(edit.lineEnding, 'crlf');
    assert.equal(lineEndingOf('a\nb\r\nc\n'), 'lf');
  });

  it('does not mistake a longer name or a comment for the variable', () => {
    const text = 'API2CART_STORE_KEY_OLD=x\n# API2CART_STORE_KEY=commented\n';
    assert.equal(setEnvVariables(text, [{ name: 'API2CART_STORE_KEY', value: 'v' }]).text, `${text}API2CART_STORE_KEY=v\n`);
  });

  it('quotes values only when a dotenv loader would misread them', () => {
    assert.equal(envValue(KEY), KEY);
    assert.equal(envValue('a#b c'), "'a#b c'");
    assert.equal(envValue("it's $HOME"), '`it\'s $HOME`');
    assert.equal(envValue('a"b\\c'), '\'a"b\\c\'');
    assert.equal(envValue('a"b\\'), undefined, 'a closing quote after a backslash reads as an escaped quote');
    assert.equal(envValue('a\'b`c'), '"a\'b`c"');
    assert.equal(envValue('a\'b`c"d'), undefined, 'no form holds all three quotes');
    assert.equal(envValue('a\'b`c\\n'), undefined, 'dotenv turns \\n into a line break in double quotes');
  });

  it('values round-trip through the real dotenv parser', () => {
    for (const value of [KEY, "it's \"x\"", "a'b\\c", 'a#b c', 'x\\y', "'", '`', '"', '\\n', '$HOME', ' lead', 'a=b']) {
      const text = setEnvVariables('', [{ name: 'V', value }]).text;
      assert.deepEqual(dotenv.parse(text), { V: value }, text);
    }
  });

  it('property: for any label and any keys the writer accepts, dotenv reads back exactly the variables written', () => {
    const key = fc.string({ unit: fc.constantFrom(...'abcdef0123456789\'"`#$=\\ nrA-_'.split('')), minLength: 1, maxLength: 40 });
    const label = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc.string({ unit: fc.constantFrom('a', '=', '#', '\n', '\r', '\u2028', '\u2029', '\u0085', '\u202e', '"', "'", '`', 'NODE_OPTIONS=x', ' '), maxLength: 30 }),
    );
    const base = fc.constantFrom('', 'DB_URL=postgres://x\n', '# mine\r\nA=1', 'API2CART_STORE_KEY=old\n');
    fc.assert(fc.property(label, key, fc.option(key), base, (rawLabel, rawStoreKey, rawApiKey, text) => {
      const labelOk = validateLabel(rawLabel);
      const storeKey = validateStoreKey(rawStoreKey);
      const apiKey = rawApiKey === null ? undefined : validateApiKey(rawApiKey);
      if (!labelOk.ok || !storeKey.ok || (apiKey && !apiKey.ok)) return;
      const assignments = [{ name: 'API2CART_STORE_KEY', value: storeKey.value }, ...(apiKey?.ok ? [{ name: 'API2CART_API_KEY', value: apiKey.value }] : [])];
      const written = storeKeysEdit(text, { label: labelOk.value ?? '', assignments });
      if (!written.ok) {
        assert.ok(assignments.some((a) => a.name === written.unreadable && envValue(a.value) === undefined));
        return;
      }
      const expected = { ...dotenv.parse(text), ...Object.fromEntries(assignments.map((a) => [a.name, a.value])) };
      assert.deepEqual(dotenv.parse(written.edit.text), expected);
    }), { numRuns: 500 });
  });

  it('a site name never starts a line of its own in .env', () => {
    const label = validateLabel('Shop\u2028NODE_OPTIONS=--require=./evil.js\u2029X=1\u0085Y=2\u202e');
    assert.ok(label.ok && label.value !== undefined);
    assert.doesNotMatch(label.value, /[\u2028\u2029\u0085\u202e]/);
    const written = storeKeysEdit('', { label: 'Shop\u2028NODE_OPTIONS=--require=./evil.js', assignments: [{ name: 'API2CART_STORE_KEY', value: KEY }] });
    assert.ok(written.ok);
    assert.deepEqual(dotenv.parse(written.edit.text), { API2CART_STORE_KEY: KEY });
    assert.match(written.edit.text, /^# API2Cart keys for "Shop NODE_OPTIONS=--require=.\/evil.js"/);
    const ascii = storeKeysEdit('', { label: 'Caf\u00e9 [x](command:y) \u{1F600}', assignments: [{ name: 'A', value: 'b' }] });
    assert.ok(ascii.ok);
    assert.equal(ascii.edit.text.split('\n')[0], '# API2Cart keys for "Caf? [x] (command:y) ?", written by API2Cart Wix. Keep this file out of git.');
  });

  it('property: every other line stays as it was, and the variable is on exactly one line', () => {
    const safeLine = fc.stringMatching(/^[^\r\n]{0,30}$/).filter((l) => !/^\s*(export\s+)?API2CART_STORE_KEY\s*=/.test(l));
    const assignment = fc.constantFrom('API2CART_STORE_KEY=old', 'export API2CART_STORE_KEY=x', '  API2CART_STORE_KEY =y');
    fc.assert(fc.property(fc.array(fc.oneof(safeLine, safeLine, assignment), { maxLength: 15 }), fc.boolean(), fc.boolean(), (lines, crlf, closed) => {
      const eol = crlf ? '\r\n' : '\n';
      const text = lines.join(eol) + (closed && lines.length ? eol : '');
      const edit = setEnvVariables(text, [{ name: 'API2CART_STORE_KEY', value: KEY }]);
      const out = edit.text.split(/\r?\n/);
      const others = (l: string) => !/^\s*(export\s+)?API2CART_STORE_KEY\s*=/.test(l);
      // The other lines byte for byte, endings and blank lines included; only a final line break may be added.
      const otherLines = (t: string) => t.split(/(?<=\n)/).filter((l) => others(l.replace(/\r?\n$/, ''))).join('').replace(/\r?\n$/, '');
      assert.equal(otherLines(edit.text), otherLines(text));
      assert.equal(out.filter((l) => !others(l)).length, 1);
      assert.ok(out.some((l) => l.endsWith(`API2CART_STORE_KEY=${KEY}`)));
      if (crlf && lines.length > 1) assert.ok(!/[^\r]\n/.test(edit.text), 'no bare LF in a CRLF file');
      // Writing the same value again changes nothing.
      assert.equal(setEnvVariables(edit.text, [{ name: 'API2CART_STORE_KEY', value: KEY }]).text, edit.text);
    }), { numRuns: 300 });
  });
});

describe('.gitignore', () => {
  it('reads whether its own lines ignore .env', () => {
    assert.equal(gitignoreListsName('node_modules\n.env\n', '.env'), true);
    assert.equal(gitignoreListsName('/.env\r\n', '.env'), true);
    assert.equal(gitignoreListsName('.env*\n', '.env'), true);
    assert.equal(gitignoreListsName('**/.env\n', '.env'), true);
    assert.equal(gitignoreListsName('.env\n!.env\n', '.env'), false);
    assert.equal(gitignoreListsName('# .env\n.envrc\n', '.env'), false);
    assert.equal(gitignoreListsName('', '.env'), false);
  });

  it('appends an entry in the file\'s own line ending', () => {
    assert.equal(addGitignoreEntries('', ['.env']), '.env\n');
    assert.equal(addGitignoreEntries('dist\r\nout', ['.env', '/config/dev.env'], 'secrets'), 'dist\r\nout\r\n# secrets\r\n.env\r\n/config/dev.env\r\n');
  });
});

describe('.env: removing a removed store\'s key (Remove from .env)', () => {
  const OTHER = 'fedcba9876543210fedcba9876543210';
  const written = (text: string, label = 'Canary Crafts') =>
    storeKeysEdit(text, { label, assignments: [{ name: 'API2CART_STORE_KEY', value: KEY }] });

  it('removes the line and the comment written with it; every other line stays byte for byte', () => {
    const edit = written('# mine\r\nDB_URL=postgres://x\r\n');
    assert.ok(edit.ok);
    assert.deepEqual(removeEnvValue(edit.edit.text, 'API2CART_STORE_KEY', KEY), { text: '# mine\r\nDB_URL=postgres://x\r\n', removed: 1 });
  });

  it('keeps the comment while the API key written with it is still below it', () => {
    const text = `# API2Cart keys for "Shop", written by API2Cart Wix. Keep this file out of git.\nAPI2CART_STORE_KEY=${KEY}\nAPI2CART_API_KEY=abc\n`;
    assert.equal(removeEnvValue(text, 'API2CART_STORE_KEY', KEY).text,
      '# API2Cart keys for "Shop", written by API2Cart Wix. Keep this file out of git.\nAPI2CART_API_KEY=abc\n');
  });

  it('touches only the removed key: another store\'s key, a person\'s own comment and a similar name stay', () => {
    const text = `# my key\nAPI2CART_STORE_KEY=${OTHER}\nAPI2CART_STORE_KEY_OLD=${KEY}\n`;
    assert.deepEqual(removeEnvValue(text, 'API2CART_STORE_KEY', KEY), { text, removed: 0 });
    const own = `# my key\nAPI2CART_STORE_KEY=${KEY}\nX=1`;
    assert.equal(removeEnvValue(own, 'API2CART_STORE_KEY', KEY).text, '# my key\nX=1');
  });

  it('reads the value as dotenv does: quoted, exported, with a trailing comment, duplicated', () => {
    const text = `export API2CART_STORE_KEY = '${KEY}'\nAPI2CART_STORE_KEY="${KEY}"\nAPI2CART_STORE_KEY=${KEY} # old\nA=1\n`;
    assert.equal(dotenv.parse(text).API2CART_STORE_KEY, KEY, 'the sample is what dotenv reads as the key');
    assert.deepEqual(removeEnvValue(text, 'API2CART_STORE_KEY', KEY), { text: 'A=1\n', removed: 3 });
  });

  it('keeps a byte-order mark and a file without a final newline', () => {
    assert.equal(removeEnvValue(`\uFEFFA=1\nAPI2CART_STORE_KEY=${KEY}`, 'API2CART_STORE_KEY', KEY).text, '\uFEFFA=1\n');
  });

  it('whatever else the file holds, only lines dotenv reads as the removed key go, and dotenv reads the rest as before', () => {
    const line = fc.oneof(fc.constantFrom('# c', '', 'A=1', `API2CART_STORE_KEY=${OTHER}`, 'export B="x y"'), fc.stringMatching(/^[A-Z]{1,4}=[a-z0-9]{0,6}$/));
    fc.assert(fc.property(fc.array(line, { maxLength: 8 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
      const edit = written(lines.join(eol) + eol);
      assert.ok(edit.ok);
      const after = removeEnvValue(edit.edit.text, 'API2CART_STORE_KEY', KEY);
      assert.equal(after.removed, 1);
      assert.ok(!after.text.includes(KEY));
      // A key the write replaced is gone with it; every other variable reads as before.
      const { API2CART_STORE_KEY: _replaced, ...before } = dotenv.parse(lines.join(eol));
      assert.deepEqual(dotenv.parse(after.text), before);
    }));
  });
});
