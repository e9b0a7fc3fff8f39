import type { QueryFilter } from 'mongoose';
import type { Connection, ConnectionFilter, ConnectionPatch, ConnectionStore, Scope } from '../types';
import type { MongoModels } from './mongo-models';
import { insertUnique, strip as stripDoc } from './mongo-util';
import { resealField } from './reseal-field';

/** Only the fields the caller gave: `undefined` means "leave as is", `null` is a value. */
function definedFields(patch: ConnectionPatch): ConnectionPatch {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as ConnectionPatch;
}

/** A stored document as a Connection; documents written before authType/config existed read as null / {}. */
function strip(doc: Connection): Connection {
  const c: Connection = stripDoc(doc);
  return { ...c, authType: c.authType ?? null, config: c.config ?? {} };
}

const byId = (a: Connection, b: Connection): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class MongoConnectionStore implements ConnectionStore {
  constructor(private readonly m: MongoModels) {}

  async create(connection: Connection): Promise<Connection> {
    const record: Connection = { ...structuredClone(connection), authType: connection.authType ?? null, config: structuredClone(connection.config ?? {}) };
    await insertUnique('connection', () => this.m.connections.create(structuredClone(record)));
    return record;
  }

  async get(scope: Scope, id: string): Promise<Connection | null> {
    return this.one({ id, accountId: scope.accountId, mode: scope.mode });
  }

  async getById(id: string): Promise<Connection | null> {
    return this.one({ id });
  }

  async findCurrent(scope: Scope, endUserId: string, provider: string): Promise<Connection | null> {
    const doc = await this.m.connections
      .findOne({ accountId: scope.accountId, mode: scope.mode, endUserId, provider, status: { $ne: 'revoked' } })
      .sort({ createdAt: -1, id: -1 })
      .lean();
    return doc ? strip(doc) : null;
  }

  async list(scope: Scope, filter: ConnectionFilter, limit: number, afterId?: string): Promise<Connection[]> {
    // MongoDB reads limit(0) as "no limit"; the port means "none", as in SQL.
    if (limit <= 0) return [];
    const query: QueryFilter<Connection> = { accountId: scope.accountId, mode: scope.mode };
    if (filter.endUserId !== undefined) query.endUserId = filter.endUserId;
    if (filter.provider !== undefined) query.provider = filter.provider;
    if (filter.status !== undefined) query.status = filter.status;
    if (afterId !== undefined) query.id = { $gt: afterId };
    const docs = await this.m.connections.find(query).sort({ id: 1 }).limit(limit).lean();
    return docs.map(strip);
  }

  async listActive(providers: string[], limit: number, afterId?: string): Promise<Connection[]> {
    if (providers.length === 0 || limit <= 0) return [];
    const query: QueryFilter<Connection> = { status: 'active', provider: { $in: providers } };
    if (afterId !== undefined) query.id = { $gt: afterId };
    const docs = await this.m.connections.find(query).sort({ id: 1 }).limit(limit).lean();
    return docs.map(strip);
  }

  async update(id: string, patch: ConnectionPatch): Promise<Connection | null> {
    const set = definedFields(patch);
    if (Object.keys(set).length === 0) return this.getById(id);
    const doc = await this.m.connections.findOneAndUpdate({ id }, { $set: set }, { returnDocument: 'after' }).lean();
    return doc ? strip(doc) : null;
  }

  async updateCredentials(id: string, expectedVersion: number, credentials: string, patch: ConnectionPatch): Promise<Connection | null> {
    // The version in the filter is the compare; $inc in the same single-document update is the set.
    const doc = await this.m.connections.findOneAndUpdate(
      { id, credentialsVersion: expectedVersion },
      { $set: { ...definedFields(patch), credentials }, $inc: { credentialsVersion: 1 } },
      { returnDocument: 'after' },
    ).lean();
    return doc ? strip(doc) : null;
  }

  async delete(scope: Scope, id: string): Promise<boolean> {
    const result = await this.m.connections.deleteOne({ id, accountId: scope.accountId, mode: scope.mode });
    return result.deletedCount === 1;
  }

  async deleteByEndUser(scope: Scope, endUserId: string): Promise<Connection[]> {
    // No multi-document transaction needed: deleting by the ids read means a connection created
    // meanwhile is left alone rather than deleted without being reported.
    const docs = await this.m.connections.find({ accountId: scope.accountId, mode: scope.mode, endUserId }).lean();
    if (docs.length === 0) return [];
    await this.m.connections.deleteMany({ accountId: scope.accountId, mode: scope.mode, id: { $in: docs.map((d) => d.id) } });
    return docs.map(strip).sort(byId);
  }

  async resealAll(reseal: (sealed: string) => string): Promise<number> {
    return resealField(this.m.connections, 'id', 'credentials', reseal);
  }

  private async one(filter: QueryFilter<Connection>): Promise<Connection | null> {
    const doc = await this.m.connections.findOne(filter).lean();
    return doc ? strip(doc) : null;
  }
}
