import { validateInstanceId } from '../profiles/validation';
import { fail, ok, type Problem, type Result } from '../result';

export type RedirectProblemKind = 'no-instance-id' | 'repeated' | 'too-long' | 'not-uuid' | 'app-id-mismatch' | 'no-app-id' | 'no-tenant-id';
export type RedirectProblem = Problem<RedirectProblemKind>;

export interface InstallTriple {
  readonly appId: string;
  readonly instanceId: string;
  /** The site id. */
  readonly tenantId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Three UUIDs and Wix's own extras fit many times over; anything longer is not a redirect.
const MAX_QUERY_CHARS = 4096;

/**
 * Reads the parameters Wix appends to postInstallationUrl. Yields the triple only when each of
 * appId, instanceId and tenantId appears once, is a UUID, and appId is the expected one;
 * anything else is a refusal naming what is wrong. Never throws.
 */
export function readInstallRedirect(query: string, expectedAppId: string): Result<InstallTriple, RedirectProblem> {
  if (query.length > MAX_QUERY_CHARS) {
    return refuse('too-long', 'The address is far longer than an install redirect, so it was refused.');
  }
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  } catch {
    return refuse('no-instance-id', 'The address carries no instanceId.');
  }
  const instanceId = single(params, 'instanceId', 'no-instance-id');
  if (!instanceId.ok) return instanceId;
  const appId = single(params, 'appId', 'no-app-id');
  if (!appId.ok) return appId;
  const tenantId = single(params, 'tenantId', 'no-tenant-id');
  if (!tenantId.ok) return tenantId;
  if (appId.value.toLowerCase() !== expectedAppId.toLowerCase()) {
    return fail({ kind: 'app-id-mismatch', message: 'The redirect is for another app than the stored App ID, so it was refused.', fix: 'setAppCredentials' });
  }
  return ok({ appId: appId.value, instanceId: instanceId.value, tenantId: tenantId.value });
}

/** Where a typed Instance ID came from, for the message that confirms it. */
export type InstanceIdSource = 'typed' | 'address';

/**
 * Set Instance ID's input: a bare ID, or the whole address the browser shows after the install
 * (where the redirect page could not load). An `appId` in the address must match the stored one.
 */
export function readInstanceIdInput(text: string, expectedAppId: string | undefined): Result<{ readonly instanceId: string; readonly from: InstanceIdSource }, RedirectProblem> {
  const value = text.trim();
  const queryStart = value.indexOf('?');
  if (queryStart < 0 || !/instanceId=/i.test(value)) {
    // Not an address: a bare ID, with the profiles' own messages ("without the braces", …).
    const typed = validateInstanceId(value);
    return typed.ok ? ok({ instanceId: typed.value, from: 'typed' }) : refuse('no-instance-id', typed.error.message);
  }
  const query = value.slice(queryStart + 1).split('#')[0]!;
  if (query.length > MAX_QUERY_CHARS) return refuse('too-long', 'The address is far longer than an install redirect, so it was refused.');
  const params = new URLSearchParams(query);
  const instanceId = single(params, 'instanceId', 'no-instance-id');
  if (!instanceId.ok) return instanceId;
  const appIds = params.getAll('appId');
  if (appIds.length > 1) return refuse('repeated', 'The address carries appId more than once, so it was refused.');
  if (expectedAppId && appIds[0] !== undefined && appIds[0].toLowerCase() !== expectedAppId.toLowerCase()) {
    return fail({ kind: 'app-id-mismatch', message: 'The address is for another app than the stored App ID; install the app whose App ID is stored, or change the App ID.', fix: 'setAppCredentials' });
  }
  return ok({ instanceId: instanceId.value, from: 'address' });
}

function single(params: URLSearchParams, name: string, missing: RedirectProblemKind): Result<string, RedirectProblem> {
  const values = params.getAll(name);
  if (values.length === 0 || values[0] === '') return refuse(missing, `The address carries no ${name}.`);
  if (values.length > 1) return refuse('repeated', `The address carries ${name} more than once, so it was refused.`);
  if (!UUID.test(values[0]!)) return refuse('not-uuid', `The ${name} in the address is not a UUID, so it was refused.`);
  return ok(values[0]!);
}

function refuse(kind: RedirectProblemKind, message: string): Result<never, RedirectProblem> {
  return fail({ kind, message });
}
