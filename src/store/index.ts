import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createSqliteStore } from './sqlite/sqlite-store';
import type { Store } from './types';

export * from './types';
export { DuplicateRecordError } from './store-errors';
export { createSqliteStore } from './sqlite/sqlite-store';

export interface StoreConfig {
  /** When set, MongoDB is the store (what docker-compose runs). */
  mongodbUri?: string;
  /** Where the embedded sqlite file lives otherwise. */
  dataDir: string;
}

export const SQLITE_FILE_NAME = 'gateway.sqlite';

/** Picks the adapter: MongoDB when configured, else the embedded sqlite file under dataDir. */
export async function openStore(config: StoreConfig): Promise<Store> {
  // Loaded only when configured: mongoose holds about 30 MB of memory the sqlite default never uses.
  if (config.mongodbUri) {
    const { createMongoStore } = require('./mongo/mongo-store') as typeof import('./mongo/mongo-store');
    return createMongoStore({ uri: config.mongodbUri });
  }
  mkdirSync(config.dataDir, { recursive: true });
  return createSqliteStore({ file: join(config.dataDir, SQLITE_FILE_NAME) });
}
