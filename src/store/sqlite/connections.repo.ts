import type { Connection, ConnectionFilter, ConnectionPatch, ConnectionStore, Scope } from '../types';
import { resealColumn, type Reseal } from './reseal-column';
import { fromJson, fromJsonOrNull, insertUnique, toJsonOrNull, type Db } from './sqlite-db';

type Row = Omit<Connection, 'scopes' | 'metadata' | 'config' | 'lastError'> & { scopes: string; metadata: string; config: string; lastError: string | null };

const PATCH_FIELDS = ['status', 'scopes', 'providerAccountId', 'providerAccountName', 'metadata', 'authType', 'config', 'lastError', 'updatedAt', 'lastRefreshedAt', 'lastUsedAt'] as const;
const JSON_FIELDS: ReadonlySet<string> = new Set(['scopes', 'metadata', 'config', 'lastError']);

/**
 * Every patchable column as `col = CASE WHEN @set_col THEN @col ELSE col END`, so one prepared
 * statement serves any patch instead of building SQL per call.
 */
const PATCH_SET = PATCH_FIELDS.map((f) => `${f} = CASE WHEN @set_${f} THEN @${f} ELSE ${f} END`).join(',\n  ');

type PatchParams = Record<string, string | number | null>;

function patchParams(patch: ConnectionPatch): PatchParams {
  const params: PatchParams = {};
  for (const f of PATCH_FIELDS) {
    const value = patch[f];
    params[`set_${f}`] = value === undefined ? 0 : 1;
    params[f] = JSON_FIELDS.has(f) ? toJsonOrNull(value) : (value as string | null | undefined) ?? null;
  }
  return params;
}

function toConnection(row: Row): Connection {
  return {
    ...row,
    scopes: fromJson<string[]>(row.scopes),
    metadata: fromJson<Record<string, string>>(row.metadata),
    authType: row.authType ?? null,
    config: fromJson<Record<string, string>>(row.config),
    lastError: fromJsonOrNull<{ code: string; at: string }>(row.lastError),
  };
}

interface ListParams {
  accountId: string; mode: string; endUserId: string | null; provider: string | null;
  status: string | null; afterId: string | null; limit: number;
}

export class SqliteConnectionStore implements ConnectionStore {
  private readonly insertRow;
  private readonly selectScoped;
  private readonly selectById;
  private readonly selectCurrent;
  private readonly selectList;
  private readonly patchRow;
  private readonly casCredentials;
  private readonly deleteScoped;
  private readonly deleteEndUser;
  private readonly resealCredentials;

  constructor(private readonly db: Db) {
    this.resealCredentials = resealColumn(db, 'connections', 'credentials');
    this.insertRow = db.prepare<Row>(`INSERT INTO connections
      (id, accountId, mode, endUserId, provider, status, scopes, providerAccountId, providerAccountName, credentials, credentialsVersion,
       metadata, authType, config, lastError, createdAt, updatedAt, lastRefreshedAt, lastUsedAt)
      VALUES (@id, @accountId, @mode, @endUserId, @provider, @status, @scopes, @providerAccountId, @providerAccountName, @credentials,
       @credentialsVersion, @metadata, @authType, @config, @lastError, @createdAt, @updatedAt, @lastRefreshedAt, @lastUsedAt)`);
    this.selectScoped = db.prepare<[string, string, string], Row>('SELECT * FROM connections WHERE id = ? AND accountId = ? AND mode = ?');
    this.selectById = db.prepare<[string], Row>('SELECT * FROM connections WHERE id = ?');
    this.selectCurrent = db.prepare<[string, string, string, string], Row>(`SELECT * FROM connections
      WHERE accountId = ? AND mode = ? AND endUserId = ? AND provider = ? AND status <> 'revoked'
      ORDER BY createdAt DESC, id DESC LIMIT 1`);
    this.selectList = db.prepare<ListParams, Row>(`SELECT * FROM connections
      WHERE accountId = @accountId AND mode = @mode
        AND (@endUserId IS NULL OR endUserId = @endUserId)
        AND (@provider IS NULL OR provider = @provider)
        AND (@status IS NULL OR status = @status)
        AND (@afterId IS NULL OR id > @afterId)
      ORDER BY id LIMIT @limit`);
    this.patchRow = db.prepare<PatchParams, Row>(`UPDATE connections SET ${PATCH_SET} WHERE id = @id RETURNING *`);
    // Compare-and-set in the WHERE clause: the writer that loses the race matches no row.
    this.casCredentials = db.prepare<PatchParams, Row>(`UPDATE connections SET ${PATCH_SET},
      credentials = @credentials, credentialsVersion = credentialsVersion + 1
      WHERE id = @id AND credentialsVersion = @expectedVersion RETURNING *`);
    this.deleteScoped = db.prepare<[string, string, string]>('DELETE FROM connections WHERE id = ? AND accountId = ? AND mode = ?');
    this.deleteEndUser = db.prepare<[string, string, string], Row>(
      'DELETE FROM connections WHERE accountId = ? AND mode = ? AND endUserId = ? RETURNING *',
    );
  }

