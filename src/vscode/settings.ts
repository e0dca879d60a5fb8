import * as vscode from 'vscode';
import { checkBaseUrl } from '../core/http/baseUrl';
import { ok, type Problem, type Result } from '../core/result';

/** The extension's settings, read fresh at each use so a change applies without a reload. */
export interface Settings {
  readonly api2cartBaseUrl: string;
  readonly wixBaseUrl: string;
  readonly webhook: { readonly host: string; readonly port: number; readonly path: string };
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
    webhook: {
      host: c.get<string>('webhook.host', '127.0.0.1'),
      port: c.get<number>('webhook.port', 8787),
      path: c.get<string>('webhook.path', '/webhook'),
    },
    proxy: {
      proxy: http.get<string>('proxy') || undefined,
      strictSSL: http.get<boolean>('proxyStrictSSL', true),
      noProxy: http.get<string[]>('noProxy', []),
    },
  };
}

/** The two base URLs, checked as they are read: a bad one is a Problem naming its setting, never a crash. */
export function readBaseUrls(settings: Settings = readSettings()): Result<{ readonly api2cart: string; readonly wix: string }, Problem> {
  const api2cart = checkBaseUrl(`${SETTINGS_SECTION}.api2cart.baseUrl`, settings.api2cartBaseUrl);
  if (!api2cart.ok) return api2cart;
  const wix = checkBaseUrl(`${SETTINGS_SECTION}.wix.baseUrl`, settings.wixBaseUrl);
  if (!wix.ok) return wix;
  return ok({ api2cart: settings.api2cartBaseUrl.trim(), wix: settings.wixBaseUrl.trim() });
}
