/**
 * Shared pieces of the store contract suite: a fresh store per test (claimDue and locks are
 * global, so tests must not see each other's rows), scopes, fixed times and record builders.
 */
import type { Connection, ConnectSession, IdempotencyRecord, Scope, Store, Webhook, WebhookDelivery } from '../types';

export type OpenStore = () => Promise<Store>;

export interface StoreHandle { readonly store: Store }

export function useFreshStore(open: OpenStore): StoreHandle {
  let current: Store | undefined;
  beforeEach(async () => {
    current = await open();
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return {
    get store(): Store {
      if (!current) throw new Error('store is only available inside a test');
      return current;
    },
  };
}

export const A: Scope = { accountId: 'acc_a', mode: 'live' };
/** Same account, other mode: must be as invisible as another account. */
export const A_TEST: Scope = { accountId: 'acc_a', mode: 'test' };
export const B: Scope = { accountId: 'acc_b', mode: 'live' };

/** A fixed instant plus `seconds`, as the ISO string the port speaks. */
export function at(seconds: number): string {
  return new Date(Date.UTC(2030, 0, 1) + seconds * 1000).toISOString();
}

export function connection(scope: Scope, id: string, over: Partial<Connection> = {}): Connection {
  return {
    id, accountId: scope.accountId, mode: scope.mode, endUserId: 'eu_1', provider: 'prov_x', status: 'active',
    scopes: ['read', 'write'], providerAccountId: null, providerAccountName: null, credentials: 'enc:v1:abc', credentialsVersion: 1,
    metadata: { instance_url: 'https://example.test' }, authType: null, config: {}, lastError: null, createdAt: at(0), updatedAt: at(0),
    lastRefreshedAt: null, lastUsedAt: null, ...over,
  };
}

export function session(scope: Scope, id: string, over: Partial<ConnectSession> = {}): ConnectSession {
  return {
    id, tokenHash: `hash_${id}`, accountId: scope.accountId, mode: scope.mode, endUserId: 'eu_1',
    providers: ['prov_x'], allowedOrigin: 'https://app.example.test', expiresAt: at(1800), usedAt: null,
    createdAt: at(0), ...over,
  };
}

export function idempotency(scope: Scope, key: string, over: Partial<IdempotencyRecord> = {}): IdempotencyRecord {
  return {
    accountId: scope.accountId, mode: scope.mode, key, requestHash: 'req_1', state: 'in_progress',
    leaseExpiresAt: at(60), leaseOwner: 'owner_1', responseStatus: null, responseBody: null, createdAt: at(0),
    expiresAt: at(86_400), ...over,
  };
}

export function webhook(scope: Scope, id: string, over: Partial<Webhook> = {}): Webhook {
  return {
    id, accountId: scope.accountId, mode: scope.mode, url: 'https://hooks.example.test/in',
    events: ['connection.created', 'connection.deleted'], secret: 'enc:secret', createdAt: at(0), ...over,
  };
}

export function delivery(hook: Webhook, id: string, over: Partial<WebhookDelivery> = {}): WebhookDelivery {
  return {
    id, eventId: `evt_${id}`, webhookId: hook.id, accountId: hook.accountId, mode: hook.mode, type: 'connection.created',
    payload: JSON.stringify({ id: `evt_${id}` }), status: 'pending', attempts: 0, nextAttemptAt: at(0),
    lastError: null, createdAt: at(0), deliveredAt: null, ...over,
  };
}

export const ids = <T extends { id: string }>(rows: T[]): string[] => rows.map((r) => r.id);
