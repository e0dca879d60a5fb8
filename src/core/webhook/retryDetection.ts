import { createHash } from 'node:crypto';
import type { WebhookEvent } from './events';

// Recognising Wix's retries of a delivery already taken.

/**
 * Two ways to recognise a retry: the same token, or the same event (instance, type, issue time)
 * in case a retry is re-encoded.
 */
export function deliveryKeys(body: string, event: WebhookEvent): string[] {
  const keys = [`token:${createHash('sha256').update(body.trim()).digest('hex')}`];
  if (event.iat !== undefined) {
    keys.push(`event:${event.instanceId}\n${event.eventType}\n${event.iat}`);
  }
  return keys;
}

/** A set that forgets its oldest entries, so a long-running receiver stays small. */
export class BoundedSet {
  private readonly items = new Set<string>();
  constructor(private readonly limit: number) {}

  has(key: string): boolean {
    return this.items.has(key);
  }

  add(key: string): void {
    this.items.delete(key);
    this.items.add(key);
    if (this.items.size > this.limit) {
      const oldest = this.items.values().next().value;
      if (oldest !== undefined) {
        this.items.delete(oldest);
      }
    }
  }
}
