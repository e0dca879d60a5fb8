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
  readonly label: string;
  readonly trust: DeliveryTrust;
  readonly instanceId?: string;
  /** An install event whose instance id can become a store profile. */
  readonly canUseInstanceId: boolean;
  readonly status: number;
  readonly duplicate: boolean;
}

/** The view shows at most this many; the Output channel keeps the whole log. */
export const DELIVERIES_VIEW_CAP = 50;

const INSTALL_EVENTS = new Set(['AppInstalled', 'AppInstallationCreated']);

/** Rows for deliveries given newest first, capped. */
export function deliveryRows(newestFirst: readonly DeliveryInput[], cap = DELIVERIES_VIEW_CAP): DeliveryRow[] {
  return newestFirst.slice(0, cap).map((d, index) => ({
    index,
    receivedAt: d.receivedAt,
    label: d.trust === 'rejected' ? 'rejected' : d.eventType ?? 'event',
    trust: d.trust,
    ...(d.instanceId !== undefined ? { instanceId: d.instanceId } : {}),
    canUseInstanceId: d.trust !== 'rejected' && d.trust !== 'test-key' && INSTALL_EVENTS.has(d.eventType ?? '') && d.instanceId !== undefined,
    status: d.status,
    duplicate: d.duplicate,
  }));
}
