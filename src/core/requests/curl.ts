import { requestUrl, type PlacedRequest } from './placement';

/** The shell variables a copied command reads the keys from: never the values. */
export const API_KEY_VARIABLE = 'API2CART_API_KEY';
export const STORE_KEY_VARIABLE = 'API2CART_STORE_KEY';

/** POSIX shell single quotes: nothing inside expands. */
const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * The request as a cURL command for a POSIX shell. The keys are `$API2CART_API_KEY` and
 * `$API2CART_STORE_KEY` (double-quoted so the shell expands them), the names Write Store Key to
 * .env uses.
 */
export function renderCurl(baseUrl: string, placed: PlacedRequest): string {
  const lines = [`curl${placed.httpMethod === 'GET' ? '' : ` -X ${placed.httpMethod}`} ${quote(requestUrl(baseUrl, placed).toString())}`];
  lines.push(`-H "x-api-key: $${API_KEY_VARIABLE}"`);
  if (placed.storeScoped) lines.push(`-H "x-store-key: $${STORE_KEY_VARIABLE}"`);
  if (placed.body !== undefined) {
    lines.push(`-H 'content-type: application/json'`);
    lines.push(`--data-raw ${quote(JSON.stringify(placed.body))}`);
  }
  return lines.join(' \\\n  ');
}
