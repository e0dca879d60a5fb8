/**
 * The planner's result list: each permission to request with its id, the methods that need it, and
 * a legend for the marks it uses ("unconfirmed id", "(PII)", "find by name").
 */
import type { ClauseView, ScopeView } from '../../shared/scopePlannerProtocol';
import { el, plural } from './dom';

const INLINE_METHOD_LIMIT = 6;

const UNCONFIRMED_TITLE = 'This id comes from third-party code, not from Wix: check it in the Wix dashboard.';
const PII_TEXT = 'personally identifiable information: part of Wix\'s name for a permission that gives access to personal data.';

/**
 * An id breaks only after its dots, never inside a word: each part is kept whole and a <wbr>
 * follows each dot. Copying the id still gives the exact id.
 */
function scopeId(id: string): HTMLElement {
  const parts = id.split('.');
  const code = el('code', { className: 'scope-id' });
  parts.forEach((part, i) => {
    code.append(el('span', { className: 'nowrap', text: i < parts.length - 1 ? `${part}.` : part }));
    if (i < parts.length - 1) code.append(document.createElement('wbr'));
  });
  return code;
}

function renderScope(option: ScopeView): HTMLElement {
  const scope = el('span', { className: 'scope' }, el('span', { className: 'scope-name', text: option.name }));
  if (option.id) scope.append(' ', scopeId(option.id));
  if (option.id && option.idConfirmed === false) {
    scope.append(' ', el('span', { className: 'unconfirmed', text: 'unconfirmed id', attrs: { title: UNCONFIRMED_TITLE } }));
  }
  if (!option.id && option.noIdHint) {
    scope.append(' ', el('span', { className: 'no-id', text: 'find by name', attrs: { title: option.noIdHint } }));
  }
  return scope;
}

export function renderClause(clause: ClauseView): HTMLLIElement {
  const parts: Node[] = [];
  clause.options.forEach((option, index) => {
    if (index > 0) parts.push(el('span', { className: 'or', text: ' or ' }));
    parts.push(renderScope(option));
  });
  return el(
    'li',
    { attrs: { 'data-scope-clause': clause.label } },
    el('span', { className: 'clause' }, ...parts),
    renderNeededBy(clause),
  );
}

/** Short lists inline; long ones fold so the scopes stay readable (a <details> is keyboard-operable). */
function renderNeededBy(clause: ClauseView): HTMLElement {
  const count = plural(clause.neededBy.length, 'method');
  const list = clause.neededBy.join(', ');
  if (clause.neededBy.length <= INLINE_METHOD_LIMIT) {
    return el('span', { className: 'needed-by' }, el('span', { className: 'count', text: count }), `: ${list}`);
  }
  return el(
    'details',
    { className: 'needed-by' },
    el('summary', {}, el('span', { className: 'count', text: count })),
    el('span', { text: list }),
  );
}

/** One line per mark the list shows, so no mark is left unexplained (tooltips need a mouse). */
export function renderLegend(clauses: readonly ClauseView[]): HTMLElement[] {
  const options = clauses.flatMap((c) => c.options);
  const lines: HTMLElement[] = [];
  const line = (mark: string, className: string, text: string) =>
    el('p', { attrs: { 'data-legend': className } }, el('span', { className, text: mark }), ` ${text}`);
  if (options.some((o) => o.id && o.idConfirmed === false)) lines.push(line('unconfirmed id', 'unconfirmed', UNCONFIRMED_TITLE));
  const noId = options.find((o) => !o.id && o.noIdHint);
  if (noId?.noIdHint) lines.push(line('find by name', 'no-id', noId.noIdHint));
  if (options.some((o) => o.name.includes('(PII)'))) lines.push(line('(PII)', 'pii', PII_TEXT));
  return lines;
}
