import { storeForInstance } from '../profiles/display';
import { eventName } from '../webhook/eventName';

/** How far a delivery can be trusted, as the receiver judged it. */
export type DeliveryTrust = 'verified' | 'not-verified' | 'test-key' | 'rejected';

/** What the view needs of one delivery (the receiver controller knows the trust). */
export interface DeliveryInput {
  readonly receivedAt: Date;
  readonly status: number;
  readonly duplicate: boolean;
  readonly trust: DeliveryTrust;
  readonly eventType?: string;
  readonly instanceId?: string;
}

export interface DeliveryRow {
  /** Position in the newest-first list the rows were built from. */
  readonly index: number;
  readonly receivedAt: Date;
  /** The event as people read it: "App Installed". */
  readonly label: string;
  readonly trust: DeliveryTrust;
  readonly instanceId?: string;
  /** The store the event names: its site name or URL where a profile knows it, else a short id. */
  readonly store?: string;
  /** An install event whose instance id can become a store profile. */
  readonly canUseInstanceId: boolean;
  readonly status: number;
  readonly duplicate: boolean;
}

/** The view shows at most this many; the Output channel keeps the whole log. */
export const DELIVERIES_VIEW_CAP = 50;

const INSTALL_EVENTS = new Set(['AppInstalled', 'AppInstallationCreated']);

/** What a row needs of a saved store to name it. */
export type StoreNames = ReadonlyMap<string, { readonly instanceId: string; readonly label?: string; readonly siteUrl?: string }>;

/** Rows for deliveries given newest first, capped; `stores` by instance id. */
export function deliveryRows(newestFirst: readonly DeliveryInput[], stores: StoreNames = new Map(), cap = DELIVERIES_VIEW_CAP): DeliveryRow[] {
  return newestFirst.slice(0, cap).map((d, index) => ({
    index,
    receivedAt: d.receivedAt,
    label: d.trust === 'rejected' ? 'rejected' : d.eventType !== undefined ? eventName(d.eventType) : 'event',
    trust: d.trust,
    ...(d.instanceId !== undefined ? { instanceId: d.instanceId, store: storeForInstance(d.instanceId, stores.get(d.instanceId)) } : {}),
    canUseInstanceId: d.trust !== 'rejected' && d.trust !== 'test-key' && INSTALL_EVENTS.has(d.eventType ?? '') && d.instanceId !== undefined,
    status: d.status,
    duplicate: d.duplicate,
  }));
}
