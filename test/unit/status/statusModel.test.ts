import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { MemorySecretStore } from '../../../src/core/profiles/memorySecretStore';
import { createProfileService } from '../../../src/core/profiles/profileService';
import {
  statusFactsFromSummary,
  type StatusActionId,
  type StatusFacts,
  type StatusStore,
} from '../../../src/core/status/statusFacts';
import { presentStatus } from '../../../src/core/status/statusModel';
import { INSTANCE_A, INSTANCE_B, makeCanaries, publicKeyPem, valueOf } from '../profiles/fixtures';

const NOTHING: StatusFacts = { hasApiKey: false, hasAppCredentials: false, hasPublicKey: false };
const READY: StatusFacts = { hasApiKey: true, hasAppCredentials: true, hasPublicKey: true };
const SHOP: StatusStore = { instanceId: INSTANCE_A, label: 'Shop A', connected: true };
const RECEIVER = { url: 'http://127.0.0.1:8787/webhook' };

const pendingIds = (facts: StatusFacts): StatusActionId[] => presentStatus(facts).nextSteps.filter((a) => a.pending).map((a) => a.id);
const allIds = (facts: StatusFacts): StatusActionId[] => presentStatus(facts).nextSteps.map((a) => a.id);

describe('status: states and text', () => {
  const cases: [string, StatusFacts, string, string][] = [
    ['nothing stored', NOTHING, 'not-set-up', '$(plug) API2Cart: not set up'],
    ['API key only', { ...NOTHING, hasApiKey: true }, 'not-set-up', '$(plug) API2Cart: not set up'],
    ['API key and app credentials', { ...NOTHING, hasApiKey: true, hasAppCredentials: true }, 'credentials-ready', '$(key) API2Cart: credentials ready'],
    ['a store not yet added (or removed from API2Cart): named as not added', { ...READY, activeStore: { ...SHOP, connected: false } }, 'credentials-ready', '$(key) API2Cart: Shop A not added'],
    ['receiver running, nothing stored', { ...NOTHING, receiver: RECEIVER }, 'not-set-up', '$(plug) API2Cart: not set up'],
    ['receiver running beside a connected store', { ...READY, activeStore: SHOP, receiver: RECEIVER }, 'connected', '$(check) API2Cart: Shop A'],
    ['a check in progress', { ...READY, activeStore: SHOP, checking: { description: 'Checking the connection' } }, 'checking', '$(sync~spin) API2Cart: checking…'],
    ['connected', { ...READY, activeStore: SHOP }, 'connected', '$(check) API2Cart: Shop A'],
    ['last call failed', { ...READY, activeStore: SHOP, lastError: { message: 'API2Cart rejected the API key.' } }, 'error', '$(error) API2Cart: error'],
  ];
  for (const [name, facts, state, text] of cases) {
    it(`${name} → ${state}`, () => {
      const status = presentStatus(facts);
      assert.equal(status.state, state);
      assert.equal(status.text, text);
      assert.equal(status.severity, state === 'error' ? 'error' : undefined);
    });
  }

  it('a running check outranks an old error; the receiver, which has its own item, never hides the connection', () => {
    const error = { message: 'Failed.' };
    assert.equal(presentStatus({ ...READY, activeStore: SHOP, lastError: error, checking: { description: 'Adding the store' } }).state, 'checking');
    assert.equal(presentStatus({ ...READY, activeStore: SHOP, lastError: error, receiver: RECEIVER }).state, 'error');
    assert.equal(presentStatus({ ...READY, activeStore: SHOP, receiver: RECEIVER }).state, 'connected');
    fc.assert(fc.property(fc.boolean(), fc.boolean(), fc.boolean(), (hasApiKey, hasAppCredentials, connected) => {
      const facts = { ...NOTHING, hasApiKey, hasAppCredentials, activeStore: { ...SHOP, connected } };
      assert.equal(presentStatus({ ...facts, receiver: RECEIVER }).state, presentStatus(facts).state);
      assert.equal(presentStatus({ ...facts, receiver: RECEIVER }).text, presentStatus(facts).text);
    }));
  });

  it('a store whose app was removed is not shown as connected', () => {
    const status = presentStatus({ ...READY, activeStore: { ...SHOP, removed: true } });
    assert.equal(status.state, 'credentials-ready');
    assert.match(status.tooltip, /the app was removed from this site/);
  });

  it('names a store by label, else by site host, else by a short instance id', () => {
    assert.equal(presentStatus({ ...READY, activeStore: { instanceId: INSTANCE_A, siteUrl: 'https://a.wixsite.com/shop', connected: true } }).text, '$(check) API2Cart: a.wixsite.com');
    assert.equal(presentStatus({ ...READY, activeStore: { instanceId: INSTANCE_A, connected: true } }).text, `$(check) API2Cart: Wix site (${INSTANCE_A.slice(0, 4)}…)`);
  });

  it('shortens a long label and stops it from injecting an icon', () => {
    const text = presentStatus({ ...READY, activeStore: { ...SHOP, label: '$(alert) A very long store label that goes on and on' } }).text;
    assert.ok(text.startsWith('$(check) API2Cart: $ (alert) A very'), text); // the name is inert (profileDisplayName)
    assert.ok(text.endsWith('…'));
    assert.ok(text.length < 60);
  });
});

