import { randomUUID } from 'node:crypto';
import vscode = require('vscode');
import type { WebhookReceiver } from '../../core/webhook';
import { receiverAdvice, shareUrl, type ReceiverAddress } from '../../core/webhook/receiverAddress';
import { webhookCore } from '../lazyCore';
import { showProblem } from '../problems';
import type { DeliveryHandler } from './deliveryHandler';
import { eventSummary } from './eventView';
import { openJsonLabel } from './useInstanceId';
import type { WebhookContext } from './webhookContext';

/** What Send Test Webhook needs of the receiver controller. */
export interface TestWebhookTarget {
  /** The receiver while it runs. */
  receiver(): WebhookReceiver | undefined;
  addresses(): ReceiverAddress | undefined;
  start(): Promise<void>;
}

/**
 * Send Test Webhook: like `stripe trigger`, a signed AppInstalled through the running receiver,
 * posted to the external address when there is one, so the test proves the forwarded path Wix
 * will use. When that path fails, the local address is tried too, to tell the two apart.
 */
export async function sendTestWebhook(ctx: WebhookContext, target: TestWebhookTarget, handler: DeliveryHandler): Promise<void> {
  const { s, log } = ctx;
  if (!target.receiver()) {
    const startAndSend = vscode.l10n.t('Start Receiver and Send');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('The webhook receiver is not running, so there is nothing to send the test webhook to.'), startAndSend);
    if (choice !== startAndSend) return;
    await target.start();
  }
  const receiver = target.receiver();
  const address = target.addresses();
  if (!receiver || !address) return;
  const appId = await s.profiles.getAppId();
  const core = webhookCore();
  const test = await core.createTestWebhook({ appId: (appId.ok && appId.value) || randomUUID() });
  handler.rememberTestToken(test.token, test.publicKeyPem);
  const through = shareUrl(address);
  const started = performance.now();
  let posted = await core.postWebhook(through, test.token);
  const ms = Math.round(performance.now() - started);
  let forwardedProblem: string | undefined;
  if (address.external && (!posted.ok || posted.value.status !== 200)) {
    forwardedProblem = posted.ok ? `HTTP ${posted.value.status}` : posted.error.message;
    log.warn(`test webhook through ${address.external} failed (${forwardedProblem}); trying ${address.local}`);
    posted = await core.postWebhook(address.local, test.token);
  }
  if (!posted.ok) return showProblem(posted.error, s.redactor, () => sendTestWebhook(ctx, target, handler));
  log.info(`test webhook answered ${posted.value.status} in ${ms} ms${forwardedProblem ? ` (locally; the forwarded address failed: ${forwardedProblem})` : ` through ${through}`}`);
  const delivery = receiver.deliveries().find(d => d.body === test.token);
  const view = delivery && handler.viewOf(delivery);
  if (posted.value.status !== 200 || !delivery || !view) {
    return showProblem({
      kind: 'test-webhook-rejected',
      message: vscode.l10n.t('The receiver answered {0} to the test webhook: {1}', posted.value.status, posted.value.body.trim()),
    }, s.redactor);
  }
  if (forwardedProblem && address.external) {
    return showProblem({
      kind: 'test-webhook-not-forwarded',
      message: vscode.l10n.t('The test webhook did not get through {0} ({1}), so Wix cannot reach the receiver there either. The receiver itself answers at {2}. {3}',
        address.external, forwardedProblem, address.local, receiverAdvice(address)),
    }, s.redactor);
  }
  const open = openJsonLabel();
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('Test webhook delivered through {0}: the receiver answered 200 in {1} ms. {2}', through, ms, eventSummary(view)), open);
  if (choice === open) await handler.openDelivery(delivery);
}
