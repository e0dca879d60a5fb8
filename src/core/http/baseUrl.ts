import { fail, ok, type Problem, type Result } from '../result';

export type BaseUrlProblem = Problem<'invalid-base-url'>;

/**
 * Checks a base-URL setting before anything is built from it. The method name is appended to the
 * path, so a query or fragment would swallow it ("…/v1.1?x=1/account.cart.add.json" asks for
 * /v1.1); credentials in it would travel to whoever the URL names. The value itself is never
 * repeated: it may carry a user name and password.
 */
export function checkBaseUrl(setting: string, value: string): Result<URL, BaseUrlProblem> {
  const problem = (why: string): Result<URL, BaseUrlProblem> =>
    fail({ kind: 'invalid-base-url', message: `The setting ${setting} ${why} Correct it, or remove it to use the default.`, fix: 'openSettings' });
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return problem('is not an http(s) URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return problem('is not an http(s) URL.');
  if (url.search !== '' || value.includes('?')) return problem('has a query ("?…"): the method name is added to the path, and a query would swallow it.');
  if (url.hash !== '' || value.includes('#')) return problem('has a fragment ("#…"): the method name is added to the path, and a fragment would swallow it.');
  if (url.username !== '' || url.password !== '') return problem('contains a user name or password; credentials do not belong in a base URL.');
  return ok(url);
}
