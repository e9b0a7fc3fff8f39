import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { connectViaSandbox } from '../helpers/connect-via-sandbox';
import { createProviderClient } from '../../src/provider-http/provider-client';
import { GatewayMetrics } from '../../src/http/metrics';
import { openStore } from '../../src/store';
import type { Connection, Scope } from '../../src/store/types';
import { GatewayError } from '../../src/errors';
import { rateLimitedError } from '../../src/provider-http/error-factory';
import type { ProviderErrorResponse } from '../../src/provider-sdk/define-provider';

describe('provider client resilience', () => {
  let gw: TestGateway;
  let key: string;
  let scope: Scope;
  let n = 0;

  beforeAll(async () => {
    gw = await startTestGateway();
    const a = await gw.newAccount();
    key = a.testKey;
    scope = { accountId: a.accountId, mode: 'test' };
  });
  afterAll(() => gw.stop());
  afterEach(() => {
    for (const p of ['hubspot', 'pipedrive']) gw.deps.providerClient.policies.override(p, null);
  });

  const kit = (provider: string) => gw.deps.sandboxes!.get(provider)!.kit;
  const persons = (eu: string) => gw.call('GET', `/v1/passthrough/api/v2/persons?limit=1&provider=pipedrive&endUserId=${eu}`, { key });
  const contacts = (eu: string, path = '/crm/v3/objects/contacts?limit=1') =>
    gw.call('GET', `/v1/passthrough${path}${path.includes('?') ? '&' : '?'}provider=hubspot&endUserId=${eu}`, { key });
  const connect = async (provider: string) => {
    const eu = `eu${++n}`;
    const c = await connectViaSandbox(gw, scope, eu, provider);
    return { eu, ...c };
  };

  describe('429s', () => {
    it('a 429 with Retry-After is retried after the wait and succeeds', async () => {
      const { eu, account } = await connect('pipedrive');
      kit('pipedrive').injectFault(account, 'rate_limit', { count: 1, retryAfterSeconds: 1 });
      const started = Date.now();
      const res = await persons(eu);
      expect(res.status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      const stats = kit('pipedrive').stats.get(account);
      expect(stats.rateLimited).toBe(1);
      expect(stats.requests['GET /api/v2/persons']).toBe(2);
    });

    it('a 429 storm longer than the deadline ends in PROVIDER_RATE_LIMITED with Retry-After', async () => {
      const { eu, account } = await connect('pipedrive');
      gw.deps.providerClient.policies.override('pipedrive', { deadlineMs: 1500 });
      kit('pipedrive').injectFault(account, 'rate_limit', { durationSeconds: 60, retryAfterSeconds: 1 });
      try {
        const res = await persons(eu);
        expect(res.status).toBe(429);
        expect(res.body.error.code).toBe('PROVIDER_RATE_LIMITED');
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        expect(kit('pipedrive').stats.get(account).rateLimited).toBe(2);
      } finally {
        kit('pipedrive').faults.clear(account);
      }
    });
  });

  describe('writes', () => {
    it('a write is retried after a 5xx only where the provider honours an idempotency key (derived from ours)', async () => {
      const keyed = await connect('42min');
      kit('42min').injectFault(keyed.account, 'server_error', { count: 1 });
      const res = await gw.call('POST', `/v1/passthrough/v1/bookings?provider=42min&endUserId=${keyed.eu}`, {
        key, body: { note: 'not a valid booking' }, headers: { 'idempotency-key': 'caller-key-1' },
      });
      // The retry reached validation: the provider saw our derived key (it refuses keyless writes).
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).not.toContain('missing_idempotency_key');
      expect(kit('42min').stats.get(keyed.account).requests['POST /v1/bookings']).toBe(2);

      const plain = await connect('hubspot');
      kit('hubspot').injectFault(plain.account, 'server_error', { count: 1 });
      const res2 = await gw.call('POST', `/v1/passthrough/crm/v3/objects/contacts?provider=hubspot&endUserId=${plain.eu}`, {
        key, body: { properties: { email: 'x@example.com' } },
      });
      expect(res2.status).toBe(503);
      expect(res2.body.error.code).toBe('PROVIDER_UNAVAILABLE');
      expect(kit('hubspot').stats.get(plain.account).requests['POST /crm/v3/objects/contacts']).toBe(1);
    });
  });

  describe('a provider\'s classifyError hook', () => {
    // What a provider folder would supply: odd bodies only it sends (here: Salesforce-shaped arrays).
    const codeOf = (r: ProviderErrorResponse) => (Array.isArray(r.body) ? (r.body[0] as { errorCode?: string }).errorCode : undefined);
    const classifyError = (r: ProviderErrorResponse): GatewayError | null => {
      if (r.status === 403 && codeOf(r) === 'REQUEST_LIMIT_EXCEEDED') return rateLimitedError('salesforce', 1);
      if (r.status === 401 && codeOf(r) === 'INVALID_SESSION_ID') return new GatewayError('PROVIDER_AUTH_FAILED', { message: 'not a REST session' });
      return null;
    };
    let restore: () => void;
    beforeEach(() => {
      const def = gw.deps.registry.get('salesforce')!;
      const original = def.adapter;
      def.adapter = { ...original, classifyError };
      restore = () => { def.adapter = original; };
    });
    afterEach(() => restore());
    const query = (eu: string) => gw.call('GET', `/v1/passthrough/services/data/v62.0/query?q=SELECT+Id+FROM+Contact+LIMIT+1&provider=salesforce&endUserId=${eu}`, { key });

    it('a 403 it calls a rate limit is retried like a 429', async () => {
      const { eu, account } = await connect('salesforce');
      kit('salesforce').injectFault(account, 'rate_limit', { count: 1 });
      expect((await query(eu)).status).toBe(200);
      expect(kit('salesforce').stats.get(account).rateLimited).toBe(1);
    });

    it('a 401 it classifies is not answered with a refresh (no loop)', async () => {
      const { eu, account } = await connect('salesforce');
      kit('salesforce').injectFault(account, 'expire_token');
      const res = await query(eu);
      expect(res.status).toBe(502);
      expect(res.body.error.code).toBe('PROVIDER_AUTH_FAILED');
      expect(kit('salesforce').stats.get(account).refreshes).toBe(0);
    });
  });

  describe('circuit breaker', () => {
    const breakerPolicy = { breaker: { volumeThreshold: 3, errorThresholdPercentage: 50, resetTimeoutMs: 400, rollingCountTimeoutMs: 10_000 }, retry: { retries: 0 } };

    it('opens on consecutive 5xx, fails fast with CIRCUIT_OPEN, and a probe after the reset time closes it', async () => {
      const { eu, account, connection } = await connect('hubspot');
      const client = gw.deps.providerClient;
      const key = client.http.resilienceKeyOf(connection);
      client.policies.override('hubspot', breakerPolicy);
      kit('hubspot').injectFault(account, 'server_error', { count: 3 });
      for (let i = 0; i < 3; i++) {
        const res = await contacts(eu);
        expect(res.status).toBe(503);
        expect(res.body.error.code).toBe('PROVIDER_UNAVAILABLE');
      }
      expect(client.breakers.state(key)).toBe('open');
      const sent = kit('hubspot').stats.get(account).totalRequests;

      const conn = (await gw.deps.store.connections.getById(connection.id)) as Connection;
      // Fail fast is shown by what did not happen (no token read, no request reaching the sandbox),
      // not by a wall-clock bound that a loaded machine can miss.
      const tokenReads = jest.spyOn(gw.deps.providerClient.tokens, 'getAccessToken');
      const err = await client.http.request(conn, { method: 'GET', path: '/crm/v3/objects/contacts' }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'CIRCUIT_OPEN', status: 503 });
      expect(tokenReads).not.toHaveBeenCalled();
      tokenReads.mockRestore();

      const res = await contacts(eu);
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('CIRCUIT_OPEN');
      expect(res.body.error.details.provider).toBe('hubspot');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(kit('hubspot').stats.get(account).totalRequests).toBe(sent);

      await new Promise((r) => setTimeout(r, 450)); // the (shrunk) reset time
      expect(client.breakers.state(key)).toBe('half-open');
      expect((await contacts(eu)).status).toBe(200);
      expect(client.breakers.state(key)).toBe('closed');
      const metrics = await gw.deps.metrics.registry.getSingleMetricAsString('gateway_provider_breaker_transitions_total');
      expect(metrics).toMatch(/state="open"} 1/);
    });

    it('4xx answers never open it', async () => {
      const { eu, connection } = await connect('hubspot');
      gw.deps.providerClient.policies.override('hubspot', breakerPolicy);
      for (let i = 0; i < 8; i++) expect((await contacts(eu, '/crm/v3/objects/contacts/424242424242')).status).toBe(404);
      expect(gw.deps.providerClient.breakers.state(gw.deps.providerClient.http.resilienceKeyOf(connection))).toBe('closed');
      expect((await contacts(eu)).status).toBe(200);
    });
  });

  describe('rate budget', () => {
    // Sandbox: 10 per 1 s window; we keep 20% back → 8 per second, spaced 125 ms apart.
    const small = { rateLimit: { requests: 10, intervalMs: 1000, margin: 0.2 }, deadlineMs: 1500 };

    it('a burst 4× the budget reaches the sandbox with zero 429s; the rest ends in PROVIDER_RATE_LIMITED at its deadline', async () => {
      const { eu, account } = await connect('pipedrive');
      kit('pipedrive').limits.configure(account, 'burst', { max: 10, windowMs: 1000 });
      gw.deps.providerClient.policies.override('pipedrive', small);
      const results = await Promise.all(Array.from({ length: 40 }, () => persons(eu)));
      const ok = results.filter((r) => r.status === 200).length;
      const limited = results.filter((r) => r.status === 429);
      expect(ok + limited.length).toBe(40);
      expect(ok).toBeGreaterThanOrEqual(8);
      for (const r of limited) {
        expect(r.body.error.code).toBe('PROVIDER_RATE_LIMITED');
        expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      }
      expect(kit('pipedrive').stats.get(account).rateLimited).toBe(0);
    });

    it('the provider\'s rate headers pause a connection whose real budget is smaller than the manifest says', async () => {
      const { eu, account } = await connect('pipedrive');
      // The account's real window (5 per second) is far below what the policy believes (18 per second).
      kit('pipedrive').limits.configure(account, 'burst', { max: 5, windowMs: 1000 });
      gw.deps.providerClient.policies.override('pipedrive', { rateLimit: { requests: 20, intervalMs: 1000, margin: 0.1 }, deadlineMs: 5000 });
      // The first five go one after another, so the fifth answer (remaining: 0) is seen before more are sent.
      const first: number[] = [];
      for (let i = 0; i < 5; i += 1) first.push((await persons(eu)).status);
      const rest = await Promise.all(Array.from({ length: 3 }, () => persons(eu)));
      expect([...first, ...rest.map((r) => r.status)]).toEqual(Array(8).fill(200));
      expect(kit('pipedrive').stats.get(account).rateLimited).toBe(0);
    });

    it('a queue deeper than its bound is refused at once', async () => {
      const { eu, account } = await connect('pipedrive');
      kit('pipedrive').limits.configure(account, 'burst', { max: 10, windowMs: 1000 });
      gw.deps.providerClient.policies.override('pipedrive', { ...small, maxQueue: 3 });
      const results = await Promise.all(Array.from({ length: 10 }, () => persons(eu)));
      const refused = results.filter((r) => r.status === 429);
      expect(refused.length).toBeGreaterThanOrEqual(5);
      expect(refused.every((r) => r.body.error.details.reason === 'queue_full' || r.body.error.details.reason === 'deadline')).toBe(true);
      expect(kit('pipedrive').stats.get(account).rateLimited).toBe(0);
    });

    it('two processes sharing Redis keep to one budget (skipped without REDIS_URL)', async () => {
      const redisUrl = process.env.REDIS_URL;
      if (!redisUrl) {
        // eslint-disable-next-line no-console
        console.log('skipped: REDIS_URL is not set, so clustered limiters are not exercised');
        return;
      }
      const { connection, account } = await connect('pipedrive');
      kit('pipedrive').limits.configure(account, 'burst', { max: 10, windowMs: 1000 });
      const stores = [gw.deps.store, await openStore({ dataDir: gw.dataDir })];
      const clients = stores.map((store) => {
        const c = createProviderClient({ ...gw.deps, store, config: { redisUrl }, metrics: new GatewayMetrics({ collectDefaults: false }) });
        c.policies.override('pipedrive', small);
        return c;
      });
      try {
        const conn = (await gw.deps.store.connections.getById(connection.id)) as Connection;
        const results = await Promise.all(clients.flatMap((c) => Array.from({ length: 15 }, () =>
          c.http.request(conn, { method: 'GET', path: '/api/v2/persons', query: { limit: 1 } }).then((r) => r.status, (e: { code: string }) => e.code))));
        expect(results.every((r) => r === 200 || r === 'PROVIDER_RATE_LIMITED')).toBe(true);
        expect(results.filter((r) => r === 200).length).toBeGreaterThanOrEqual(8);
        expect(kit('pipedrive').stats.get(account).rateLimited).toBe(0);
      } finally {
        for (const c of clients) await c.shutdown();
        await stores[1].close();
      }
    });
  });

  it('exports provider metrics', async () => {
    const text = await gw.deps.metrics.registry.metrics();
    for (const name of ['gateway_provider_requests_total', 'gateway_provider_request_duration_seconds', 'gateway_provider_retries_total',
      'gateway_provider_breaker_state', 'gateway_provider_limiter_queue_depth']) expect(text).toContain(name);
    expect(text).toMatch(/gateway_provider_requests_total\{provider="pipedrive",outcome="2xx"\} \d+/);
    expect(text).toMatch(/gateway_provider_retries_total\{provider="pipedrive",reason="retry-after"\} \d+/);
  });
});
