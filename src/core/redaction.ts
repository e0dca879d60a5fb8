/**
 * Masks known secret values in text bound for a log, a message or a document. The profile
 * service feeds it the current secrets; everything user-visible passes through `redact`, so a
 * secret that slips into an error message from a library is still never shown.
 */
export interface Redactor {
  /** Replace the values registered under `source` (e.g. 'apiKey', 'storeKeys'). */
  setSecrets(source: string, values: readonly (string | undefined)[]): void;
  redact(text: string): string;
}

/** Shorter values would mask ordinary words; every secret the extension handles is longer. */
const MIN_SECRET_LENGTH = 8;
export const MASK = '•••';

export function createRedactor(): Redactor {
  const bySource = new Map<string, string[]>();
  let ordered: string[] = [];
  return {
    setSecrets(source, values) {
      bySource.set(source, values.filter((v): v is string => typeof v === 'string' && v.length >= MIN_SECRET_LENGTH));
      // Longest first, so a secret containing another is masked whole.
      ordered = [...new Set([...bySource.values()].flat())].sort((a, b) => b.length - a.length);
    },
    redact(text) {
      let out = text;
      for (const secret of ordered) if (out.includes(secret)) out = out.split(secret).join(MASK);
      return out;
    },
  };
}
