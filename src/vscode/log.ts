import vscode = require('vscode');
import type { Redactor } from '../core/redaction';

/** The extension's log: a LogOutputChannel whose every line is redacted first. */
export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
  show(): void;
}

export function createLog(redactor: Redactor, name = 'API2Cart Wix'): Log & vscode.Disposable {
  const channel = vscode.window.createOutputChannel(name, { log: true });
  const r = (m: string) => redactor.redact(m);
  return {
    info: m => channel.info(r(m)),
    warn: m => channel.warn(r(m)),
    error: m => channel.error(r(m)),
    debug: m => channel.debug(r(m)),
    show: () => channel.show(true),
    dispose: () => channel.dispose(),
  };
}
