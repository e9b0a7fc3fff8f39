import mongoose from 'mongoose';
import type { Store } from '../types';
import { MongoAccountStore } from './accounts.repo';
import { MongoConnectSessionStore, MongoOAuthStateStore } from './connect.repo';
import { MongoConnectionStore } from './connections.repo';
import { MongoEndUserStore } from './end-users.repo';
import { MongoFieldMappingStore } from './field-mappings.repo';
import { MongoIdempotencyStore } from './idempotency.repo';
import { MongoInstanceSecretStore } from './instance-secrets.repo';
import { MongoLockStore } from './locks.repo';
import { MongoInFlightWriteStore } from './in-flight-writes.repo';
import { MongoSyncStateStore } from './sync-states.repo';
import { MongoProviderWebhookDeliveryStore } from './provider-webhooks.repo';
import { createModels } from './mongo-models';
import { MongoRecordEventStore } from './record-events.repo';
import { MongoWebhookStore } from './webhooks.repo';
import { MongoWriteBackStore } from './write-backs.repo';

export interface MongoStoreOptions {
  uri: string;
  /** Overrides the database named in the URI (tests use one per run). */
  dbName?: string;
  /** How long to look for a server before giving up; the driver's default is 30 s. */
  serverSelectionTimeoutMS?: number;
}

/**
 * Connects on a dedicated connection (not mongoose's global one, so nothing else in the process
 * shares or reconfigures it) and waits until every unique and TTL index exists: the atomic
 * operations rely on the unique indexes from the first write on.
 */
export async function createMongoStore(options: MongoStoreOptions): Promise<Store> {
  const connection = mongoose.createConnection(options.uri, {
    dbName: options.dbName,
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 10_000,
  });
  const models = createModels(connection);
  try {
    await connection.asPromise();
    await Promise.all(Object.values(models).map((model) => model.init()));
  } catch (err) {
    await connection.close().catch(() => undefined);
    throw err;
  }

  let closed = false;
  return {
    kind: 'mongo',
    accounts: new MongoAccountStore(models),
    endUsers: new MongoEndUserStore(models),
    connectSessions: new MongoConnectSessionStore(models),
    oauthStates: new MongoOAuthStateStore(models),
    connections: new MongoConnectionStore(models),
    idempotency: new MongoIdempotencyStore(models),
    webhooks: new MongoWebhookStore(models),
    events: new MongoRecordEventStore(models),
    fieldMappings: new MongoFieldMappingStore(models),
    locks: new MongoLockStore(models),
    syncStates: new MongoSyncStateStore(models),
    instanceSecrets: new MongoInstanceSecretStore(models),
    writeBacks: new MongoWriteBackStore(models),
    providerWebhooks: new MongoProviderWebhookDeliveryStore(models),
    inFlightWrites: new MongoInFlightWriteStore(models),
    async ping() {
      // The driver may reconnect on demand after close(); /ready must still report it down.
      if (closed) throw new Error('store is closed');
      const db = connection.db;
      if (!db) throw new Error('not connected to MongoDB');
      await db.admin().ping();
    },
    async close() {
      if (closed) return;
      closed = true;
      await connection.close();
    },
  };
}
