import { profileDisplayName } from '../profiles/display';
import { actionsFor } from './statusActions';
import { currentError, usableStore, type StatusAction, type StatusFacts, type StatusPresentation, type StatusState, type StatusStore } from './statusFacts';

// The status bar item's text and tooltip, from the facts (statusFacts.ts) and the actions (statusActions.ts).

const MAX_TEXT_NAME_LENGTH = 30;

export function presentStatus(facts: StatusFacts): StatusPresentation {
  const state = stateOf(facts);
  const nextSteps = actionsFor(facts);
  return {
    state,
    text: textFor(state, facts),
    tooltip: tooltipFor(state, facts, nextSteps),
    nextSteps,
    ...(state === 'error' ? { severity: 'error' as const } : {}),
  };
}

/**
 * A running check outranks an old error (it is about to replace it); an error outranks the rest.
 * The receiver has its own status-bar item: this one always shows the connection.
 */
function stateOf(facts: StatusFacts): StatusState {
  if (facts.checking !== undefined) return 'checking';
  if (currentError(facts) !== undefined) return 'error';
  if (usableStore(facts)?.connected) return 'connected';
  if (facts.hasApiKey && facts.hasAppCredentials) return 'credentials-ready';
  return 'not-set-up';
}

function textFor(state: StatusState, facts: StatusFacts): string {
  switch (state) {
    case 'not-set-up':
      return '$(plug) API2Cart: not set up';
    case 'credentials-ready': {
      // A store that is saved but not (or no longer) in API2Cart is named as such, e.g. after Remove Store.
      const store = usableStore(facts);
      return store !== undefined ? `$(key) API2Cart: ${statusBarName(store)} not added` : '$(key) API2Cart: credentials ready';
    }
    case 'checking':
      return '$(sync~spin) API2Cart: checking…';
    case 'connected':
      return `$(check) API2Cart: ${statusBarName(facts.activeStore!)}`;
    case 'error':
      return '$(error) API2Cart: error';
  }
}

/** Short, and with `$(` escaped so a store label cannot inject an icon. */
function statusBarName(store: StatusStore): string {
  const name = profileDisplayName(store);
  const short = name.length > MAX_TEXT_NAME_LENGTH ? `${name.slice(0, MAX_TEXT_NAME_LENGTH - 1)}…` : name;
  return short.replace(/\$\(/g, '\\$(');
}

function tooltipFor(state: StatusState, facts: StatusFacts, actions: readonly StatusAction[]): string {
  const lines = [`API2Cart Wix: ${headline(state, facts)}`, storeLine(facts)];
  lines.push(`API2Cart API key: ${facts.hasApiKey ? 'saved' : 'missing'}`);
  lines.push(`Wix App ID and App Secret Key: ${facts.hasAppCredentials ? 'saved' : 'missing'}`);
  lines.push(`Webhook public key: ${facts.hasPublicKey ? 'saved' : 'missing'}`);
  if (facts.receiver !== undefined) lines.push(`Webhook receiver: listening at ${facts.receiver.url}`);
  if (facts.profilesProblem !== undefined && currentError(facts) !== facts.profilesProblem) lines.push(`Store profiles: ${facts.profilesProblem.message}`);
  // The journey always has a step left: at its end, Check Connection.
  const next = actions[0];
  if (next !== undefined) lines.push(`Next: ${next.label}. ${next.detail}`);
  lines.push('Click for actions.');
  return lines.join('\n');
}

function headline(state: StatusState, facts: StatusFacts): string {
  switch (state) {
    case 'not-set-up':
      return 'not set up';
    case 'credentials-ready':
      return 'credentials ready';
    case 'checking':
      return `${facts.checking!.description}…`;
    case 'connected':
      return `connected to ${profileDisplayName(facts.activeStore!)}`;
    case 'error':
      return `error. ${currentError(facts)!.message}`;
  }
}

function storeLine(facts: StatusFacts): string {
  const store = facts.activeStore;
  if (store === undefined) return 'Active store: none yet';
  const where = `Active store: ${profileDisplayName(store)} (instance ${store.instanceId})`;
  if (store.removed) return `${where}, the app was removed from this site`;
  return `${where}, ${store.connected ? 'added to API2Cart' : 'not added to API2Cart yet'}`;
}
