import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import { createLog } from '../log';
import type { Services } from '../services';
import { decodeWebhookCommand } from './decodeCommand';
import { ReceiverController } from './receiverController';
import { JsonDocuments } from '../jsonDocuments';

/** Decode Webhook Payload, Start/Stop Webhook Receiver and Send Test Webhook. The receiver stops when these are disposed (deactivate). */
export function registerWebhookCommands(s: Services): vscode.Disposable[] {
  const log = createLog(s.redactor, 'API2Cart Wix Webhooks');
  const documents = new JsonDocuments('api2cart-wix-webhook', s.redactor,
    vscode.l10n.t('This webhook document is no longer in memory; decode the payload again.'));
  const ctx = { s, documents, log };
  const receiver = new ReceiverController(ctx);
  return [
    log, documents, receiver,
    vscode.commands.registerCommand(CommandIds.decodeWebhook, () => decodeWebhookCommand(ctx)),
    vscode.commands.registerCommand(CommandIds.startReceiver, () => receiver.start()),
    vscode.commands.registerCommand(CommandIds.stopReceiver, () => receiver.stop()),
    vscode.commands.registerCommand(CommandIds.sendTestWebhook, () => receiver.sendTestWebhook()),
  ];
}
