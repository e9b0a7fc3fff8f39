import type { ConnectSession, ConnectSessionStore } from '../types';
import { fromJsonOrNull, insertUnique, toJsonOrNull, type Db } from './sqlite-db';

type Row = Omit<ConnectSession, 'providers'> & { providers: string | null };

const toSession = (row: Row): ConnectSession => ({ ...row, providers: fromJsonOrNull<string[]>(row.providers) });

export class SqliteConnectSessionStore implements ConnectSessionStore {
  private readonly insertRow;
  private readonly selectByTokenHash;
  private readonly selectById;
  private readonly markUsedRow;

  constructor(db: Db) {
    this.insertRow = db.prepare<Row>(`INSERT INTO connect_sessions
      (id, tokenHash, accountId, mode, endUserId, providers, allowedOrigin, expiresAt, usedAt, createdAt)
      VALUES (@id, @tokenHash, @accountId, @mode, @endUserId, @providers, @allowedOrigin, @expiresAt, @usedAt, @createdAt)`);
    this.selectByTokenHash = db.prepare<[string], Row>('SELECT * FROM connect_sessions WHERE tokenHash = ?');
    this.selectById = db.prepare<[string], Row>('SELECT * FROM connect_sessions WHERE id = ?');
    // Single conditional UPDATE: SQLite serialises writers, so exactly one caller sees changes = 1.
    this.markUsedRow = db.prepare<[string, string]>('UPDATE connect_sessions SET usedAt = ? WHERE id = ? AND usedAt IS NULL');
  }

  async create(session: ConnectSession): Promise<ConnectSession> {
    const record: ConnectSession = { ...session, providers: session.providers ? [...session.providers] : null };
    insertUnique('connect session', () => this.insertRow.run({ ...record, providers: toJsonOrNull(record.providers) }));
    return record;
  }

  async findByTokenHash(tokenHash: string): Promise<ConnectSession | null> {
    const row = this.selectByTokenHash.get(tokenHash);
    return row ? toSession(row) : null;
  }

  async get(id: string): Promise<ConnectSession | null> {
    const row = this.selectById.get(id);
    return row ? toSession(row) : null;
  }

  async markUsed(id: string, at: string): Promise<boolean> {
    return this.markUsedRow.run(at, id).changes === 1;
  }
}
