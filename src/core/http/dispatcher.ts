import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';

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

export interface ProxySettings {
  readonly httpProxy: string;
  readonly httpsProxy: string;
  readonly noProxy: string;
}

const firstSet = (...values: (string | undefined)[]): string =>
  values.find((v) => v !== undefined && v.trim() !== '')?.trim() ?? '';

/** Resolves which proxy applies, explicit setting first, then the usual variables (either case). */
export function resolveProxySettings(options: DispatcherOptions = {}): ProxySettings {
  const env = options.env ?? process.env;
  const explicit = options.proxy?.trim() || undefined;
  const httpProxy = firstSet(explicit, env.http_proxy, env.HTTP_PROXY);
  const httpsProxy = firstSet(explicit, env.https_proxy, env.HTTPS_PROXY, httpProxy);
  const noProxy = [firstSet(env.no_proxy, env.NO_PROXY), ...(options.noProxy ?? [])]
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .join(',');
  return { httpProxy, httpsProxy, noProxy };
}

/**
 * An undici Dispatcher that honours the proxy settings. Every value is passed explicitly
 * (empty string = none) so undici never falls back to reading process.env behind our back.
 */
export function createDispatcher(options: DispatcherOptions = {}): Dispatcher {
  const { httpProxy, httpsProxy, noProxy } = resolveProxySettings(options);
  const tls = options.strictSSL === false ? { rejectUnauthorized: false } : undefined;
  if (httpProxy === '' && httpsProxy === '') {
    return new Agent(tls ? { connect: tls } : {});
  }
  return new EnvHttpProxyAgent({
    httpProxy,
    httpsProxy,
    noProxy,
    ...(tls ? { connect: tls, requestTls: tls, proxyTls: tls } : {}),
  });
}
