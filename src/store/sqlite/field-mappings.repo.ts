import type { FieldMapping, FieldMappingStore, Scope } from '../types';
import { fromJson, type Db } from './sqlite-db';

type Row = Omit<FieldMapping, 'mappings'> & { mappings: string };

const toMapping = (row: Row): FieldMapping => ({ ...row, mappings: fromJson<Record<string, string>>(row.mappings) });

export class SqliteFieldMappingStore implements FieldMappingStore {
  private readonly upsertRow;
  private readonly selectRow;
  private readonly selectAll;
  private readonly deleteRow;

  constructor(db: Db) {
    // PUT semantics: the whole mappings object is replaced.
    this.upsertRow = db.prepare<Row>(`INSERT INTO field_mappings (accountId, mode, provider, resource, mappings, updatedAt)
      VALUES (@accountId, @mode, @provider, @resource, @mappings, @updatedAt)
      ON CONFLICT (accountId, mode, provider, resource) DO UPDATE SET mappings = excluded.mappings, updatedAt = excluded.updatedAt`);
    this.selectRow = db.prepare<[string, string, string, string], Row>(
      'SELECT * FROM field_mappings WHERE accountId = ? AND mode = ? AND provider = ? AND resource = ?',
    );
    this.selectAll = db.prepare<[string, string], Row>(
      'SELECT * FROM field_mappings WHERE accountId = ? AND mode = ? ORDER BY provider, resource',
    );
    this.deleteRow = db.prepare<[string, string, string, string]>(
      'DELETE FROM field_mappings WHERE accountId = ? AND mode = ? AND provider = ? AND resource = ?',
    );
  }

  async put(mapping: FieldMapping): Promise<FieldMapping> {
    const record: FieldMapping = { ...mapping, mappings: { ...mapping.mappings } };
    this.upsertRow.run({ ...record, mappings: JSON.stringify(record.mappings) });
    return record;
  }

  async get(scope: Scope, provider: string, resource: string): Promise<FieldMapping | null> {
    const row = this.selectRow.get(scope.accountId, scope.mode, provider, resource);
    return row ? toMapping(row) : null;
  }

  async list(scope: Scope): Promise<FieldMapping[]> {
    return this.selectAll.all(scope.accountId, scope.mode).map(toMapping);
  }

  async delete(scope: Scope, provider: string, resource: string): Promise<boolean> {
    return this.deleteRow.run(scope.accountId, scope.mode, provider, resource).changes === 1;
  }
}
