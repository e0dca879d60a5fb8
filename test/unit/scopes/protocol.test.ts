import assert from 'node:assert/strict';
import { MAX_SELECTION_LENGTH, parseWebviewMessage } from '../../../src/shared/scopePlannerProtocol';

describe('scopes: webview message validation', () => {
  it('accepts every well-formed message', () => {
    const valid = [
      { type: 'ready' },
      { type: 'rendered' },
      { type: 'copyText' },
      { type: 'copyJson' },
      { type: 'exportMarkdown' },
      { type: 'verify' },
      { type: 'cancelVerify' },
      { type: 'saveReport' },
      { type: 'copyDrift' },
      { type: 'setSelection', methods: [] },
      { type: 'setSelection', methods: ['order.list', 'product.variant.update'] },
      { type: 'toggle', method: 'order.list', selected: true },
      { type: 'toggle', method: 'order.list', selected: false },
      { type: 'applyPreset', presetId: 'order-sync' },
    ];
    for (const message of valid) assert.deepEqual(parseWebviewMessage(message), message);
  });

  it('copies the methods array instead of keeping the sender\'s', () => {
    const methods = ['order.list'];
    const parsed = parseWebviewMessage({ type: 'setSelection', methods });
    assert.ok(parsed?.type === 'setSelection');
    assert.notEqual(parsed.methods, methods);
  });

  it('rejects anything malformed', () => {
    const invalid: unknown[] = [
      undefined,
      null,
      'ready',
      42,
      [],
      ['ready'],
      {},
      { type: 42 },
      { type: 'launchMissiles' },
      { type: 'ready', extra: 1 },
      { type: 'verify', store: 'another' },
      { type: 'copyDrift', text: 'x' },
      { type: 'saveReport', path: '/etc/passwd' },
      { type: 'cancelVerify', all: true },
      { type: 'setSelection' },
      { type: 'setSelection', methods: 'order.list' },
      { type: 'setSelection', methods: ['order.list', 'order.delete'] },
      { type: 'setSelection', methods: [1] },
      { type: 'setSelection', methods: ['__proto__'] },
      { type: 'setSelection', methods: Array(MAX_SELECTION_LENGTH + 1).fill('order.list') },
      { type: 'toggle', method: 'order.list' },
      { type: 'toggle', method: 'order.list', selected: 'yes' },
      { type: 'toggle', method: 'toString', selected: true },
      { type: 'toggle', method: ['order.list'], selected: true },
      { type: 'applyPreset', presetId: 'everything' },
      { type: 'applyPreset', presetId: 1 },
      { type: 'applyPreset' },
    ];
    for (const message of invalid) assert.equal(parseWebviewMessage(message), undefined, JSON.stringify(message));
  });

  it('accepts a selection at the size limit', () => {
    const methods = Array(MAX_SELECTION_LENGTH).fill('order.list');
    assert.ok(parseWebviewMessage({ type: 'setSelection', methods }));
  });
});
