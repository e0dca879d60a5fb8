import vscode = require('vscode');
import { CommandIds } from '../commandIds';
import { registerCommands } from '../commands';
import { createLog } from '../log';
import type { Services } from '../services';
import { decodeWebhookCommand } from './decodeCommand';
import { ReceiverController } from './receiverController';
import { ReceiverStatusItem } from './receiverStatusItem';
import { JsonDocuments } from '../jsonDocuments';
import type { WebhookContext } from './webhookContext';

/** What other features use of the webhook side: the running receiver, and decoding with the stored key. */
export interface WebhookFeature {
  readonly disposables: readonly vscode.Disposable[];
  readonly receiver: ReceiverController;
  readonly context: WebhookContext;
}

/** Decode Webhook Payload, Start/Stop Webhook Receiver and Send Test Webhook. The receiver stops when these are disposed (deactivate). */
export function registerWebhookCommands(s: Services): WebhookFeature {
  const log = createLog(s.redactor, 'API2Cart Wix Webhooks');
  const documents = new JsonDocuments('api2cart-wix-webhook', s.redactor,
    vscode.l10n.t('This webhook document is no longer in memory; decode the payload again.'));
  const ctx = { s, documents, log };
  const item = new ReceiverStatusItem();
  const receiver = new ReceiverController(ctx, item);
  return {
    receiver,
    context: ctx,
    disposables: [
      log, documents, receiver, item,
      ...registerCommands(s.log, {
        [CommandIds.decodeWebhook]: { title: 'Decode Webhook Payload', run: () => decodeWebhookCommand(ctx) },
        [CommandIds.startReceiver]: { title: 'Start Webhook Receiver', run: () => receiver.start() },
        [CommandIds.stopReceiver]: { title: 'Stop Webhook Receiver', run: () => receiver.stop() },
        [CommandIds.sendTestWebhook]: { title: 'Send Test Webhook', run: () => receiver.sendTestWebhook() },
      }),
    ],
  };
}
