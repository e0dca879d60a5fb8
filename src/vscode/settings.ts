import vscode = require('vscode');
import { checkBaseUrl } from '../core/http/baseUrl';
import { ok, type Problem, type Result } from '../core/result';

/** The extension's settings, read fresh at each use so a change applies without a reload. */
export interface Settings {
  readonly api2cartBaseUrl: string;
  readonly wixBaseUrl: string;
  /** Wix's app installer, the base of the install link (a stub in tests). */
  readonly wixInstallerUrl: string;
  readonly webhook: {
    readonly host: string;
    readonly port: number;
    readonly path: string;
    /** How long Connect Wix Store waits for App Installed. */
    readonly waitMinutes: number;
  };
  /** VS Code's own proxy settings, honoured by the HTTP clients. */
  readonly proxy: { readonly proxy?: string; readonly strictSSL: boolean; readonly noProxy: readonly string[] };
}

export const SETTINGS_SECTION = 'api2cartWix';

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const http = vscode.workspace.getConfiguration('http');
  return {
    api2cartBaseUrl: c.get<string>('api2cart.baseUrl', 'https://api.api2cart.com/v1.1'),
    wixBaseUrl: c.get<string>('wix.baseUrl', 'https://www.wixapis.com'),
    wixInstallerUrl: c.get<string>('wix.installerUrl', 'https://www.wix.com/app-installer'),
    webhook: {
      host: c.get<string>('webhook.host', '127.0.0.1'),
      port: c.get<number>('webhook.port', 8787),
      path: c.get<string>('webhook.path', '/webhook'),
      waitMinutes: Math.max(0.01, c.get<number>('webhook.waitMinutes', 10)),
    },
    proxy: {
      proxy: http.get<string>('proxy') || undefined,
      strictSSL: http.get<boolean>('proxyStrictSSL', true),
      noProxy: http.get<string[]>('noProxy', []),
    },
  };
}

/** One base URL, checked as it is read: a bad one is a Problem naming its setting, never a crash. */
export function readBaseUrl(service: 'api2cart' | 'wix', settings: Settings = readSettings()): Result<string, Problem> {
  const value = service === 'api2cart' ? settings.api2cartBaseUrl : settings.wixBaseUrl;
  const checked = checkBaseUrl(`${SETTINGS_SECTION}.${service}.baseUrl`, value);
  return checked.ok ? ok(value.trim()) : checked;
}

/** Both base URLs, for the commands that talk to API2Cart and Wix. */
export function readBaseUrls(settings: Settings = readSettings()): Result<{ readonly api2cart: string; readonly wix: string }, Problem> {
  const api2cart = readBaseUrl('api2cart', settings);
  if (!api2cart.ok) return api2cart;
  const wix = readBaseUrl('wix', settings);
  if (!wix.ok) return wix;
  return ok({ api2cart: api2cart.value, wix: wix.value });
}
