import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { connectOAuth, mintToken } from '../helpers/connect-driver';

/**
 * Provider-independent behaviour of enrichment and connection health, shown on the HubSpot sandbox:
 * the answer cache (hit, expiry, shorter-lived misses, dropped by the gateway's own writes) and the
 * `health` of GET /v1/connections/:id. Only Date is faked (jest fake timers with every timer
 * function left real), so the HTTP stack keeps running while the cache's clock jumps.
 */
let gw: TestGateway;
let key: string;
let connectionId: string;
const endUserId = 'u-cache';

const enrich = (emails: string[]) => gw.call('POST', '/v1/enrich', { key, body: { provider: 'hubspot', endUserId, emails } });
const sandboxRequests = async (): Promise<number> =>
  (await gw.call('GET', `/v1/sandbox/stats?provider=hubspot&endUserId=${endUserId}`, { key })).body.data.totalRequests as number;
const fakeDateOnly = (): void => {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
};

beforeAll(async () => {
  gw = await startTestGateway({ RATE_LIMIT_PER_KEY: '100000' });
  ({ testKey: key } = await gw.newAccount());
  const r = await connectOAuth(gw, await mintToken(gw, key, { endUserId, providers: ['hubspot'] }), 'hubspot', 'cache-acct');
  connectionId = r.connectionId!;
});
afterAll(async () => { jest.useRealTimers(); await gw.stop(); });
afterEach(() => jest.useRealTimers());

describe('enrichment cache', () => {
  it('answers a repeated email from the cache, and asks the provider again after the TTL (60 s)', async () => {
    const email = ((await gw.call('GET', `/v1/contacts?provider=hubspot&endUserId=${endUserId}&limit=1`, { key })).body.data[0].email as string);
    fakeDateOnly();
    const t0 = await sandboxRequests();
    expect((await enrich([email])).body.data[0].match).toBe('contact');
    const t1 = await sandboxRequests();
    expect(t1).toBeGreaterThan(t0);
    expect((await enrich([email.toUpperCase()])).body.data[0].match).toBe('contact');
    expect(await sandboxRequests()).toBe(t1);
    jest.setSystemTime(Date.now() + 61_000);
    await enrich([email]);
    expect(await sandboxRequests()).toBeGreaterThan(t1);
  });

  it('keeps a miss for 10 s only', async () => {
    fakeDateOnly();
    const email = 'nobody-here@cache.example';
    await enrich([email]);
    const t1 = await sandboxRequests();
    expect((await enrich([email])).body.data[0].match).toBeNull();
    expect(await sandboxRequests()).toBe(t1);
    jest.setSystemTime(Date.now() + 11_000);
    await enrich([email]);
    expect(await sandboxRequests()).toBeGreaterThan(t1);
  });

  it('drops the cached answer when the gateway itself writes that person', async () => {
    const email = 'new-person@cache.example';
    expect((await enrich([email])).body.data[0].match).toBeNull();
    const created = await gw.call('POST', `/v1/contacts?provider=hubspot&endUserId=${endUserId}`, { key, body: { firstName: 'New', lastName: 'Person', email } });
    expect(created.status).toBe(201);
    const after = (await enrich([email])).body.data[0];
    expect(after.match).toBe('contact');
    expect(after.contact.id).toBe(created.body.data.id);
  });

  it('turns off with ENRICH_CACHE_TTL_SECONDS=0', async () => {
    const other = await startTestGateway({ ENRICH_CACHE_TTL_SECONDS: '0' });
    try {
      const { testKey } = await other.newAccount();
      await connectOAuth(other, await mintToken(other, testKey, { endUserId: 'u0', providers: ['hubspot'] }), 'hubspot', 'nocache');
      const stats = async (): Promise<number> => (await other.call('GET', '/v1/sandbox/stats?provider=hubspot&endUserId=u0', { key: testKey })).body.data.totalRequests;
      const body = { provider: 'hubspot', endUserId: 'u0', emails: ['someone@nocache.example'] };
      await other.call('POST', '/v1/enrich', { key: testKey, body });
      const t1 = await stats();
      await other.call('POST', '/v1/enrich', { key: testKey, body });
      expect(await stats()).toBeGreaterThan(t1);
    } finally {
      await other.stop();
    }
  });
});

describe('enrichment input', () => {
  it('validates emails and answers UNSUPPORTED_RESOURCE for a provider without contacts or leads', async () => {
    const bad = await enrich(['not-an-email']);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_INPUT');
    const tooMany = await enrich(Array.from({ length: 101 }, (_, i) => `p${i}@x.example`));
    expect(tooMany.body.error.code).toBe('INVALID_INPUT');
    const booking = await gw.call('POST', '/v1/enrich', { key, body: { provider: '42min', endUserId, emails: ['a@b.example'] } });
    expect(booking.status).toBe(400);
    expect(booking.body.error.code).toBe('UNSUPPORTED_RESOURCE');
    const unknownUser = await gw.call('POST', '/v1/enrich', { key, body: { provider: 'hubspot', endUserId: 'ghost', emails: ['a@b.example'] } });
    expect(unknownUser.body.error.code).toBe('END_USER_NOT_FOUND');
  });
});

describe('connection health', () => {
  it('reports breaker, budget, last error and last use', async () => {
    const fresh = (await gw.call('GET', `/v1/connections/${connectionId}`, { key })).body.data.health;
    expect(fresh).toMatchObject({ breaker: 'closed', rateLimit: { limit: expect.any(Number), intervalMs: expect.any(Number), queued: 0 } });
    await gw.call('GET', `/v1/contacts?provider=hubspot&endUserId=${endUserId}&limit=1`, { key });
    const used = (await gw.call('GET', `/v1/connections/${connectionId}`, { key })).body.data.health;
    expect(used.lastUsedAt).not.toBeNull();
    // Also kept on the connection record (written at most once a minute per connection).
    await new Promise((r) => setImmediate(r));
    expect((await gw.call('GET', `/v1/connections/${connectionId}`, { key })).body.data.lastUsedAt).not.toBeNull();
    expect(used.rateLimit.providerReported).toMatchObject({ remaining: expect.any(Number) });
    // A provider that keeps failing leaves its mark.
    gw.deps.providerClient.policies.override('hubspot', { retry: { retries: 0 }, breaker: { volumeThreshold: 1000 } });
    await gw.call('POST', '/v1/sandbox/faults', { key, body: { provider: 'hubspot', endUserId, fault: 'server_error', count: 1 } });
    const failed = await gw.call('GET', `/v1/contacts?provider=hubspot&endUserId=${endUserId}&limit=1`, { key });
    expect(failed.body.error.code).toBe('PROVIDER_UNAVAILABLE');
    const after = (await gw.call('GET', `/v1/connections/${connectionId}`, { key })).body.data.health;
    expect(after.lastError).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', at: expect.any(String) });
    gw.deps.providerClient.policies.override('hubspot', null);
  });
});
