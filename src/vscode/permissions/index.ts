import vscode = require('vscode');
import type { VerificationResult } from '../../core/permissions/types';
import { profileDisplayName, type StoreProfile } from '../../core/profiles';
import { CommandIds } from '../commandIds';
import { registerCommands } from '../commands';
import { permissionsCore } from '../lazyCore';
import { saveMarkdown, type MarkdownTarget } from '../markdownFile';
import { setPlannerStoreSource, type PlannerStoreSource } from '../scopePlanner/scopePlannerPanel';
import type { Services } from '../services';
import { PermissionChecks } from './checks';
import { profileIdArgument } from '../views/storeArgument';
import { verifyPermissionsCommand } from './verifyCommand';

export { recordPlanSnapshot } from './planSnapshot';

const REPORT_FILE_NAME = 'wix-store-permissions.md';

let current: { readonly checks: PermissionChecks; readonly saveReport: () => Promise<string | undefined> } | undefined;
let reportTargetForTests: MarkdownTarget | undefined;

/** "2025-02-03 14:02 UTC": the same in every time zone, like the rest of the report. */
const reportDate = (iso: string): string => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/**
 * Verify Store Permissions, and the planner's store section (the Verify button, the badges, the
 * drift, Save report). The check's core is loaded on first use (core-permissions).
 */
export function registerPermissions(s: Services): vscode.Disposable[] {
  const checks = new PermissionChecks(s.redactor);

  /** The active store, or the one the last check ran on while that store is still active. */
  const shownProfile = async (): Promise<StoreProfile | undefined> => {
    const active = await s.profiles.getActiveProfile();
    const activeId = active.ok ? active.value?.id : undefined;
    if (checks.shown && checks.shown.whileActive !== activeId) checks.shown = undefined;
    if (checks.shown && checks.shown.profileId !== activeId) {
      const shown = await s.profiles.getProfile(checks.shown.profileId);
      if (shown.ok && shown.value) return shown.value;
    }
    return active.ok ? active.value : undefined;
  };

  const shownResult = async (): Promise<VerificationResult | undefined> => {
    const profile = await shownProfile();
    return profile ? checks.get(profile.id) : undefined;
  };

  const saveReport = async (): Promise<string | undefined> => {
    const result = await shownResult();
    if (!result || result.status === 'running') {
      void vscode.window.showInformationMessage(vscode.l10n.t('There is no finished permission check of this store to save yet.'));
      return undefined;
    }
    const markdown = permissionsCore().formatVerificationMarkdown(result, { date: reportDate(result.startedAt) });
    const target = await saveMarkdown(s.redactor.redact(markdown), {
      fileName: REPORT_FILE_NAME,
      saveLabel: vscode.l10n.t('Save Report'),
      title: vscode.l10n.t('Save Store Permission Report'),
      target: reportTargetForTests,
    });
    if (target) s.log.info(`Verify Store Permissions: saved the report to ${target}`);
    return target;
  };

  const source: PlannerStoreSource = {
    async current() {
      const p = await shownProfile();
      if (p === undefined) return undefined;
      const verification = checks.get(p.id);
      return {
        name: profileDisplayName(p),
        connected: p.hasStoreKey && !p.removed,
        ...(p.planSnapshot ? { snapshot: p.planSnapshot } : {}),
        ...(verification ? { verification } : {}),
      };
    },
    onDidChange(listener) {
      const profiles = s.profiles.onDidChange(() => listener());
      const results = checks.onDidChange(listener);
      return { dispose: () => (profiles.dispose(), results.dispose()) };
    },
    verify: async () => vscode.commands.executeCommand(CommandIds.verifyPermissions, (await shownProfile())?.id),
    cancelVerification: () => checks.running?.controller.abort(),
    saveReport,
  };

  current = { checks, saveReport };
  return [
    checks,
    ...registerCommands(s.log, { [CommandIds.verifyPermissions]: { title: 'Verify Store Permissions', run: (arg?: unknown) => verifyPermissionsCommand(s, checks, saveReport, profileIdArgument(arg)) } }),
    setPlannerStoreSource(source),
    { dispose: () => (current = undefined) },
  ];
}

export interface PermissionsTestHooks {
  /** The last check of a store, as the planner and the report see it (redacted). */
  result(profileId: string): VerificationResult | undefined;
  /** Whether a check runs now. */
  isRunning(): boolean;
  /** Aborts the running check, as the progress notification's Cancel does. */
  cancel(): void;
  /** A short per-probe time limit for timeout tests; undefined restores the default. */
  setProbeTimeout(ms: number | undefined): void;
  /** Sends saved reports here instead of the save dialog; undefined restores the dialog. */
  setReportTarget(target: MarkdownTarget | undefined): void;
  saveReport(): Promise<string | undefined>;
}

/** For integration tests only (compiled into the test bundle alone, through testHooks.ts). */
export function permissionsTestHooks(): PermissionsTestHooks {
  const need = () => {
    if (!current) throw new Error('The permissions feature is not registered.');
    return current;
  };
  return {
    result: (profileId) => need().checks.get(profileId),
    isRunning: () => need().checks.running !== undefined,
    cancel: () => need().checks.running?.controller.abort(),
    setProbeTimeout: (ms) => {
      need().checks.probeTimeoutMs = ms;
    },
    setReportTarget: (target) => {
      reportTargetForTests = target;
    },
    saveReport: () => need().saveReport(),
  };
}
