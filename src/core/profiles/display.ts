import { inertText } from '../inertText';

type Named = { readonly instanceId: string; readonly label?: string; readonly siteUrl?: string };

/** The start of an Instance ID, enough to tell stores apart beside their name: "3d17…". */
export function shortInstanceId(instanceId: string): string {
  return instanceId.length > 4 ? `${instanceId.slice(0, 4)}…` : instanceId;
}

/** The store's own name: its label (Wix's site name once known, shown as inert text only), else its site's host. */
function ownName(profile: Named): string | undefined {
  if (profile.label !== undefined) return inertText(profile.label, { max: 80 });
  if (profile.siteUrl !== undefined) {
    try {
      return new URL(profile.siteUrl).host;
    } catch {
      // Fall through: a stored URL is validated, but never trust it enough to throw.
    }
  }
  return undefined;
}

/**
 * How a store is named to a person: its label or its site's host; before Wix has told either,
 * "Wix site (3d17…)", so an id never stands where a name goes.
 */
export function profileDisplayName(profile: Named): string {
  return ownName(profile) ?? `Wix site (${shortInstanceId(profile.instanceId)})`;
}

/** The name with the id beside it, "Shop A (3d17…)": for lists where two stores may share a name. */
export function profileNameWithId(profile: Named): string {
  const name = ownName(profile);
  return name === undefined ? profileDisplayName(profile) : `${name} (${shortInstanceId(profile.instanceId)})`;
}

/** The store an event names: "Shop A (3d17…)" for a saved store, else "Instance ID 3d17…". */
export function storeForInstance(instanceId: string, profile: Named | undefined): string {
  return profile ? profileNameWithId(profile) : `Instance ID ${shortInstanceId(instanceId)}`;
}

/** The one clock-time format shown to people (deliveries, request runs, the planner): "14:05". */
export function formatClockTime(at: Date, locale?: string): string {
  return at.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
}
