import type { Store } from '../types';
import { SqliteAccountStore } from './accounts.repo';
import { SqliteConnectSessionStore } from './connect-sessions.repo';
import { SqliteConnectionStore } from './connections.repo';
import { SqliteEndUserStore } from './end-users.repo';
import { SqliteFieldMappingStore } from './field-mappings.repo';
import { SqliteIdempotencyStore } from './idempotency.repo';
import { SqliteInstanceSecretStore } from './instance-secrets.repo';
import { SqliteLockStore } from './locks.repo';
import { SqliteSyncStateStore } from './sync-states.repo';
import { SqliteOAuthStateStore } from './oauth-states.repo';
import { SqliteRecordEventStore } from './record-events.repo';
import { SqliteProviderWebhookDeliveryStore } from './provider-webhooks.repo';
import { SqliteInFlightWriteStore } from './in-flight-writes.repo';
import { openDatabase } from './sqlite-db';
import { SqliteWebhookStore } from './webhooks.repo';
import { SqliteWriteBackStore } from './write-backs.repo';

export interface SqliteStoreOptions {
  /** Path of the database file, or ':memory:' for a private in-process database. */
  file: string;
}

/** The embedded default store: one better-sqlite3 connection shared by every repository. */
export function createSqliteStore(options: SqliteStoreOptions): Store {
  const db = openDatabase(options.file);
  const ping = db.prepare('SELECT 1');
  return {
    kind: 'sqlite',
    accounts: new SqliteAccountStore(db),
    endUsers: new SqliteEndUserStore(db),
    connectSessions: new SqliteConnectSessionStore(db),
    oauthStates: new SqliteOAuthStateStore(db),
    connections: new SqliteConnectionStore(db),
    idempotency: new SqliteIdempotencyStore(db),
    webhooks: new SqliteWebhookStore(db),
    events: new SqliteRecordEventStore(db),
    fieldMappings: new SqliteFieldMappingStore(db),
    locks: new SqliteLockStore(db),
    syncStates: new SqliteSyncStateStore(db),
    instanceSecrets: new SqliteInstanceSecretStore(db),
    writeBacks: new SqliteWriteBackStore(db),
    providerWebhooks: new SqliteProviderWebhookDeliveryStore(db),
    inFlightWrites: new SqliteInFlightWriteStore(db),
    // Statements throw once the connection is closed, so ping then rejects as /ready needs.
    async ping() {
      ping.get();
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
