/**
 * Scope planner UI. Renders what the host sends and reports what the user does; the host owns the
 * selection and computes the plan. Plain DOM, no framework, no inline styles or handlers (strict CSP).
 */
import type {
  BadgeTone,
  ClauseView,
  DriftView,
  GroupVerificationView,
  HostToWebview,
  MethodGroupView,
  MethodName,
  PlannerState,
  ProbeLineView,
  StoreView,
  VerificationView,
  WebviewToHost,
} from '../../shared/scopePlannerProtocol';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: ViewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** What survives the panel being hidden or the window reloading, besides the host's selection. */
interface ViewState {
  readonly filter: string;
}

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') ?? document.body;

const INLINE_METHOD_LIMIT = 6;

let latest: PlannerState | undefined;
let built = false;
let reportedPaint = false;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { id?: string; className?: string; text?: string; attrs?: Record<string, string> } = {},
  ...children: (Node | string | undefined)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.id) node.id = props.id;
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(child);
  return node;
}

const send = (message: WebviewToHost): void => vscode.postMessage(message);
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

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
    el('ul', { id: 'result-list', attrs: { 'aria-labelledby': 'result-heading' } }),
    el('div', { id: 'result-notes', className: 'notes' }),
    actions,
    el('p', { id: 'status', attrs: { role: 'status', 'aria-live': 'polite' } }),
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

/** The store check: the Verify button, its summary, the platform's flags and Wix's own permission list. */
function buildVerifySection(): HTMLElement {
  const cancel = actionButton('cancel-verify', 'Cancel check', { type: 'cancelVerify' });
  cancel.hidden = true;
  return el(
    'section',
    { id: 'verify-section', className: 'store-section', attrs: { 'aria-labelledby': 'verify-heading' } },
    el('h3', { id: 'verify-heading', text: 'Check on the store' }),
    el('p', { id: 'verify-intro', className: 'hint' }),
    el(
      'div',
      { className: 'actions' },
      actionButton('verify', 'Verify on a store…', { type: 'verify' }),
      cancel,
      actionButton('save-report', 'Save report…', { type: 'saveReport' }),
    ),
    el('p', { id: 'verify-summary', attrs: { role: 'status' } }),
    el('p', {
      id: 'verify-stale',
      className: 'note',
      text: 'The ticked methods changed since this check: verify again to update the badges.',
      attrs: { hidden: '' },
    }),
    el('div', { id: 'verify-platform' }),
    el('p', { id: 'verify-wix-note', className: 'hint', attrs: { hidden: '' } }),
    el(
      'details',
      { id: 'wix-permissions', attrs: { hidden: '' } },
      el('summary', { id: 'wix-permissions-summary' }),
      el('p', {
        className: 'hint',
        text: 'Exactly as Wix returns them. How these ids relate to the permission names above is not documented, so they are not matched.',
      }),
      el('ul', { id: 'wix-permissions-list', className: 'plain-list' }),
    ),
  );
}

/** What changed in the plan since the store was added, and the copy button. */
function buildDriftSection(): HTMLElement {
  return el(
    'section',
    { id: 'drift-section', className: 'store-section', attrs: { 'aria-labelledby': 'drift-heading', hidden: '' } },
    el('h3', { id: 'drift-heading', text: 'Changes since the store was added' }),
    el('p', { id: 'drift-summary' }),
    el('div', { id: 'drift-lists' }),
    el('p', { id: 'drift-note', className: 'note', attrs: { hidden: '' } }),
    el('div', { className: 'actions' }, actionButton('copy-drift', 'Copy drift as text', { type: 'copyDrift' })),
  );
}

