import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { connectViaSandbox, expireStoredToken } from '../helpers/connect-via-sandbox';
import { createProviderClient, type ProviderClient } from '../../src/provider-http/provider-client';
import { GatewayMetrics } from '../../src/http/metrics';
import { openStore } from '../../src/store';
import type { Connection, Scope, Store } from '../../src/store/types';
import type { OAuthCredentials } from '../../src/connections/credentials';

/** Paths that any fresh sandbox account answers 200 on. */
const READ: Record<string, string> = {
  hubspot: '/crm/v3/objects/contacts?limit=1',
  salesforce: '/services/data/v62.0/query?q=SELECT+Id+FROM+Contact+LIMIT+1',
  pipedrive: '/api/v2/persons?limit=1',
};

describe('token manager: refresh single-flight', () => {
  let gw: TestGateway;
  let key: string;
  let scope: Scope;
  let n = 0;

  beforeAll(async () => {
    gw = await startTestGateway();
    const a = await gw.newAccount();
    key = a.testKey;
    scope = { accountId: a.accountId, mode: 'test' };
    // A roomy budget so 50 calls do not queue for seconds behind the default spacing.
    for (const p of Object.keys(READ)) gw.deps.providerClient.policies.override(p, { rateLimit: { requests: 2000, intervalMs: 1000 } });
  });
  afterAll(() => gw.stop());

  const kit = (provider: string) => gw.deps.sandboxes!.get(provider)!.kit;
  const call = (provider: string, endUserId: string) => {
    const path = READ[provider];
    return gw.call('GET', `/v1/passthrough${path}${path.includes('?') ? '&' : '?'}provider=${provider}&endUserId=${endUserId}`, { key });
  };
  const burst = (provider: string, endUserId: string, count: number) => Promise.all(Array.from({ length: count }, () => call(provider, endUserId)));
  const stored = async (id: string) => {
    const c = (await gw.deps.store.connections.getById(id))!;
    return { connection: c, creds: gw.deps.cipher.decryptJson<OAuthCredentials>(c.credentials) };
  };

  it('hubspot: 50 concurrent calls on an expired token → exactly one refresh, all succeed', async () => {
    const eu = `eu${++n}`;
    const { connection, account } = await connectViaSandbox(gw, scope, eu, 'hubspot');
    await expireStoredToken(gw, connection.id);
    kit('hubspot').injectFault(account, 'expire_token');
    const results = await burst('hubspot', eu, 50);
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(kit('hubspot').stats.get(account).refreshes).toBe(1);
    const after = await stored(connection.id);
    expect(after.connection.lastRefreshedAt).not.toBeNull();
    // HubSpot sends no new refresh token on refresh; the old one must survive (simple-oauth2 bug).
    expect(after.creds.refreshToken).toBeTruthy();
  });

  it('salesforce (no expires_in): 50 concurrent 401s → one refresh, one retry each, all succeed', async () => {
    const eu = `eu${++n}`;
    const { account, accessToken } = await connectViaSandbox(gw, scope, eu, 'salesforce');
    kit('salesforce').injectFault(account, 'expire_token');
    const results = await burst('salesforce', eu, 50);
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(kit('salesforce').stats.get(account).refreshes).toBe(1);
    const again = await burst('salesforce', eu, 3);
    expect(again.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(kit('salesforce').stats.get(account).refreshes).toBe(1);
    expect(gw.logs.text()).not.toContain(accessToken);
  });

  it('pipedrive (rotating refresh token): never presents a spent refresh token', async () => {
    const eu = `eu${++n}`;
    const { connection, account } = await connectViaSandbox(gw, scope, eu, 'pipedrive');
    const first = (await stored(connection.id)).creds.refreshToken;
    for (let round = 1; round <= 3; round++) {
      await expireStoredToken(gw, connection.id);
      kit('pipedrive').injectFault(account, 'expire_token');
      const results = await burst('pipedrive', eu, round === 1 ? 50 : 10);
      expect(results.map((r) => r.status)).toEqual(Array(results.length).fill(200));
      expect(kit('pipedrive').stats.get(account).refreshes).toBe(round);
    }
    const after = await stored(connection.id);
    expect(after.connection.status).toBe('active');
    expect(after.creds.refreshToken).not.toBe(first);
    // A spent token would have been invalid_grant → needs_reauth: none happened.
    expect(after.connection.lastError).toBeNull();
  });

  it('a revoked refresh token → 403 NEEDS_REAUTH, connection needs_reauth, event emitted once', async () => {
    const eu = `eu${++n}`;
    const { connection, account } = await connectViaSandbox(gw, scope, eu, 'hubspot');
    const events: string[] = [];
    gw.deps.events.on((type, c) => { if (c.id === connection.id) events.push(type); });
    kit('hubspot').injectFault(account, 'revoke_token');
    await expireStoredToken(gw, connection.id);
    const results = await burst('hubspot', eu, 10);
    for (const r of results) {
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('NEEDS_REAUTH');
    }
    await gw.deps.events.settled();
    expect(events).toEqual(['connection.needs_reauth']);
    expect((await stored(connection.id)).connection.status).toBe('needs_reauth');
    // Later calls answer at once, without asking the provider again.
    const before = kit('hubspot').stats.get(account).totalRequests;
    expect((await call('hubspot', eu)).body.error.code).toBe('NEEDS_REAUTH');
    expect(kit('hubspot').stats.get(account).totalRequests).toBe(before);
  });

  it('a 401 that survives the refresh is 502 PROVIDER_AUTH_FAILED', async () => {
    const eu = `eu${++n}`;
    const { connection, account } = await connectViaSandbox(gw, scope, eu, 'pipedrive');
    // Every access token the sandbox issues from now on is dead on arrival: expire continuously.
    const tokens = kit('pipedrive').tokens;
    const original = tokens.verifyAccess.bind(tokens);
    tokens.verifyAccess = (t: string) => (tokens.accountOf(t) === account ? { ok: false, error: 'expired' } : original(t));
    try {
      const res = await call('pipedrive', eu);
      expect(res.status).toBe(502);
      expect(res.body.error.code).toBe('PROVIDER_AUTH_FAILED');
      expect(kit('pipedrive').stats.get(account).refreshes).toBe(1);
      expect((await stored(connection.id)).connection.status).toBe('active');
    } finally {
      tokens.verifyAccess = original;
    }
  });

  describe('two gateway processes sharing one store (and Redis when REDIS_URL is set)', () => {
    const variants: [string, string | null][] = [['store lease', null], ['redis', process.env.REDIS_URL ?? null]];

    it.each(variants)('%s: 2 × 25 concurrent calls on an expired token → one refresh', async (name, redisUrl) => {
      if (name === 'redis' && !redisUrl) {
        // eslint-disable-next-line no-console
        console.log('skipped: REDIS_URL is not set, so the Redis refresh lock and clustered limiters are not exercised');
        return;
      }
      const clients: { client: ProviderClient; store: Store }[] = [];
      for (let i = 0; i < 2; i++) {
        // A second store handle on the same sqlite file stands for a second process.
        const store = i === 0 ? gw.deps.store : await openStore({ dataDir: gw.dataDir });
        const client = createProviderClient({
          ...gw.deps, store, config: { redisUrl }, metrics: new GatewayMetrics({ collectDefaults: false }),
        });
        client.policies.override('pipedrive', { rateLimit: { requests: 2000, intervalMs: 1000 } });
        clients.push({ client, store });
      }
      try {
        const eu = `eu${++n}`;
        const { connection, account } = await connectViaSandbox(gw, scope, eu, 'pipedrive');
        await expireStoredToken(gw, connection.id);
        kit('pipedrive').injectFault(account, 'expire_token');
        const conn = (await gw.deps.store.connections.getById(connection.id)) as Connection;
        const calls = clients.flatMap(({ client }) => Array.from({ length: 25 }, () =>
          client.http.request(conn, { method: 'GET', path: '/api/v2/persons', query: { limit: 1 } })));
        const results = await Promise.all(calls);
        expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
        expect(kit('pipedrive').stats.get(account).refreshes).toBe(1);
        expect((await stored(connection.id)).connection.status).toBe('active');
      } finally {
        for (const { client, store } of clients) {
          await client.shutdown();
          if (store !== gw.deps.store) await store.close();
        }
      }
    });
  });
});
