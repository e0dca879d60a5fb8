import { randomUUID } from 'node:crypto';
import vscode = require('vscode');
import type { CredentialTarget, UpdateEntry } from '../../core/connection';
import { profileDisplayName } from '../../core/profiles';
import type { Problem } from '../../core/result';
import { createConnectionClients, reportProblem, showPrerequisite, withCancellableProgress } from '../connection/connectionSupport';
import { connectionCore } from '../lazyCore';
import type { Services } from '../services';

const WHAT = 'Update Wix Credentials on API2Cart';

/** The stores connected here (a store key, not removed), with their keys: memory only, for this run. */
async function connectedTargets(s: Services): Promise<CredentialTarget[] | Problem> {
  const profiles = await s.profiles.listProfiles();
  if (!profiles.ok) return profiles.error;
  const targets: CredentialTarget[] = [];
  for (const p of profiles.value) {
    if (!p.hasStoreKey || p.removed) continue;
    const key = await s.profiles.getStoreKey(p.id);
    if (!key.ok) return key.error;
    if (key.value !== undefined) targets.push({ profileId: p.id, name: profileDisplayName(p), instanceId: p.instanceId, storeKey: key.value });
  }
  return targets;
}

/** One plain line per store for the log and the report: never a key, a secret or a URL. */
export function describeEntry(entry: UpdateEntry): string {
  const o = entry.outcome;
  const what = o.state === 'updated' ? 'updated'
    : o.state === 'failed' ? `failed: ${o.problem.message}${o.maybeApplied ? ' (it may have been applied; running the command again is safe)' : ''}`
      : `skipped: ${o.reason}`;
  return `${entry.name} (${entry.instanceId}): ${what}`;
}

/**
 * Update Wix Credentials on API2Cart: the saved App ID and App Secret Key go to every connected
 * store with `account.config.update`, each checked with Wix first (see core/connection).
 * Returns the report (for the tests); nothing in it is secret.
 */
export async function updateWixCredentialsCommand(s: Services): Promise<readonly UpdateEntry[] | undefined> {
  const [apiKey, credentials] = await Promise.all([s.profiles.getApiKey(), s.profiles.getAppCredentials()]);
  if (!apiKey.ok) return void reportProblem(s, WHAT, apiKey.error);
  if (!credentials.ok) return void reportProblem(s, WHAT, credentials.error);
  if (apiKey.value === undefined) return void showPrerequisite(s, WHAT, { kind: 'no-api-key', message: vscode.l10n.t('Set your API2Cart API key first.'), fix: 'setApiKey' });
  if (credentials.value === undefined) {
    return void showPrerequisite(s, WHAT, { kind: 'no-app-credentials', message: vscode.l10n.t('Set the Wix App ID and App Secret Key first.'), fix: 'setAppCredentials' });
  }
  const targets = await connectedTargets(s);
  if (!Array.isArray(targets)) return void reportProblem(s, WHAT, targets);
  if (targets.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No store is connected to API2Cart here, so there is nothing to update.'));
    return [];
  }
  const clients = createConnectionClients(s, apiKey.value);
  if (!clients.ok) return void reportProblem(s, WHAT, clients.error);
  s.log.info(`${WHAT}: ${targets.length} store(s)`);
  try {
    const report = await withCancellableProgress(vscode.l10n.t('Updating the Wix credentials of {0} store(s) on API2Cart', targets.length), (signal, say) =>
      connectionCore().updateWixCredentials(targets, credentials.value!, {
        wix: clients.value.wix, api2cart: clients.value.api2cart, signal,
        idempotencyKey: () => randomUUID(),
        onSettled: (entry, done, total) => {
          s.log.info(`${WHAT}: ${describeEntry(entry)}`);
          say(vscode.l10n.t('{0} of {1}', done, total));
        },
      }));
    void showReport(s, report);
    return report;
  } finally {
    await clients.value.dispose();
  }
}

async function showReport(s: Services, report: readonly UpdateEntry[]): Promise<void> {
  const { updated, unanswered, failed, skipped } = connectionCore().summariseUpdate(report);
  const show = vscode.l10n.t('Show Report');
  const text = unanswered === 0
    ? vscode.l10n.t('Wix credentials on API2Cart: {0} updated, {1} failed, {2} skipped.', updated, failed, skipped)
    : vscode.l10n.t('Wix credentials on API2Cart: {0} updated, {1} sent with no answer (they may have been applied; running the command again is safe), {2} failed, {3} skipped.',
      updated, unanswered, failed, skipped);
  s.log.info(`${WHAT}: ${updated} updated, ${unanswered} sent with no answer, ${failed} failed, ${skipped} skipped`);
  const choice = await (unanswered + failed + skipped > 0 ? vscode.window.showWarningMessage(text, show) : vscode.window.showInformationMessage(text, show));
  if (choice === show) s.log.show();
}
