import { strict as assert } from 'node:assert';
import {
  describeSaved,
  missingCredentialSteps,
  runConnectFlow,
  type ConnectPorts,
  type CredentialAnswer,
  type CredentialStep,
  type InstanceAnswer,
  type StepPosition,
} from '../../../src/core/connect/connectFlow';

type Scripted = CredentialAnswer | InstanceAnswer;

/** Ports that answer from a script and record what was asked and saved. */
function scriptedPorts(script: Scripted[], failSave?: 'apiKey' | 'appCredentials') {
  const asked: string[] = [];
  const saved: string[] = [];
  const next = () => {
    const answer = script.shift();
    if (!answer) throw new Error('the flow asked more than the script answers');
    return answer;
  };
  const ports: ConnectPorts = {
    askCredential: async (step: CredentialStep, position: StepPosition, previous?: string) => {
      asked.push(`${step} ${position.step}/${position.totalSteps}${previous ? ` (${previous})` : ''}`);
      return next() as CredentialAnswer;
    },
    askInstance: async (position: StepPosition) => {
      asked.push(`instance ${position.step}/${position.totalSteps}`);
      return next() as InstanceAnswer;
    },
    saveApiKey: async (value) => {
      if (failSave === 'apiKey') return { ok: false, message: 'The OS keyring is unavailable.' };
      saved.push(`apiKey=${value}`);
      return { ok: true };
    },
    saveAppCredentials: async (appId, secret) => {
      if (failSave === 'appCredentials') return { ok: false, message: 'The OS keyring is unavailable.' };
      saved.push(`app=${appId}/${secret}`);
      return { ok: true };
    },
  };
  return { ports, asked, saved };
}

const value = (v: string): CredentialAnswer => ({ kind: 'value', value: v });
const INSTANCE: InstanceAnswer = { kind: 'instance', instanceId: '9f8e7d6c-aaaa-4bbb-8ccc-dddd00001111', from: 'webhook', event: { type: 'AppInstalled', at: 1 } };
const FRESH = { hasApiKey: false, hasAppSecret: false };

describe('Connect Wix Store: the steps', () => {
  it('asks only for what is missing, in the guide\'s order; both app parts when either is missing', () => {
    assert.deepEqual(missingCredentialSteps(FRESH), ['apiKey', 'appId', 'appSecret']);
    assert.deepEqual(missingCredentialSteps({ hasApiKey: true, appId: 'a', hasAppSecret: true }), []);
    assert.deepEqual(missingCredentialSteps({ hasApiKey: true, appId: 'a', hasAppSecret: false }), ['appId', 'appSecret']);
    assert.deepEqual(missingCredentialSteps({ hasApiKey: false, appId: 'a', hasAppSecret: true }), ['apiKey']);
  });

  it('from a fresh install: four steps with a counter, each unit saved when complete', async () => {
    const { ports, asked, saved } = scriptedPorts([value('k'), value('app'), value('secret'), INSTANCE]);
    const outcome = await runConnectFlow(FRESH, ports);
    assert.deepEqual(asked, ['apiKey 1/4', 'appId 2/4', 'appSecret 3/4', 'instance 4/4']);
    assert.deepEqual(saved, ['apiKey=k', 'app=app/secret']);
    assert.deepEqual(outcome, { kind: 'ready', instance: INSTANCE, saved: ['apiKey', 'appCredentials'] });
  });

  it('with everything stored, goes straight to the Instance ID (step 1 of 1)', async () => {
    const { ports, asked } = scriptedPorts([INSTANCE]);
    await runConnectFlow({ hasApiKey: true, appId: 'a', hasAppSecret: true }, ports);
    assert.deepEqual(asked, ['instance 1/1']);
  });

  it('Back goes to the step before, keeping what was typed; from the Instance ID to the last credential step', async () => {
    const { ports, asked, saved } = scriptedPorts([
      value('k'), value('app-1'), { kind: 'back' }, value('app-2'), value('secret'), { kind: 'back' }, value('secret-2'), INSTANCE,
    ]);
    const outcome = await runConnectFlow(FRESH, ports);
    assert.deepEqual(asked, ['apiKey 1/4', 'appId 2/4', 'appSecret 3/4', 'appId 2/4 (app-1)', 'appSecret 3/4', 'instance 4/4', 'appSecret 3/4', 'instance 4/4']);
    assert.deepEqual(saved, ['apiKey=k', 'app=app-2/secret', 'app=app-2/secret-2']);
    assert.equal(outcome.kind, 'ready');
  });

  it('a cancel half-way through the app credentials keeps the API key only, and says so', async () => {
    const { ports, saved } = scriptedPorts([value('k'), value('app'), { kind: 'cancel' }]);
    const outcome = await runConnectFlow(FRESH, ports);
    assert.deepEqual(saved, ['apiKey=k'], 'the App ID alone is never written');
    assert.deepEqual(outcome, { kind: 'cancelled', saved: ['apiKey'] });
    assert.equal(describeSaved(outcome.saved), 'the API2Cart API key was saved');
  });

  it('a cancel at the first step saves nothing; while waiting it keeps the credentials and passes the reason on', async () => {
    const first = await runConnectFlow(FRESH, scriptedPorts([{ kind: 'cancel' }]).ports);
    assert.deepEqual(first, { kind: 'cancelled', saved: [] });
    assert.equal(describeSaved(first.saved), 'nothing was saved');
    const waiting = await runConnectFlow(FRESH, scriptedPorts([value('k'), value('a'), value('s'), { kind: 'cancel', reason: 'timeout' }]).ports);
    assert.deepEqual(waiting, { kind: 'cancelled', saved: ['apiKey', 'appCredentials'], reason: 'timeout' });
    assert.equal(describeSaved(waiting.saved), 'the API2Cart API key and the App ID and App Secret Key were saved');
  });

  it('stops with the storage\'s message when a save fails, naming what was kept', async () => {
    const outcome = await runConnectFlow(FRESH, scriptedPorts([value('k'), value('a'), value('s')], 'appCredentials').ports);
    assert.deepEqual(outcome, { kind: 'failed', saved: ['apiKey'], message: 'The OS keyring is unavailable.' });
  });

  it('the first step has nowhere to go back to', async () => {
    const { ports, asked } = scriptedPorts([{ kind: 'back' }, value('k'), value('a'), value('s'), INSTANCE]);
    await runConnectFlow(FRESH, ports);
    assert.deepEqual(asked.slice(0, 2), ['apiKey 1/4', 'apiKey 1/4']);
  });
});
