import * as assert from 'node:assert/strict';
import { oneAtATime } from '../../../src/core/oneAtATime';

describe('one question at a time', () => {
  it('drops tasks while one runs, runs again once it settles, even after a failure', async () => {
    const gate = oneAtATime();
    let release!: (v: string) => void;
    const first = gate.run(() => new Promise<string>((resolve) => (release = resolve)));
    assert.equal(gate.busy, true);
    let ran = 0;
    const dropped = await Promise.all(Array.from({ length: 1000 }, () => gate.run(() => ++ran)));
    assert.deepEqual([ran, new Set(dropped)], [0, new Set(['busy'])]);
    release('answered');
    assert.equal(await first, 'answered');
    assert.equal(gate.busy, false);
    await assert.rejects(gate.run(() => Promise.reject(new Error('no'))));
    assert.equal(await gate.run(() => 'again'), 'again');
  });
});
