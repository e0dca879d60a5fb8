const MAX_QUOTE_LENGTH = 200;

/**
 * Makes server-provided text safe to show: removes every known secret (a server may echo what it
 * was sent), collapses whitespace and truncates. Secrets shorter than 4 characters are ignored so
 * that a blank or trivial value cannot blank out ordinary words.
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let safe = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) {
      safe = safe.split(secret).join('[redacted]');
    }
  }
  safe = safe.replace(/\s+/g, ' ').trim();
  return safe.length > MAX_QUOTE_LENGTH ? `${safe.slice(0, MAX_QUOTE_LENGTH - 1)}…` : safe;
}
