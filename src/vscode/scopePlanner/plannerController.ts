/**
 * The host side of the scope planner, without VS Code: owns the selection, turns validated webview
 * messages into a new selection or an action (copy, export), and answers with the full state.
 * scopePlannerPanel.ts plugs in the VS Code pieces; unit tests plug in fakes.
 */
import {
  PRESETS,
  clauseLabel,
  describeDuplicateRow,
  duplicateRowNote,
  findPreset,
  formatPlanJson,
  formatPlanMarkdown,
  formatPlanText,
  groupMethodsByEntity,
  normaliseSelection,
  planScopes,
  requirementsOf,
  scopeInfo,
  sharedRequirements,
  NO_ID_HINT,
  ALL_METHODS,
  type MethodName,
  type ScopePlan,
} from '../../core/scopes';
import { computeDrift, formatDriftText } from '../../core/permissions/drift';
import {
  parseWebviewMessage,
  type HostToWebview,
  type MethodGroupView,
  type PlannerState,
  type WebviewToHost,
} from '../../shared/scopePlannerProtocol';
import { driftView, verificationView, type PlannerStoreContext } from './storeViews';

/** Localises a message with {0}-style placeholders (vscode.l10n.t in the extension). */
export type Translate = (message: string, ...args: (string | number)[]) => string;

export interface PlannerHost {
  post(message: HostToWebview): unknown;
  persist(selection: readonly MethodName[]): PromiseLike<void> | void;
  copyToClipboard(text: string): PromiseLike<void>;
  /** Saves or shows the document; resolves to where it went, or undefined when the user cancelled. */
  exportMarkdown(markdown: string): PromiseLike<string | undefined>;
  warn(message: string): void;
  t: Translate;
  now(): Date;
  onRendered?(): void;
  /** Runs Verify Store Permissions on the active store (it shows its own messages). */
  verify?(): PromiseLike<unknown>;
  cancelVerification?(): void;
  /** Saves the last check's report; resolves to where it went, or undefined when cancelled. */
  saveReport?(): PromiseLike<string | undefined>;
  /** A check's start time as the person reads it, e.g. "14:02". */
  formatTime?(iso: string): string;
}

/** What every method needs: shown once above the table, left out of each row. */
const COMMON_SCOPES: readonly string[] = sharedRequirements(ALL_METHODS);

/** The method list part of the state never changes: built once. */
const GROUP_VIEWS: readonly MethodGroupView[] = groupMethodsByEntity().map((group) => ({
  entity: group.entity,
  methods: group.methods.map((name) => {
    const note = duplicateRowNote(name);
    const scopes = requirementsOf(name).map(clauseLabel).filter((label) => !COMMON_SCOPES.includes(label));
    return note ? { name, scopes, duplicateNote: describeDuplicateRow(note) } : { name, scopes };
  }),
}));

export function buildPlannerState(
  selection: readonly MethodName[],
  store?: PlannerStoreContext,
  formatTime: (iso: string) => string = (iso) => iso.slice(11, 16),
): PlannerState {
  const plan = planScopes(selection);
  return {
    groups: GROUP_VIEWS,
    commonScopes: COMMON_SCOPES,
    presets: PRESETS.map(({ id, label, description }) => ({ id, label, description })),
    selection: plan.methods,
    clauses: plan.clauses.map((clause) => ({
      label: clauseLabel(clause.anyOf),
      options: clause.anyOf.map((name) => {
        const id = scopeInfo(name).id;
        return id ? { name, id: id.value, idConfirmed: id.confirmed } : { name, noIdHint: NO_ID_HINT };
      }),
      neededBy: clause.neededBy,
    })),
    notes: plan.duplicateRows.map(describeDuplicateRow),
    ...(store ? { store: { name: store.name, connected: store.connected } } : {}),
    ...(store?.verification ? { verification: verificationView(store.verification, plan.methods, formatTime) } : {}),
    ...(store?.connected ? { drift: driftView(store.snapshot, plan.clauses.map((c) => c.anyOf)) } : {}),
  };
}

export class ScopePlannerController {
  private current: MethodName[];
  private state: PlannerState | undefined;
  private notice: HostToWebview | undefined;
  private store: PlannerStoreContext | undefined;

  constructor(
    private readonly host: PlannerHost,
    initialSelection: Iterable<unknown>,
  ) {
    this.current = normaliseSelection(initialSelection);
  }

  get selection(): readonly MethodName[] {
    return this.current;
  }

