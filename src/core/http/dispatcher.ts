import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';
import { fail, ok, type Problem, type Result } from '../result';

export interface DispatcherOptions {
  /** VS Code's `http.proxy`; wins over the environment's HTTP(S)_PROXY. */
  readonly proxy?: string;
  /** VS Code's `http.proxyStrictSSL` (default true). */
  readonly strictSSL?: boolean;
  /** VS Code's `http.noProxy` entries; joined with NO_PROXY from the environment. */
  readonly noProxy?: readonly string[];
  /** Injected so tests don't depend on the machine's variables. Defaults to process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Normalised proxy URLs ('' = none) and the NO_PROXY list. */
export interface ProxySettings {
  readonly httpProxy: string;
  readonly httpsProxy: string;
  readonly noProxy: string;
}

export type ProxyProblem = Problem<'proxy-unsupported' | 'proxy-invalid'>;

/** Where a proxy value came from, as a person would look for it. */
interface ProxyValue {
  readonly value: string;
  /** "the http.proxy setting" or "the HTTPS_PROXY environment variable". */
  readonly source: string;
}

const setting = (value: string | undefined): ProxyValue | undefined =>
  value !== undefined && value.trim() !== '' ? { value: value.trim(), source: 'the http.proxy setting' } : undefined;

function firstVariable(env: Readonly<Record<string, string | undefined>>, ...names: string[]): ProxyValue | undefined {
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') return { value: value.trim(), source: `the ${name} environment variable` };
  }
  return undefined;
}

/** A proxy address as it may be shown: any `user:password@` is masked. */
export function displayProxy(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^@/\s]*@/i, '$1•••@');
}

/**
 * A proxy value as curl reads it: no scheme means http://. SOCKS is refused up front: undici's
 * SOCKS support is experimental and has no SOCKS4, so rather than a connection that fails
 * somewhere later, the person learns now which setting to change.
 */
function normaliseProxy({ value, source }: ProxyValue): Result<string, ProxyProblem> {
  const shown = displayProxy(value);
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  const notAnAddress = (): Result<string, ProxyProblem> => fail({
    kind: 'proxy-invalid',
    message: `The proxy in ${source} ("${shown}") is not an address such as http://proxy.example:3128, so no request to API2Cart or Wix can be sent. Correct it, or remove it to connect directly.`,
    fix: 'openProxySettings',
  });
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return notAnAddress();
  }
  // The URL parser takes hosts such as "&" that no connection can be made to.
  if (!/^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])$/i.test(url.hostname)) return notAnAddress();
  if (url.protocol.startsWith('socks')) {
    return fail({
      kind: 'proxy-unsupported',
      message: `The proxy in ${source} ("${shown}") is a SOCKS proxy, which this extension cannot use for API2Cart and Wix. Set an HTTP or HTTPS proxy there (http://host:port), or remove it to connect directly.`,
      fix: 'openProxySettings',
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return fail({
      kind: 'proxy-unsupported',
      message: `The proxy in ${source} ("${shown}") uses ${url.protocol.slice(0, -1)}://; only http:// and https:// proxies can carry requests to API2Cart and Wix. Correct it, or remove it to connect directly.`,
      fix: 'openProxySettings',
    });
  }
  return ok(withScheme);
}

/** Resolves which proxy applies, explicit setting first, then the usual variables (lower case first), and checks it. */
export function resolveProxySettings(options: DispatcherOptions = {}): Result<ProxySettings, ProxyProblem> {
  const env = options.env ?? process.env;
  const explicit = setting(options.proxy);
  const http = explicit ?? firstVariable(env, 'http_proxy', 'HTTP_PROXY');
  const https = explicit ?? firstVariable(env, 'https_proxy', 'HTTPS_PROXY') ?? http;
  const httpProxy = http ? normaliseProxy(http) : ok('');
  if (!httpProxy.ok) return httpProxy;
  const httpsProxy = https ? normaliseProxy(https) : ok('');
  if (!httpsProxy.ok) return httpsProxy;
  const noProxy = [firstVariable(env, 'no_proxy', 'NO_PROXY')?.value ?? '', ...(options.noProxy ?? [])]
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .join(',');
  return ok({ httpProxy: httpProxy.value, httpsProxy: httpsProxy.value, noProxy });
}

/**
 * True when http.proxyStrictSSL is false and a proxy applies: then certificates are not checked
 * for calls through the proxy, and the keys may reach a server that was not verified.
 */
export function certificateChecksOff(options: DispatcherOptions = {}): boolean {
  if (options.strictSSL !== false) return false;
  const resolved = resolveProxySettings(options);
  return resolved.ok && (resolved.value.httpProxy !== '' || resolved.value.httpsProxy !== '');
}

/**
 * An undici Dispatcher that honours the proxy settings, or the problem with them. Every value is
 * passed explicitly (empty string = none) so undici never falls back to reading process.env
 * behind our back.
 */
export function createDispatcher(options: DispatcherOptions = {}): Result<Dispatcher, ProxyProblem> {
  const resolved = resolveProxySettings(options);
  if (!resolved.ok) return resolved;
  const { httpProxy, httpsProxy, noProxy } = resolved.value;
  // As VS Code's own proxy support: http.proxyStrictSSL concerns connections through a proxy.
  // A direct connection (no proxy, or a NO_PROXY host) always checks the certificate.
  const tls = certificateChecksOff(options) ? { rejectUnauthorized: false } : undefined;
  if (httpProxy === '' && httpsProxy === '') {
    return ok(new Agent());
  }
  try {
    return ok(new EnvHttpProxyAgent({
      httpProxy,
      httpsProxy,
      noProxy,
      ...(tls ? { requestTls: tls, proxyTls: tls } : {}),
    }));
  } catch {
    // Checked above; should undici still refuse the address, it is the same problem, not a crash.
    return fail({
      kind: 'proxy-invalid',
      message: `The proxy "${displayProxy(httpsProxy || httpProxy)}" cannot be used. Check http.proxy and the HTTP(S)_PROXY variables.`,
      fix: 'openProxySettings',
    });
  }
}
