import { fail, ok, type Problem, type Result } from '../result';

export type InstallLinkProblemKind = 'share-link-not-url' | 'share-link-not-wix' | 'share-link-no-app-id' | 'share-link-other-app';
export type InstallLinkProblem = Problem<InstallLinkProblemKind>;

/** The base a person may paste: Wix's own share link, or the configured installer (a stub in tests). */
export function readShareLink(text: string, installerUrl: string, appId: string): Result<string, InstallLinkProblem> {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return fail({ kind: 'share-link-not-url', message: 'That is not an address. Paste the share link from the Wix app dashboard (it starts with https://www.wix.com/).' });
  }
  if (!isWixAddress(url) && !sameOrigin(url, installerUrl)) {
    return fail({ kind: 'share-link-not-wix', message: `The link goes to ${url.host}, not to Wix; paste the app's share link from the Wix app dashboard.` });
  }
  const linkAppId = url.searchParams.get('appId');
  if (!linkAppId) {
    return fail({ kind: 'share-link-no-app-id', message: 'The link carries no appId, so it is not an install link; paste the share link from the Wix app dashboard.' });
  }
  if (linkAppId.toLowerCase() !== appId.toLowerCase()) {
    return fail({ kind: 'share-link-other-app', message: `The link installs app ${linkAppId}, but the stored App ID is ${appId}.`, fix: 'setAppCredentials' });
  }
  return ok(url.toString());
}

/**
 * The install link: the base (the installer, or a pasted share link whose parameters are all
 * kept, e.g. `shareUrlId` for an unlisted app) with `appId` and `postInstallationUrl` set.
 * The state travels in the redirect's path: a query nested in `postInstallationUrl` is
 * re-encoded by openExternal and lost (FACTS.md, 2026-12-01).
 */
export function buildInstallLink(base: string, appId: string, postInstallationUrl: string): string {
  const url = new URL(base);
  if (!url.searchParams.has('appId')) url.searchParams.set('appId', appId);
  url.searchParams.set('postInstallationUrl', postInstallationUrl);
  return url.toString();
}

/** The redirect page's local address for one state (the caller maps it with asExternalUri). */
export function installedPageUrl(receiverUrl: string, state: string): string {
  return `${new URL(receiverUrl).origin}${INSTALLED_PREFIX}${encodeURIComponent(state)}`;
}

/** The receiver's route for the install redirect: `GET /installed/<state>`. */
export const INSTALLED_PREFIX = '/installed/';

function isWixAddress(url: URL): boolean {
  return url.protocol === 'https:' && (url.hostname === 'wix.com' || url.hostname.endsWith('.wix.com'));
}

function sameOrigin(url: URL, other: string): boolean {
  try {
    return new URL(other).origin === url.origin;
  } catch {
    return false;
  }
}