  /** The last state posted to the webview. */
  get lastState(): PlannerState | undefined {
    return this.state;
  }

  get lastNotice(): HostToWebview | undefined {
    return this.notice;
  }

  /** The state as the page's first paint shows it, built into the HTML so the table needs no round trip. */
  initialState(): PlannerState {
    return buildPlannerState(this.current, this.store, this.host.formatTime);
  }

  /** The active store changed (another store, a check's progress, a new snapshot): repaint once the webview is ready. */
  setStore(store: PlannerStoreContext | undefined): void {
    this.store = store;
    if (this.state) this.postState();
  }

  /** Handles one raw message from the webview; invalid ones are logged and ignored. */
  async receive(raw: unknown): Promise<void> {
    const message = parseWebviewMessage(raw);
    if (!message) {
      const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
      const shown = typeof type === 'string' ? JSON.stringify(type.slice(0, 40)) : typeof type;
      this.host.warn(`Scope planner: ignored an invalid message from the webview (type ${shown}).`);
      return;
    }
    try {
      await this.handle(message);
    } catch (error) {
      this.host.warn(`Scope planner: ${message.type} failed: ${error instanceof Error ? error.message : String(error)}`);
      this.postNotice('error', this.host.t('Could not complete the action. See the API2Cart Wix log for details.'));
    }
  }

  private async handle(message: WebviewToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.postState();
        return;
      case 'rendered':
        this.host.onRendered?.();
        return;
      case 'setSelection':
        return this.select(message.methods);
      case 'toggle': {
        const others = this.current.filter((m) => m !== message.method);
        return this.select(message.selected ? [...others, message.method] : others);
      }
      case 'applyPreset': {
        const preset = findPreset(message.presetId);
        if (!preset) return;
        await this.select(preset.methods);
        this.postNotice('info', this.host.t('Preset "{0}" selected {1} methods.', preset.label, preset.methods.length));
        return;
      }
      case 'copyText': {
        const plan = this.plan();
        return this.copy(formatPlanText(plan), this.host.t('Copied {0} scopes as text.', plan.clauses.length));
      }
      case 'copyJson': {
        const plan = this.plan();
        return this.copy(formatPlanJson(plan), this.host.t('Copied {0} scopes as JSON.', plan.clauses.length));
      }
      case 'exportMarkdown': {
        const markdown = formatPlanMarkdown(this.plan(), { date: this.host.now().toISOString().slice(0, 10) });
        const target = await this.host.exportMarkdown(markdown);
        if (target) this.postNotice('info', this.host.t('Exported the scope plan to {0}.', target));
        return;
      }
      case 'verify':
        await this.host.verify?.();
        return;
      case 'cancelVerify':
        this.host.cancelVerification?.();
        return;
      case 'saveReport': {
        if (!this.store?.verification || this.store.verification.status === 'running') {
          this.postNotice('error', this.host.t('There is no finished check to save yet: verify the store first.'));
          return;
        }
        const target = await this.host.saveReport?.();
        if (target) this.postNotice('info', this.host.t('Saved the permission report to {0}.', target));
        return;
      }
      case 'copyDrift':
        return this.copyDrift();
    }
  }

  private async copyDrift(): Promise<void> {
    const snapshot = this.store?.connected ? this.store.snapshot : undefined;
    if (!this.store || !snapshot) {
      this.postNotice('error', this.host.t('There is nothing to compare with: no plan was kept when the store was added.'));
      return;
    }
    const drift = computeDrift(snapshot.clauses, this.plan().clauses.map((c) => c.anyOf));
    await this.copy(
      formatDriftText(drift, this.store.name, snapshot),
      this.host.t('Copied the permission changes: {0} added, {1} removed.', drift.added.length, drift.removed.length),
    );
  }

  private plan(): ScopePlan {
    return planScopes(this.current);
  }

  private async select(methods: Iterable<MethodName>): Promise<void> {
    this.current = normaliseSelection(methods);
    this.postState();
    await this.host.persist(this.current);
  }

  private async copy(text: string, confirmation: string): Promise<void> {
    await this.host.copyToClipboard(text);
    this.postNotice('info', confirmation);
  }

  private postState(): void {
    this.state = buildPlannerState(this.current, this.store, this.host.formatTime);
    this.host.post({ type: 'state', state: this.state });
  }

  private postNotice(level: 'info' | 'error', text: string): void {
    this.notice = { type: 'notice', level, text };
    this.host.post(this.notice);
  }
}
