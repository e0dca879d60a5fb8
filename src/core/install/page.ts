import type { InstallStateStore } from './state';
import { readInstallRedirect, type InstallTriple } from './redirect';

/** What the receiver answers on `GET /installed/<state>`, and the triple when it was taken. */
export interface InstalledAnswer {
  readonly status: number;
  readonly html: string;
  readonly triple?: InstallTriple;
}

/** No script, no style from outside, no frames: the page is static text. */
export const INSTALLED_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

// Fixed sentences only: nothing from the query is ever written into the page.
const PAGES = {
  taken: ['The Instance ID reached VS Code', 'The app is installed and VS Code has the Instance ID. You can close this tab and go back to VS Code.'],
  unknown: ['This install link is not one VS Code made', 'VS Code did not make this link in this window, or it was closed since. Run "API2Cart Wix: Open Install Link" again.'],
  used: ['This install link was used already', 'VS Code took an Instance ID through this link before, so this one was not taken. Run "API2Cart Wix: Open Install Link" again to install on another site.'],
  expired: ['This install link has expired', 'The link is good for 30 minutes. Run "API2Cart Wix: Open Install Link" again.'],
  otherApp: ['This install was for another app', 'The redirect names another app than the App ID stored in VS Code, so nothing was taken. Check the App ID (Develop → OAuth).'],
  bad: ['This is not an install redirect VS Code can use', 'The address does not carry one appId, instanceId and tenantId, each a UUID, so nothing was taken. In VS Code, run "API2Cart Wix: Set Instance ID" and paste the Instance ID.'],
} as const;

/**
 * The install redirect, decided: the state must be live and the query valid for the App ID it
 * was issued for; only then is the state used up. A refusal stores nothing. Never throws.
 */
export function answerInstalledRedirect(states: InstallStateStore, state: string, query: string): InstalledAnswer {
  const issued = states.check(state);
  if (!issued.ok) return page(issued.reason === 'unknown' ? 404 : 410, PAGES[issued.reason]);
  const read = readInstallRedirect(query, issued.appId);
  if (!read.ok) return page(400, read.error.kind === 'app-id-mismatch' ? PAGES.otherApp : PAGES.bad);
  states.consume(state);
  return { ...page(200, PAGES.taken), triple: read.value };
}

function page(status: number, [title, text]: readonly [string, string]): InstalledAnswer {
  return {
    status,
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title>`
      + '<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1f2328}h1{font-size:1.4rem}</style>'
      + `</head><body><h1>${title}</h1><p>${text}</p><p>API2Cart Wix Connector</p></body></html>\n`,
  };
}
