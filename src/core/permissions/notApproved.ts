/**
 * A permission added after a site installed the app reaches that site only with a new app
 * version, once the site owner approves it (FACTS.md). Until then Wix refuses the call with 403,
 * often with an empty message: the one refusal that says "not approved yet" rather than "wrong".
 */

/** A failure message that reads as Wix's refusal of a permission the site has not approved. */
export const looksNotYetApproved = (message: string): boolean => message.trim() === '' || /\b403\b|forbidden/i.test(message);

/** The cause in one sentence, for the planner, the log and Check Connection. */
export const NOT_YET_APPROVED =
  'Likely cause: a permission added after this site installed the app. It reaches the site only with a new app version, once the site owner approves it.';

/** The scope drift's added permissions, named; or that it lists none. */
export function addedPermissionsText(added: readonly string[]): string {
  return added.length > 0
    ? `Added to the plan since this store was added: ${added.join('; ')}.`
    : 'The scope drift lists no added permission.';
}
