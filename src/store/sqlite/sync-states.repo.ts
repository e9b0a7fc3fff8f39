import type { Scope, SyncState, SyncStateStore, SyncWatermark } from '../types';
import type { Db } from './sqlite-db';

type Row = Omit<SyncState, 'watermark' | 'lastError'> & { watermarkAt: string; watermarkId: string; lastError: string | null };

function toState(row: Row): SyncState {
  const { watermarkAt, watermarkId, lastError, ...rest } = row;
  return { ...rest, watermark: { updatedAt: watermarkAt, id: watermarkId }, lastError: lastError ? JSON.parse(lastError) as SyncState['lastError'] : null };
}

export class SqliteSyncStateStore implements SyncStateStore {
  private readonly insert;
  private readonly selectOne;
  private readonly selectForConnection;
  private readonly advanceRow;
  private readonly advanceDeletionsRow;
  private readonly finishRow;
  private readonly deleteRows;

  constructor(db: Db) {
    this.insert = db.prepare<Row>(`INSERT OR IGNORE INTO sync_states
      (connectionId, resource, accountId, mode, watermarkAt, watermarkId, deletionsUntil, lastSweepAt, caughtUpAt, lastError, createdAt)
      VALUES (@connectionId, @resource, @accountId, @mode, @watermarkAt, @watermarkId, @deletionsUntil, @lastSweepAt, @caughtUpAt, @lastError, @createdAt)`);
    this.selectOne = db.prepare<[string, string], Row>('SELECT * FROM sync_states WHERE connectionId = ? AND resource = ?');
    this.selectForConnection = db.prepare<[string, string, string], Row>(
      'SELECT * FROM sync_states WHERE connectionId = ? AND accountId = ? AND mode = ? ORDER BY resource');
    // Forward only: a sweeper whose lease lapsed, finishing late, can never move it back.
    this.advanceRow = db.prepare<{ connectionId: string; resource: string; at: string; id: string }>(`UPDATE sync_states
      SET watermarkAt = @at, watermarkId = @id WHERE connectionId = @connectionId AND resource = @resource
      AND (watermarkAt < @at OR (watermarkAt = @at AND watermarkId < @id))`);
    this.advanceDeletionsRow = db.prepare<{ connectionId: string; resource: string; until: string }>(`UPDATE sync_states
      SET deletionsUntil = @until WHERE connectionId = @connectionId AND resource = @resource AND (deletionsUntil IS NULL OR deletionsUntil < @until)`);
    this.finishRow = db.prepare<{ connectionId: string; resource: string; at: string; caughtUpAt: string | null; lastError: string | null }>(`UPDATE sync_states
      SET lastSweepAt = @at, caughtUpAt = COALESCE(@caughtUpAt, caughtUpAt), lastError = @lastError
      WHERE connectionId = @connectionId AND resource = @resource`);
    this.deleteRows = db.prepare<[string]>('DELETE FROM sync_states WHERE connectionId = ?');
  }

  async start(state: SyncState): Promise<SyncState> {
    const { watermark, lastError, ...rest } = state;
    this.insert.run({ ...rest, watermarkAt: watermark.updatedAt, watermarkId: watermark.id, lastError: lastError ? JSON.stringify(lastError) : null });
    return toState(this.selectOne.get(state.connectionId, state.resource)!);
  }

  async get(connectionId: string, resource: string): Promise<SyncState | null> {
    const row = this.selectOne.get(connectionId, resource);
    return row ? toState(row) : null;
  }

  async listForConnection(scope: Scope, connectionId: string): Promise<SyncState[]> {
    return this.selectForConnection.all(connectionId, scope.accountId, scope.mode).map(toState);
  }

  async advance(connectionId: string, resource: string, watermark: SyncWatermark): Promise<boolean> {
    return this.advanceRow.run({ connectionId, resource, at: watermark.updatedAt, id: watermark.id }).changes === 1;
  }

  async advanceDeletions(connectionId: string, resource: string, until: string): Promise<boolean> {
    return this.advanceDeletionsRow.run({ connectionId, resource, until }).changes === 1;
  }

  async finishSweep(connectionId: string, resource: string, end: { at: string; caughtUpAt: string | null; lastError: SyncState['lastError'] }): Promise<void> {
    this.finishRow.run({ connectionId, resource, at: end.at, caughtUpAt: end.caughtUpAt, lastError: end.lastError ? JSON.stringify(end.lastError) : null });
  }

  async deleteForConnection(connectionId: string): Promise<number> {
    return this.deleteRows.run(connectionId).changes;
  }
}
