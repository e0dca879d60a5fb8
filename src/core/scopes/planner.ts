/**
 * The scope planner model: for the API2Cart methods an integration calls, the Wix scopes its app
 * must request. Requirements form a monotone CNF: each clause is a set of scopes of which any one
 * satisfies it ("X OR Y"); a single-scope clause is a plain requirement. The plan is that CNF
 * reduced by absorption (a clause that contains another clause is implied by it), which is the
 * unique minimal form, sorted so the same selection always gives the same text.
 */
import type { GuideRow, Requirement } from './guideRow';
import { GUIDE_ROWS, type MethodName } from './guideTable';
import type { ScopeName } from './scopeCatalog';

/** Scopes of which any one satisfies the clause; sorted, no duplicates, never empty. */
export type Clause = readonly ScopeName[];

export interface PlannedClause {
  readonly anyOf: Clause;
  /** Selected methods this clause serves (their own requirement is this clause or implied by it). */
  readonly neededBy: readonly MethodName[];
}

/** A method the guide lists in several rows with different scopes; the plan requires the union. */
export interface DuplicateRowNote {
  readonly method: MethodName;
  readonly rowCount: number;
  /** Requirements present in some of the method's rows but not all, as clauses. */
  readonly notInEveryRow: readonly Clause[];
}

export interface ScopePlan {
  /** The selection, de-duplicated and sorted. */
  readonly methods: readonly MethodName[];
  readonly clauses: readonly PlannedClause[];
  /** One note per selected method with several guide rows. */
  readonly duplicateRows: readonly DuplicateRowNote[];
}

/** Case-insensitive first so "Read categories" sorts next to "Read Contacts"; code units break ties. */
export function compareText(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}

export function compareClauses(a: Clause, b: Clause): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareText(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

function toClause(requirement: Requirement): Clause {
  const options: ScopeName[] = typeof requirement === 'string' ? [requirement] : [...requirement.anyOf];
  return [...new Set(options)].sort(compareText);
}

const clauseKey = (clause: Clause): string => clause.join('\u0000');

/** `inner` implies `outer` when every option of inner is an option of outer. */
function implies(inner: Clause, outer: Clause): boolean {
  return inner.every((scope) => outer.includes(scope));
}

/** Removes duplicates and every clause implied by a smaller one; sorts the rest. */
export function minimiseClauses(clauses: Iterable<Clause>): Clause[] {
  const unique = new Map<string, Clause>();
  for (const clause of clauses) {
    const normalised = [...new Set(clause)].sort(compareText);
    if (normalised.length > 0) unique.set(clauseKey(normalised), normalised);
  }
  const candidates = [...unique.values()];
  const kept = candidates.filter(
    (clause) => !candidates.some((other) => other !== clause && other.length < clause.length && implies(other, clause)),
  );
  return kept.sort(compareClauses);
}

const ROWS_BY_METHOD: ReadonlyMap<MethodName, readonly GuideRow[]> = (() => {
  const map = new Map<MethodName, GuideRow[]>();
  for (const row of GUIDE_ROWS) {
    const rows = map.get(row.method) ?? [];
    rows.push(row);
    map.set(row.method, rows);
  }
  return map;
})();

/** Every method of the guide's table, once each, sorted. */
export const ALL_METHODS: readonly MethodName[] = [...ROWS_BY_METHOD.keys()].sort(compareText);

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && ROWS_BY_METHOD.has(value as MethodName);
}

/** The guide rows of a method (two for product.variant.update, one for the others). */
export function rowsFor(method: MethodName): readonly GuideRow[] {
  return ROWS_BY_METHOD.get(method) ?? [];
}

const REQUIREMENTS_BY_METHOD: ReadonlyMap<MethodName, readonly Clause[]> = new Map(
  ALL_METHODS.map((method) => [method, minimiseClauses(rowsFor(method).flatMap((row) => row.requires.map(toClause)))]),
);

/** What one method needs: the union of its rows, minimised. */
export function requirementsOf(method: MethodName): readonly Clause[] {
  return REQUIREMENTS_BY_METHOD.get(method) ?? [];
}

/** Methods the guide lists in more than one row. */
export const DUPLICATE_METHODS: readonly MethodName[] = ALL_METHODS.filter((method) => rowsFor(method).length > 1);

export function duplicateRowNote(method: MethodName): DuplicateRowNote | undefined {
  const rows = rowsFor(method).map((row) => row.requires.map(toClause));
  if (rows.length < 2) return undefined;
  const inRow = (row: readonly Clause[], clause: Clause) => row.some((c) => clauseKey(c) === clauseKey(clause));
  const notInEveryRow = minimiseClauses(rows.flat()).filter((clause) => !rows.every((row) => inRow(row, clause)));
  return { method, rowCount: rows.length, notInEveryRow };
}

/** Keeps known methods only, once each, sorted. */
export function normaliseSelection(methods: Iterable<unknown>): MethodName[] {
  const known = new Set<MethodName>();
  for (const method of methods) if (isMethodName(method)) known.add(method);
  return [...known].sort(compareText);
}

/** The minimal, sorted clauses that satisfy every requirement of every given method. */
export function requiredClauses(methods: Iterable<MethodName>): Clause[] {
  return minimiseClauses(normaliseSelection(methods).flatMap((method) => requirementsOf(method)));
}

/** The full plan: clauses with the selected methods each one serves, and notes on duplicate rows. */
export function planScopes(methods: Iterable<MethodName>): ScopePlan {
  const selected = normaliseSelection(methods);
  const clauses = requiredClauses(selected).map((anyOf) => ({
    anyOf,
    neededBy: selected.filter((method) => requirementsOf(method).some((own) => implies(anyOf, own))),
  }));
  const duplicateRows = selected.flatMap((method) => duplicateRowNote(method) ?? []);
  return { methods: selected, clauses, duplicateRows };
}

/**
 * Methods whose guide rows mention `scope`, on its own or as one of "X OR Y" alternatives;
 * among all methods, or among the given ones. Sorted.
 */
export function methodsNeeding(scope: ScopeName, among: Iterable<MethodName> = ALL_METHODS): MethodName[] {
  return normaliseSelection(among).filter((method) => requirementsOf(method).some((clause) => clause.includes(scope)));
}

/** The entities of the table, in the order the planner shows them. */
export const ENTITIES = ['basket', 'cart', 'category', 'customer', 'order', 'product', 'subscriber', 'tax'] as const;
export type Entity = (typeof ENTITIES)[number];

export function entityOf(method: MethodName): Entity {
  return method.slice(0, method.indexOf('.')) as Entity;
}

export interface MethodGroup {
  readonly entity: Entity;
  readonly methods: readonly MethodName[];
}

export function groupMethodsByEntity(): MethodGroup[] {
  return ENTITIES.map((entity) => ({ entity, methods: ALL_METHODS.filter((m) => entityOf(m) === entity) }));
}