describe('status: tooltip', () => {
  it('names the active store, what is saved or missing, and the next step', () => {
    const tooltip = presentStatus({ ...NOTHING, hasApiKey: true, activeStore: { ...SHOP, connected: false } }).tooltip;
    assert.equal(tooltip.split('\n')[0], 'API2Cart Wix: not set up');
    assert.match(tooltip, new RegExp(`Active store: Shop A \\(instance ${INSTANCE_A}\\), not added to API2Cart yet`));
    assert.match(tooltip, /API2Cart API key: saved/);
    assert.match(tooltip, /Wix App ID and App Secret Key: missing/);
    assert.match(tooltip, /Webhook public key: missing/);
    assert.match(tooltip, /Next: Set Wix App Credentials\./);
    assert.match(tooltip, /Click for actions\.$/);
  });

  it('carries the error message and the receiver address where they apply', () => {
    const error = presentStatus({ ...READY, lastError: { message: 'API2Cart rejected the API key.', fix: 'setApiKey' }, receiver: RECEIVER }).tooltip;
    assert.match(error, /^API2Cart Wix: error\. API2Cart rejected the API key\./);
    assert.match(error, /Webhook receiver: listening at http:\/\/127\.0\.0\.1:8787\/webhook/);
    assert.match(error, /Next: Set API2Cart API Key\./);
    const listening = presentStatus({ ...READY, receiver: RECEIVER }).tooltip;
    assert.match(listening, /^API2Cart Wix: credentials ready\n/);
    assert.match(listening, /\nWebhook receiver: listening at http:\/\/127\.0\.0\.1:8787\/webhook\n/);
    assert.match(presentStatus({ ...READY, activeStore: SHOP }).tooltip, /^API2Cart Wix: connected to Shop A\nActive store: Shop A/);
    assert.match(presentStatus({ ...READY, checking: { description: 'Adding the store' } }).tooltip, /^API2Cart Wix: Adding the store…/);
    assert.match(presentStatus(READY).tooltip, /Active store: none yet/);
  });
});

describe('status: unreadable store profiles', () => {
  const problem = { message: 'The saved store profiles could not be read; a copy is kept under "k".', fix: 'setInstanceId' as const };

  it('wholly unreadable: the error state, the message in the tooltip, Set Instance ID first', () => {
    const view = presentStatus({ ...READY, profilesProblem: { ...problem, wholly: true } });
    assert.equal(view.state, 'error');
    assert.match(view.tooltip, /^API2Cart Wix: error\. The saved store profiles could not be read/);
    assert.equal(view.nextSteps[0]?.id, 'setInstanceId');
  });

  it('partly unreadable: the connection still shows, with the problem as a line of the tooltip', () => {
    const view = presentStatus({ ...READY, activeStore: SHOP, profilesProblem: { ...problem, wholly: false } });
    assert.equal(view.state, 'connected');
    assert.match(view.tooltip, /\nStore profiles: The saved store profiles could not be read/);
  });

  it('comes from the profile service summary', async () => {
    const service = createProfileService(new MemorySecretStore({ 'api2cartWix.profiles': 'not json' }));
    const view = presentStatus(statusFactsFromSummary(valueOf(await service.summary())));
    assert.equal(view.state, 'error');
    assert.match(view.tooltip, /api2cartWix\.profiles\.unreadable/);
  });
});

