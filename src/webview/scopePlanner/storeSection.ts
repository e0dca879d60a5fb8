/**
 * The planner's store part: the check on the active store (badges, failure cards, the platform's
 * list, Wix's own permissions) and the scope drift since the store was added.
 */
import type {
  BadgeTone,
  DriftView,
  GroupVerificationView,
  ProbeLineView,
  StoreView,
  VerificationView,
} from '../../shared/scopePlannerProtocol';
import { actionButton, el, plural, setText, statusLine, withCode } from './dom';

/** The store check: the Verify button, its summary, the platform's flags and Wix's own permission list. */
export function buildVerifySection(): HTMLElement {
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
    statusLine('verify-status'),
    el('p', { id: 'verify-summary', attrs: { role: 'status' } }),
    el('p', {
      id: 'verify-stale',
      className: 'note',
      text: 'The ticked methods changed since this check: verify again to update the badges.',
      attrs: { hidden: '' },
    }),
    el('div', { id: 'verify-platform' }),
    el('p', { id: 'verify-wix-note', className: 'hint', attrs: { hidden: '' } }),
    el('p', { id: 'verify-wix-version', className: 'hint', attrs: { hidden: '' } }),
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
export function buildDriftSection(): HTMLElement {
  return el(
    'section',
    { id: 'drift-section', className: 'store-section', attrs: { 'aria-labelledby': 'drift-heading', hidden: '' } },
    el('h3', { id: 'drift-heading', text: 'Changes since the store was added' }),
    el('p', { id: 'drift-summary' }),
    el('div', { id: 'drift-lists' }),
    el('p', { id: 'drift-note', className: 'note', attrs: { hidden: '' } }),
    el('div', { className: 'actions' }, actionButton('copy-drift', 'Copy drift as text', { type: 'copyDrift' })),
    statusLine('drift-status'),
  );
}

const TONE_MARKS: Record<BadgeTone, string> = { works: '✓', limited: '!', fails: '✗', unknown: '?', neutral: '–', checking: '…' };

function setTone(node: Element, tone: BadgeTone): void {
  for (const t of Object.keys(TONE_MARKS)) node.classList.toggle(`tone-${t}`, t === tone);
}

export function renderStore(store: StoreView | undefined, verification: VerificationView | undefined, drift: DriftView | undefined): void {
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

/** A card opens with its conclusion, then the probes and what they did not cover. */
function renderGroupDetail(group: GroupVerificationView): Node[] {
  return [
    ...(group.conclusion ? [el('p', { className: 'conclusion' }, ...withCode(group.conclusion))] : []),
    ...group.probes.map(renderProbeLine),
    ...group.notes.map((note) => el('p', { className: 'hint', text: note })),
  ];
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
  const version = document.getElementById('verify-wix-version');
  if (version) {
    // A permission added later reaches this site only with a newer version than this one.
    version.hidden = verification?.wixAppVersion === undefined;
    version.textContent = verification?.wixAppVersion !== undefined ? `App version on this site (Wix): ${verification.wixAppVersion}` : '';
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
