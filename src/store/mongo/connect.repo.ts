import type { ConnectSession, ConnectSessionStore, OAuthState, OAuthStateStore } from '../types';
import type { MongoModels } from './mongo-models';
import { insertUnique, toDate, withIsoExpiry } from './mongo-util';
import { resealField } from './reseal-field';

export class MongoConnectSessionStore implements ConnectSessionStore {
  constructor(private readonly m: MongoModels) {}

  async create(session: ConnectSession): Promise<ConnectSession> {
    const record: ConnectSession = { ...session, providers: session.providers ? [...session.providers] : null };
    await insertUnique('connect session', () => this.m.connectSessions.create({ ...record, expiresAt: toDate(record.expiresAt) }));
    return record;
  }

  async findByTokenHash(tokenHash: string): Promise<ConnectSession | null> {
    const doc = await this.m.connectSessions.findOne({ tokenHash }).lean();
    return doc ? withIsoExpiry(doc) : null;
  }

  async get(id: string): Promise<ConnectSession | null> {
    const doc = await this.m.connectSessions.findOne({ id }).lean();
    return doc ? withIsoExpiry(doc) : null;
  }

  async markUsed(id: string, at: string): Promise<boolean> {
    // The usedAt: null condition makes the single-document update the arbiter between racers.
    const result = await this.m.connectSessions.updateOne({ id, usedAt: null }, { $set: { usedAt: at } });
    return result.matchedCount === 1;
  }
}

export class MongoOAuthStateStore implements OAuthStateStore {
  constructor(private readonly m: MongoModels) {}

  async create(state: OAuthState): Promise<OAuthState> {
    const record: OAuthState = { ...state };
    await insertUnique('oauth state', () => this.m.oauthStates.create({ ...record, expiresAt: toDate(record.expiresAt) }));
    return record;
  }

  async consume(stateHash: string, at: string): Promise<OAuthState | null> {
    const doc = await this.m.oauthStates.findOneAndUpdate(
      { stateHash, usedAt: null },
      { $set: { usedAt: at } },
      { returnDocument: 'after' },
    ).lean();
    return doc ? withIsoExpiry(doc) : null;
  }

  async resealAll(reseal: (sealed: string) => string): Promise<number> {
    return resealField(this.m.oauthStates, 'stateHash', 'codeVerifier', reseal);
  }
}
