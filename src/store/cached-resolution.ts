import client, { type Registry } from 'prom-client';
import type { Connection, ConnectionStore, EndUser, EndUserStore, Scope, Store } from './types';
import { ResolutionCache, type Invalidation } from './resolution-cache';
import { RedisInvalidationBus, type InvalidationBus } from './resolution-invalidations';

/**
 * Every unified, passthrough and sandbox call resolves its end user and current connection; read
 * from the store each time, that was a measurable share of the gateway's CPU (issue 19). This
 * decorator serves `endUsers.get` and `connections.findCurrent` from a ResolutionCache and, because
 * every write of those two repositories passes through it as well, knows each change the moment it
 * is made: it drops what the change makes stale here, then tells the other processes on the store
 * (the bus: Redis pub/sub with REDIS_URL). The TTL bounds what a lost message, or a deployment of
 * several processes without Redis, can leave stale.
 *
 * A decorator rather than calls to the cache from each route and service: a write path added
 * later cannot forget to invalidate, and the routes need not know a cache exists. Everything else
 * (`get`, `getById`, lists) reads the store: the token manager's re-read under its refresh lock
 * must see the newest credentials, whatever is cached.
 */
export interface CachedResolutionOptions {
  /** Other processes' changes (and ours to them); none: this process is alone on the store, or the TTL is the bound. */
  bus?: InvalidationBus | null;
  /** `gateway_resolution_cache_*` metrics go here. */
  registry?: Registry;
}

type Kind = 'end_user' | 'connection';

/**
 * Patches that only keep the books (the use stamp written once a minute per connection, the last
 * provider error written on each failure) change nothing a resolution decides on, and nothing shown
 * from one: they do not invalidate, or every failing call would also miss the cache, just when the
 * store is best spared. A cached connection's lastUsedAt / lastError may lag by up to the TTL.
 */
const BOOKKEEPING = new Set<string>(['lastUsedAt', 'lastError']);
const onlyBookkeeping = (patch: object): boolean => Object.keys(patch).every((k) => BOOKKEEPING.has(k));

