import vscode = require('vscode');
import type { ListedCart } from '../../core/api2cart/types';
import type { StoreProfile } from '../../core/profiles';
import { otherAccountStores, storeRows, storeTooltip, type AccountRow, type StoreRow, type StoreState } from '../../core/views/storesTree';
import { CommandIds } from '../commandIds';
import { createConnectionClients } from '../connection/connectionSupport';
import type { Services } from '../services';
import { plainTooltip } from '../statusBar';
import type { TreeModel } from './lazyTree';

export type StoreNode =
  | { readonly kind: 'profile'; readonly profileId: string; readonly row: StoreRow }
  | { readonly kind: 'others' }
  | { readonly kind: 'account'; readonly accountId: string; readonly row: AccountRow }
  | { readonly kind: 'note'; readonly text: string };

const ICONS: Record<StoreState, [string, string?]> = {
  connected: ['pass-filled', 'testing.iconPassed'],
  'not-added': ['circle-large-outline'],
  removed: ['circle-slash', 'disabledForeground'],
  error: ['error', 'testing.iconFailed'],
};

export const describeState = (state: StoreState): string => ({
  connected: vscode.l10n.t('Connected to API2Cart'),
  'not-added': vscode.l10n.t('Not added to API2Cart yet'),
  removed: vscode.l10n.t('The app was removed from this site'),
  error: vscode.l10n.t('The last check failed'),
})[state];

/** The account's stores as account.cart.list returned them, with their keys: memory only, for this session. */
type AccountLoad = { readonly carts: readonly ListedCart[] } | { readonly problem: string } | 'no-api-key';

/**
 * The Stores view: every profile (first level, from the profile service alone, so it draws at
 * once), and the account's other stores under one node, loaded when the view is first shown and
 * kept until Refresh Stores.
 */
