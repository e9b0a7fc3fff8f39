import mongoose from 'mongoose';
import { runStoreContract } from '../store.contract';
import { createModels } from './mongo-models';
import { isDuplicateKeyError } from './mongo-util';
import { createMongoStore } from './mongo-store';

const uri = process.env.MONGODB_URI;

describe('mongo store without a server', () => {
  const models = createModels(mongoose.createConnection());
  const indexes = (model: { schema: mongoose.Schema }) => model.schema.indexes().map(([fields, options]) => ({ fields, options }));
  const pathType = (model: { schema: mongoose.Schema }, path: string): string => model.schema.path(path).instance;

  it('declares the unique indexes the atomic operations rely on', () => {
    expect(indexes(models.apiKeys)).toContainEqual({ fields: { hash: 1 }, options: { unique: true } });
    expect(indexes(models.endUsers)).toContainEqual({ fields: { accountId: 1, mode: 1, endUserId: 1 }, options: { unique: true } });
    expect(indexes(models.connectSessions)).toContainEqual({ fields: { tokenHash: 1 }, options: { unique: true } });
    expect(indexes(models.oauthStates)).toContainEqual({ fields: { stateHash: 1 }, options: { unique: true } });
    expect(indexes(models.idempotency)).toContainEqual({ fields: { accountId: 1, mode: 1, key: 1 }, options: { unique: true } });
    expect(indexes(models.fieldMappings)).toContainEqual({
      fields: { accountId: 1, mode: 1, provider: 1, resource: 1 }, options: { unique: true },
    });
    expect(indexes(models.locks)).toContainEqual({ fields: { name: 1 }, options: { unique: true } });
    expect(indexes(models.recordEvents)).toContainEqual({ fields: { id: 1 }, options: { unique: true } });
    expect(indexes(models.syncStates)).toContainEqual({ fields: { connectionId: 1, resource: 1 }, options: { unique: true } });
  });

  it('declares TTL indexes on the expiring records', () => {
    for (const model of [models.connectSessions, models.oauthStates, models.idempotency, models.locks, models.recordEvents]) {
      expect(indexes(model)).toContainEqual({ fields: { expiresAt: 1 }, options: { expireAfterSeconds: 0 } });
      expect(pathType(model, 'expiresAt')).toBe('Date');
    }
  });

  it('keeps nulls and empty objects when casting', () => {
    const session = new models.connectSessions({ id: 'cs_1', providers: null, allowedOrigin: null }).toObject();
    expect(session).toMatchObject({ providers: null, allowedOrigin: null });
    const connection = new models.connections({ id: 'conn_1', metadata: {}, lastError: null, scopes: [] }).toObject();
    expect(connection).toMatchObject({ metadata: {}, lastError: null, scopes: [] });
    expect(pathType(models.deliveries, 'type')).toBe('String');
  });

  it('recognises duplicate-key errors, bulk ones included', () => {
    expect(isDuplicateKeyError({ code: 11000 })).toBe(true);
    expect(isDuplicateKeyError({ code: 1, writeErrors: [{ code: 11000 }] })).toBe(true);
    expect(isDuplicateKeyError({ code: 112 })).toBe(false);
    expect(isDuplicateKeyError(null)).toBe(false);
  });

  it('rejects when no server answers', async () => {
    await expect(createMongoStore({ uri: 'mongodb://127.0.0.1:1/gateway', serverSelectionTimeoutMS: 300 })).rejects.toThrow();
  });
});

if (!uri) {
  it('mongo store contract (skipped: MONGODB_URI is not set)', () => {
    console.log('mongo store contract skipped: MONGODB_URI is not set');
  });
} else {
  // One database for the run, emptied before each test so every test starts from nothing.
  const dbName = `gateway_contract_${process.pid}_${Date.now()}`;
  const admin = mongoose.createConnection(uri, { dbName });

  afterAll(async () => {
    await admin.dropDatabase();
    await admin.close();
  });

  runStoreContract('mongo', async () => {
    const store = await createMongoStore({ uri, dbName, serverSelectionTimeoutMS: 5_000 });
    await admin.asPromise();
    const db = admin.db;
    if (!db) throw new Error('admin connection has no database');
    for (const collection of await db.collections()) await collection.deleteMany({});
    return store;
  });
}
