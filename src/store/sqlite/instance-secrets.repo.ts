import type { InstanceSecretStore } from '../types';
import { resealColumn, type Reseal } from './reseal-column';
import type { Db } from './sqlite-db';

export class SqliteInstanceSecretStore implements InstanceSecretStore {
  private readonly getOrCreateRow;
  private readonly resealValues;

  constructor(db: Db) {
    // INSERT … ON CONFLICT DO NOTHING then read, in one statement pair under SQLite's write lock:
    // two processes starting at once both end up with the first writer's value.
    const insert = db.prepare<[string, string, string]>(
      'INSERT INTO instance_secrets (name, sealed, createdAt) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING',
    );
    const select = db.prepare<[string], { sealed: string }>('SELECT sealed FROM instance_secrets WHERE name = ?');
    const tx = db.transaction((name: string, sealed: string, at: string): string => {
      insert.run(name, sealed, at);
      return select.get(name)!.sealed;
    });
    this.getOrCreateRow = (name: string, sealed: string, at: string): string => tx.immediate(name, sealed, at);
    this.resealValues = resealColumn(db, 'instance_secrets', 'sealed');
  }

  async getOrCreate(name: string, sealed: string, at: string): Promise<string> {
    return this.getOrCreateRow(name, sealed, at);
  }

  async resealAll(reseal: Reseal): Promise<number> {
    return this.resealValues(reseal);
  }
}
