/**
 * The plan as text a developer copies into a ticket or checklist, as JSON for tools (names + ids),
 * and as a Markdown document to keep with the project. Pure and deterministic: the same plan always
 * gives the same output (a date appears only when the caller passes one).
 */
import type { MethodName } from './guideTable';
import { entityOf, ENTITIES, requirementsOf, type Clause, type DuplicateRowNote, type ScopePlan } from './planner';
import { scopeInfo, type ScopeName } from './scopeCatalog';

export const GUIDE_TITLE = 'API2Cart "How to connect Wix" guide, table of required Wix app scopes';

const UNCONFIRMED_NOTE =
  'Scope ids marked unconfirmed come from third-party code, not from Wix; check them in the Wix dashboard.';
export const APPROVAL_NOTE =
  'A new or changed permission applies only after the site owner approves it: release a new app version, then re-install or update the app.';

/** "A or B" for alternatives, the name alone for a single scope. */
export function clauseLabel(clause: Clause): string {
  return clause.join(' or ');
}

/** Where a permission has no published id, how to find it: Wix's dashboard lists permissions by name. */
export const NO_ID_HINT = 'Wix publishes no id for this permission: search its name under Develop → Permissions → Add Permissions.';

/**
 * The requirements (as labels) that every one of `methods` has, e.g. "Manage Your App": the
 * planner lists them once instead of on every row.
 */
export function sharedRequirements(methods: readonly MethodName[]): string[] {
  const [first, ...rest] = methods.map((m) => requirementsOf(m).map(clauseLabel));
  if (!first) return [];
  return first.filter((label) => rest.every((labels) => labels.includes(label)));
}

export function describeDuplicateRow(note: DuplicateRowNote): string {
  const extra = note.notInEveryRow.map(clauseLabel).join(', ');
  return (
    `${note.method} appears ${note.rowCount} times in the guide with different scopes; ` +
    `the plan requires the union of its rows` +
    (extra ? ` (only some rows list: ${extra}).` : '.')
  );
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

function idSuffix(scope: ScopeName): string {
  const id = scopeInfo(scope).id;
  if (!id) return '';
  return id.confirmed ? ` [${id.value}]` : ` [${id.value}, unconfirmed]`;
}

const hasUnconfirmedId = (plan: ScopePlan): boolean =>
  plan.clauses.some((c) => c.anyOf.some((scope) => scopeInfo(scope).id?.confirmed === false));

export function formatPlanText(plan: ScopePlan): string {
  if (plan.methods.length === 0) return 'No API2Cart methods selected: no Wix app scopes required.\n';
  const lines = [
    `Wix app scopes for ${plural(plan.methods.length, 'API2Cart method')}: ${plan.methods.join(', ')}`,
    '',
    ...plan.clauses.map(
      (c) => `- ${c.anyOf.map((scope) => scope + idSuffix(scope)).join(' or ')} (${plural(c.neededBy.length, 'method')})`,
    ),
  ];
  const notes = [
    ...plan.duplicateRows.map(describeDuplicateRow),
    ...(hasUnconfirmedId(plan) ? [UNCONFIRMED_NOTE] : []),
  ];
  if (notes.length > 0) lines.push('', ...notes.map((n) => `Note: ${n}`));
  return lines.join('\n') + '\n';
}

export interface ScopeJson {
  readonly name: ScopeName;
  /** null when no source gives the id. */
  readonly id: string | null;
  /** null when there is no id to confirm. */
  readonly idConfirmed: boolean | null;
}

export interface PlanJson {
  readonly source: string;
  readonly methods: readonly MethodName[];
  /** Every entry is required; an entry with several options is satisfied by any one of them. */
  readonly scopes: readonly { readonly anyOf: readonly ScopeJson[]; readonly neededBy: readonly MethodName[] }[];
  readonly notes: readonly string[];
}

export function planToJson(plan: ScopePlan): PlanJson {
  return {
    source: GUIDE_TITLE,
    methods: plan.methods,
    scopes: plan.clauses.map((c) => ({
      anyOf: c.anyOf.map((name) => {
        const id = scopeInfo(name).id;
        return { name, id: id?.value ?? null, idConfirmed: id?.confirmed ?? null };
      }),
      neededBy: c.neededBy,
    })),
    notes: plan.duplicateRows.map(describeDuplicateRow),
  };
}

export function formatPlanJson(plan: ScopePlan): string {
  return JSON.stringify(planToJson(plan), null, 2) + '\n';
}

/** Markdown table cells must not break the row. */
export const markdownCell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** The scope id as Markdown code, marked when unconfirmed; undefined when no source gives one. */
export function scopeIdMarkdown(scope: ScopeName): string | undefined {
  const id = scopeInfo(scope).id;
  if (!id) return undefined;
  return `\`${id.value}\`` + (id.confirmed ? '' : ' (unconfirmed)');
}

export interface MarkdownOptions {
  /** Shown under the title when given, e.g. new Date().toISOString().slice(0, 10). */
  readonly date?: string;
}

export function formatPlanMarkdown(plan: ScopePlan, options: MarkdownOptions = {}): string {
  const out: string[] = ['# Wix app scopes for the API2Cart integration', ''];
  out.push(`Source: ${GUIDE_TITLE}.` + (options.date ? ` Generated ${options.date}.` : ''), '');

  out.push(`## Selected API2Cart methods (${plan.methods.length})`, '');
  if (plan.methods.length === 0) out.push('None.', '');
  else {
    for (const entity of ENTITIES) {
      const methods = plan.methods.filter((m) => entityOf(m) === entity);
      if (methods.length > 0) out.push(`- **${entity}**: ${methods.map((m) => `\`${m}\``).join(', ')}`);
    }
    out.push('');
  }

  out.push(`## Required Wix permissions (${plan.clauses.length})`, '');
  if (plan.clauses.length === 0) out.push('None.', '');
  else {
    out.push('Request every row. Where a row offers alternatives, one of them is enough.', '');
    out.push('| Permission | Scope id | Needed by |', '|---|---|---|');
    for (const c of plan.clauses) {
      const ids = c.anyOf.map((scope) => scopeIdMarkdown(scope) ?? 'unknown');
      out.push(
        `| ${markdownCell(c.anyOf.join(' **or** '))} | ${markdownCell(ids.join(' or '))} | ` +
          `${markdownCell(plural(c.neededBy.length, 'method'))}: ${markdownCell(c.neededBy.join(', '))} |`,
      );
    }
    out.push('');
  }

  const notes = [
    ...plan.duplicateRows.map(describeDuplicateRow),
    ...(hasUnconfirmedId(plan) ? [UNCONFIRMED_NOTE] : []),
    APPROVAL_NOTE,
  ];
  out.push('## Notes', '', ...notes.map((n) => `- ${n}`), '');
  return out.join('\n');
}
