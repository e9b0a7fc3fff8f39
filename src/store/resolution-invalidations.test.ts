import { createServer, type Server } from 'node:net';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RedisInvalidationBus } from './resolution-invalidations';
import { withResolutionCache } from './cached-resolution';
import { ResolutionCache, type Invalidation } from './resolution-cache';
import { createSqliteStore } from './sqlite/sqlite-store';
import { A, at, connection } from './contract/contract-kit';

const redisUrl = process.env.REDIS_URL;

describe('Redis invalidation bus', () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'gateway-bus-')); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('with Redis unreachable: never live (so nothing is served from memory), writes still succeed, the outage is reported once', async () => {
    // A port that accepts and closes at once: every connection attempt fails.
    const server: Server = createServer((s) => s.destroy());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    const trouble: string[] = [];
    const bus = new RedisInvalidationBus(`redis://127.0.0.1:${port}`, (_err, what) => trouble.push(what));
    const inner = createSqliteStore({ file: join(dir, 'down.sqlite') });
    const findCurrent = jest.spyOn(inner.connections, 'findCurrent');
    const store = withResolutionCache(inner, new ResolutionCache({ ttlMs: 60_000 }), { bus });
    try {
      await store.endUsers.upsert(A, 'eu_1', {}, at(0));
      await store.connections.create(connection(A, 'conn_1'));
      for (let i = 0; i < 3; i++) expect((await store.connections.findCurrent(A, 'eu_1', 'prov_x'))?.id).toBe('conn_1');
      expect(findCurrent).toHaveBeenCalledTimes(3);
      expect(bus.live()).toBe(false);
      expect(trouble.length).toBe(1);
    } finally {
      await store.close();
      server.close();
    }
  });

  (redisUrl ? it : it.skip)('with REDIS_URL: each process hears the others\' changes, not its own', async () => {
    const channel = `gw:test:${randomBytes(6).toString('hex')}`;
    const one = new RedisInvalidationBus(redisUrl!, undefined, channel);
    const two = new RedisInvalidationBus(redisUrl!, undefined, channel);
    const heardOne: Invalidation[] = [];
    const heardTwo: Invalidation[] = [];
    one.subscribe((c) => heardOne.push(c));
    two.subscribe((c) => heardTwo.push(c));
    try {
      await Promise.all([one.ready(), two.ready()]);
      const change: Invalidation = { kind: 'end_user', accountId: 'acc_1', mode: 'live', endUserId: 'eu_1' };
      await one.publish(change);
      await two.publish({ kind: 'all' });
      // A marker after both: once `one` hears it, everything published before it has arrived.
      await two.publish({ kind: 'connection', id: 'marker' });
      while (!heardOne.some((c) => c.kind === 'connection')) await new Promise((r) => setTimeout(r, 5));
      while (heardTwo.length < 1) await new Promise((r) => setTimeout(r, 5));
      expect(heardTwo).toEqual([change]);
      expect(heardOne).toEqual([{ kind: 'all' }, { kind: 'connection', id: 'marker' }]);
    } finally {
      await one.close();
      await two.close();
    }
  });

  if (!redisUrl) {
    it('(the cross-process case above is skipped: REDIS_URL is not set)', () => {
      // eslint-disable-next-line no-console
      console.log('Redis invalidation bus test skipped: REDIS_URL is not set (CI sets it)');
    });
  }
});
