import vscode = require('vscode');
import { profileDisplayName } from '../../core/profiles';
import { eventName } from '../../core/webhook/eventName';
import { CommandIds } from '../commandIds';
import { showProblem } from '../problems';
import { type EventView, eventSummary, lifecycleEventOf } from './eventView';
import type { WebhookContext } from './webhookContext';

export const useInstanceIdLabel = (): string => vscode.l10n.t('Use This Instance ID');
export const openJsonLabel = (): string => vscode.l10n.t('Open JSON');

/** Creates or updates the store profile for the event's instance and makes it the active store. */
export async function useInstanceId({ s, log }: WebhookContext, view: EventView): Promise<void> {
  const r = await s.profiles.upsertProfileByInstanceId(view.event.instanceId, { activate: true, event: lifecycleEventOf(view.event) });
  if (!r.ok) return showProblem(r.error, s.redactor);
  const name = profileDisplayName(r.value.profile);
  log.info(`instance ${view.event.instanceId} ${r.value.created ? 'saved as a new store' : 'updated'} from ${view.event.eventType} (${view.source})`);
  const next = vscode.l10n.t('Add Store to API2Cart');
  const event = eventName(view.event.eventType);
  const message = r.value.created
    ? vscode.l10n.t('Store "{0}" created from the {1} event and made active.', name, event)
    : r.value.order === 'older' && r.value.profile.removed
      ? vscode.l10n.t('Store "{0}" made active. This {1} event is older than the removal already seen, so the store stays marked removed.', name, event)
      : vscode.l10n.t('Store "{0}" updated from the {1} event and made active.', name, event);
  const choice = await vscode.window.showInformationMessage(message, next);
  if (choice === next) await vscode.commands.executeCommand(CommandIds.addStore);
}

/**
 * The notification after a decoded event: its summary, "Use This Instance ID" where it makes
 * sense (not for AppRemoved) and "Open JSON" when the document is not already showing.
 */
export async function offerInstanceId(
  ctx: WebhookContext,
  view: EventView,
  opts: { prefix: string; openJson?: () => unknown },
): Promise<void> {
  const use = view.event.eventType === 'AppRemoved' ? undefined : useInstanceIdLabel();
  const open = opts.openJson ? openJsonLabel() : undefined;
  const buttons = [use, open].filter((b): b is string => b !== undefined);
  const choice = await vscode.window.showInformationMessage(`${opts.prefix} ${eventSummary(view)}`, ...buttons);
  if (choice !== undefined && choice === use) await useInstanceId(ctx, view);
  else if (choice !== undefined && choice === open) await opts.openJson?.();
}
