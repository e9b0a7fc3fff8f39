import Database from 'better-sqlite3';
import { DuplicateRecordError } from '../store-errors';
import { migrations, type Migration } from './migrations';

export type Db = Database.Database;

/**
 * Opens the file with the settings every repository relies on, then brings the schema up to
 * date. busy_timeout comes first so that switching to WAL, and the migration transaction, wait
 * for another process holding the file instead of failing with SQLITE_BUSY.
 */
export function openDatabase(file: string, list: readonly Migration[] = migrations): Db {
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; only a power loss can drop
    // the last commits, which is the usual trade for not fsyncing on every write.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, list);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/**
 * Applies the missing migrations in order, in one IMMEDIATE transaction: two processes
 * opening the same new file at once serialise here, and the second finds nothing left to do.
 */
export function migrate(db: Db, list: readonly Migration[]): void {
  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      appliedAt TEXT NOT NULL
    )`);
    const applied = new Set(
      db.prepare<[], { version: number }>('SELECT version FROM schema_migrations').all().map((r) => r.version),
    );
    const record = db.prepare<[number, string, string]>(
      'INSERT INTO schema_migrations (version, name, appliedAt) VALUES (?, ?, ?)',
    );
    for (const m of [...list].sort((a, b) => a.version - b.version)) {
      if (applied.has(m.version)) continue;
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    }
  }).immediate();
}

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Runs an insert, turning a unique-constraint failure into the port's DuplicateRecordError. */
export function insertUnique<T>(entity: string, write: () => T): T {
  try {
    return write();
  } catch (err) {
    if (isUniqueViolation(err)) throw new DuplicateRecordError(entity, { cause: err });
    throw err;
  }
}

/** JSON columns: the port's arrays and objects are stored as TEXT checked by json_valid. */
export function fromJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

export function fromJsonOrNull<T>(text: string | null): T | null {
  return text === null ? null : fromJson<T>(text);
}

export function toJsonOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}