describe('status: next steps', () => {
  it('walks the journey in order: from nothing the one flow, then API key, app credentials, scopes, public key, receiver or instance id', () => {
    assert.deepEqual(pendingIds(NOTHING), ['connectWixStore', 'setApiKey', 'setAppCredentials', 'planScopes', 'setPublicKey', 'startReceiver', 'setInstanceId']);
    assert.deepEqual(pendingIds({ ...NOTHING, hasApiKey: true }), ['connectWixStore', 'setAppCredentials', 'planScopes', 'setPublicKey', 'startReceiver', 'setInstanceId']);
    assert.deepEqual(pendingIds(READY), ['connectWixStore', 'planScopes', 'startReceiver', 'setInstanceId']);
    assert.deepEqual(pendingIds({ ...READY, scopesPlanned: true }), ['connectWixStore', 'startReceiver', 'setInstanceId']);
    assert.deepEqual(pendingIds({ ...READY, scopesPlanned: true, receiver: RECEIVER }), ['connectWixStore', 'setInstanceId']);
  });

  it('then add the store, then check the connection', () => {
    assert.deepEqual(pendingIds({ ...READY, activeStore: { ...SHOP, connected: false } }), ['addStore']);
    assert.deepEqual(pendingIds({ ...READY, activeStore: SHOP }), ['checkConnection']);
    assert.deepEqual(pendingIds({ ...NOTHING, activeStore: { ...SHOP, connected: false } }), ['setApiKey', 'setAppCredentials', 'addStore']);
  });

  it('puts the fix for the last error first, and ignores a bare retry', () => {
    const failing = { ...READY, activeStore: SHOP };
    assert.deepEqual(pendingIds({ ...failing, lastError: { message: 'x', fix: 'setApiKey' } }), ['setApiKey', 'checkConnection']);
    assert.deepEqual(pendingIds({ ...failing, lastError: { message: 'x', fix: 'openSettings' } }), ['openSettings', 'checkConnection']);
    assert.deepEqual(pendingIds({ ...failing, lastError: { message: 'x', fix: 'retry' } }), ['checkConnection']);
    assert.deepEqual(pendingIds({ ...failing, lastError: { message: 'x', fix: 'checkConnection' } }), ['checkConnection'], 'no duplicates');
  });

  it('after a removed store, offers switching to another one first', () => {
    const removed = { ...READY, scopesPlanned: true, activeStore: { ...SHOP, removed: true } };
    assert.deepEqual(pendingIds({ ...removed, storeCount: 2 }), ['switchStore', 'startReceiver', 'setInstanceId']);
    // The only store lost the app: installing it again is the one flow's job.
    assert.deepEqual(pendingIds({ ...removed, storeCount: 1 }), ['connectWixStore', 'startReceiver', 'setInstanceId']);
  });

  it('follows the journey with every other applicable action', () => {
    assert.deepEqual(allIds({ ...READY, scopesPlanned: true, activeStore: SHOP, storeCount: 3, receiver: RECEIVER }), [
      'checkConnection',
      'stopReceiver',
      'sendTestWebhook',
      'switchStore',
      'copyStoreKey',
      'writeStoreKeyToEnv',
      'newRequest',
      'verifyPermissions',
      'setInstanceId',
      'decodeWebhook',
      'planScopes',
      'setApiKey',
      'setAppCredentials',
      'setPublicKey',
      'removeStore',
      'forgetCredentials',
    ]);
    assert.deepEqual(allIds(NOTHING), [
      'connectWixStore', 'setApiKey', 'setAppCredentials', 'planScopes', 'setPublicKey', 'startReceiver', 'setInstanceId', 'decodeWebhook',
    ]);
  });

  it('puts Connect Wix Store first until a store exists, as the walkthrough does, and the tooltip\'s Next names it', () => {
    const view = presentStatus(NOTHING);
    assert.equal(view.nextSteps[0]?.id, 'connectWixStore');
    assert.equal(view.nextSteps[0]?.pending, true);
    assert.match(view.nextSteps[0]!.detail, /^All steps in one guided flow/);
    assert.match(view.tooltip, /\nNext: Connect Wix Store\. All steps in one guided flow/);
    // Part of it stored: the walkthrough still opens on Connect (ticked once a store is added), so
    // the status names the same step; the single steps it would take follow it.
    const started = presentStatus({ ...NOTHING, hasApiKey: true });
    assert.deepEqual(started.nextSteps.slice(0, 2).map((s) => [s.id, s.pending]), [['connectWixStore', true], ['setAppCredentials', true]]);
    assert.match(started.tooltip, /\nNext: Connect Wix Store\./);
    assert.ok(!started.nextSteps.some((s) => /steps below|steps above/.test(s.detail)), 'no detail points at steps by their place');
    // A store exists but is not added: Add Store is the one step left, so it is named, not the flow.
    const notAdded = presentStatus({ ...READY, activeStore: { ...SHOP, connected: false } });
    assert.equal(notAdded.nextSteps[0]?.id, 'addStore');
    assert.equal(notAdded.nextSteps.find((s) => s.id === 'connectWixStore')?.pending, false);
  });

  it('offers receiver, switch, connection check and forget actions only when they apply', () => {
    const idle = allIds({ ...READY, activeStore: { ...SHOP, connected: false }, storeCount: 1 });
    for (const absent of ['stopReceiver', 'sendTestWebhook', 'switchStore', 'checkConnection', 'verifyPermissions'] as const) assert.ok(!idle.includes(absent), absent);
    assert.ok(idle.includes('startReceiver') && idle.includes('forgetCredentials'));
    assert.ok(allIds({ ...READY, storeCount: 1 }).includes('switchStore'), 'a store exists but none is active');
    assert.ok(!allIds({ ...READY, receiver: RECEIVER }).includes('startReceiver'));
    assert.ok(!allIds(NOTHING).includes('forgetCredentials'));
  });

  it('offers using and removing the store only once it is connected', () => {
    const using = ['copyStoreKey', 'writeStoreKeyToEnv', 'newRequest', 'removeStore'] as const;
    const connected = presentStatus({ ...READY, activeStore: SHOP }).nextSteps;
    for (const id of using) assert.equal(connected.find((s) => s.id === id)?.pending, false, id);
    assert.equal(connected.find((s) => s.id === 'copyStoreKey')!.detail, 'Put the store key of Shop A on the clipboard for your integration.');
    assert.equal(connected.find((s) => s.id === 'removeStore')!.label, 'Remove Store from API2Cart');
    for (const facts of [{ ...READY, activeStore: { ...SHOP, connected: false } }, { ...READY, activeStore: { ...SHOP, removed: true } }, READY]) {
      const ids = allIds(facts);
      for (const id of using) assert.ok(!ids.includes(id), `${id} for ${JSON.stringify(facts.activeStore)}`);
    }
  });

  it('labels every action and tells a saved value from a missing one', () => {
    const steps = presentStatus({ ...READY, activeStore: SHOP, storeCount: 2, receiver: RECEIVER }).nextSteps;
    for (const step of steps) assert.ok(step.label.length > 0 && step.detail.length > 0, step.id);
    const setApiKey = steps.find((s) => s.id === 'setApiKey')!;
    assert.deepEqual([setApiKey.label, setApiKey.detail], ['Set API2Cart API Key', 'Saved. Choose to replace it.']);
    assert.equal(steps.find((s) => s.id === 'checkConnection')!.detail, 'Ask API2Cart whether Shop A answers.');
    assert.equal(steps.find((s) => s.id === 'stopReceiver')!.detail, `Listening at ${RECEIVER.url}.`);
    assert.match(presentStatus(NOTHING).nextSteps.find((s) => s.id === 'setApiKey')!.detail, /From your API2Cart account/);
  });

  it('always has a pending first step and never repeats an action, whatever the facts', () => {
    const store = fc.record(
      { instanceId: fc.uuid(), label: fc.option(fc.string({ maxLength: 80 }), { nil: undefined }), connected: fc.boolean(), removed: fc.boolean() },
      { requiredKeys: ['instanceId', 'connected'] },
    );
    const facts = fc.record(
      {
        hasApiKey: fc.boolean(),
        hasAppCredentials: fc.boolean(),
        hasPublicKey: fc.boolean(),
        activeStore: store,
        storeCount: fc.nat(5),
        scopesPlanned: fc.boolean(),
        receiver: fc.constant(RECEIVER),
        checking: fc.constant({ description: 'Checking' }),
        lastError: fc.record({ message: fc.constant('Failed.'), fix: fc.constantFrom('setApiKey', 'retry', 'addStore', 'openSettings') as fc.Arbitrary<'setApiKey'> }),
      },
      { requiredKeys: ['hasApiKey', 'hasAppCredentials', 'hasPublicKey'] },
    );
    fc.assert(
      fc.property(facts, (f) => {
        const status = presentStatus(f as StatusFacts);
        const ids = status.nextSteps.map((s) => s.id);
        assert.equal(new Set(ids).size, ids.length);
        assert.equal(status.nextSteps[0]?.pending, true);
        const firstOther = status.nextSteps.findIndex((s) => !s.pending);
        if (firstOther >= 0) assert.ok(status.nextSteps.slice(firstOther).every((s) => !s.pending), 'pending steps come first');
        assert.match(status.text, /^\$\([a-z~-]+\) API2Cart: /);
        assert.ok(!status.text.includes('\n'));
      }),
    );
  });
});

