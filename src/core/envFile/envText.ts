import { inertText } from '../inertText';

/**
 * Editing a `.env` (or `.gitignore`) as text: the lines the edit is about change, every other line
 * and comment stays byte for byte, and so do the file's line endings and byte-order mark.
 */
export type LineEnding = 'lf' | 'crlf';

interface Line {
  readonly content: string;
  /** '\n', '\r\n' or '' for a last line without one. */
  readonly ending: string;
}

const BOM = '\uFEFF';

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const pattern = /\r?\n/g;
  let start = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    lines.push({ content: text.slice(start, match.index), ending: match[0] });
    start = match.index + match[0].length;
  }
  if (start < text.length) lines.push({ content: text.slice(start), ending: '' });
  return lines;
}

/** The ending most of the file's lines use; LF for a file without any. */
export function lineEndingOf(text: string): LineEnding {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  return crlf > lf ? 'crlf' : 'lf';
}

const join = (bom: string, lines: readonly Line[]): string => bom + lines.map((l) => l.content + l.ending).join('');

/** Appends lines in the file's own line ending, after closing an unterminated last line. */
function append(lines: Line[], added: readonly string[], eol: string): void {
  const last = lines[lines.length - 1];
  if (last && last.ending === '') lines[lines.length - 1] = { ...last, ending: eol };
  for (const content of added) lines.push({ content, ending: eol });
}

export interface EnvAssignment {
  readonly name: string;
  readonly value: string;
}

export interface EnvEdit {
  readonly text: string;
  readonly lineEnding: LineEnding;
  /** Per variable: a new line was added, or an existing one now holds the value (duplicates removed). */
  readonly changes: readonly { readonly name: string; readonly change: 'added' | 'replaced' | 'unchanged'; readonly duplicatesRemoved: number }[];
}

/**
 * A value as the dotenv parser reads it back unchanged: bare when it is plain, else in the first
 * quote it does not contain. dotenv unescapes nothing but `\n` and `\r` in double quotes, so an
 * escape could never round-trip. undefined when no form does: a value holding ', ` and ", or
 * ending in a backslash (dotenv reads it with the closing quote as an escaped quote, and goes on
 * to the next quote in the file).
 */
