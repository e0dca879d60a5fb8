import vscode = require('vscode');
import { fail, ok, type Problem, type Result } from '../../core/result';
import type { WebhookEvent } from '../../core/webhook';
import { webhookCore } from '../lazyCore';
import { showProblem } from '../problems';
import type { Services } from '../services';
import { decodeProblem, eventJson, type EventView } from './eventView';
import { offerInstanceId } from './useInstanceId';
import type { WebhookContext } from './webhookContext';

// header.payload.signature, possibly wrapped in the JSON quotes a log adds.
const LOOKS_LIKE_JWT = /^\s*"?[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*"?\s*$/;

/** The stored public key and App ID, or the problem reading them. */
export async function decodeOptions(s: Services): Promise<Result<{ publicKeyPem?: string; expectedAppId?: string }, Problem>> {
  const [publicKey, appId] = await Promise.all([s.profiles.getPublicKey(), s.profiles.getAppId()]);
  if (!publicKey.ok) return publicKey;
  if (!appId.ok) return appId;
  return ok({ publicKeyPem: publicKey.value, expectedAppId: appId.value });
}

/** Decode with the stored key and App ID; the problem, if any, names the layer that failed. */
export async function decodeWithStoredKey(s: Services, body: string): Promise<Result<WebhookEvent, Problem>> {
  const opts = await decodeOptions(s);
  if (!opts.ok) return opts;
  const decoded = await webhookCore().decodeWebhook(body, opts.value);
  return decoded.ok ? decoded : fail(decodeProblem(decoded.error));
}

/** The token to decode: the selection, else a JWT on the clipboard, else what the person types. */
async function readToken(): Promise<{ text: string; source: string } | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (editor && !editor.selection.isEmpty) {
    return { text: editor.document.getText(editor.selection), source: 'selection' };
  }
  const clipboard = await vscode.env.clipboard.readText();
  if (LOOKS_LIKE_JWT.test(clipboard)) return { text: clipboard, source: 'clipboard' };
  const typed = await vscode.window.showInputBox({
    title: vscode.l10n.t('Decode Webhook Payload'),
    prompt: vscode.l10n.t('Paste the webhook body: the signed JWT Wix POSTs (from a log or a request inspector)'),
    placeHolder: 'eyJhbGciOiJSUzI1NiIs…',
    ignoreFocusOut: true,
    validateInput: v => (v.trim() === '' ? vscode.l10n.t('Paste the JWT') : undefined),
  });
  return typed === undefined ? undefined : { text: typed, source: 'input box' };
}

/** Decode Webhook Payload: verify and decode, show the event as JSON, offer its instance id. */
export async function decodeWebhookCommand(ctx: WebhookContext): Promise<void> {
  const { s, log, documents } = ctx;
  const token = await readToken();
  if (!token) return;
  const decoded = await decodeWithStoredKey(s, token.text);
  if (!decoded.ok) {
    log.warn(`decode from the ${token.source} failed: ${decoded.error.message}`);
    return showProblem(decoded.error, s.redactor);
  }
  const view: EventView = { event: decoded.value, source: token.source };
  log.info(`decoded ${view.event.eventType} for instance ${view.event.instanceId} from the ${token.source} (verified: ${view.event.verified})`);
  await documents.show(view.event.eventType, eventJson(view));
  await offerInstanceId(ctx, view, { prefix: vscode.l10n.t('Decoded:') });
}
