import type { JsonObject } from './events';

/**
 * Wix's newer "App Installation Created" / "App Installation Updated" events come in the standard
 * event envelope: the event's `data` holds `{ entityFqdn, slug, entityId, createdEvent |
 * updatedEvent, … }`. Their exact `eventType` string is unconfirmed (FACTS.md, 2026-12-01), so
 * they are recognised by the entity's name, never by the type.
 */
export const APP_INSTALLATION_ENTITY = 'wix.app.installations.v1.app_installation';

export interface InstallationEnvelope {
  /** The type to show when the envelope names none. */
  readonly eventType: 'AppInstallationCreated' | 'AppInstallationUpdated';
  /** From the entity, for when the envelope carries no `instanceId`. */
  readonly instanceId?: string;
  readonly appId?: string;
}

/** The envelope's data when it is an app-installation event, else undefined. */
export function readInstallationEnvelope(data: JsonObject): InstallationEnvelope | undefined {
  if (data.entityFqdn !== APP_INSTALLATION_ENTITY) return undefined;
  const change = objectAt(data, data.slug === 'updated' ? 'updatedEvent' : 'createdEvent');
  const entity = change && (objectAt(change, 'currentEntity') ?? objectAt(change, 'entity') ?? parsed(change.entityAsJson));
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
  const instanceId = text(entity?.instanceId);
  const appId = text(entity?.appId);
  return {
    eventType: data.slug === 'updated' ? 'AppInstallationUpdated' : 'AppInstallationCreated',
    ...(instanceId ? { instanceId } : {}),
    ...(appId ? { appId } : {}),
  };
}

function objectAt(object: JsonObject, key: string): JsonObject | undefined {
  const value = object[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

function parsed(value: unknown): JsonObject | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const result: unknown = JSON.parse(value);
    return typeof result === 'object' && result !== null && !Array.isArray(result) ? (result as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}