export class StoresModel implements TreeModel<StoreNode> {
  private account: AccountLoad | undefined;
  private loading: Promise<void> | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly s: Services, private readonly redraw: () => void) {
    this.subscriptions = [s.profiles.onDidChange(() => redraw()), s.storeChecks.onDidChange(() => redraw())];
  }

  /** Refresh Stores: the account's stores are read again. */
  invalidate(): void {
    this.account = undefined;
    this.s.accountStores.clear();
  }

  /** Resolves once the account's stores are loaded (for Refresh Stores' progress and the tests). */
  whenLoaded(): Promise<void> {
    return this.loading ?? Promise.resolve();
  }

  async getChildren(element?: StoreNode): Promise<StoreNode[]> {
    if (element?.kind === 'others') return this.accountChildren();
    if (element) return [];
    const [profiles, active] = await Promise.all([this.s.profiles.listProfiles(), this.s.profiles.getActiveProfile()]);
    if (!profiles.ok) return [{ kind: 'note', text: this.s.redactor.redact(profiles.error.message) }];
    const activeId = active.ok ? active.value?.id : undefined;
    const nodes: StoreNode[] = storeRows(profiles.value, activeId, this.s.storeChecks.all).map((row) => ({ kind: 'profile', profileId: row.profileId, row }));
    this.startLoading();
    // An empty view shows its welcome text; the account's stores join once they are known.
    const showOthers = this.account === undefined ? nodes.length > 0
      : this.account === 'no-api-key' ? false
        : 'problem' in this.account || (await this.merged(profiles.value)).length > 0;
    return showOthers ? [...nodes, { kind: 'others' }] : nodes;
  }

  getTreeItem(node: StoreNode): vscode.TreeItem {
    switch (node.kind) {
      case 'profile': return profileItem(node.row);
      case 'account': return accountItem(node);
      case 'note': {
        const item = new vscode.TreeItem(node.text);
        item.iconPath = new vscode.ThemeIcon('info');
        return item;
      }
      case 'others': {
        const item = new vscode.TreeItem(vscode.l10n.t('Other stores in the account'), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = 'api2cartWix.others';
        item.iconPath = new vscode.ThemeIcon('cloud');
        item.contextValue = 'api2cartWix.others';
        item.tooltip = vscode.l10n.t('Stores of your API2Cart account with no store profile here (account.cart.list), loaded once per session. Refresh Stores reloads them.');
        const count = this.s.accountStores.loaded ? this.s.accountStores.list.length : undefined;
        if (count !== undefined) item.description = String(count);
        return item;
      }
    }
  }

  private async accountChildren(): Promise<StoreNode[]> {
    await this.whenLoaded();
    const account = this.account;
    if (account === undefined) return [{ kind: 'note', text: vscode.l10n.t('Loading the account\'s stores…') }];
    if (account === 'no-api-key') return [{ kind: 'note', text: vscode.l10n.t('Set your API2Cart API key to see the account\'s stores.') }];
    if ('problem' in account) return [{ kind: 'note', text: account.problem }];
    const profiles = await this.s.profiles.listProfiles();
    const rows = await this.merged(profiles.ok ? profiles.value : []);
    return rows.length === 0
      ? [{ kind: 'note', text: vscode.l10n.t('Every store of the account has a profile here.') }]
      : rows.map((row) => ({ kind: 'account', accountId: row.accountId, row }));
  }

  /** The account's stores minus those a profile holds, matched by store key; the keys stay in memory. */
  private async merged(profiles: readonly StoreProfile[]): Promise<readonly AccountRow[]> {
    if (this.account === undefined || this.account === 'no-api-key' || !('carts' in this.account)) return [];
    const keys = new Set<string>();
    for (const p of profiles) {
      if (!p.hasStoreKey) continue;
      const key = await this.s.profiles.getStoreKey(p.id);
      if (key.ok && key.value !== undefined) keys.add(key.value);
    }
    const others = otherAccountStores(this.account.carts, keys);
    this.s.accountStores.set(others.rows, others.keys);
    return others.rows;
  }

  private startLoading(): void {
    if (this.account !== undefined || this.loading) return;
    this.loading = this.load().finally(() => {
      this.loading = undefined;
      this.redraw();
    });
  }

  private async load(): Promise<void> {
    const apiKey = await this.s.profiles.getApiKey();
    if (!apiKey.ok || apiKey.value === undefined) {
      this.account = 'no-api-key';
      return;
    }
    const clients = createConnectionClients(this.s, apiKey.value);
    if (!clients.ok) {
      this.account = { problem: this.s.redactor.redact(clients.error.message) };
      return;
    }
    try {
      const listed = await clients.value.api2cart.listCarts();
      this.account = listed.ok ? { carts: listed.value.carts } : { problem: this.s.redactor.redact(listed.error.message) };
      this.s.log.info(`Stores view: ${listed.ok ? `${listed.value.carts.length} store(s) in the API2Cart account` : `account.cart.list failed: ${listed.error.kind}`}`);
    } finally {
      await clients.value.dispose();
    }
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}

function profileItem(row: StoreRow): vscode.TreeItem {
  const item = new vscode.TreeItem(row.name);
  item.id = `api2cartWix.profile.${row.profileId}`;
  item.description = [row.active ? vscode.l10n.t('active') : undefined, row.url].filter(Boolean).join(' · ');
  const [icon, color] = ICONS[row.state];
  item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
  item.tooltip = plainTooltip(storeTooltip(row, describeState, (d) => d.toLocaleString()));
  item.contextValue = `api2cartWix.store.${row.state}${row.active ? '.active' : ''}`;
  item.accessibilityInformation = { label: `${row.name}, ${describeState(row.state)}${row.active ? `, ${vscode.l10n.t('active')}` : ''}` };
  item.command = { command: CommandIds.selectStore, title: vscode.l10n.t('Make Active'), arguments: [{ profileId: row.profileId }] };
  return item;
}

function accountItem(node: { readonly accountId: string; readonly row: AccountRow }): vscode.TreeItem {
  const item = new vscode.TreeItem(node.row.name);
  item.id = `api2cartWix.account.${node.accountId}`;
  item.description = [node.row.platform, node.row.url].filter(Boolean).join(' · ');
  item.iconPath = new vscode.ThemeIcon('globe');
  item.tooltip = plainTooltip([node.row.name, vscode.l10n.t('Platform: {0}', node.row.platform), node.row.url ?? '', vscode.l10n.t('In your API2Cart account, no store profile here')].filter(Boolean).join('\n'));
  item.contextValue = 'api2cartWix.accountStore';
  return item;
}
