import type { Mode } from '../types';
import type { InboundChange, ProviderWebhookDelivery, ProviderWebhookDeliveryStore } from '../provider-webhook-deliveries';
import { fromJson, type Db } from './sqlite-db';

type Row = Omit<ProviderWebhookDelivery, 'changes'> & { changes: string };

const toDelivery = (row: Row): ProviderWebhookDelivery => ({ ...row, changes: fromJson<InboundChange[]>(row.changes) });

export class SqliteProviderWebhookDeliveryStore implements ProviderWebhookDeliveryStore {
  private readonly insert;
  private readonly selectOne;
  private readonly due;
  private readonly claimRow;
  private readonly finishRow;
  private readonly retryRow;
  private readonly connections;
  private readonly purge;

  constructor(db: Db) {
    this.insert = db.prepare<Row>(`INSERT OR IGNORE INTO provider_webhook_deliveries
      (id, provider, mode, changes, status, attempts, nextAttemptAt, leaseOwner, leaseExpiresAt, lastError, receivedAt, completedAt)
      VALUES (@id, @provider, @mode, @changes, @status, @attempts, @nextAttemptAt, @leaseOwner, @leaseExpiresAt, @lastError, @receivedAt, @completedAt)`);
    this.selectOne = db.prepare<[string], Row>('SELECT * FROM provider_webhook_deliveries WHERE id = ?');
    this.due = db.prepare<[string, string, number], Row>(`SELECT * FROM provider_webhook_deliveries
      WHERE status = 'pending' AND nextAttemptAt <= ? AND (leaseExpiresAt IS NULL OR leaseExpiresAt <= ?) ORDER BY receivedAt, id LIMIT ?`);
    this.claimRow = db.prepare<[string, string, string, string]>(`UPDATE provider_webhook_deliveries SET leaseOwner = ?, leaseExpiresAt = ?
      WHERE id = ? AND status = 'pending' AND (leaseExpiresAt IS NULL OR leaseExpiresAt <= ?)`);
    this.finishRow = db.prepare<[string, string, string | null, string, string]>(`UPDATE provider_webhook_deliveries
      SET status = ?, completedAt = ?, lastError = ?, leaseOwner = NULL, leaseExpiresAt = NULL WHERE id = ? AND leaseOwner = ?`);
    this.retryRow = db.prepare<[string, string, string, string]>(`UPDATE provider_webhook_deliveries
      SET attempts = attempts + 1, nextAttemptAt = ?, lastError = ?, leaseOwner = NULL, leaseExpiresAt = NULL WHERE id = ? AND leaseOwner = ?`);
    this.connections = db.prepare<[string, string, string], { id: string }>(`SELECT id FROM connections
      WHERE mode = ? AND provider = ? AND providerAccountId = ? AND status = 'active' ORDER BY id`);
    this.purge = db.prepare<[string]>("DELETE FROM provider_webhook_deliveries WHERE status != 'pending' AND receivedAt < ?");
  }

  async insertOnce(d: ProviderWebhookDelivery): Promise<boolean> {
    return this.insert.run({ ...d, changes: JSON.stringify(d.changes) }).changes === 1;
  }

  async get(id: string): Promise<ProviderWebhookDelivery | null> {
    const row = this.selectOne.get(id);
    return row ? toDelivery(row) : null;
  }

  async listDue(now: string, limit: number): Promise<ProviderWebhookDelivery[]> {
    return this.due.all(now, now, limit).map(toDelivery);
  }

  async claim(id: string, owner: string, leaseExpiresAt: string, now: string): Promise<boolean> {
    return this.claimRow.run(owner, leaseExpiresAt, id, now).changes === 1;
  }

  async finish(id: string, owner: string, status: 'done' | 'failed', at: string, lastError: string | null): Promise<void> {
    this.finishRow.run(status, at, lastError, id, owner);
  }

  async retryLater(id: string, owner: string, nextAttemptAt: string, lastError: string): Promise<void> {
    this.retryRow.run(nextAttemptAt, lastError, id, owner);
  }

  async connectionIdsFor(mode: Mode, provider: string, providerAccountId: string): Promise<string[]> {
    return this.connections.all(mode, provider, providerAccountId).map((r) => r.id);
  }

  async purgeFinished(before: string): Promise<number> {
    return this.purge.run(before).changes;
  }
}
