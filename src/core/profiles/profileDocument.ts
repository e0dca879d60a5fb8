import { parsePlanSnapshot, type PlanSnapshot } from '../permissions/snapshot';
import { isLifecycleEvent, type LifecycleEvent } from './lifecycle';
import { isCatalogVersion, validateInstanceId, validateLabel, validateSiteUrl, type CatalogVersion } from './validation';

/** What the profiles document keeps per store; the store key itself is a separate secret. */
export interface StoredProfile {
  readonly instanceId: string;
  readonly label?: string;
  readonly siteUrl?: string;
  readonly catalogVersion?: CatalogVersion;
  readonly removed: boolean;
  /** The newest App Installed / App Removed acted on; older deliveries are ignored. */
  readonly lastEvent?: LifecycleEvent;
  /** The plan's required permissions when Add Store succeeded (scope drift compares against it). */
  readonly planSnapshot?: PlanSnapshot;
}

export interface ProfilesDocument {
  readonly activeProfileId?: string;
  readonly profiles: readonly StoredProfile[];
}

/**
 * 'partly': some entries were dropped; 'unreadable': nothing could be used. Either way the raw
 * text is backed up before the document is next written, so nothing is silently lost.
 */
export type DocumentHealth = 'absent' | 'readable' | 'partly' | 'unreadable';

export interface ParsedDocument {
  readonly document: ProfilesDocument;
  readonly health: DocumentHealth;
}

export const DOCUMENT_VERSION = 1;
const EMPTY: ProfilesDocument = { profiles: [] };

export function parseProfilesDocument(raw: string | undefined): ParsedDocument {
  if (raw === undefined) return { document: EMPTY, health: 'absent' };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { document: EMPTY, health: 'unreadable' };
  }
  if (!isRecord(json) || json['version'] !== DOCUMENT_VERSION || !Array.isArray(json['profiles'])) {
    return { document: EMPTY, health: 'unreadable' };
  }
  const profiles: StoredProfile[] = [];
  let dropped = false;
  for (const entry of json['profiles']) {
    const profile = parseProfile(entry);
    if (profile === undefined || profiles.some((p) => p.instanceId === profile.instanceId)) dropped = true;
    else profiles.push(profile);
  }
  const active = json['activeProfileId'];
  const activeProfileId = typeof active === 'string' && profiles.some((p) => p.instanceId === active) ? active : undefined;
  const health = dropped ? (profiles.length === 0 ? 'unreadable' : 'partly') : 'readable';
  return { document: { profiles, ...(activeProfileId ? { activeProfileId } : {}) }, health };
}

export function serializeProfilesDocument(document: ProfilesDocument): string {
  return JSON.stringify({ version: DOCUMENT_VERSION, activeProfileId: document.activeProfileId, profiles: document.profiles });
}

/** Re-validates every field, so a hand-edited or foreign document cannot smuggle in bad values. */
function parseProfile(entry: unknown): StoredProfile | undefined {
  if (!isRecord(entry) || typeof entry['instanceId'] !== 'string') return undefined;
  const instanceId = validateInstanceId(entry['instanceId']);
  if (!instanceId.ok) return undefined;
  const label = optionalString(entry['label'], validateLabel);
  const siteUrl = optionalString(entry['siteUrl'], validateSiteUrl);
  if (label === null || siteUrl === null) return undefined;
  const catalogVersion = entry['catalogVersion'];
  if (catalogVersion !== undefined && !isCatalogVersion(catalogVersion)) return undefined;
  const lastEvent = entry['lastEvent'];
  if (lastEvent !== undefined && !isLifecycleEvent(lastEvent)) return undefined;
  // An unreadable snapshot only loses the drift comparison, not the profile and its store key.
  const planSnapshot = parsePlanSnapshot(entry['planSnapshot']);
  return storedProfile({
    instanceId: instanceId.value, label, siteUrl, catalogVersion, removed: entry['removed'] === true,
    lastEvent: lastEvent === undefined ? undefined : { type: lastEvent.type, at: lastEvent.at },
    planSnapshot,
  });
}

/** Builds a profile without `undefined` properties, so documents compare and serialise cleanly. */
export function storedProfile(fields: {
  readonly instanceId: string;
  readonly label?: string | undefined;
  readonly siteUrl?: string | undefined;
  readonly catalogVersion?: CatalogVersion | undefined;
  readonly removed: boolean;
  readonly lastEvent?: LifecycleEvent | undefined;
  readonly planSnapshot?: PlanSnapshot | undefined;
}): StoredProfile {
  const { instanceId, label, siteUrl, catalogVersion, removed, lastEvent, planSnapshot } = fields;
  return {
    instanceId,
    ...(label !== undefined ? { label } : {}),
    ...(siteUrl !== undefined ? { siteUrl } : {}),
    ...(catalogVersion !== undefined ? { catalogVersion } : {}),
    removed,
    ...(lastEvent !== undefined ? { lastEvent } : {}),
    ...(planSnapshot !== undefined ? { planSnapshot } : {}),
  };
}

/** undefined when absent, null when present but invalid. */
function optionalString(
  value: unknown,
  validate: (input: string) => { ok: true; value: string | undefined } | { ok: false },
): string | undefined | null {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return null;
  const result = validate(value);
  return result.ok ? result.value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
