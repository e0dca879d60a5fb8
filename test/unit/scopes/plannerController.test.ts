import assert from 'node:assert/strict';
import { findPreset, formatPlanText, planScopes, planToJson, type MethodName } from '../../../src/core/scopes';
import type { HostToWebview } from '../../../src/shared/scopePlannerProtocol';
import {
  ScopePlannerController,
  buildPlannerState,
  type PlannerHost,
} from '../../../src/vscode/scopePlanner/plannerController';

const translate = (message: string, ...args: (string | number)[]) =>
  message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));

function fakeHost(overrides: Partial<PlannerHost> = {}) {
  const posted: HostToWebview[] = [];
  const persisted: (readonly MethodName[])[] = [];
  const clipboard: string[] = [];
  const exported: string[] = [];
  const warnings: string[] = [];
  let rendered = 0;
  const host: PlannerHost = {
    post: (m) => posted.push(m),
    persist: (s) => void persisted.push(s),
    copyToClipboard: async (text) => void clipboard.push(text),
    exportMarkdown: async (md) => (exported.push(md), '/tmp/wix-scopes.md'),
    warn: (m) => void warnings.push(m),
    t: translate,
    now: () => new Date('2025-02-03T10:00:00Z'),
    onRendered: () => void rendered++,
    ...overrides,
  };
  return { host, posted, persisted, clipboard, exported, warnings, rendered: () => rendered };
}

const lastState = (posted: HostToWebview[]) => {
  const states = posted.filter((m) => m.type === 'state');
  const last = states[states.length - 1];
  assert.ok(last?.type === 'state', 'a state was posted');
  return last.state;
};

