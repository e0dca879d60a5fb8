import type { ScopeName } from './scopeCatalog';

// The shape of one row of the guide's table (guideTable.ts).

/** One requirement of a row: a scope, or alternatives of which any one is enough. */
export type Requirement = ScopeName | { readonly anyOf: readonly ScopeName[] };

export interface GuideRow {
  readonly method: string;
  readonly requires: readonly Requirement[];
}