  async create(connection: Connection): Promise<Connection> {
    const record: Connection = { ...structuredClone(connection), authType: connection.authType ?? null, config: structuredClone(connection.config ?? {}) };
    insertUnique('connection', () => this.insertRow.run({
      ...record, scopes: JSON.stringify(record.scopes), metadata: JSON.stringify(record.metadata), config: JSON.stringify(record.config),
      lastError: toJsonOrNull(record.lastError),
      // Records built before the column existed (plain-JS callers, older test helpers) insert as unknown.
      providerAccountName: record.providerAccountName ?? null,
    }));
    return record;
  }

  async get(scope: Scope, id: string): Promise<Connection | null> {
    const row = this.selectScoped.get(id, scope.accountId, scope.mode);
    return row ? toConnection(row) : null;
  }

  async getById(id: string): Promise<Connection | null> {
    const row = this.selectById.get(id);
    return row ? toConnection(row) : null;
  }

  async findCurrent(scope: Scope, endUserId: string, provider: string): Promise<Connection | null> {
    const row = this.selectCurrent.get(scope.accountId, scope.mode, endUserId, provider);
    return row ? toConnection(row) : null;
  }

  async list(scope: Scope, filter: ConnectionFilter, limit: number, afterId?: string): Promise<Connection[]> {
    return this.selectList.all({
      accountId: scope.accountId, mode: scope.mode, endUserId: filter.endUserId ?? null, provider: filter.provider ?? null,
      // A negative LIMIT means "no limit" in SQLite; the port means "none".
      status: filter.status ?? null, afterId: afterId ?? null, limit: Math.max(0, limit),
    }).map(toConnection);
  }

  async listActive(providers: string[], limit: number, afterId?: string): Promise<Connection[]> {
    if (providers.length === 0 || limit <= 0) return [];
    const rows = this.db.prepare<unknown[], Row>(`SELECT * FROM connections WHERE status = 'active'
      AND provider IN (${providers.map(() => '?').join(', ')}) AND id > ? ORDER BY id LIMIT ?`).all(...providers, afterId ?? '', limit);
    return rows.map(toConnection);
  }

  async update(id: string, patch: ConnectionPatch): Promise<Connection | null> {
    const row = this.patchRow.get({ ...patchParams(patch), id });
    return row ? toConnection(row) : null;
  }

  async updateCredentials(id: string, expectedVersion: number, credentials: string, patch: ConnectionPatch): Promise<Connection | null> {
    const row = this.casCredentials.get({ ...patchParams(patch), id, expectedVersion, credentials });
    return row ? toConnection(row) : null;
  }

  async delete(scope: Scope, id: string): Promise<boolean> {
    return this.deleteScoped.run(id, scope.accountId, scope.mode).changes === 1;
  }

  async deleteByEndUser(scope: Scope, endUserId: string): Promise<Connection[]> {
    return this.deleteEndUser.all(scope.accountId, scope.mode, endUserId).map(toConnection).sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  async resealAll(reseal: Reseal): Promise<number> {
    return this.resealCredentials(reseal);
  }
}
