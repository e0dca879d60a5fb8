import type { Log } from '../log';
import type { Services } from '../services';
import type { JsonDocuments } from '../jsonDocuments';

/** What the webhook commands share: the extension's services, the JSON documents and the webhook log. */
export interface WebhookContext {
  readonly s: Services;
  readonly documents: JsonDocuments;
  /** The "API2Cart Wix Webhooks" LogOutputChannel: one line per delivery and decode. */
  readonly log: Log;
}
