/**
 * Scope planner UI. Renders what the host sends and reports what the user does; the host owns the
 * selection and computes the plan. Plain DOM, no framework, no inline styles or handlers (strict CSP).
 */
import type {
  HostToWebview,
  MethodGroupView,
  MethodName,
  PlannerState,
  WebviewToHost,
} from '../../shared/scopePlannerProtocol';
import { actionButton, el, lastAction, plural, send, setText, statusLine, vscodeApi as vscode } from './dom';
import { renderClause, renderLegend } from './resultList';
import { buildDriftSection, buildVerifySection, renderStore } from './storeSection';

/** What survives the panel being hidden or the window reloading, besides the host's selection. */
interface ViewState {
  readonly filter: string;
}

const app = document.getElementById('app') ?? document.body;

let latest: PlannerState | undefined;
let built = false;
let reportedPaint = false;


function savedFilter(): string {
  const state = vscode.getState();
  if (typeof state === 'object' && state !== null && typeof (state as { filter?: unknown }).filter === 'string') {
    return (state as ViewState).filter;
  }
  return '';
}

// ---- static layout, built on the first state ----

function buildLayout(state: PlannerState): void {
  const filter = el('input', {
    id: 'filter',
    attrs: { type: 'search', placeholder: 'e.g. order or .list', 'aria-controls': 'groups', autocomplete: 'off' },
  });
  filter.value = savedFilter();
  filter.addEventListener('input', () => {
    vscode.setState({ filter: filter.value });
    applyFilter();
  });

  const presets = el(
    'div',
    { id: 'presets', className: 'presets', attrs: { role: 'group', 'aria-labelledby': 'presets-label' } },
    el('span', { id: 'presets-label', className: 'label', text: 'Presets:' }),
    ...state.presets.map((preset) => {
      const button = el('button', {
        text: preset.label,
        attrs: { type: 'button', 'data-preset': preset.id, title: preset.description, 'aria-describedby': `preset-desc-${preset.id}` },
      });
      button.addEventListener('click', () => send({ type: 'applyPreset', presetId: preset.id }));
      return button;
    }),
    ...state.presets.map((preset) =>
      el('span', { id: `preset-desc-${preset.id}`, className: 'visually-hidden', text: preset.description }),
    ),
  );

  const clear = el('button', { id: 'clear-selection', text: 'Clear selection', attrs: { type: 'button' } });
  clear.addEventListener('click', () => send({ type: 'setSelection', methods: [] }));

  const methodsSection = el(
    'section',
    { className: 'methods', attrs: { 'aria-labelledby': 'methods-heading' } },
    el('h2', { id: 'methods-heading', text: 'API2Cart methods' }),
    el(
      'div',
      { className: 'toolbar' },
      el('label', { text: 'Filter methods', attrs: { for: 'filter' } }),
      filter,
      // Not a live region: the result summary already announces "N permissions for M methods".
      el('span', { id: 'selection-count', className: 'count' }),
      clear,
    ),
    presets,
    statusLine('presets-status'),
    // What every method needs, once: the rows list only what differs.
    state.commonScopes.length > 0
      ? el('p', { id: 'common-scopes', className: 'hint' }, 'Every method needs ', ...state.commonScopes.flatMap((label, i) => [i > 0 ? ' and ' : '', el('strong', { text: label })]), '; each row lists what it needs besides.')
      : undefined,
    el('div', { id: 'groups' }, ...state.groups.map(buildGroup)),
    el('p', { id: 'no-match', className: 'hint', text: 'No method matches the filter.', attrs: { hidden: '' } }),
  );

  const actions = el(
    'div',
    { className: 'actions' },
    actionButton('copy-text', 'Copy as text', { type: 'copyText' }),
    actionButton('copy-json', 'Copy as JSON', { type: 'copyJson' }),
    actionButton('export-markdown', 'Export Markdown…', { type: 'exportMarkdown' }),
  );

  const resultSection = el(
    'section',
    { id: 'result', className: 'result', attrs: { 'aria-labelledby': 'result-heading' } },
    el('h2', { id: 'result-heading', text: 'Wix permissions to request' }),
    el('p', { id: 'result-summary', attrs: { 'aria-live': 'polite', 'aria-atomic': 'true' } }),
    // Above the list: the buttons stay whole and in view however long the list grows.
    actions,
    statusLine('status'),
    el('ul', { id: 'result-list', attrs: { 'aria-labelledby': 'result-heading' } }),
    el('div', { id: 'result-legend', className: 'legend' }),
    el('div', { id: 'result-notes', className: 'notes' }),
    buildVerifySection(),
    buildDriftSection(),
  );

  app.replaceChildren(
    el(
      'main',
      {},
      el('h1', { text: 'Plan Wix app scopes' }),
      el('p', {
        className: 'intro',
        text: 'Tick the API2Cart methods your integration calls. "Wix permissions to request" lists what your Wix app must ask for; where the guide offers alternatives ("A or B"), one of them is enough.',
      }),
      el('div', { className: 'layout' }, methodsSection, resultSection),
    ),
  );
  app.removeAttribute('aria-busy');
  applyFilter();
}