export function withResolutionCache(inner: Store, cache: ResolutionCache, opts: CachedResolutionOptions = {}): Store {
  const bus = opts.bus ?? null;
  const metrics = opts.registry ? resolutionMetrics(opts.registry) : null;
  /** Concurrent misses for one key share one store read. */
  const reading = new Map<string, Promise<unknown>>();

  const apply = (change: Invalidation, origin: 'local' | 'remote'): void => {
    cache.invalidate(change);
    reading.clear();
    metrics?.invalidations.inc({ origin });
  };
  bus?.subscribe((change) => apply(change, 'remote'));

  /** After a write (also a failed one: it may have been applied in part): drop here, then tell the others. */
  const changed = async (change: Invalidation): Promise<void> => {
    apply(change, 'local');
    // A lost message is bounded by the TTL; the write itself has succeeded and must not fail for it.
    if (bus) await bus.publish(change).catch(() => undefined);
  };
  const after = async <T>(write: () => Promise<T>, change: (result: T | undefined) => Invalidation): Promise<T> => {
    let result: T | undefined;
    try {
      result = await write();
      return result;
    } finally {
      await changed(change(result));
    }
  };

  async function cached<T extends EndUser | Connection>(kind: Kind, key: string, hit: () => T | undefined, read: () => Promise<T | null>,
    put: (ticket: number, value: T) => void): Promise<T | null> {
    if (!cache.enabled || (bus && !bus.live())) return read();
    const found = hit();
    if (found) {
      metrics?.lookups.inc({ kind, outcome: 'hit' });
      return found;
    }
    metrics?.lookups.inc({ kind, outcome: 'miss' });
    const running = reading.get(key) as Promise<T | null> | undefined;
    if (running) return running;
    const ticket = cache.ticket();
    const p = read().then((value) => {
      if (value) put(ticket, value);
      return value;
    }).finally(() => { if (reading.get(key) === p) reading.delete(key); });
    reading.set(key, p);
    return p;
  }

  const endUserChange = (scope: Scope, endUserId: string): Invalidation => ({ kind: 'end_user', accountId: scope.accountId, mode: scope.mode, endUserId });
  const connectionChange = (id: string, c: Connection | null | undefined): Invalidation => (c
    ? { kind: 'connection', id, accountId: c.accountId, mode: c.mode, endUserId: c.endUserId, provider: c.provider }
    : { kind: 'connection', id });

  const e = inner.endUsers;
  const endUsers: EndUserStore = {
    get: (scope, endUserId) => cached('end_user', `u${JSON.stringify([scope.accountId, scope.mode, endUserId])}`,
      () => cache.endUser(scope, endUserId), () => e.get(scope, endUserId), (t, v) => cache.putEndUser(t, scope, endUserId, v)),
    upsert: (scope, endUserId, patch, at) => after(() => e.upsert(scope, endUserId, patch, at), () => endUserChange(scope, endUserId)),
    delete: (scope, endUserId) => after(() => e.delete(scope, endUserId), () => endUserChange(scope, endUserId)),
  };

  const c = inner.connections;
  const connections: ConnectionStore = {
    findCurrent: (scope, endUserId, provider) => cached('connection', `c${JSON.stringify([scope.accountId, scope.mode, endUserId, provider])}`,
      () => cache.connection(scope, endUserId, provider), () => c.findCurrent(scope, endUserId, provider),
      (t, v) => cache.putConnection(t, scope, endUserId, provider, v)),
    get: (scope, id) => c.get(scope, id),
    getById: async (id) => {
      const fresh = await c.getById(id);
      // A fresher record than the cached one (another process refreshed its token, and the message
      // was lost or has not arrived): the cached copy goes, here only.
      const held = cache.connectionById(id);
      if (held && (!fresh || fresh.credentialsVersion !== held.credentialsVersion || fresh.updatedAt !== held.updatedAt || fresh.status !== held.status)) {
        cache.invalidate({ kind: 'connection', id });
      }
      return fresh;
    },
    list: (scope, filter, limit, afterId) => c.list(scope, filter, limit, afterId),
    listActive: (providers, limit, afterId) => c.listActive(providers, limit, afterId),
    create: (connection) => after(() => c.create(connection), () => connectionChange(connection.id, connection)),
    update: (id, patch) => (onlyBookkeeping(patch) ? c.update(id, patch) : after(() => c.update(id, patch), (r) => connectionChange(id, r))),
    updateCredentials: (id, expectedVersion, credentials, patch) =>
      after(() => c.updateCredentials(id, expectedVersion, credentials, patch), (r) => connectionChange(id, r)),
    delete: (scope, id) => after(() => c.delete(scope, id), () => ({ kind: 'connection', id, accountId: scope.accountId, mode: scope.mode })),
    deleteByEndUser: (scope, endUserId) => after(() => c.deleteByEndUser(scope, endUserId), () => endUserChange(scope, endUserId)),
    // Key rotation re-seals every credential: no cached record may keep the old seal.
    resealAll: (reseal) => after(() => c.resealAll(reseal), () => ({ kind: 'all' })),
  };

  return {
    ...inner,
    endUsers,
    connections,
    async close() {
      await bus?.close();
      await inner.close();
    },
  };
}

/**
 * The gateway's wiring: a cache of `ttlMs` (RESOLUTION_CACHE_TTL_MS), told of other processes'
 * changes over Redis when `redisUrl` is set. `onTrouble` hears of a Redis outage (once per outage).
 */
export function cacheResolution(inner: Store, opts: { ttlMs: number; redisUrl: string | null; registry?: Registry; onTrouble?: (err: Error, what: string) => void }): Store {
  const bus = opts.redisUrl ? new RedisInvalidationBus(opts.redisUrl, opts.onTrouble) : null;
  return withResolutionCache(inner, new ResolutionCache({ ttlMs: opts.ttlMs }), { bus, registry: opts.registry });
}

interface ResolutionMetrics {
  lookups: client.Counter<'kind' | 'outcome'>;
  invalidations: client.Counter<'origin'>;
}

/** Labels are bounded (two kinds, two outcomes, two origins): never an account or end user id. */
function resolutionMetrics(registry: Registry): ResolutionMetrics {
  const registers = [registry];
  return {
    lookups: (registry.getSingleMetric('gateway_resolution_cache_lookups_total') as client.Counter<'kind' | 'outcome'> | undefined)
      ?? new client.Counter({
        name: 'gateway_resolution_cache_lookups_total', help: 'End user and connection resolutions served from the in-process cache (hit) or read from the store (miss)',
        labelNames: ['kind', 'outcome'] as const, registers,
      }),
    invalidations: (registry.getSingleMetric('gateway_resolution_cache_invalidations_total') as client.Counter<'origin'> | undefined)
      ?? new client.Counter({
        name: 'gateway_resolution_cache_invalidations_total', help: 'Changes to end users and connections that dropped cached resolutions, made here (local) or heard from another process (remote)',
        labelNames: ['origin'] as const, registers,
      }),
  };
}
