import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ALL_METHODS, PRESETS, type MethodName } from '../../../src/core/scopes';
import { MAX_SELECTION_LENGTH, parseWebviewMessage, type WebviewToHost } from '../../../src/shared/scopePlannerProtocol';

const RUNS = 2000;
const BARE_TYPES = ['ready', 'rendered', 'copyText', 'copyJson', 'exportMarkdown', 'verify', 'cancelVerify', 'saveReport', 'copyDrift'] as const;
const KNOWN_METHODS: ReadonlySet<string> = new Set(ALL_METHODS);

/** What the host may rely on after the guard, checked without the guard's own helpers. */
function assertWellFormed(message: WebviewToHost): void {
  const keys = Object.keys(message).sort();
  switch (message.type) {
    case 'setSelection':
      assert.deepEqual(keys, ['methods', 'type']);
      assert.ok(Array.isArray(message.methods) && message.methods.length <= MAX_SELECTION_LENGTH);
      // An index loop, not every(): every() skips the holes of a sparse array.
      for (let i = 0; i < message.methods.length; i++) {
        assert.ok(KNOWN_METHODS.has(message.methods[i]), `methods[${i}] is ${String(message.methods[i])}`);
      }
      return;
    case 'toggle':
      assert.deepEqual(keys, ['method', 'selected', 'type']);
      assert.ok(KNOWN_METHODS.has(message.method));
      assert.equal(typeof message.selected, 'boolean');
      return;
    case 'applyPreset':
      assert.deepEqual(keys, ['presetId', 'type']);
      assert.ok(PRESETS.some((preset) => preset.id === message.presetId));
      return;
    default:
      assert.ok((BARE_TYPES as readonly string[]).includes(message.type), `unknown type ${message.type}`);
      assert.deepEqual(keys, ['type']);
  }
}

/** The guard never throws; what it accepts is well formed, fresh, and stable under a second pass. */
function checkGuard(input: unknown): WebviewToHost | undefined {
  const parsed = parseWebviewMessage(input);
  if (parsed === undefined) {
    return undefined;
  }
  assertWellFormed(parsed);
  assert.notEqual(parsed, input, 'the guard returned the sender\'s object');
  assert.deepEqual(parseWebviewMessage(parsed), parsed);
  return parsed;
}

const method = fc.constantFrom<MethodName>(...ALL_METHODS);
const validMessage: fc.Arbitrary<WebviewToHost> = fc.oneof(
  fc.constantFrom(...BARE_TYPES).map((type) => ({ type })),
  fc.array(method, { maxLength: MAX_SELECTION_LENGTH }).map((methods) => ({ type: 'setSelection' as const, methods })),
  fc.record({ type: fc.constant('toggle' as const), method, selected: fc.boolean() }, { noNullPrototype: true }),
  fc.constantFrom(...PRESETS).map((preset) => ({ type: 'applyPreset' as const, presetId: preset.id })),
);

/** A near miss: a valid message with one thing wrong that a careless guard would let through. */
const nearMiss: fc.Arbitrary<unknown> = fc.oneof(
  // an extra key, including the ones that touch prototypes
  // (built as JSON text so that "__proto__" becomes an own key, as JSON.parse makes it)
  fc.tuple(validMessage, fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', 'Type', 'methods', 'method'), fc.jsonValue())
    .filter(([message, key]) => !Object.hasOwn(message, key))
    .map(([message, key, value]) => JSON.parse(`${JSON.stringify(message).slice(0, -1)},${JSON.stringify(key)}:${JSON.stringify(value)}}`) as unknown),
  // a missing key
  validMessage.filter((message) => Object.keys(message).length > 1).chain((message) =>
    fc.constantFrom(...Object.keys(message).filter((key) => key !== 'type')).map((key) => {
      const copy: Record<string, unknown> = { ...message };
      delete copy[key];
      return copy;
    })),
  // a field of the wrong type or value
  validMessage.chain((message) =>
    fc.tuple(fc.constantFrom(...Object.keys(message)), fc.anything({ maxDepth: 2 })).map(([key, value]) => ({ ...message, [key]: value }))),
  // a type or name that only looks right
  fc.tuple(fc.constantFrom('ready', 'setSelection', 'toggle', 'applyPreset'), fc.constantFrom((s: string) => s.toUpperCase(), (s: string) => ` ${s}`, (s: string) => `${s}\u0000`, (s: string) => s.slice(1)))
    .map(([type, twist]) => ({ type: twist(type), methods: [], method: ALL_METHODS[0], selected: true, presetId: PRESETS[0].id })),
  fc.tuple(method, fc.constantFrom((s: string) => s.toUpperCase(), (s: string) => `${s} `, (s: string) => `${s}.`, (s: string) => s.replace('.', '_')), fc.boolean())
    .map(([name, twist, selected]) => ({ type: 'toggle', method: twist(name), selected })),
  fc.constantFrom(...PRESETS).map((preset) => ({ type: 'applyPreset', presetId: `${preset.id.toUpperCase()}` })),
  fc.constantFrom('toString', 'constructor', '__proto__', 'hasOwnProperty').map((name) => ({ type: 'applyPreset', presetId: name })),
  fc.constantFrom('toString', 'constructor', '__proto__', 'hasOwnProperty').map((name) => ({ type: 'toggle', method: name, selected: true })),
  // selections: too long, one bad entry, holes, array-likes
  fc.array(method, { minLength: MAX_SELECTION_LENGTH + 1, maxLength: MAX_SELECTION_LENGTH + 20 }).map((methods) => ({ type: 'setSelection', methods })),
  fc.tuple(fc.array(method, { maxLength: 10 }), fc.anything({ maxDepth: 1 }), fc.nat()).map(([methods, bad, at]) => {
    const copy: unknown[] = [...methods];
    copy.splice(at % (copy.length + 1), 0, bad);
    return { type: 'setSelection', methods: copy };
  }),
  fc.sparseArray(method, { maxLength: 20, noTrailingHole: false }).map((methods) => ({ type: 'setSelection', methods })),
  fc.array(method, { maxLength: 5 }).map((methods) => ({ type: 'setSelection', methods: { ...methods, length: methods.length } })),
  fc.constant({ type: 'setSelection', methods: Object.assign([], { length: 2 ** 32 - 1 }) }),
);

describe('hardening: webview message guard', () => {
  it('answers any value with undefined or a well-formed message, never throwing', () => {
    fc.assert(
      fc.property(
        fc.anything({ withBoxedValues: true, withMap: true, withSet: true, withObjectString: true, withNullPrototype: true, withBigInt: true, withDate: true, withTypedArray: true, withSparseArray: true }),
        (value) => {
          checkGuard(value);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('accepts every valid message exactly as sent', () => {
    fc.assert(
      fc.property(validMessage, (message) => {
        assert.deepEqual(checkGuard(message), message);
      }),
      { numRuns: RUNS },
    );
  });

  it('rejects near misses of valid messages', () => {
    fc.assert(
      fc.property(nearMiss, (value) => {
        const parsed = checkGuard(value);
        // A replaced field may by chance hold a valid value again: then it is a valid message.
        if (parsed !== undefined) {
          assert.deepEqual(parsed, value);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