function actionButton(id: string, text: string, message: WebviewToHost): HTMLButtonElement {
  const button = el('button', { id, text, attrs: { type: 'button' } });
  button.addEventListener('click', () => send(message));
  return button;
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

// ---- the store: check results and scope drift ----

const TONE_MARKS: Record<BadgeTone, string> = { works: '✓', fails: '✗', unknown: '?', neutral: '–', checking: '…' };

function setTone(node: Element, tone: BadgeTone): void {
  for (const t of Object.keys(TONE_MARKS)) node.classList.toggle(`tone-${t}`, t === tone);
}

function renderStore(store: StoreView | undefined, verification: VerificationView | undefined, drift: DriftView | undefined): void {
  const running = verification?.status === 'running';
  const verify = document.getElementById('verify') as HTMLButtonElement | null;
  if (verify) {
    verify.textContent = store?.connected ? `Verify on ${store.name}` : 'Verify on a store…';
    verify.disabled = running;
  }
  const cancel = document.getElementById('cancel-verify');
  if (cancel) cancel.hidden = !running;
  (document.getElementById('save-report') as HTMLButtonElement | null)?.toggleAttribute('disabled', !verification || running);
  setText(
    'verify-intro',
    store?.connected
      ? 'Read-only probes (GET requests only) check that API2Cart can read each ticked group from the store. Nothing is written.'
      : store
        ? `"${store.name}" is not connected to API2Cart yet: add it to check its permissions.`
        : 'No store is connected yet: add a store to API2Cart to check its permissions.',
  );
  setText('verify-summary', verification?.summary ?? '');
  document.getElementById('verify-stale')?.toggleAttribute('hidden', !verification?.stale);
  renderBadges(verification);
  renderPlatform(verification);
  renderWix(verification);
  renderDrift(store, drift);
}

function renderBadges(verification: VerificationView | undefined): void {
  const byEntity = new Map((verification?.groups ?? []).map((g) => [g.entity as string, g]));
  for (const badge of document.querySelectorAll<HTMLElement>('[data-badge]')) {
    const group = byEntity.get(badge.dataset.badge ?? '');
    badge.hidden = !group;
    if (!group) continue;
    badge.replaceChildren(el('span', { text: TONE_MARKS[group.tone], attrs: { 'aria-hidden': 'true' } }), ` ${group.label}`);
    setTone(badge, group.tone);
  }
  for (const detail of document.querySelectorAll<HTMLElement>('[data-verify-detail]')) {
    const group = byEntity.get(detail.dataset.verifyDetail ?? '');
    detail.hidden = !group;
    detail.replaceChildren(...(group ? renderGroupDetail(group) : []));
    if (group) setTone(detail, group.tone);
  }
}

function renderGroupDetail(group: GroupVerificationView): Node[] {
  return [...group.probes.map(renderProbeLine), ...group.notes.map((note) => el('p', { className: 'hint', text: note }))];
}

function renderProbeLine(probe: ProbeLineView): HTMLElement {
  const line = el(
    'div',
    { className: 'probe-line', attrs: { 'data-probe': probe.method } },
    el('p', {}, el('code', { text: probe.method }), ` ${probe.label}`),
  );
  if (probe.tone !== 'works' && probe.tone !== 'checking') line.append(el('p', { className: 'probe-text', text: probe.text }));
  if (probe.permissions && probe.permissions.length > 0) {
    line.append(
      el('p', { className: 'probe-text', text: 'Check these on the app\'s Permissions page (Develop → Permissions):' }),
      el('ul', { className: 'permissions-to-check' }, ...probe.permissions.map((p) => el('li', { text: p }))),
    );
  }
  return line;
}

function renderPlatform(verification: VerificationView | undefined): void {
  const unsupported = new Set<string>(verification?.unsupported ?? []);
  for (const item of document.querySelectorAll<HTMLLIElement>('li[data-method-item]')) {
    const flagged = unsupported.has(item.dataset.methodItem ?? '');
    const existing = item.querySelector('.unsupported-note');
    if (flagged && !existing) {
      item.append(el('span', { className: 'unsupported-note', text: 'Not on the platform\'s method list (cart.methods)' }));
    } else if (!flagged) existing?.remove();
  }
  const parts: Node[] = [];
  if (unsupported.size > 0) {
    parts.push(el('p', { className: 'note', text: `Not on the platform's method list (cart.methods): ${[...unsupported].join(', ')}.` }));
  }
  if (verification?.platformNote) parts.push(el('p', { className: 'hint', text: verification.platformNote }));
  document.getElementById('verify-platform')?.replaceChildren(...parts);
}

function renderWix(verification: VerificationView | undefined): void {
  const note = document.getElementById('verify-wix-note');
  if (note) {
    note.hidden = !verification?.wixNote;
    note.textContent = verification?.wixNote ?? '';
  }
  const details = document.getElementById('wix-permissions');
  const permissions = verification?.wixPermissions;
  if (!details) return;
  details.hidden = permissions === undefined;
  setText('wix-permissions-summary', `Permissions Wix reports for the app (${permissions?.length ?? 0})`);
  document
    .getElementById('wix-permissions-list')
    ?.replaceChildren(...(permissions ?? []).map((p) => el('li', {}, el('code', { text: p }))));
}

function renderDrift(store: StoreView | undefined, drift: DriftView | undefined): void {
  const section = document.getElementById('drift-section');
  if (!section) return;
  section.hidden = !drift;
  const copy = document.getElementById('copy-drift') as HTMLButtonElement | null;
  const note = document.getElementById('drift-note');
  const name = store?.name ?? 'the store';
  setText('drift-heading', `Changes since "${name}" was added`);
  if (!drift || drift.kind === 'no-snapshot') {
    setText('drift-summary', drift ? `No plan was kept when "${name}" was added, so there is nothing to compare with. The next Add Store keeps the ticked plan.` : '');
    document.getElementById('drift-lists')?.replaceChildren();
    if (note) note.hidden = true;
    if (copy) copy.disabled = true;
    return;
  }
  const changed = drift.added.length + drift.removed.length > 0;
  setText(
    'drift-summary',
    changed
      ? `Against the plan kept on ${drift.since}: ${drift.added.length} added, ${drift.removed.length} removed, ${drift.unchanged} unchanged.`
      : `No change: the plan asks for the same ${plural(drift.unchanged, 'permission')} as on ${drift.since}.`,
  );
  const list = (title: string, kind: string, items: readonly string[], mark: string): Node[] =>
    items.length === 0
      ? []
      : [
          el('p', { className: 'drift-title', text: `${title} (${items.length})` }),
          el(
            'ul',
            { className: `plain-list drift-${kind}`, attrs: { 'aria-label': `${title} permissions` } },
            ...items.map((item) => el('li', {}, el('span', { text: mark, attrs: { 'aria-hidden': 'true' } }), ` ${item}`)),
          ),
        ];
  document
    .getElementById('drift-lists')
    ?.replaceChildren(...list('Added', 'added', drift.added, '+'), ...list('Removed', 'removed', drift.removed, '−'));
  if (note) {
    note.hidden = drift.added.length === 0;
    note.textContent = drift.note;
  }
  if (copy) copy.disabled = !changed;
}

function renderClause(clause: ClauseView): HTMLLIElement {
  const parts: Node[] = [];
  clause.options.forEach((option, index) => {
    if (index > 0) parts.push(el('span', { className: 'or', text: ' or ' }));
    const scope = el('span', { className: 'scope' }, el('span', { className: 'scope-name', text: option.name }));
    if (option.id) scope.append(' ', el('code', { className: 'scope-id', text: option.id }));
    if (option.id && option.idConfirmed === false) {
      scope.append(
        ' ',
        el('span', {
          className: 'unconfirmed',
          text: 'unconfirmed id',
          attrs: { title: 'This id comes from third-party code, not from Wix: check it in the Wix dashboard.' },
        }),
      );
    }
    parts.push(scope);
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

function setText(id: string, text: string): void {
  const node = document.getElementById(id);
  if (node) node.textContent = text;
}

function showNotice(level: 'info' | 'error', text: string): void {
  const status = document.getElementById('status');
  if (!status) return;
  status.textContent = text;
  status.classList.toggle('error', level === 'error');
}

window.addEventListener('message', (event: MessageEvent<HostToWebview>) => {
  const message = event.data;
  if (typeof message !== 'object' || message === null) return;
  if (message.type === 'state') render(message.state);
  else if (message.type === 'notice') showNotice(message.level, message.text);
});

send({ type: 'ready' });
