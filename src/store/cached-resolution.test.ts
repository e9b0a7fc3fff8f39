import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import client from 'prom-client';
import { A, A_TEST, at, B, connection } from './contract/contract-kit';
import { runStoreContract } from './store.contract';
import { createSqliteStore } from './sqlite/sqlite-store';
import { withResolutionCache } from './cached-resolution';
import { ResolutionCache, type Invalidation } from './resolution-cache';
import type { InvalidationBus } from './resolution-invalidations';
import type { Store } from './types';

let dir: string;
let fileNo = 0;
const nextFile = (): string => join(dir, `cached-${++fileNo}.sqlite`);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gateway-resolution-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

// The decorated store is still the store: every case of the contract, with entries that never expire by time.
runStoreContract('sqlite behind the resolution cache', async () => withResolutionCache(createSqliteStore({ file: nextFile() }), new ResolutionCache({ ttlMs: 3_600_000 })));

/** Processes sharing one channel: each hears the others' changes, never its own (as over Redis). */
class FakeBusHub {
  private readonly buses: FakeBus[] = [];
  bus(): FakeBus {
    const b = new FakeBus(this.buses);
    this.buses.push(b);
    return b;
  }
}
class FakeBus implements InvalidationBus {
  up = true;
  readonly heard: Invalidation[] = [];
  private handlers: ((c: Invalidation) => void)[] = [];
  constructor(private readonly all: FakeBus[]) {}
  async publish(change: Invalidation): Promise<void> {
    for (const b of this.all) if (b !== this) b.deliver(change);
  }
  deliver(change: Invalidation): void {
    this.heard.push(change);
    for (const h of this.handlers) h(change);
  }
  subscribe(handler: (c: Invalidation) => void): void { this.handlers.push(handler); }
  live(): boolean { return this.up; }
  async close(): Promise<void> { this.up = false; }
}

interface Reads { endUsers: jest.SpyInstance; findCurrent: jest.SpyInstance }

