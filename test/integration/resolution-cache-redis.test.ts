import { randomBytes } from 'node:crypto';
import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { forkGateway, type GatewayProcess } from '../helpers/gateway-process';
import { connectViaSandbox } from '../helpers/connect-via-sandbox';
import { resolutionInvalidations, resolutionLookups } from '../helpers/resolution-metrics';
import { until } from '../helpers/wait';
import type { Scope } from '../../src/store/types';

/**
 * Two real gateway processes — this one (A) and a forked dist/src/main.js (B) — on one sqlite file,
 * one ENCRYPTION_KEY and one Redis, both caching resolutions for ten minutes. B has served a
 * connection (from memory: a cache hit is counted); A changes it; once B has heard of it (its
 * remote-invalidation counter moves: A's write answers before Redis has necessarily handed the
 * message to B, so "heard" is awaited, not assumed) B's very next call sees the change, because A
 * told it over Redis, not because a TTL ran out. A token refresh made by A does
 * not make B's next call fail, nor cost it a rejected request at the provider. Skipped, saying why,
 * without REDIS_URL.
 */
const redisUrl = process.env.REDIS_URL;
const KEY = randomBytes(32).toString('base64');
const TTL = '600000';

let a: TestGateway | undefined;
let b: GatewayProcess | undefined;

afterAll(async () => {
  if (b && b.child.exitCode === null && b.child.signalCode === null) b.child.kill('SIGTERM');
  await b?.exited();
  await a?.stop();
});

if (!redisUrl) {
  it('resolution cache across two processes (skipped: REDIS_URL is not set)', () => {
    // eslint-disable-next-line no-console
    console.log('Two-process resolution cache test skipped: REDIS_URL is not set (CI sets it)');
  });
} else {
  describe('resolution cache across two gateway processes sharing Redis', () => {
    let key: string;
    let scope: Scope;

    beforeAll(async () => {
      a = await startTestGateway({ ENCRYPTION_KEY: KEY, REDIS_URL: redisUrl, RESOLUTION_CACHE_TTL_MS: TTL, RATE_LIMIT_PER_KEY: '100000' });
      b = await forkGateway({
        DATA_DIR: a.dataDir, ENCRYPTION_KEY: KEY, REDIS_URL: redisUrl, RESOLUTION_CACHE_TTL_MS: TTL, RATE_LIMIT_PER_KEY: '100000',
        SANDBOX_BASE_URL: `${a.url}/sandbox/{provider}`,
      });
      const acct = await a.newAccount();
      key = acct.testKey;
      scope = { accountId: acct.accountId, mode: 'test' };
    });

    const call = async (base: string, method: string, p: string) => {
      const res = await fetch(`${base}${p}`, { method, headers: { authorization: `Bearer ${key}` } });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : undefined) as any };
    };
    const passthrough = (base: string, endUserId: string) =>
      call(base, 'GET', `/v1/passthrough/crm/v3/objects/contacts?limit=1&provider=hubspot&endUserId=${endUserId}`);

    /**
     * Runs A's change, lets A's background work after it settle (a new connection's identify hook
     * changes it again), then waits until B has heard every change A announced (a bound on a hang,
     * not a timing assertion): otherwise a late announcement could drop what B cached next.
     */
    async function changedInA<T>(change: () => Promise<T>): Promise<T> {
      const heard = await resolutionInvalidations(b!.url, 'remote');
      const made = await resolutionInvalidations(a!.url, 'local');
      const result = await change();
      await a!.deps.events.settled();
      const told = Math.max(1, (await resolutionInvalidations(a!.url, 'local')) - made);
      await until(async () => (await resolutionInvalidations(b!.url, 'remote')) - heard >= told);
      return result;
    }

    /** B serves the end user's connection twice: the second time from memory. */
    async function cachedInB(endUserId: string): Promise<void> {
      expect((await passthrough(b!.url, endUserId)).status).toBe(200);
      const before = await resolutionLookups(b!.url);
      expect((await passthrough(b!.url, endUserId)).status).toBe(200);
      const after = await resolutionLookups(b!.url);
      expect(after.connection.hit - before.connection.hit).toBe(1);
      expect(after.connection.miss - before.connection.miss).toBe(0);
    }

    it('a connection deleted in A is CONNECTION_NOT_FOUND in B at once', async () => {
      const { connection } = await changedInA(() => connectViaSandbox(a!, scope, 'eu-del', 'hubspot'));
      await cachedInB('eu-del');
      await changedInA(async () => expect((await call(a!.url, 'DELETE', `/v1/connections/${connection.id}`)).status).toBe(204));
      const res = await passthrough(b!.url, 'eu-del');
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('CONNECTION_NOT_FOUND');
    });

    it('a connection A marks needs_reauth is NEEDS_REAUTH in B at once', async () => {
      const { connection } = await changedInA(() => connectViaSandbox(a!, scope, 'eu-reauth', 'hubspot'));
      await cachedInB('eu-reauth');
      await changedInA(async () => { await a!.deps.store.connections.update(connection.id, { status: 'needs_reauth' }); });
      expect((await passthrough(b!.url, 'eu-reauth')).body.error.code).toBe('NEEDS_REAUTH');
    });

    it('an end user deleted in A is END_USER_NOT_FOUND in B at once', async () => {
      await changedInA(() => connectViaSandbox(a!, scope, 'eu-user-del', 'hubspot'));
      await cachedInB('eu-user-del');
      await changedInA(async () => expect((await call(a!.url, 'DELETE', '/v1/end-users/eu-user-del')).status).toBe(204));
      const res = await passthrough(b!.url, 'eu-user-del');
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('END_USER_NOT_FOUND');
    });

    it('a token refresh in A: B\'s next call uses the new token at once (one provider request, no 401, no second refresh)', async () => {
      const { account } = await changedInA(() => connectViaSandbox(a!, scope, 'eu-refresh', 'hubspot'));
      expect((await passthrough(a!.url, 'eu-refresh')).status).toBe(200);
      await cachedInB('eu-refresh');
      const kit = a!.deps.sandboxes!.get('hubspot')!.kit;
      // Every token issued so far is now expired at the provider, the one B holds in memory too.
      kit.injectFault(account, 'expire_token');
      const refreshesBefore = kit.stats.get(account).refreshes;
      await changedInA(async () => expect((await passthrough(a!.url, 'eu-refresh')).status).toBe(200));
      expect(kit.stats.get(account).refreshes - refreshesBefore).toBe(1);

      // B's call, as the sandbox (served by A) receives it.
      const seen: number[] = [];
      const listener = (req: { url?: string }, res: { once(e: 'finish', f: () => void): void; statusCode: number }) => {
        if (req.url?.startsWith('/sandbox/hubspot/crm/')) res.once('finish', () => seen.push(res.statusCode));
      };
      a!.server.server.prependListener('request', listener);
      try {
        expect((await passthrough(b!.url, 'eu-refresh')).status).toBe(200);
      } finally {
        a!.server.server.removeListener('request', listener);
      }
      expect(seen).toEqual([200]);
      expect(kit.stats.get(account).refreshes - refreshesBefore).toBe(1);
    });
  });
}
