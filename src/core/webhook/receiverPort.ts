import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fail, ok, type Problem, type Result } from '../result';

// The receiver's port: the settings checked before listening, why a listen failed, and a free port to offer.

export type ReceiverProblemKind = 'port-in-use' | 'port-not-allowed' | 'host-unavailable' | 'invalid-setting' | 'receiver-failed';
export type ReceiverProblem = Problem<ReceiverProblemKind>;

export function checkOptions(opts: { readonly path: string; readonly port: number }): ReceiverProblem | undefined {
  if (!opts.path.startsWith('/')) {
    return { kind: 'invalid-setting', message: `The webhook path "${opts.path}" must start with "/"; change api2cartWix.webhook.path.`, fix: 'openSettings' };
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65_535) {
    return { kind: 'invalid-setting', message: `The webhook port ${opts.port} is not a port number (0–65535); change api2cartWix.webhook.port.`, fix: 'openSettings' };
  }
  return undefined;
}

export function listen(server: Server, host: string, port: number): Promise<Result<true, ReceiverProblem>> {
  return new Promise((resolve) => {
    const onError = (error: NodeJS.ErrnoException): void => resolve(fail(listenProblem(error, host, port)));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(ok(true));
    });
  });
}

function listenProblem(error: NodeJS.ErrnoException, host: string, port: number): ReceiverProblem {
  switch (error.code) {
    case 'EADDRINUSE':
      return { kind: 'port-in-use', message: `Port ${port} on ${host} is in use; change api2cartWix.webhook.port or stop the program using it.`, fix: 'openSettings' };
    case 'EACCES':
      return { kind: 'port-not-allowed', message: `Listening on port ${port} needs privileges; choose a port above 1023 in api2cartWix.webhook.port.`, fix: 'openSettings' };
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { kind: 'host-unavailable', message: `This machine has no address ${host}; change api2cartWix.webhook.host (the default is 127.0.0.1).`, fix: 'openSettings' };
    default:
      return { kind: 'receiver-failed', message: `The webhook receiver could not start on ${host}:${port} (${error.code ?? error.message}).`, fix: 'retry' };
  }
}

/** A port free on `host` right now (the OS picks it), for a person whose configured port is taken. */
export function findFreePort(host: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(undefined));
    probe.listen(0, host, () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
