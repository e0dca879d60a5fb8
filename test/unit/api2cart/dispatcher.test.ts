import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { Agent, EnvHttpProxyAgent, request, type Dispatcher } from 'undici';
import { createApi2CartClient } from '../../../src/core/api2cart/client';
import { startConnectProxy, type ConnectProxy } from '../../support/connectProxy';
import { certificateChecksOff, createDispatcher as createResult, resolveProxySettings as resolveResult, type DispatcherOptions } from '../../../src/core/http/dispatcher';

/** The value of a Result that must be ok (the problem's message otherwise). */
function valueOf<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(`expected ok: ${result.error.message}`);
  return result.value;
}
const resolveProxySettings = (options: DispatcherOptions) => valueOf(resolveResult(options));
const createDispatcher = (options: DispatcherOptions) => valueOf(createResult(options));

describe('proxy settings', () => {
  it('prefers http.proxy over the environment, for both schemes', () => {
    const settings = resolveProxySettings({ proxy: 'http://setting:1', env: { HTTPS_PROXY: 'http://env:2', HTTP_PROXY: 'http://env:3' } });
    assert.deepEqual(settings, { httpProxy: 'http://setting:1', httpsProxy: 'http://setting:1', noProxy: '' });
  });

  it('reads lower- and upper-case variables, lower case first', () => {
    const settings = resolveProxySettings({ env: { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2', NO_PROXY: 'a.example' } });
    assert.equal(settings.httpsProxy, 'http://lower:1');
    assert.equal(settings.httpProxy, '');
    assert.equal(settings.noProxy, 'a.example');
  });

  it('uses HTTP_PROXY for https when HTTPS_PROXY is unset, and joins http.noProxy to NO_PROXY', () => {
    const settings = resolveProxySettings({ env: { HTTP_PROXY: 'http://p:1', no_proxy: 'a.example' }, noProxy: ['b.example', ' '] });
    assert.equal(settings.httpsProxy, 'http://p:1');
    assert.equal(settings.noProxy, 'a.example,b.example');
  });

  it('creates a plain Agent without a proxy and a proxy agent with one', async () => {
    const direct = createDispatcher({ env: {}, strictSSL: false });
    const proxied = createDispatcher({ env: { HTTPS_PROXY: 'http://127.0.0.1:9' }, strictSSL: false });
    try {
      assert.ok(direct instanceof Agent);
      assert.ok(proxied instanceof EnvHttpProxyAgent);
    } finally {
      await Promise.all([direct.close(), proxied.close()]);
    }
  });
});

describe('proxy values people and tools write', () => {
  it('reads a value without a scheme as http://, the way curl does', () => {
    for (const value of ['proxy.corp:3128', '127.0.0.1:3128', 'user:pa%40ss@proxy.corp:3128', '[::1]:3128']) {
      assert.equal(resolveProxySettings({ env: { HTTPS_PROXY: value } }).httpsProxy, `http://${value}`, value);
      assert.equal(resolveProxySettings({ proxy: value, env: {} }).httpProxy, `http://${value}`, value);
      const dispatcher = createDispatcher({ env: { HTTPS_PROXY: value } });
      assert.ok(dispatcher instanceof EnvHttpProxyAgent, value);
      void dispatcher.close();
    }
  });

  it('refuses SOCKS up front, naming where the value came from, without its credentials', () => {
    const cases: [DispatcherOptions, RegExp][] = [
      [{ proxy: 'socks4://user:hunter22@proxy.corp:1080', env: {} }, /the http\.proxy setting \("socks4:\/\/•••@proxy\.corp:1080"\)/],
      [{ proxy: 'socks5h://user:hunter22@proxy.corp:1080', env: {} }, /the http\.proxy setting \("socks5h:\/\/•••@proxy\.corp:1080"\)/],
      [{ env: { HTTPS_PROXY: 'socks5://proxy.corp:1080' } }, /the HTTPS_PROXY environment variable \("socks5:\/\/proxy\.corp:1080"\)/],
      [{ env: { http_proxy: 'socks://u:hunter22@p:1' } }, /the http_proxy environment variable/],
    ];
    for (const [options, names] of cases) {
      const result = createResult(options);
      assert.ok(!result.ok, JSON.stringify(options));
      assert.equal(result.error.kind, 'proxy-unsupported');
      assert.equal(result.error.fix, 'openProxySettings');
      assert.match(result.error.message, names);
      assert.match(result.error.message, /SOCKS/);
      assert.ok(!result.error.message.includes('hunter22'), 'the password is not shown');
    }
  });

  it('refuses a value that is no proxy address, or another scheme, naming it', () => {
    const garbage = createResult({ proxy: 'http://proxy corp:3128', env: {} });
    assert.ok(!garbage.ok);
    assert.equal(garbage.error.kind, 'proxy-invalid');
    assert.match(garbage.error.message, /http\.proxy setting/);
    const ftp = createResult({ env: { HTTP_PROXY: 'ftp://a:secret99@p:21' } });
    assert.ok(!ftp.ok);
    assert.match(ftp.error.message, /HTTP_PROXY environment variable \("ftp:\/\/•••@p:21"\) uses ftp:\/\//);
    assert.ok(!ftp.error.message.includes('secret99'));
  });

  it('never throws, whatever the value (property)', () => {
    fc.assert(fc.property(fc.string(), fc.constantFrom('proxy', 'HTTPS_PROXY'), (value, where) => {
      const result = createResult(where === 'proxy' ? { proxy: value, env: {} } : { env: { HTTPS_PROXY: value } });
      if (result.ok) void result.value.close();
      else assert.match(result.error.message, /proxy/i);
    }));
  });
});

describe('proxy dispatcher against a local proxy', () => {
  let target: http.Server;
  let proxy: ConnectProxy;
  let targetUrl: string;
  let proxyUrl: string;
  const dispatchers: Dispatcher[] = [];

  const listen = async (server: http.Server) => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };

  before(async () => {
    target = http.createServer((_req, res) => res.end('{"via":"target"}'));
    targetUrl = await listen(target);
    proxy = await startConnectProxy();
    proxyUrl = `http://${proxy.address}`;
  });

  beforeEach(() => proxy.reset());
  const proxiedRequests = () => proxy.proxied();

  afterEach(async () => {
    await Promise.all(dispatchers.splice(0).map((d) => d.close()));
  });

  after(async () => {
    target.closeAllConnections();
    await new Promise<void>((resolve) => target.close(() => resolve()));
    await proxy.close();
  });

  const fetchVia = async (dispatcher: Dispatcher) => {
    dispatchers.push(dispatcher);
    const answer = await request(`${targetUrl}/x`, { dispatcher });
    return answer.body.json();
  };

  it('sends requests through http.proxy', async () => {
    assert.deepEqual(await fetchVia(createDispatcher({ proxy: proxyUrl, env: {} })), { via: 'target' });
    assert.equal(proxiedRequests(), 1);
  });

  it('sends requests through HTTP_PROXY from the environment', async () => {
    await fetchVia(createDispatcher({ env: { HTTP_PROXY: proxyUrl } }));
    assert.equal(proxiedRequests(), 1);
  });

  it('sends requests through a proxy variable written without a scheme', async () => {
    await fetchVia(createDispatcher({ env: { HTTPS_PROXY: proxyUrl.replace('http://', ''), HTTP_PROXY: proxyUrl.replace('http://', '') } }));
    assert.equal(proxiedRequests(), 1);
  });

  it('goes direct for hosts in NO_PROXY', async () => {
    assert.deepEqual(await fetchVia(createDispatcher({ proxy: proxyUrl, env: { NO_PROXY: 'localhost,127.0.0.1' } })), { via: 'target' });
    assert.equal(proxiedRequests(), 0);
  });

  it('goes direct for hosts in http.noProxy', async () => {
    await fetchVia(createDispatcher({ env: { HTTP_PROXY: proxyUrl }, noProxy: ['127.0.0.1'] }));
    assert.equal(proxiedRequests(), 0);
  });

  it('goes direct with no proxy configured', async () => {
    await fetchVia(createDispatcher({ env: {} }));
    assert.equal(proxiedRequests(), 0);
  });

  it('reports a proxy that refuses the tunnel as a proxy problem, not delivered', async () => {
    const refusing = http.createServer((_req, res) => res.writeHead(407).end());
    refusing.on('connect', (_req: http.IncomingMessage, socket: net.Socket) =>
      socket.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n'),
    );
    const refusingUrl = await listen(refusing);
    try {
      const dispatcher = createDispatcher({ proxy: refusingUrl, env: {} });
      dispatchers.push(dispatcher);
      const client = createApi2CartClient({ baseUrl: 'https://api.api2cart.test/v1.1', apiKey: 'key-canary-123', dispatcher });
      const result = await client.listCarts();
      assert.ok(!result.ok);
      assert.equal(result.error.kind, 'http-proxy');
      assert.equal(result.error.maybeDelivered, false);
      assert.ok(!result.error.message.includes('key-canary-123'));
    } finally {
      refusing.closeAllConnections();
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });
});

describe('http.proxyStrictSSL false: as VS Code, only connections through a proxy skip the certificate check', () => {
  let server: import('node:https').Server;
  let url: string;
  let proxy: ConnectProxy;

  before(async function () {
    this.timeout(20_000);
    const { execFileSync } = await import('node:child_process');
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const https = await import('node:https');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strict-ssl-'));
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    // A self-signed certificate: no CA vouches for it, so a checked connection refuses it.
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
    server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (_req, res) => res.end('{}'));
    fs.rmSync(dir, { recursive: true, force: true });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    proxy = await startConnectProxy();
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await proxy.close();
  });

  const get = async (dispatcher: Dispatcher): Promise<string> => {
    try {
      const answer = await request(url, { dispatcher });
      await answer.body.text();
      return 'answered';
    } catch {
      return 'refused';
    } finally {
      await dispatcher.close();
    }
  };

  it('a direct connection checks the certificate even with strictSSL false', async () => {
    assert.equal(await get(createDispatcher({ env: {}, strictSSL: false })), 'refused');
    assert.equal(await get(createDispatcher({ env: { HTTPS_PROXY: `http://${proxy.address}`, NO_PROXY: '127.0.0.1' }, strictSSL: false })), 'refused', 'a NO_PROXY host is direct');
  });

  it('through a proxy, strictSSL false skips the check (and says so); true keeps it', async () => {
    const env = { HTTPS_PROXY: `http://${proxy.address}` };
    assert.equal(await get(createDispatcher({ env, strictSSL: false })), 'answered');
    assert.equal(await get(createDispatcher({ env, strictSSL: true })), 'refused');
    assert.equal(certificateChecksOff({ env, strictSSL: false }), true);
    assert.equal(certificateChecksOff({ env: {}, strictSSL: false }), false);
    assert.equal(certificateChecksOff({ env, strictSSL: true }), false);
  });
});
