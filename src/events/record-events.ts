import type { Connection, RecordEvent, Store, WebhookDelivery } from '../store/types';
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
    const deliveries: WebhookDelivery[] = hooks.map((h) => ({
      id: deliveryId(id, h.id), eventId: id, webhookId: h.id, accountId: h.accountId, mode: h.mode, type, payload,
      status: 'pending', attempts: 0, nextAttemptAt: createdAt, lastError: null, createdAt, deliveredAt: null,
    }));
    const created = await this.store.events.record(event, deliveries);
    if (!created) {
      this.metrics.duplicates.inc({ source, type });
      return { event: (await this.store.events.get({ accountId: connection.accountId, mode: connection.mode }, id)) ?? event, created };
    }
    this.metrics.recorded.inc({ source, type });
    if (deliveries.length > 0) for (const l of this.listeners) l(event);
    return { event, created };
  }
}