describe('status: from the profile service, with canary secrets', () => {
  it('never shows a secret value in text, tooltip or actions', async () => {
    const c = makeCanaries();
    const service = createProfileService(new MemorySecretStore());
    const facts = async () => statusFactsFromSummary(valueOf(await service.summary()));
    const seen: string[] = [JSON.stringify(presentStatus(await facts()))];
    valueOf(await service.setApiKey(c.apiKey));
    valueOf(await service.setAppCredentials(c.appId, c.appSecret));
    valueOf(await service.setPublicKey(publicKeyPem()));
    valueOf(await service.upsertProfileByInstanceId(INSTANCE_A, { label: 'Shop A' }));
    seen.push(JSON.stringify(presentStatus(await facts())));
    valueOf(await service.setStoreKey(INSTANCE_A, c.storeKey));
    valueOf(await service.upsertProfileByInstanceId(INSTANCE_B));
    const connected = await facts();
    assert.equal(presentStatus(connected).state, 'connected');
    for (const live of [{}, { receiver: RECEIVER }, { checking: { description: 'Checking the connection' } }, { lastError: { message: 'Failed.' } }]) {
      seen.push(JSON.stringify(presentStatus({ ...connected, ...live })));
    }
    const store = new MemorySecretStore();
    store.simulateFailure(new Error(`keyring said ${c.apiKey}`));
    const failed = await createProfileService(store).summary();
    assert.equal(failed.ok, false);
    if (!failed.ok) seen.push(JSON.stringify(presentStatus({ ...connected, lastError: failed.error })));

    const text = seen.join('\n');
    assert.match(text, /Shop A/, 'the store label is shown');
    for (const secret of [c.apiKey, c.appSecret, c.storeKey]) assert.ok(!text.includes(secret), 'a secret reached the status bar');
  });

  it('maps the summary to facts: app credentials need both parts; a store key means connected', async () => {
    const c = makeCanaries();
    const service = createProfileService(new MemorySecretStore());
    valueOf(await service.setAppCredentials(c.appId, c.appSecret));
    valueOf(await service.upsertProfileByInstanceId(INSTANCE_A, { label: 'Shop A' }));
    valueOf(await service.setStoreKey(INSTANCE_A, c.storeKey));
    const facts = statusFactsFromSummary(valueOf(await service.summary()), { scopesPlanned: true });
    assert.deepEqual(facts, {
      hasApiKey: false,
      hasAppCredentials: true,
      hasPublicKey: false,
      storeCount: 1,
      activeStore: { instanceId: INSTANCE_A, label: 'Shop A', connected: true, removed: false },
      scopesPlanned: true,
    });
  });
});