export function envValue(value: string): string | undefined {
  if (/^[A-Za-z0-9_\-.:/+=@,%]*$/.test(value)) return value;
  if (value.endsWith('\\')) return undefined;
  if (!value.includes("'")) return `'${value}'`;
  if (!value.includes('`')) return `\`${value}\``;
  if (!/["\r\n]|\\[nr]/.test(value)) return `"${value}"`;
  return undefined;
}

/** `NAME=` or `export NAME =` at the start of a line. */
const assignmentPattern = (name: string) => new RegExp(`^(\\s*(?:export\\s+)?)${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=`);

/**
 * Sets each variable on exactly one line: the first existing assignment takes the value (keeping
 * an `export ` prefix), later ones are removed, a missing one is appended (after `comment`, when
 * given, as a `# ` line). Nothing else changes.
 */
export function setEnvVariables(text: string, assignments: readonly EnvAssignment[], comment?: string): EnvEdit {
  const bom = text.startsWith(BOM) ? BOM : '';
  const lineEnding = lineEndingOf(text);
  const eol = lineEnding === 'crlf' ? '\r\n' : '\n';
  let lines = splitLines(text.slice(bom.length));
  const changes: EnvEdit['changes'][number][] = [];
  const appended: string[] = [];
  for (const { name, value } of assignments) {
    const pattern = assignmentPattern(name);
    const written = envValue(value);
    if (written === undefined) throw new Error(`${name}: no .env form reads this value back unchanged; check envValue first`);
    const wanted = `${name}=${written}`;
    const found = lines.map((line, index) => ({ line, index, prefix: pattern.exec(line.content)?.[1] })).filter((f) => f.prefix !== undefined);
    if (found.length === 0) {
      appended.push(wanted);
      changes.push({ name, change: 'added', duplicatesRemoved: 0 });
      continue;
    }
    const [first, ...rest] = found;
    const replacement = `${first!.prefix!}${wanted}`;
    const unchanged = first!.line.content === replacement;
    lines[first!.index] = { content: replacement, ending: first!.line.ending };
    const drop = new Set(rest.map((r) => r.index));
    lines = lines.filter((_, index) => !drop.has(index));
    changes.push({ name, change: unchanged && rest.length === 0 ? 'unchanged' : 'replaced', duplicatesRemoved: rest.length });
  }
  if (appended.length > 0) append(lines, [...(comment ? [`# ${inertText(comment, { max: 500 })}`] : []), ...appended], eol);
  return { text: join(bom, lines), lineEnding, changes };
}

/**
 * Whether a .gitignore's own lines ignore `name` at its top level: a bare textual check, for when
 * git itself cannot be asked. Conservative: a later `!` negation of the name counts as not ignored.
 */
export function gitignoreListsName(text: string, name: string): boolean {
  let ignored = false;
  for (const raw of splitLines(text.replace(BOM, ''))) {
    const line = raw.content.trim();
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    const pattern = (negated ? line.slice(1) : line).replace(/^\//, '').replace(/\/$/, '');
    if (pattern === name || pattern === `**/${name}` || (pattern.endsWith('*') && !pattern.includes('/') && name.startsWith(pattern.slice(0, -1)))) {
      ignored = !negated;
    }
  }
  return ignored;
}

/** `.gitignore` text with each entry on a line of its own at the end, in the file's line ending. */
export function addGitignoreEntries(text: string, entries: readonly string[], comment?: string): string {
  const bom = text.startsWith(BOM) ? BOM : '';
  const lines = splitLines(text.slice(bom.length));
  append(lines, [...(comment ? [`# ${comment}`] : []), ...entries], lineEndingOf(text) === 'crlf' ? '\r\n' : '\n');
  return join(bom, lines);
}

export interface StoreKeysEdit {
  readonly label: string;
  readonly assignments: readonly EnvAssignment[];
}

// The comment storeKeysEdit writes above the keys it appends; removeEnvValue knows it by these parts.
const KEYS_COMMENT_START = 'API2Cart keys for "';
const KEYS_COMMENT_MARK = '", written by API2Cart Wix.';
const keysComment = (label: string): string => `${KEYS_COMMENT_START}${label}${KEYS_COMMENT_MARK} Keep this file out of git.`;
const isKeysComment = (line: string): boolean => line.startsWith(`# ${KEYS_COMMENT_START}`) && line.includes(KEYS_COMMENT_MARK);

/**
 * The keys for one store as Write Store Key to .env writes them. The label (the merchant's site
 * name) only reaches the file as printable ASCII, so it can never start a line of its own; a value
 * that no .env form reads back unchanged is refused by name, never written.
 */
export function storeKeysEdit(text: string, edit: StoreKeysEdit): { ok: true; edit: EnvEdit } | { ok: false; unreadable: string } {
  const unreadable = edit.assignments.find((a) => envValue(a.value) === undefined);
  if (unreadable) return { ok: false, unreadable: unreadable.name };
  const label = inertText(edit.label, { ascii: true, max: 80 });
  return { ok: true, edit: setEnvVariables(text, edit.assignments, keysComment(label)) };
}

/** The value of `NAME=value` as dotenv reads it: quotes taken off, an unquoted value's ` #` comment dropped. */
function assignedValue(content: string, pattern: RegExp): string | undefined {
  const match = pattern.exec(content);
  if (!match) return undefined;
  const rest = content.slice(match[0].length).trimStart();
  const quote = rest[0];
  if (quote === '"' || quote === "'" || quote === '`') {
    const end = rest.indexOf(quote, 1);
    return end > 0 ? rest.slice(1, end) : undefined;
  }
  return rest.replace(/\s+#.*$/, '').trim();
}

const API2CART_ASSIGNMENT = /^\s*(?:export\s+)?API2CART_[A-Z_]+\s*=/;

/**
 * Removes every assignment of `name` that holds exactly `value` (a removed store's key: a newer
 * key under the same name stays), and the comment storeKeysEdit wrote above it once no API2Cart
 * key is left below that comment. Every other line stays byte for byte.
 */
export function removeEnvValue(text: string, name: string, value: string): { readonly text: string; readonly removed: number } {
  const bom = text.startsWith(BOM) ? BOM : '';
  const lines = splitLines(text.slice(bom.length));
  const pattern = assignmentPattern(name);
  const drop = new Set(lines.flatMap((line, index) => (assignedValue(line.content, pattern) === value ? [index] : [])));
  if (drop.size === 0) return { text, removed: 0 };
  for (const index of [...drop]) {
    const above = index - 1;
    if (above < 0 || drop.has(above) || !isKeysComment(lines[above]!.content)) continue;
    const next = lines.findIndex((_, i) => i > above && !drop.has(i));
    if (next === -1 || !API2CART_ASSIGNMENT.test(lines[next]!.content)) drop.add(above);
  }
  const kept = lines.filter((_, index) => !drop.has(index));
  return { text: join(bom, kept), removed: [...drop].filter((i) => pattern.test(lines[i]!.content)).length };
}
