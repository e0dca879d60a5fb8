import { inertText } from '../inertText';

/**
 * How a store is named to a person: its label, else its site's host, else a short instance id.
 * The label is the merchant's site name, so it is shown as inert text only.
 */
export function profileDisplayName(profile: { readonly instanceId: string; readonly label?: string; readonly siteUrl?: string }): string {
  if (profile.label !== undefined) return inertText(profile.label, { max: 80 });
  if (profile.siteUrl !== undefined) {
    try {
      return new URL(profile.siteUrl).host;
    } catch {
      // Fall through: a stored URL is validated, but never trust it enough to throw.
    }
  }
  return `Instance ${profile.instanceId.slice(0, 8)}…`;
}