describe('scopes: planner controller (host side)', () => {
  it('answers ready with the full table, the restored selection and its plan', async () => {
    const fake = fakeHost();
    const controller = new ScopePlannerController(fake.host, ['order.list', 'gone.method', 'order.list']);
    await controller.receive({ type: 'ready' });
    const state = lastState(fake.posted);
    assert.deepEqual(state.selection, ['order.list']);
    assert.equal(state.groups.flatMap((g) => g.methods).length, 57);
    assert.deepEqual(state.clauses.map((c) => c.label), ['Manage Your App', 'Read Orders', 'Read v3 catalog (PII)']);
    assert.deepEqual(state.clauses[0]!.options, [{ name: 'Manage Your App', id: 'SCOPE.DC.MANAGE-YOUR-APP', idConfirmed: true }]);
    assert.equal(controller.lastState, state);
  });

  it('builds the first paint\'s state for the page itself, posting nothing (no ready round trip before the table)', () => {
    const fake = fakeHost();
    const controller = new ScopePlannerController(fake.host, ['order.list']);
    const state = controller.initialState();
    assert.deepEqual(fake.posted, []);
    assert.deepEqual(state.selection, ['order.list']);
    assert.deepEqual(state.clauses.map((c) => c.label), ['Manage Your App', 'Read Orders', 'Read v3 catalog (PII)']);
    assert.equal(state.groups.flatMap((g) => g.methods).length, 57);
  });

  it('toggles methods, persists each new selection and recomputes the plan', async () => {
    const fake = fakeHost();
    const controller = new ScopePlannerController(fake.host, []);
    await controller.receive({ type: 'toggle', method: 'product.find', selected: true });
    await controller.receive({ type: 'toggle', method: 'order.list', selected: true });
    await controller.receive({ type: 'toggle', method: 'product.find', selected: false });
    assert.deepEqual(fake.persisted, [['product.find'], ['order.list', 'product.find'], ['order.list']]);
    assert.deepEqual(controller.selection, ['order.list']);
    assert.ok(!lastState(fake.posted).clauses.some((c) => c.label.includes(' or ')));
  });

  it('sets a whole selection and applies presets', async () => {
    const fake = fakeHost();
    const controller = new ScopePlannerController(fake.host, []);
    await controller.receive({ type: 'setSelection', methods: ['tax.class.list', 'cart.info'] });
    assert.deepEqual(controller.selection, ['cart.info', 'tax.class.list']);
    await controller.receive({ type: 'applyPreset', presetId: 'order-sync' });
    assert.deepEqual(controller.selection, planScopes(findPreset('order-sync')!.methods).methods);
    assert.deepEqual(fake.posted[fake.posted.length - 1], {
      type: 'notice',
      level: 'info',
      text: `Preset "Order sync" selected ${findPreset('order-sync')!.methods.length} methods.`,
    });
  });

  it('notes product.variant.update on its checkbox and, when selected, in the plan', async () => {
    const fake = fakeHost();
    const controller = new ScopePlannerController(fake.host, []);
    await controller.receive({ type: 'ready' });
    const product = lastState(fake.posted).groups.find((g) => g.entity === 'product')!;
    assert.match(product.methods.find((m) => m.name === 'product.variant.update')!.duplicateNote ?? '', /union/);
    assert.equal(product.methods.find((m) => m.name === 'product.list')!.duplicateNote, undefined);
    assert.deepEqual(lastState(fake.posted).notes, []);
    await controller.receive({ type: 'toggle', method: 'product.variant.update', selected: true });
    assert.equal(lastState(fake.posted).notes.length, 1);
  });

  it('copies text and JSON of the current plan', async () => {
    const fake = fakeHost();
    const controller = new ScopePlannerController(fake.host, ['order.list', 'product.find']);
    await controller.receive({ type: 'copyText' });
    await controller.receive({ type: 'copyJson' });
    const plan = planScopes(['order.list', 'product.find']);
    assert.equal(fake.clipboard[0], formatPlanText(plan));
    assert.deepEqual(JSON.parse(fake.clipboard[1]!), planToJson(plan));
    assert.deepEqual(controller.lastNotice, { type: 'notice', level: 'info', text: 'Copied 5 scopes as JSON.' });
  });

  it('exports Markdown dated by the injected clock, and stays quiet on cancel', async () => {
    const fake = fakeHost();
    const controller = new ScopePlannerController(fake.host, ['order.list']);
    await controller.receive({ type: 'exportMarkdown' });
    assert.match(fake.exported[0]!, /Generated 2025-02-03\./);
    assert.equal(controller.lastNotice?.type === 'notice' && controller.lastNotice.text, 'Exported the scope plan to /tmp/wix-scopes.md.');

    const cancelled = fakeHost({ exportMarkdown: async () => undefined });
    const quiet = new ScopePlannerController(cancelled.host, ['order.list']);
    await quiet.receive({ type: 'exportMarkdown' });
    assert.deepEqual(cancelled.posted, []);
  });

  it('reports a failed action as a notice and a log line, not a rejection', async () => {
    const fake = fakeHost({ copyToClipboard: async () => Promise.reject(new Error('clipboard unavailable')) });
    const controller = new ScopePlannerController(fake.host, ['order.list']);
    await controller.receive({ type: 'copyText' });
    assert.equal(controller.lastNotice?.type === 'notice' && controller.lastNotice.level, 'error');
    assert.match(fake.warnings[0]!, /copyText failed: clipboard unavailable/);
  });

  it('logs and ignores invalid messages without changing anything', async () => {
    const fake = fakeHost();
    const controller = new ScopePlannerController(fake.host, ['order.list']);
    await controller.receive({ type: 'setSelection', methods: ['order.list', 'evil'] });
    await controller.receive({ type: 'x'.repeat(10_000) });
    await controller.receive('ready');
    assert.deepEqual(controller.selection, ['order.list']);
    assert.deepEqual(fake.posted, []);
    assert.deepEqual(fake.persisted, []);
    assert.equal(fake.warnings.length, 3);
    assert.ok(fake.warnings.every((w) => w.length < 200), 'log lines stay short');
  });

  it('reports the first paint', async () => {
    const fake = fakeHost();
    await new ScopePlannerController(fake.host, []).receive({ type: 'rendered' });
    assert.equal(fake.rendered(), 1);
  });

  it('state is deterministic for a selection', () => {
    assert.deepEqual(buildPlannerState(['order.list', 'cart.info']), buildPlannerState(['cart.info', 'order.list']));
  });
});
