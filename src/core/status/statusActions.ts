import { profileDisplayName } from '../profiles/display';
import { currentError, storeCount, usableStore, type StatusAction, type StatusActionId, type StatusFacts } from './statusFacts';

// The Show Actions list: the remaining journey first, in order, then every other action that applies.

/** The remaining journey, in the order the guide walks it. */
function pendingSteps(facts: StatusFacts): StatusActionId[] {
  const steps: StatusActionId[] = [];
  const fix = currentError(facts)?.fix ?? facts.profilesProblem?.fix;
  if (fix !== undefined && fix !== 'retry') steps.push(fix);
  const store = usableStore(facts);
  // Until a store exists, the one guided flow is the next step, as the walkthrough's first step
  // (ticked only once a store is added) says; the single steps it would take follow it.
  const switchFirst = facts.activeStore?.removed === true && storeCount(facts) > 1;
  if (store === undefined && !switchFirst && steps.length === 0) steps.push('connectWixStore');
  if (!facts.hasApiKey) steps.push('setApiKey');
  if (!facts.hasAppCredentials) steps.push('setAppCredentials');
  if (store === undefined) {
    if (switchFirst) steps.push('switchStore');
    if (!facts.scopesPlanned) steps.push('planScopes');
    if (!facts.hasPublicKey) steps.push('setPublicKey');
    if (facts.receiver === undefined) steps.push('startReceiver');
    steps.push('setInstanceId');
  } else {
    steps.push(store.connected ? 'checkConnection' : 'addStore');
  }
  return steps;
}

function nothingStored(facts: StatusFacts): boolean {
  return !facts.hasApiKey && !facts.hasAppCredentials && !facts.hasPublicKey && storeCount(facts) === 0;
}

/** Everything else that applies now, most situational first. */
function otherActions(facts: StatusFacts): StatusActionId[] {
  const listening = facts.receiver !== undefined;
  const store = usableStore(facts);
  const anythingStored = !nothingStored(facts);
  const candidates: [StatusActionId, boolean][] = [
    // Steps 1–4 in one guided flow, while there is no connected store.
    ['connectWixStore', store?.connected !== true],
    ['stopReceiver', listening],
    ['sendTestWebhook', listening],
    ['switchStore', storeCount(facts) > (facts.activeStore !== undefined ? 1 : 0)],
    ['checkConnection', store?.connected === true],
    ['copyStoreKey', store?.connected === true],
    ['writeStoreKeyToEnv', store?.connected === true],
    ['newRequest', store?.connected === true],
    ['verifyPermissions', store?.connected === true],
    ['setInstanceId', true],
    ['startReceiver', !listening],
    ['decodeWebhook', true],
    ['planScopes', true],
    ['setApiKey', true],
    ['setAppCredentials', true],
    ['setPublicKey', true],
    ['removeStore', store?.connected === true],
    ['forgetCredentials', anythingStored],
  ];
  return candidates.filter(([, applies]) => applies).map(([id]) => id);
}

export function actionsFor(facts: StatusFacts): StatusAction[] {
  const pending = [...new Set(pendingSteps(facts))];
  const others = otherActions(facts).filter((id) => !pending.includes(id));
  return [...pending.map((id) => describe(id, facts, true)), ...others.map((id) => describe(id, facts, false))];
}

function describe(id: StatusActionId, facts: StatusFacts, pending: boolean): StatusAction {
  const storeName = facts.activeStore !== undefined ? profileDisplayName(facts.activeStore) : 'the active store';
  const replace = (saved: boolean, detail: string) => (saved && !pending ? 'Saved. Choose to replace it.' : detail);
  const [label, detail] = ((): [string, string] => {
    switch (id) {
      case 'setApiKey':
        return ['Set API2Cart API Key', replace(facts.hasApiKey, 'From your API2Cart account; kept in secret storage.')];
      case 'setAppCredentials':
        return ['Set Wix App Credentials', replace(facts.hasAppCredentials, 'App ID and App Secret Key from the app dashboard, Develop → OAuth.')];
      case 'setPublicKey':
        return ['Set Webhook Public Key', replace(facts.hasPublicKey, 'From the app dashboard, Webhooks → Get Public Key; verifies webhooks.')];
      case 'setInstanceId':
        return ['Set Instance ID', 'Enter the Instance ID of a site that installed the app.'];
      case 'planScopes':
        return ['Plan App Scopes', 'Pick the API2Cart methods you need and see the Wix permissions to request.'];
      case 'startReceiver':
        return ['Start Webhook Receiver', 'Catch the App Installed webhook to learn the Instance ID.'];
      case 'stopReceiver':
        return ['Stop Webhook Receiver', `Listening at ${facts.receiver?.url ?? 'the local port'}.`];
      case 'sendTestWebhook':
        return ['Send Test Webhook', 'Check that the running receiver answers.'];
      case 'decodeWebhook':
        return ['Decode Webhook Payload', 'Verify and read a webhook body from the selection, the clipboard or an input box.'];
      case 'addStore':
        return ['Add Store to API2Cart', `Register ${storeName} with API2Cart and save its store key.`];
      case 'checkConnection':
        return ['Check Connection', `Ask API2Cart whether ${storeName} answers.`];
      case 'switchStore':
        return ['Switch Store', `${storeCount(facts)} stores saved.`];
      case 'forgetCredentials':
        return ['Forget Credentials', 'Delete what this extension saved in secret storage.'];
      case 'openSettings':
        return ['Open Settings', 'Review the API2Cart Wix settings.'];
      case 'copyStoreKey':
        return ['Copy Store Key', `Put the store key of ${storeName} on the clipboard for your integration.`];
      case 'writeStoreKeyToEnv':
        return ['Write Store Key to .env', 'Into a workspace .env that git ignores, for your integration to read.'];
      case 'newRequest':
        return ['New API2Cart Request', `Try any of the guide's methods on ${storeName} from a request file.`];
      case 'removeStore':
        return ['Remove Store from API2Cart', `Delete ${storeName} from your API2Cart account (cart.delete).`];
      case 'openProxySettings':
        return ['Open Proxy Settings', 'Review http.proxy, which wins over the HTTP(S)_PROXY variables.'];
      case 'connectWixStore':
        return ['Connect Wix Store', 'All steps in one guided flow: asks only for what is missing and waits for App Installed.'];
      case 'verifyPermissions':
        return ['Verify Store Permissions', `Read-only probes show whether ${storeName} lets API2Cart read what you planned.`];
    }
  })();
  return { id, label, detail, pending };
}
