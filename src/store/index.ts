import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createMongoStore } from './mongo/mongo-store';
import { createSqliteStore } from './sqlite/sqlite-store';
import type { Store } from './types';

export * from './types';
export { DuplicateRecordError } from './store-errors';
export { createMongoStore } from './mongo/mongo-store';
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
  if (config.mongodbUri) return createMongoStore({ uri: config.mongodbUri });
  mkdirSync(config.dataDir, { recursive: true });
  return createSqliteStore({ file: join(config.dataDir, SQLITE_FILE_NAME) });
}
