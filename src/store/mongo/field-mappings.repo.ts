import type { FieldMapping, FieldMappingStore, Scope } from '../types';
import type { MongoModels } from './mongo-models';
import { strip } from './mongo-util';

export class MongoFieldMappingStore implements FieldMappingStore {
  constructor(private readonly m: MongoModels) {}

  async put(mapping: FieldMapping): Promise<FieldMapping> {
    const record: FieldMapping = { ...mapping, mappings: { ...mapping.mappings } };
    // PUT semantics: the whole mappings object is replaced.
    await this.m.fieldMappings.updateOne(
      { accountId: record.accountId, mode: record.mode, provider: record.provider, resource: record.resource },
      { $set: { mappings: record.mappings, updatedAt: record.updatedAt } },
      { upsert: true },
    );
    return record;
  }

  async get(scope: Scope, provider: string, resource: string): Promise<FieldMapping | null> {
    const doc = await this.m.fieldMappings.findOne({ accountId: scope.accountId, mode: scope.mode, provider, resource }).lean();
    return doc ? strip(doc) : null;
  }

  async list(scope: Scope): Promise<FieldMapping[]> {
    const docs = await this.m.fieldMappings.find({ accountId: scope.accountId, mode: scope.mode }).sort({ provider: 1, resource: 1 }).lean();
    return docs.map(strip);
  }

  async delete(scope: Scope, provider: string, resource: string): Promise<boolean> {
    const result = await this.m.fieldMappings.deleteOne({ accountId: scope.accountId, mode: scope.mode, provider, resource });
    return result.deletedCount === 1;
  }
}
