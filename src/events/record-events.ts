import type { Connection, RecordEvent, Store, Webhook, WebhookDelivery } from '../store/types';
import { EVENT_PREFIX, type EventResource, type EventSource, type RecordEventType } from './event-types';
import { changeMarker, deliveryId, recordEventId } from './event-id';
import type { EventMetrics } from './event-metrics';
import type { EventsSettings } from './events-settings';

/** One change of one record, as a source reports it. */
export interface RecordChange {
  connection: Pick<Connection, 'id' | 'accountId' | 'mode' | 'endUserId' | 'provider'>;
  resource: EventResource;
  type: RecordEventType;
  recordId: string;
  /** The unified record as the account sees it (field mappings applied, no remoteData); null for a deletion. */
  record: Record<string, unknown> | null;
  source: EventSource;
  /** When the change happened at the provider; default the record's updatedAt, else now. */
  occurredAt?: string;
  /** meeting.rescheduled: the meeting it was moved from where the provider made a new record (else null). */
  rescheduledFromId?: string | null;
}

export interface Recorded { event: RecordEvent; created: boolean }

/**
 * The one way a change becomes an event (API.md § Change events), for every source: derives the
 * change's id, and stores the event with one delivery per matching webhook of the account and mode
 * in one store step. A change already recorded (the provider's webhook after the gateway's own
 * write, a poll after a webhook, a retry) stores nothing and delivers nothing again.
 */
export class RecordEvents {
  private readonly listeners: Array<(event: RecordEvent) => void> = [];
  private lastMs = 0;

  constructor(
    private readonly store: Store,
    private readonly metrics: EventMetrics,
    private readonly settings: EventsSettings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Called after a new event was stored with deliveries (the dispatcher kicks a pass). */
  onRecorded(listener: (event: RecordEvent) => void): void { this.listeners.push(listener); }

  async record(change: RecordChange): Promise<Recorded> {
    const { connection, resource, type, recordId, record, source } = change;
    if (!type.startsWith(`${EVENT_PREFIX[resource]}.`)) throw new Error(`event type ${type} is not one of ${resource}`);
    if ((record === null) !== type.endsWith('.deleted')) throw new Error(`${type} ${record === null ? 'needs' : 'carries no'} record`);
    // Strictly increasing within the process, so the feed (ordered by createdAt) keeps this process's recording order.
    const now = new Date(Math.max(this.now().getTime(), this.lastMs + 1));
    this.lastMs = now.getTime();
    const createdAt = now.toISOString();
    const id = recordEventId(connection.id, resource, recordId, changeMarker(record));
    const updatedAt = typeof record?.updatedAt === 'string' ? record.updatedAt : null;
    const occurredAt = change.occurredAt ?? updatedAt ?? createdAt;
    const data: Record<string, unknown> = {
      connectionId: connection.id, endUserId: connection.endUserId, provider: connection.provider, resource, recordId,
      ...(record === null ? {} : { record }), source, occurredAt,
      ...(type === 'meeting.rescheduled' ? { rescheduledFromId: change.rescheduledFromId ?? null } : {}),
    };
    const payload = JSON.stringify({ id, type, createdAt, data });
    const event: RecordEvent = {
      id, accountId: connection.accountId, mode: connection.mode, connectionId: connection.id, type, resource, recordId, source,
      payload, occurredAt, createdAt, expiresAt: new Date(now.getTime() + this.settings.retentionMs).toISOString(),
    };
    const hooks = await this.store.webhooks.listForEvent({ accountId: connection.accountId, mode: connection.mode }, type);
    const deliveries = deliveriesOf(event, hooks);
    const created = await this.store.events.record(event, deliveries);
    if (!created) {
      this.metrics.duplicates.inc({ source, type });
      const stored = await this.store.events.get({ accountId: connection.accountId, mode: connection.mode }, id);
      if (stored && outranks({ type, source }, stored)) return this.upgrade(stored, type, source, data, hooks);
      return { event: stored ?? event, created };
    }
    this.metrics.recorded.inc({ source, type });
    if (deliveries.length > 0) for (const l of this.listeners) l(event);
    return { event, created };
  }

  /**
   * The stored event as the better reading of its change (same id, createdAt and position in the
   * feed), with deliveries to the webhooks of the new type, while none of its deliveries has gone
   * out; once one has, the event stays as it was sent.
   */
  private async upgrade(stored: RecordEvent, type: RecordEventType, source: EventSource, data: Record<string, unknown>,
    hooks: Webhook[]): Promise<Recorded> {
    const payload = JSON.stringify({ id: stored.id, type, createdAt: stored.createdAt, data });
    const event: RecordEvent = { ...stored, type, source, payload };
    if (!(await this.store.events.upgrade(event, deliveriesOf(event, hooks)))) return { event: stored, created: false };
    this.metrics.upgraded.inc({ from: stored.type, type });
    if (hooks.length > 0) for (const l of this.listeners) l(event);
    return { event, created: false };
  }
}

/** One pending delivery of the event per webhook, due at once (ids derived: a repeat adds none). */
function deliveriesOf(event: RecordEvent, hooks: Webhook[]): WebhookDelivery[] {
  return hooks.map((h) => ({
    id: deliveryId(event.id, h.id), eventId: event.id, webhookId: h.id, accountId: h.accountId, mode: h.mode, type: event.type, payload: event.payload,
    status: 'pending', attempts: 0, nextAttemptAt: event.createdAt, lastError: null, createdAt: event.createdAt, deliveredAt: null,
  }));
}

/** How specific a reading of a change is: a cancel or reschedule says more than an update; a create more than an update. */
const SPECIFICITY: Record<string, number> = { updated: 0, created: 1, cancelled: 2, rescheduled: 3 };

/**
 * Which reading of one change (one event id) wins, whatever order the sources recorded it in: the
 * gateway's own (it knows the operation it made), else the more specific type — so a reschedule
 * never ends up as meeting.updated or meeting.cancelled because a provider webhook, which only says
 * "updated", was recorded first in another process.
 */
export function outranks(a: { type: string; source: string }, b: { type: string; source: string }): boolean {
  const rank = (e: { type: string; source: string }): [number, number] => [e.source === 'gateway' ? 1 : 0, SPECIFICITY[e.type.split('.')[1] ?? ''] ?? 0];
  const [ra, rb] = [rank(a), rank(b)];
  return a.type !== b.type && (ra[0] > rb[0] || (ra[0] === rb[0] && ra[1] > rb[1]));
}
