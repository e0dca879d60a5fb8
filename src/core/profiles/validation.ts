import { stripControls } from '../inertText';
import { fail, ok, type Problem, type Result } from '../result';

export type ValidationProblemKind =
  | 'invalid-app-id'
  | 'invalid-instance-id'
  | 'invalid-api-key'
  | 'invalid-app-secret'
  | 'invalid-store-key'
  | 'invalid-label'
  | 'invalid-site-url'
  | 'invalid-catalog-version';

export type ValidationProblem = Problem<ValidationProblemKind>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UUID_EXAMPLE = '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d';
export const MAX_LABEL_LENGTH = 80;

export const CATALOG_VERSIONS = ['V1_CATALOG', 'V3_CATALOG', 'STORES_NOT_INSTALLED'] as const;
export type CatalogVersion = (typeof CATALOG_VERSIONS)[number];

const invalid = (kind: ValidationProblemKind, message: string) => fail<ValidationProblem>({ kind, message });

/** Trims whitespace and lower-cases, so the same id always maps to the same profile. */
function validateUuid(input: string, kind: ValidationProblemKind, name: string): Result<string, ValidationProblem> {
  const text = input.trim();
  if (text === '') return invalid(kind, `Enter the ${name}: a UUID like ${UUID_EXAMPLE}.`);
  if (UUID.test(text)) return ok(text.toLowerCase());
  if (/^\{.*\}$/.test(text) && UUID.test(text.slice(1, -1).trim())) {
    return invalid(kind, `${name} must be a UUID like ${UUID_EXAMPLE}, without the braces.`);
  }
  return invalid(kind, `${name} must be a UUID like ${UUID_EXAMPLE}.`);
}

export const validateAppId = (input: string) => validateUuid(input, 'invalid-app-id', 'App ID');
export const validateInstanceId = (input: string) => validateUuid(input, 'invalid-instance-id', 'Instance ID');

/** Characters people meet in pasted keys, by name; anything else is named by its code point. */
const CHARACTER_NAMES: Readonly<Record<string, string>> = {
  ' ': 'a space',
  '\t': 'a tab',
  '\n': 'a line break',
  '\r': 'a line break',
  '\u00a0': 'a no-break space (U+00A0)',
  '\u200b': 'a zero-width space (U+200B)',
  '\u200c': 'a zero-width non-joiner (U+200C)',
  '\u200d': 'a zero-width joiner (U+200D)',
  '\u2060': 'a word joiner (U+2060)',
  '\ufeff': 'a zero-width no-break space (U+FEFF)',
  '\u2026': 'an ellipsis "…" (U+2026)',
  '\u2018': 'a curly quote (U+2018)',
  '\u2019': 'a curly quote (U+2019)',
  '\u201c': 'a curly quote (U+201C)',
  '\u201d': 'a curly quote (U+201D)',
};

const codePoint = (char: string): string => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

function describeCharacter(char: string): string {
  const named = CHARACTER_NAMES[char];
  if (named) return named;
  const code = char.codePointAt(0)!;
  if (code < 0x20 || code === 0x7f) return `a control character (${codePoint(char)})`;
  // The character itself is safe to show: it is what makes the key unusable, not the key.
  return `the character "${char}" (${codePoint(char)})`;
}

/**
 * Where a value stops being something an HTTP header can carry: the first character outside
 * printable ASCII (what API keys and store keys are made of), with its 1-based position.
 */
export function firstNonHeaderCharacter(text: string): { readonly description: string; readonly position: number } | undefined {
  let position = 0;
  for (const char of text) {
    position++;
    const code = char.codePointAt(0)!;
    if (code < 0x21 || code > 0x7e) return { description: describeCharacter(char), position };
  }
  return undefined;
}

/**
 * Secrets are checked for shape only, and must fit in an HTTP header: a zero-width space or a
 * "…" from a shortened copy would otherwise fail much later. Messages never repeat what was typed.
 */
function validateSecret(input: string, kind: ValidationProblemKind, name: string): Result<string, ValidationProblem> {
  const text = input.trim();
  if (text === '') return invalid(kind, `The ${name} is empty. Paste it again.`);
  const bad = firstNonHeaderCharacter(text);
  if (bad) {
    const shortened = bad.description.includes('U+2026') ? ' It looks like a shortened copy.' : '';
    return invalid(kind, `The ${name} contains ${bad.description} at position ${bad.position}, which cannot be part of a key.${shortened} Copy it again, whole and alone, without spaces or line breaks.`);
  }
  return ok(text);
}

export const validateApiKey = (input: string) => validateSecret(input, 'invalid-api-key', 'API2Cart API key');
/** A UUID in Wix today, but not documented as one, so only the shape of a token is required. */
export const validateAppSecret = (input: string) => validateSecret(input, 'invalid-app-secret', 'App Secret Key');
export const validateStoreKey = (input: string) => validateSecret(input, 'invalid-store-key', 'API2Cart store key');

/** An empty label means "no label". */
export function validateLabel(input: string): Result<string | undefined, ValidationProblem> {
  // Controls would break the one-line status bar and quick pick; U+2028 and U+2029 are line
  // breaks to dotenv and JavaScript, and bidi controls reorder what is read.
  const text = stripControls(input).trim();
  if (text === '') return ok(undefined);
  if (text.length > MAX_LABEL_LENGTH) return invalid('invalid-label', `The store label must be at most ${MAX_LABEL_LENGTH} characters.`);
  return ok(text);
}

/** An empty URL means "no URL". */
export function validateSiteUrl(input: string): Result<string | undefined, ValidationProblem> {
  const text = input.trim();
  if (text === '') return ok(undefined);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return invalid('invalid-site-url', 'The site URL must be a full address such as https://example.wixsite.com/shop.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return invalid('invalid-site-url', 'The site URL must start with https:// or http://.');
  }
  if (url.username !== '' || url.password !== '') {
    return invalid('invalid-site-url', 'The site URL must not contain a user name or password.');
  }
  return ok(url.href);
}

export function isCatalogVersion(value: unknown): value is CatalogVersion {
  return typeof value === 'string' && (CATALOG_VERSIONS as readonly string[]).includes(value);
}

export function validateCatalogVersion(value: string): Result<CatalogVersion, ValidationProblem> {
  return isCatalogVersion(value)
    ? ok(value)
    : invalid('invalid-catalog-version', `The catalog version must be one of ${CATALOG_VERSIONS.join(', ')}.`);
}
