import type { WriteBack, WriteBackStore } from '../types';
import type { Db } from './sqlite-db';

export class SqliteWriteBackStore implements WriteBackStore {
  private readonly insert;
  private readonly byId;
  private readonly byBooking;
  private readonly due;
  private readonly claimRow;
  private readonly leadRow;
  private readonly completeRow;
  private readonly failRow;

  constructor(db: Db) {
    // bookingKey is UNIQUE: a second write-back for the same booking is ignored, never stored.
    this.insert = db.prepare<WriteBack>(`INSERT OR IGNORE INTO write_backs
      (id, accountId, mode, bookingKey, crmProvider, endUserId, plan, status, attempts, nextAttemptAt, leaseOwner, leaseExpiresAt,
       leadId, crmMeetingId, crmMeeting, lastError, createdAt, deadlineAt, completedAt)
      VALUES (@id, @accountId, @mode, @bookingKey, @crmProvider, @endUserId, @plan, @status, @attempts, @nextAttemptAt, @leaseOwner,
       @leaseExpiresAt, @leadId, @crmMeetingId, @crmMeeting, @lastError, @createdAt, @deadlineAt, @completedAt)`);
    this.byId = db.prepare<[string], WriteBack>('SELECT * FROM write_backs WHERE id = ?');
    this.byBooking = db.prepare<[string], WriteBack>('SELECT * FROM write_backs WHERE bookingKey = ?');
    this.due = db.prepare<[string, string, number], WriteBack>(`SELECT * FROM write_backs
      WHERE status = 'pending' AND nextAttemptAt <= ? AND (leaseExpiresAt IS NULL OR leaseExpiresAt <= ?)
      ORDER BY nextAttemptAt, id LIMIT ?`);
    // The lease is taken only when free, expired or already ours: a refused claim changes no row.
    this.claimRow = db.prepare<{ id: string; owner: string; until: string; now: string }>(`UPDATE write_backs
      SET leaseOwner = @owner, leaseExpiresAt = @until
      WHERE id = @id AND status = 'pending' AND (leaseExpiresAt IS NULL OR leaseExpiresAt <= @now OR leaseOwner = @owner)`);
    this.leadRow = db.prepare<[string, string]>('UPDATE write_backs SET leadId = ? WHERE id = ? AND leadId IS NULL');
    this.completeRow = db.prepare<{ id: string; crmMeetingId: string; crmMeeting: string; at: string }>(`UPDATE write_backs
      SET crmMeetingId = @crmMeetingId, crmMeeting = @crmMeeting, status = 'done', completedAt = @at, lastError = NULL,
        leaseOwner = NULL, leaseExpiresAt = NULL
      WHERE id = @id AND crmMeetingId IS NULL`);
    this.failRow = db.prepare<{ id: string; owner: string; lastError: string; nextAttemptAt: string; status: string }>(`UPDATE write_backs
      SET attempts = attempts + 1, lastError = @lastError, nextAttemptAt = @nextAttemptAt, status = @status,
        leaseOwner = NULL, leaseExpiresAt = NULL
      WHERE id = @id AND leaseOwner = @owner AND status = 'pending'`);
  }

  async createOnce(writeBack: WriteBack): Promise<{ writeBack: WriteBack; created: boolean }> {
    const created = this.insert.run(writeBack).changes === 1;
    return { writeBack: this.byBooking.get(writeBack.bookingKey)!, created };
  }

  async get(id: string): Promise<WriteBack | null> {
    return this.byId.get(id) ?? null;
  }

  async listDue(dueBy: string, now: string, limit: number): Promise<WriteBack[]> {
    return this.due.all(dueBy, now, limit);
  }

  async claim(id: string, owner: string, leaseExpiresAt: string, now: string): Promise<boolean> {
    return this.claimRow.run({ id, owner, until: leaseExpiresAt, now }).changes === 1;
  }

  async setLeadId(id: string, leadId: string): Promise<string> {
    this.leadRow.run(leadId, id);
    return this.byId.get(id)!.leadId!;
  }

  async complete(id: string, crmMeetingId: string, crmMeeting: string, at: string): Promise<boolean> {
    return this.completeRow.run({ id, crmMeetingId, crmMeeting, at }).changes === 1;
  }

  async failAttempt(id: string, owner: string, change: { lastError: string; nextAttemptAt: string; status: 'pending' | 'failed' }): Promise<void> {
    this.failRow.run({ id, owner, ...change });
  }
}