describe('resolution cache', () => {
  let inner: Store;
  let time: number;
  const clock = () => time;
  const opened: Store[] = [];

  /** A decorated store over `base` (a fresh sqlite file unless given), with the inner reads counted. */
  function cached(opts: { ttlMs?: number; base?: Store; bus?: InvalidationBus; registry?: client.Registry } = {}): { store: Store; reads: Reads; cache: ResolutionCache } {
    const base = opts.base ?? createSqliteStore({ file: nextFile() });
    const cache = new ResolutionCache({ ttlMs: opts.ttlMs ?? 5_000, now: clock });
    const store = withResolutionCache(base, cache, { bus: opts.bus, registry: opts.registry });
    opened.push(store);
    return { store, cache, reads: reads(base) };
  }
  function reads(base: Store): Reads {
    return { endUsers: jest.spyOn(base.endUsers, 'get'), findCurrent: jest.spyOn(base.connections, 'findCurrent') };
  }
  /** One resolution as the routes make it: the end user, then its current connection. */
  async function resolve(store: Store, scope = A, endUserId = 'eu_1', provider = 'prov_x') {
    const user = await store.endUsers.get(scope, endUserId);
    const conn = user ? await store.connections.findCurrent(scope, endUserId, provider) : null;
    return { user, conn };
  }

  beforeEach(() => {
    time = Date.UTC(2030, 0, 1);
    inner = createSqliteStore({ file: nextFile() });
    opened.push(inner);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    for (const s of opened.splice(0)) await s.close().catch(() => undefined);
  });

  async function seed(store: Store, scope = A, id = 'conn_1', over: Parameters<typeof connection>[2] = {}) {
    await store.endUsers.upsert(scope, over.endUserId ?? 'eu_1', {}, at(0));
    return store.connections.create(connection(scope, id, over));
  }

  it('serves a resolution from memory after the first read: the store is not asked again', async () => {
    const { store, reads: r } = cached({ base: inner });
    await seed(store);
    const first = await resolve(store);
    expect(first.conn?.id).toBe('conn_1');
    for (let i = 0; i < 10; i++) expect(await resolve(store)).toEqual(first);
    expect(r.endUsers).toHaveBeenCalledTimes(1);
    expect(r.findCurrent).toHaveBeenCalledTimes(1);
  });

  it('keeps the record as the store returned it: the credentials stay sealed, and no caller can change the shared copy', async () => {
    const { store } = cached({ base: inner });
    await seed(store, A, 'conn_1', { credentials: 'v1.k1.sealed-blob' });
    const { conn } = await resolve(store);
    expect(conn?.credentials).toBe('v1.k1.sealed-blob');
    expect(Object.isFrozen(conn)).toBe(true);
    expect(() => { (conn as { status: string }).status = 'revoked'; }).toThrow(TypeError);
  });

  it('reads the store again once the TTL has passed (injected clock)', async () => {
    const { store, reads: r } = cached({ base: inner, ttlMs: 2_000 });
    await seed(store);
    await resolve(store);
    time += 1_999;
    await resolve(store);
    expect(r.findCurrent).toHaveBeenCalledTimes(1);
    time += 1;
    await resolve(store);
    expect(r.endUsers).toHaveBeenCalledTimes(2);
    expect(r.findCurrent).toHaveBeenCalledTimes(2);
  });

  it('a TTL of 0 turns it off: every resolution reads the store', async () => {
    const { store, reads: r } = cached({ base: inner, ttlMs: 0 });
    await seed(store);
    for (let i = 0; i < 3; i++) await resolve(store);
    expect(r.findCurrent).toHaveBeenCalledTimes(3);
  });

  it('does not keep what was not found: an end user or connection made later is seen at once', async () => {
    const { store, reads: r } = cached({ base: inner });
    expect(await resolve(store)).toEqual({ user: null, conn: null });
    await inner.endUsers.upsert(A, 'eu_1', {}, at(0)); // behind the cache's back, as another process without Redis would
    expect((await resolve(store)).conn).toBeNull();
    await inner.connections.create(connection(A, 'conn_1'));
    expect((await resolve(store)).conn?.id).toBe('conn_1');
    expect(r.findCurrent).toHaveBeenCalledTimes(2);
  });

  // Each write of the two repositories, and what the next resolution must show.
  const writes: { name: string; write: (s: Store) => Promise<unknown>; expect: (res: Awaited<ReturnType<typeof resolve>>) => void }[] = [
    { name: 'end user upsert (renamed)', write: (s) => s.endUsers.upsert(A, 'eu_1', { name: 'Renamed' }, at(5)), expect: (res) => expect(res.user?.name).toBe('Renamed') },
    { name: 'end user delete', write: (s) => s.endUsers.delete(A, 'eu_1'), expect: (res) => expect(res.user).toBeNull() },
    { name: 'connection create (a newer one)', write: (s) => s.connections.create(connection(A, 'conn_2')), expect: (res) => expect(res.conn?.id).toBe('conn_2') },
    { name: 'status → needs_reauth', write: (s) => s.connections.update('conn_1', { status: 'needs_reauth' }), expect: (res) => expect(res.conn?.status).toBe('needs_reauth') },
    { name: 'status → revoked', write: (s) => s.connections.update('conn_1', { status: 'revoked' }), expect: (res) => expect(res.conn).toBeNull() },
    { name: 'connectionConfig change', write: (s) => s.connections.update('conn_1', { config: { baseUrl: 'https://other.example.test' } }), expect: (res) => expect(res.conn?.config).toEqual({ baseUrl: 'https://other.example.test' }) },
    {
      name: 'credentials update (token refresh)', write: (s) => s.connections.updateCredentials('conn_1', 1, 'v1.k1.refreshed', { lastRefreshedAt: at(9) }),
      expect: (res) => expect(res.conn).toMatchObject({ credentials: 'v1.k1.refreshed', credentialsVersion: 2 }),
    },
    { name: 'connection delete', write: (s) => s.connections.delete(A, 'conn_1'), expect: (res) => expect(res.conn).toBeNull() },
    { name: 'delete by end user', write: (s) => s.connections.deleteByEndUser(A, 'eu_1'), expect: (res) => expect(res.conn).toBeNull() },
    { name: 'key rotation (resealAll)', write: (s) => s.connections.resealAll((sealed) => `${sealed}.resealed`), expect: (res) => expect(res.conn?.credentials).toBe('enc:v1:abc.resealed') },
  ];

  describe.each(writes)('invalidated by $name', ({ write, expect: check }) => {
    it('in the process that wrote', async () => {
      const { store, reads: r } = cached({ base: inner, ttlMs: 3_600_000 });
      await seed(store);
      await resolve(store);
      await write(store);
      check(await resolve(store));
      expect(r.endUsers.mock.calls.length + r.findCurrent.mock.calls.length).toBeGreaterThan(2);
    });

    it('in another process on the same store, told over the bus, at once (long TTL)', async () => {
      const hub = new FakeBusHub();
      const writer = cached({ base: inner, ttlMs: 3_600_000, bus: hub.bus() });
      // The second process: a cache of its own over the same data.
      const second = cached({ base: inner, ttlMs: 3_600_000, bus: hub.bus() });
      await seed(writer.store);
      await resolve(second.store);
      await resolve(second.store);
      await write(writer.store);
      check(await resolve(second.store));
    });
  });

  it('keeps accounts and modes apart: same end user id and provider, separate entries, separate invalidations', async () => {
    const hub = new FakeBusHub();
    const { store, reads: r } = cached({ base: inner, ttlMs: 3_600_000, bus: hub.bus() });
    const writer = cached({ base: inner, ttlMs: 3_600_000, bus: hub.bus() });
    await seed(store, A, 'conn_a');
    await seed(store, B, 'conn_b');
    await seed(store, A_TEST, 'conn_at');
    expect((await resolve(store, A)).conn?.id).toBe('conn_a');
    expect((await resolve(store, B)).conn?.id).toBe('conn_b');
    expect((await resolve(store, A_TEST)).conn?.id).toBe('conn_at');
    expect(r.findCurrent).toHaveBeenCalledTimes(3);
    // Account A's end user goes, here and in the other process: B's and A test's entries stay and are served.
    await writer.store.connections.deleteByEndUser(A, 'eu_1');
    await writer.store.endUsers.delete(A, 'eu_1');
    expect(await resolve(store, A)).toEqual({ user: null, conn: null });
    expect((await resolve(store, B)).conn?.id).toBe('conn_b');
    expect((await resolve(store, A_TEST)).conn?.id).toBe('conn_at');
    expect(r.findCurrent).toHaveBeenCalledTimes(3);
    // An end user id shaped like another key's parts cannot reach another account's entry.
    expect(await resolve(store, { accountId: 'acc_b","live', mode: 'live' }, 'eu_1')).toEqual({ user: null, conn: null });
  });

  it('a read that started before an invalidation does not put its (possibly older) answer in the cache', async () => {
    const { store, reads: r } = cached({ base: inner, ttlMs: 3_600_000 });
    await seed(store);
    await store.endUsers.get(A, 'eu_1');
    let release!: () => void;
    const gate = new Promise<void>((res) => { release = res; });
    const original = r.findCurrent.getMockImplementation() ?? inner.connections.findCurrent.bind(inner.connections);
    const before = await inner.connections.findCurrent(A, 'eu_1', 'prov_x');
    r.findCurrent.mockImplementationOnce(async () => { await gate; return before; });
    const slow = store.connections.findCurrent(A, 'eu_1', 'prov_x');
    await store.connections.update('conn_1', { status: 'needs_reauth' });
    release();
    expect((await slow)?.status).toBe('active');
    r.findCurrent.mockImplementation(original);
    expect((await store.connections.findCurrent(A, 'eu_1', 'prov_x'))?.status).toBe('needs_reauth');
  });

  it('bookkeeping writes (use stamp, last provider error) do not invalidate: a failing call still resolves from memory', async () => {
    const hub = new FakeBusHub();
    const { store, reads: r } = cached({ base: inner, bus: hub.bus() });
    const other = hub.bus();
    await seed(store);
    await resolve(store);
    other.heard.length = 0;
    await store.connections.update('conn_1', { lastUsedAt: at(1) });
    await store.connections.update('conn_1', { lastError: { code: 'PROVIDER_ERROR', at: at(2) } });
    await resolve(store);
    expect(r.findCurrent).toHaveBeenCalledTimes(1);
    expect(other.heard).toEqual([]);
    // Anything more in the same patch does.
    await store.connections.update('conn_1', { lastError: null, status: 'needs_reauth' });
    expect((await resolve(store)).conn?.status).toBe('needs_reauth');
    expect(other.heard).toEqual([{ kind: 'connection', id: 'conn_1', accountId: A.accountId, mode: A.mode, endUserId: 'eu_1', provider: 'prov_x' }]);
  });

  it('concurrent misses for one key share one store read', async () => {
    const { store, reads: r } = cached({ base: inner });
    await seed(store);
    const all = await Promise.all(Array.from({ length: 20 }, () => store.connections.findCurrent(A, 'eu_1', 'prov_x')));
    expect(new Set(all.map((c) => c?.id))).toEqual(new Set(['conn_1']));
    expect(r.findCurrent).toHaveBeenCalledTimes(1);
  });

  it('serves nothing from memory while the bus is down (changes may go unheard), and is emptied when it goes down', async () => {
    const hub = new FakeBusHub();
    const bus = hub.bus();
    const { store, reads: r } = cached({ base: inner, bus });
    await seed(store);
    await resolve(store);
    bus.up = false;
    bus.deliver({ kind: 'all' });
    await resolve(store);
    await resolve(store);
    expect(r.findCurrent).toHaveBeenCalledTimes(3);
    bus.up = true;
    await resolve(store);
    await resolve(store);
    expect(r.findCurrent).toHaveBeenCalledTimes(4);
  });

  it('a fresher record read by id (the token manager under its lock) replaces a stale cached one', async () => {
    const { store, reads: r } = cached({ base: inner, ttlMs: 3_600_000 });
    await seed(store);
    await resolve(store);
    // Another process refreshed and its message was lost: the store has version 2, the cache version 1.
    await inner.connections.updateCredentials('conn_1', 1, 'v1.k1.refreshed', {});
    expect((await resolve(store)).conn?.credentialsVersion).toBe(1);
    expect((await store.connections.getById('conn_1'))?.credentialsVersion).toBe(2);
    expect((await resolve(store)).conn?.credentialsVersion).toBe(2);
    expect(r.findCurrent).toHaveBeenCalledTimes(2);
  });

  it('counts hits and misses by kind only (no account or end user in the labels), and invalidations by origin', async () => {
    const registry = new client.Registry();
    const hub = new FakeBusHub();
    const { store } = cached({ base: inner, registry, bus: hub.bus() });
    const writer = cached({ base: inner, bus: hub.bus() });
    await seed(store);
    for (let i = 0; i < 3; i++) await resolve(store);
    await writer.store.connections.update('conn_1', { scopes: ['read'] });
    const text = await registry.metrics();
    expect(text).toContain('gateway_resolution_cache_lookups_total{kind="end_user",outcome="miss"} 1');
    expect(text).toContain('gateway_resolution_cache_lookups_total{kind="end_user",outcome="hit"} 2');
    expect(text).toContain('gateway_resolution_cache_lookups_total{kind="connection",outcome="miss"} 1');
    expect(text).toContain('gateway_resolution_cache_lookups_total{kind="connection",outcome="hit"} 2');
    expect(text).toMatch(/gateway_resolution_cache_invalidations_total\{origin="local"\} \d+/);
    expect(text).toContain('gateway_resolution_cache_invalidations_total{origin="remote"} 1');
    expect(text).not.toContain(A.accountId);
  });

  it('stays bounded: past maxEndUsers the oldest end user goes first', () => {
    const cache = new ResolutionCache({ ttlMs: 60_000, maxEndUsers: 2, now: clock });
    for (const eu of ['eu_1', 'eu_2', 'eu_3']) cache.putConnection(cache.ticket(), A, eu, 'prov_x', connection(A, `conn_${eu}`, { endUserId: eu }));
    expect(cache.size).toBe(2);
    expect(cache.connection(A, 'eu_1', 'prov_x')).toBeUndefined();
    expect(cache.connection(A, 'eu_3', 'prov_x')?.id).toBe('conn_eu_3');
    expect(cache.connectionById('conn_eu_1')).toBeUndefined();
  });
});
