import type { RecordEvent, RecordEventFilter, RecordEventPosition, RecordEventStore, Scope, WebhookDelivery } from '../types';
import type { Db } from './sqlite-db';

export class SqliteRecordEventStore implements RecordEventStore {
  private readonly recordTx;
  private readonly upgradeTx;
  private readonly selectOne;
  private readonly purge;

  constructor(private readonly db: Db) {
    const insertEvent = db.prepare<RecordEvent>(`INSERT OR IGNORE INTO record_events
      (id, accountId, mode, connectionId, type, resource, recordId, source, payload, occurredAt, createdAt, expiresAt)
      VALUES (@id, @accountId, @mode, @connectionId, @type, @resource, @recordId, @source, @payload, @occurredAt, @createdAt, @expiresAt)`);
    // Delivery ids derive from (event, webhook): a repeat is ignored, never a second delivery.
    const insertDelivery = db.prepare<WebhookDelivery>(`INSERT OR IGNORE INTO webhook_deliveries
      (id, eventId, webhookId, accountId, mode, type, payload, status, attempts, nextAttemptAt, lastError, createdAt, deliveredAt)
      VALUES (@id, @eventId, @webhookId, @accountId, @mode, @type, @payload, @status, @attempts, @nextAttemptAt,
       @lastError, @createdAt, @deliveredAt)`);
    // One transaction: the event and its deliveries are stored together or not at all.
    this.recordTx = db.transaction((event: RecordEvent, deliveries: WebhookDelivery[]): boolean => {
      if (insertEvent.run(event).changes !== 1) return false;
      for (const d of deliveries) insertDelivery.run(d);
      return true;
    });
    // Unclaimed: pending, never attempted, and not leased (a claim moves nextAttemptAt past createdAt).
    const claimed = db.prepare<[string], { n: number }>(`SELECT 1 AS n FROM webhook_deliveries
      WHERE eventId = ? AND (status <> 'pending' OR attempts > 0 OR nextAttemptAt <> createdAt) LIMIT 1`);
    const rewrite = db.prepare<RecordEvent>('UPDATE record_events SET type = @type, source = @source, payload = @payload WHERE id = @id');
    const dropDeliveries = db.prepare<[string]>('DELETE FROM webhook_deliveries WHERE eventId = ?');
    this.upgradeTx = db.transaction((event: RecordEvent, deliveries: WebhookDelivery[]): boolean => {
      if (claimed.get(event.id) !== undefined) return false;
      if (rewrite.run(event).changes !== 1) return false;
      dropDeliveries.run(event.id);
      for (const d of deliveries) insertDelivery.run(d);
      return true;
    });
    this.selectOne = db.prepare<[string, string, string], RecordEvent>('SELECT * FROM record_events WHERE id = ? AND accountId = ? AND mode = ?');
    this.purge = db.prepare<[string]>('DELETE FROM record_events WHERE expiresAt <= ?');
  }

  async record(event: RecordEvent, deliveries: WebhookDelivery[]): Promise<boolean> {
    return this.recordTx.immediate(event, deliveries);
  }

  async upgrade(event: RecordEvent, deliveries: WebhookDelivery[]): Promise<boolean> {
    return this.upgradeTx.immediate(event, deliveries);
  }

  async get(scope: Scope, id: string): Promise<RecordEvent | null> {
    return this.selectOne.get(id, scope.accountId, scope.mode) ?? null;
  }

  async list(scope: Scope, filter: RecordEventFilter, limit: number, after?: RecordEventPosition): Promise<RecordEvent[]> {
    if (filter.types && filter.types.length === 0) return [];
    const where = ['accountId = ?', 'mode = ?'];
    const params: unknown[] = [scope.accountId, scope.mode];
    if (filter.types) { where.push(`type IN (${filter.types.map(() => '?').join(', ')})`); params.push(...filter.types); }
    if (filter.connectionId) { where.push('connectionId = ?'); params.push(filter.connectionId); }
    if (after) { where.push('(createdAt > ? OR (createdAt = ? AND id > ?))'); params.push(after.createdAt, after.createdAt, after.id); }
    params.push(limit);
    return this.db.prepare<unknown[], RecordEvent>(
      `SELECT * FROM record_events WHERE ${where.join(' AND ')} ORDER BY createdAt, id LIMIT ?`,
    ).all(...params);
  }

  async purgeExpired(now: string): Promise<number> {
    return this.purge.run(now).changes;
  }
}
