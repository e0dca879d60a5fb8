import type { IncomingMessage, ServerResponse } from 'node:http';
import { INSTALLED_PAGE_CSP, INSTALLED_PREFIX } from '../install';

// What the receiver writes back: a short plain-text answer, or the install link's static page.

/** The install link's redirect page: its status and static HTML for a state and query. */
export type InstalledHandler = (state: string, query: string) => { readonly status: number; readonly html: string };

export function answerInstalled(req: IncomingMessage, res: ServerResponse, onInstalled: InstalledHandler): void {
  if (req.method !== 'GET') {
    res.setHeader('allow', 'GET');
    answer(res, 405, 'method not allowed');
    return;
  }
  const url = req.url ?? '';
  const queryStart = url.indexOf('?');
  const segment = (queryStart < 0 ? url : url.slice(0, queryStart)).slice(INSTALLED_PREFIX.length);
  const state = /^[A-Za-z0-9_-]{1,64}$/.test(segment) ? segment : '';
  const page = onInstalled(state, queryStart < 0 ? '' : url.slice(queryStart + 1));
  res.writeHead(page.status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(page.html),
    'content-security-policy': INSTALLED_PAGE_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });
  res.end(page.html);
}

export function answer(res: ServerResponse, status: number, text: string): void {
  const body = `${text}\n`;
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
