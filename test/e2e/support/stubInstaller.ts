// Wix's app installer, played: one page with an Install button that sends the browser to
// postInstallationUrl with appId, tenantId and instanceId appended, as Wix does.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubInstaller {
  /** The value for api2cartWix.wix.installerUrl. */
  readonly url: string;
  /** Every request's path and query, in order. */
  readonly received: string[];
  close(): Promise<void>;
}

export async function startStubInstaller(triple: { appId: string; tenantId: string; instanceId: string }): Promise<StubInstaller> {
  const received: string[] = [];
  const server: Server = createServer((req, res) => {
    received.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://stub');
    const back = url.searchParams.get('postInstallationUrl');
    if (url.pathname !== '/app-installer' || !back) {
      res.writeHead(404).end('not found');
      return;
    }
    const redirect = new URL(back);
    for (const [name, value] of Object.entries(triple)) redirect.searchParams.append(name, value);
    const href = redirect.toString().replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>Stub Wix installer</title><h1>Add the app to your site</h1><a id="install" href="${href}">Install App</a>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/app-installer`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
