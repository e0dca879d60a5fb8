// A forward proxy on loopback for the proxy tests: tunnels CONNECT and forwards absolute-form
// requests, counting both.
import * as http from 'node:http';
import * as net from 'node:net';

export interface ConnectProxy {
  /** 127.0.0.1:<port>, without a scheme (as people write HTTPS_PROXY). */
  readonly address: string;
  /** Tunnels opened plus requests forwarded so far. */
  proxied(): number;
  reset(): void;
  close(): Promise<void>;
}

export async function startConnectProxy(): Promise<ConnectProxy> {
  let proxied = 0;
  const server = http.createServer((req, res) => {
    proxied++;
    const forwarded = http.request(req.url ?? '', { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(forwarded);
  });
  server.on('connect', (req: http.IncomingMessage, socket: net.Socket) => {
    proxied++;
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    proxied: () => proxied,
    reset: () => void (proxied = 0),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
