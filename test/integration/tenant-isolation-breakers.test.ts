import nock from 'nock';
import { randomBytes } from 'node:crypto';
import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { connectViaSandbox } from '../helpers/connect-via-sandbox';
import type { Connection, Scope } from '../../src/store/types';
import type { OAuthCredentials } from '../../src/connections/credentials';

/**
 * Issue 11 §1 (API.md § Resilience keys): a breaker opened by one tenant's failures stops that
 * tenant's upstream only. Test traffic is keyed by sandbox account, live traffic by upstream host,
 * and test traffic never touches a live breaker. Everything goes over HTTP to a real gateway; the
 * live provider hosts are nocked (the gateway runs in this process, so its provider calls are seen).
 */
describe('tenant isolation of circuit breakers', () => {
  let gw: TestGateway;
  let a: { accountId: string; liveKey: string; testKey: string };
  let b: { accountId: string; liveKey: string; testKey: string };
  // Small enough to open in three calls, and open for the whole test once it is.
  const breakerPolicy = { breaker: { volumeThreshold: 3, errorThresholdPercentage: 50, resetTimeoutMs: 60_000, rollingCountTimeoutMs: 10_000 }, retry: { retries: 0 } };

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect((host: string) => host.startsWith('127.0.0.1') || host.startsWith('localhost'));
    gw = await startTestGateway();
    a = await gw.newAccount('Tenant A');
    b = await gw.newAccount('Tenant B');
  });
  afterEach(() => {
    nock.cleanAll();
    for (const p of ['hubspot', 'pipedrive']) gw.deps.providerClient.policies.override(p, null);
  });
  afterAll(async () => {
    await gw.stop();
    nock.enableNetConnect();
    nock.restore();
  });

  const passthrough = (key: string, provider: string, endUserId: string, path: string) =>
    gw.call('GET', `/v1/passthrough${path}${path.includes('?') ? '&' : '?'}provider=${provider}&endUserId=${endUserId}`, { key });
  const health = async (key: string, connectionId: string) => {
    const res = await gw.call('GET', `/v1/connections/${connectionId}`, { key });
    expect(res.status).toBe(200);
    return res.body.data.health.breaker as string;
  };

  /** A live-mode connection as the OAuth callback would store it, with a token that needs no refresh. */
  async function liveConnection(accountId: string, endUserId: string, provider: string, metadata: Record<string, string> = {}): Promise<Connection> {
    const scope: Scope = { accountId, mode: 'live' };
    const now = new Date().toISOString();
    const credentials: OAuthCredentials = {
      type: 'oauth2', accessToken: `live-token-${randomBytes(4).toString('hex')}`, refreshToken: 'live-refresh',
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(), tokenType: 'Bearer', obtainedAt: now,
    };
    await gw.deps.store.endUsers.upsert(scope, endUserId, {}, now);
    return gw.deps.store.connections.create({
      id: `conn_${randomBytes(10).toString('hex')}`, accountId, mode: 'live', endUserId, provider, status: 'active', scopes: [],
      providerAccountId: null, providerAccountName: null, credentials: gw.deps.cipher.encryptJson(credentials), credentialsVersion: 1, metadata,
      lastError: null, createdAt: now, updatedAt: now, lastRefreshedAt: null, lastUsedAt: null,
    } as Connection);
  }

  it('account B\'s sandbox faults open B\'s breaker only: A\'s test calls and a live call still succeed', async () => {
    gw.deps.providerClient.policies.override('hubspot', breakerPolicy);
    const connA = await connectViaSandbox(gw, { accountId: a.accountId, mode: 'test' }, 'eu-a', 'hubspot');
    const connB = await connectViaSandbox(gw, { accountId: b.accountId, mode: 'test' }, 'eu-b', 'hubspot');
    const live = await liveConnection(a.accountId, 'eu-live', 'hubspot');
    const contacts = '/crm/v3/objects/contacts?limit=1';

    // B queues one server_error at a time on its own connection and calls, until its breaker opens.
    const codes: string[] = [];
    for (let i = 0; i < 10 && codes[codes.length - 1] !== 'CIRCUIT_OPEN'; i++) {
      const fault = await gw.call('POST', '/v1/sandbox/faults', { key: b.testKey, body: { provider: 'hubspot', endUserId: 'eu-b', fault: 'server_error', count: 1 } });
      expect(fault.status).toBe(201);
      const res = await passthrough(b.testKey, 'hubspot', 'eu-b', contacts);
      expect(res.status).toBe(503);
      codes.push(res.body.error.code);
    }
    expect(codes).toEqual(['PROVIDER_UNAVAILABLE', 'PROVIDER_UNAVAILABLE', 'PROVIDER_UNAVAILABLE', 'CIRCUIT_OPEN']);

    // A's test traffic to the same provider (same sandbox host, another sandbox account) is untouched.
    for (let i = 0; i < 3; i++) {
      const res = await passthrough(a.testKey, 'hubspot', 'eu-a', contacts);
      expect(res.status).toBe(200);
    }
    // So is live traffic: test failures never count towards a live breaker.
    const upstream = nock('https://api.hubapi.com').get('/crm/v3/objects/contacts').query(true).times(2)
      .reply(200, { results: [] }, { 'content-type': 'application/json' });
    expect((await passthrough(a.liveKey, 'hubspot', 'eu-live', contacts)).status).toBe(200);
    // B is still refused at once, without a call reaching its sandbox account.
    const sent = gw.deps.sandboxes!.get('hubspot')!.kit.stats.get(connB.account).totalRequests;
    const again = await passthrough(b.testKey, 'hubspot', 'eu-b', contacts);
    expect(again.body.error.code).toBe('CIRCUIT_OPEN');
    expect(gw.deps.sandboxes!.get('hubspot')!.kit.stats.get(connB.account).totalRequests).toBe(sent);

    // Health reports the breaker each connection actually uses.
    expect(await health(b.testKey, connB.connection.id)).toBe('open');
    expect(await health(a.testKey, connA.connection.id)).toBe('closed');
    expect(await health(a.liveKey, live.id)).toBe('closed');

    // And so do the metrics, labelled by upstream.
    const metrics = (await fetch(`${gw.url}/metrics`).then((r) => r.text())).split('\n');
    const state = (upstreamLabel: string) => metrics.find((l) => l.startsWith(`gateway_provider_breaker_state{provider="hubspot",upstream="${upstreamLabel}"}`));
    // Test upstreams are labelled by a hash of gateway account + sandbox account: one open (B), A's closed.
    const testStates = metrics.filter((l) => l.startsWith('gateway_provider_breaker_state{provider="hubspot",upstream="test:'));
    expect(testStates.filter((l) => / 2$/.test(l))).toHaveLength(1);
    expect(testStates.some((l) => / 0$/.test(l))).toBe(true);
    expect(testStates.join('\n')).not.toContain(connB.account);
    expect(state('live:api.hubapi.com')).toMatch(/ 0$/);
    expect((await passthrough(a.liveKey, 'hubspot', 'eu-live', contacts)).status).toBe(200);
    expect(upstream.isDone()).toBe(true);
  });

  it('live: a failing upstream host (one customer\'s API domain) opens its breaker only, not the other host\'s', async () => {
    gw.deps.providerClient.policies.override('pipedrive', breakerPolicy);
    const liveA = await liveConnection(a.accountId, 'eu-pd-a', 'pipedrive', { api_domain: 'https://tenant-a.pipedrive.com' });
    const liveB = await liveConnection(b.accountId, 'eu-pd-b', 'pipedrive', { api_domain: 'https://tenant-b.pipedrive.com' });
    const down = nock('https://tenant-b.pipedrive.com').get('/api/v2/persons').query(true).times(3)
      .reply(502, { success: false, error: 'Bad gateway' }, { 'content-type': 'application/json' });
    const up = nock('https://tenant-a.pipedrive.com').get('/api/v2/persons').query(true).times(2)
      .reply(200, { success: true, data: [] }, { 'content-type': 'application/json' });

    const codes: string[] = [];
    for (let i = 0; i < 4; i++) codes.push((await passthrough(b.liveKey, 'pipedrive', 'eu-pd-b', '/api/v2/persons?limit=1')).body.error?.code);
    expect(codes).toEqual(['PROVIDER_UNAVAILABLE', 'PROVIDER_UNAVAILABLE', 'PROVIDER_UNAVAILABLE', 'CIRCUIT_OPEN']);
    expect(down.isDone()).toBe(true);

    for (let i = 0; i < 2; i++) expect((await passthrough(a.liveKey, 'pipedrive', 'eu-pd-a', '/api/v2/persons?limit=1')).status).toBe(200);
    expect(up.isDone()).toBe(true);
    expect(await health(b.liveKey, liveB.id)).toBe('open');
    expect(await health(a.liveKey, liveA.id)).toBe('closed');
  });
});
