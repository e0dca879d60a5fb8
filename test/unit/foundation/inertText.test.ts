import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { inertText } from '../../../src/core/inertText';
import { profileDisplayName } from '../../../src/core/profiles';

// VS Code's own patterns: notification links (vs/base/common/linkedText.ts) and codicons.
const LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
const ICON = /\$\([a-z.]+[^)]*\)/i;
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('inert outside text', () => {
  it('no link, no icon, no line break, no bidi control', () => {
    assert.equal(inertText('Shop [Open](command:workbench.action.terminal.new) and [x](https://evil.example)'),
      'Shop [Open] (command:workbench.action.terminal.new) and [x] (https://evil.example)');
    assert.equal(inertText('$(alert) fake\nsecond line\u2028third\u202etxt.exe'), '$ (alert) fake second line third txt.exe');
    assert.equal(inertText('a\u0085b\r\nc\u2066d\u2069'), 'a b c d');
    assert.equal(inertText('ok-1b2c3d4e'), 'ok-1b2c3d4e');
  });

  it('a store name (the merchant\'s site name) is shown inert', () => {
    assert.equal(profileDisplayName({ instanceId: 'x', label: 'Shop [Run](command:evil) $(check)' }), 'Shop [Run] (command:evil) $ (check)');
  });

  it('long text is cut, and ASCII mode replaces everything else', () => {
    assert.equal(inertText('x'.repeat(300)).length, 200);
    assert.ok(inertText('x'.repeat(300)).endsWith('…'));
    assert.equal(inertText('Café 😀', { ascii: true }), 'Caf? ?');
    assert.equal(inertText('y'.repeat(20), { ascii: true, max: 10 }), 'yyyyyyy...');
  });

  it('property: whatever comes in, nothing VS Code would render as a link or an icon comes out', () => {
    const piece = fc.oneof(fc.string({ unit: 'grapheme' }), fc.constantFrom('[', ']', '(', ')', '$(', '](', 'command:x', 'https://a', '\n', '\u2028', '\u202e', ' ', 'check'));
    fc.assert(fc.property(fc.array(piece, { maxLength: 20 }), fc.boolean(), (pieces, ascii) => {
      const out = inertText(pieces.join(''), { ascii, max: 1000 });
      assert.doesNotMatch(out, LINK);
      assert.doesNotMatch(out, ICON);
      assert.doesNotMatch(out, UNSAFE);
      if (ascii) assert.match(out, /^[\x20-\x7e]*$/);
    }), { numRuns: 500 });
  });
});