function buildGroup(group: MethodGroupView): HTMLFieldSetElement {
  const all = el('button', { text: 'Select all', attrs: { type: 'button', 'data-group-select': group.entity } });
  const none = el('button', { text: 'Select none', attrs: { type: 'button', 'data-group-clear': group.entity } });
  all.setAttribute('aria-label', `Select all shown ${group.entity} methods`);
  none.setAttribute('aria-label', `Select no ${group.entity} methods`);
  all.addEventListener('click', () => setGroup(group, true));
  none.addEventListener('click', () => setGroup(group, false));

  const items = group.methods.map((method) => {
    const id = `method-${method.name}`;
    const box = el('input', { id, attrs: { type: 'checkbox', 'data-method': method.name, 'aria-describedby': `${id}-scopes` } });
    box.addEventListener('change', () => send({ type: 'toggle', method: method.name, selected: box.checked }));
    const note = method.duplicateNote
      ? el('span', { id: `${id}-note`, className: 'duplicate-note', text: method.duplicateNote })
      : undefined;
    if (note) box.setAttribute('aria-describedby', `${id}-scopes ${id}-note`);
    return el(
      'li',
      { attrs: { 'data-method-item': method.name } },
      box,
      el('label', { text: method.name, attrs: { for: id } }),
      el('span', { id: `${id}-scopes`, className: 'method-scopes', text: method.scopes.join(', ') }),
      note,
    );
  });

  return el(
    'fieldset',
    { className: 'group', attrs: { 'data-entity': group.entity } },
    el(
      'legend',
      {},
      el('span', { text: group.entity }),
      el('span', { className: 'count', attrs: { 'data-group-count': group.entity } }),
      el('span', { className: 'badge', attrs: { 'data-badge': group.entity, hidden: '' } }),
    ),
    el('div', { className: 'group-actions' }, all, none),
    el('div', { className: 'verify-detail', attrs: { 'data-verify-detail': group.entity, hidden: '' } }),
    el('ul', { className: 'method-list' }, ...items),
  );
}

// ---- behaviour ----

function visibleMethods(group: MethodGroupView): MethodName[] {
  return group.methods
    .map((m) => m.name)
    .filter((name) => !document.querySelector(`[data-method-item="${name}"]`)?.hasAttribute('hidden'));
}

/** Select all/none acts on the methods the filter shows, like a person would expect. */
function setGroup(group: MethodGroupView, selected: boolean): void {
  if (!latest) return;
  const shown = new Set(visibleMethods(group));
  const others = latest.selection.filter((m) => !shown.has(m));
  send({ type: 'setSelection', methods: selected ? [...others, ...shown] : others });
}

function applyFilter(): void {
  const input = document.getElementById('filter') as HTMLInputElement | null;
  const query = (input?.value ?? '').trim().toLowerCase();
  let anyShown = false;
  for (const fieldset of document.querySelectorAll<HTMLFieldSetElement>('fieldset.group')) {
    let shownInGroup = 0;
    for (const item of fieldset.querySelectorAll<HTMLLIElement>('li[data-method-item]')) {
      const match = query === '' || (item.dataset.methodItem ?? '').toLowerCase().includes(query);
      item.toggleAttribute('hidden', !match);
      if (match) shownInGroup++;
    }
    fieldset.toggleAttribute('hidden', shownInGroup === 0);
    anyShown ||= shownInGroup > 0;
  }
  document.getElementById('no-match')?.toggleAttribute('hidden', anyShown);
}

// ---- rendering each state ----

function render(state: PlannerState): void {
  latest = state;
  if (!built) {
    buildLayout(state);
    built = true;
  }
  const selected = new Set<string>(state.selection);
  for (const box of document.querySelectorAll<HTMLInputElement>('input[data-method]')) {
    box.checked = selected.has(box.dataset.method ?? '');
  }
  for (const group of state.groups) {
    const count = group.methods.filter((m) => selected.has(m.name)).length;
    const label = document.querySelector(`[data-group-count="${group.entity}"]`);
    if (label) label.textContent = ` (${count}/${group.methods.length})`;
  }
  setText('selection-count', `${plural(state.selection.length, 'method')} selected`);
  setText(
    'result-summary',
    state.selection.length === 0
      ? 'No methods selected yet.'
      : `${plural(state.clauses.length, 'permission')} for ${plural(state.selection.length, 'method')}.`,
  );
  document.getElementById('result-list')?.replaceChildren(...state.clauses.map(renderClause));
  document.getElementById('result-legend')?.replaceChildren(...renderLegend(state.clauses));
  document
    .getElementById('result-notes')
    ?.replaceChildren(...state.notes.map((note) => el('p', { className: 'note', text: note })));
  for (const id of ['copy-text', 'copy-json', 'export-markdown']) {
    (document.getElementById(id) as HTMLButtonElement | null)?.toggleAttribute('disabled', state.selection.length === 0);
  }

  renderStore(state.store, state.verification, state.drift);

  if (!reportedPaint) {
    reportedPaint = true;
    requestAnimationFrame(() => send({ type: 'rendered' }));
  }
}


/** Each answer appears under the buttons of the action it answers; the other lines are cleared. */
const NOTICE_PLACES: Partial<Record<WebviewToHost['type'], string>> = {
  applyPreset: 'presets-status',
  verify: 'verify-status',
  cancelVerify: 'verify-status',
  saveReport: 'verify-status',
  copyDrift: 'drift-status',
};

function showNotice(level: 'info' | 'error', text: string): void {
  const place = (lastAction && NOTICE_PLACES[lastAction]) ?? 'status';
  for (const line of document.querySelectorAll<HTMLElement>('.action-status')) {
    const here = line.id === place;
    line.textContent = here ? text : '';
    line.classList.toggle('error', here && level === 'error');
  }
}

window.addEventListener('message', (event: MessageEvent<HostToWebview>) => {
  const message = event.data;
  if (typeof message !== 'object' || message === null) return;
  if (message.type === 'state') render(message.state);
  else if (message.type === 'notice') showNotice(message.level, message.text);
});

// The host built the first state into the page: paint it now; 'ready' brings the current one.
const initial = document.getElementById('initial-state')?.textContent;
if (initial) render(JSON.parse(initial) as PlannerState);
send({ type: 'ready' });
