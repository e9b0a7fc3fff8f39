import type { RunningSandbox } from '../../../test/helpers/sandbox';
import { call, connect, refreshGrant, startHubspot, tokenRequest, type TokenBody } from '../fixtures/sandbox-client';

// Written from reference/providers.md §1.6 (rate limits), §1.7 (401/5xx) and the fault list.
const BURST_429 = {
  status: 'error', message: 'You have reached your ten_secondly_rolling limit.', errorType: 'RATE_LIMIT',
  correlationId: expect.any(String), policyName: 'TEN_SECONDLY_ROLLING', requestId: expect.any(String),
};

describe('HubSpot sandbox rate limits, faults and stats', () => {
  let sb: RunningSandbox;
  beforeAll(async () => { sb = await startHubspot(); });
  afterAll(() => sb.close());

  const contacts = (t: TokenBody, signal?: AbortSignal) => call(sb.url, t.access_token, 'GET', '/crm/v3/objects/contacts?limit=1', undefined, signal);

  it('reports the 110-per-10-s burst budget in X-HubSpot-RateLimit-* headers (no Daily pair for OAuth)', async () => {
    const t = await connect(sb.url, { account: 'headers' });
    const a = await contacts(t);
    const b = await contacts(t);
    expect(a.headers.get('x-hubspot-ratelimit-max')).toBe('110');
    expect(a.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('10000');
    expect(a.headers.get('x-hubspot-ratelimit-remaining')).toBe('109');
    expect(b.headers.get('x-hubspot-ratelimit-remaining')).toBe('108');
    expect(a.headers.get('x-hubspot-ratelimit-daily')).toBeNull();
    expect(a.headers.get('x-hubspot-ratelimit-daily-remaining')).toBeNull();
  });

  it('answers 429 TEN_SECONDLY_ROLLING once the (configurable) burst budget is spent', async () => {
    const t = await connect(sb.url, { account: 'burst' });
    sb.kit.limits.configure('burst', 'burst', { max: 3, windowMs: 10_000 });
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof contacts>> | undefined;
    for (let i = 0; i < 4; i++) { last = await contacts(t); statuses.push(last.status); }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(last!.body).toEqual(BURST_429);
    expect(last!.headers.get('x-hubspot-ratelimit-max')).toBe('3');
    expect(last!.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
    expect(sb.kit.stats.get('burst').rateLimited).toBe(1);
  });

  it('injects rate_limit faults with HubSpot headers and Retry-After, for the next N requests', async () => {
    const t = await connect(sb.url, { account: 'f-429' });
    sb.kit.injectFault('f-429', 'rate_limit', { count: 2, retryAfterSeconds: 7 });
    for (let i = 0; i < 2; i++) {
      const r = await contacts(t);
      expect(r.status).toBe(429);
      expect(r.headers.get('retry-after')).toBe('7');
      expect(r.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
      expect(r.headers.get('x-hubspot-ratelimit-max')).toBe('110');
      expect(r.body).toEqual(BURST_429);
    }
    expect((await contacts(t)).status).toBe(200);
    expect(sb.kit.stats.get('f-429').rateLimited).toBe(2);
  });

  it('injects server_error faults as 500 with the HubSpot envelope', async () => {
    const t = await connect(sb.url, { account: 'f-500' });
    sb.kit.injectFault('f-500', 'server_error');
    const r = await contacts(t);
    expect(r.status).toBe(500);
    expect(r.body).toMatchObject({ status: 'error', category: 'INTERNAL_ERROR', correlationId: expect.any(String), message: expect.any(String) });
    expect((await contacts(t)).status).toBe(200);
  });

  it('injects timeout faults: the request hangs until the client gives up', async () => {
    const t = await connect(sb.url, { account: 'f-timeout' });
    sb.kit.injectFault('f-timeout', 'timeout');
    await expect(contacts(t, AbortSignal.timeout(200))).rejects.toThrow();
    expect((await contacts(t)).status).toBe(200);
  });

  it('injects latency faults', async () => {
    const t = await connect(sb.url, { account: 'f-latency' });
    sb.kit.injectFault('f-latency', 'latency', { latencyMs: 150 });
    const started = Date.now();
    expect((await contacts(t)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('revoke_token: the access token gets 401 INVALID_AUTHENTICATION and the refresh token dies', async () => {
    const t = await connect(sb.url, { account: 'f-revoke' });
    sb.kit.injectFault('f-revoke', 'revoke_token');
    const r = await contacts(t);
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ category: 'INVALID_AUTHENTICATION' });
    const refresh = await tokenRequest(sb.url, refreshGrant(t.refresh_token));
    expect(refresh.status).toBe(400);
    expect(await refresh.json()).toEqual({
      error: 'invalid_grant', error_description: 'refresh token is invalid, expired or revoked',
      status: 'BAD_REFRESH_TOKEN', message: 'refresh token is invalid, expired or revoked',
    });
  });

  it('expire_token: 401 EXPIRED_AUTHENTICATION until the client refreshes', async () => {
    const t = await connect(sb.url, { account: 'f-expire' });
    sb.kit.injectFault('f-expire', 'expire_token');
    const r = await contacts(t);
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ status: 'error', category: 'EXPIRED_AUTHENTICATION', context: { 'expire time': [expect.any(String)] } });
    await new Promise((res) => setTimeout(res, 5));
    const refresh = await tokenRequest(sb.url, refreshGrant(t.refresh_token));
    expect(refresh.status).toBe(200);
    const fresh = await refresh.json() as TokenBody;
    expect((await contacts(fresh)).status).toBe(200);
  });

  it('counts requests, rate-limited answers, issued tokens and refreshes per account', async () => {
    const t = await connect(sb.url, { account: 'stats' });
    await contacts(t);
    await contacts(t);
    await call(sb.url, t.access_token, 'POST', '/crm/v3/objects/contacts/search', {});
    sb.kit.injectFault('stats', 'rate_limit');
    await contacts(t);
    await tokenRequest(sb.url, refreshGrant(t.refresh_token));
    const s = sb.kit.stats.get('stats');
    expect(s.requests['GET /crm/v3/objects/contacts']).toBe(3);
    expect(s.requests['POST /crm/v3/objects/contacts/search']).toBe(1);
    expect(s.totalRequests).toBe(5);
    expect(s.rateLimited).toBe(1);
    expect(s.tokensIssued).toBe(1);
    expect(s.refreshes).toBe(1);
  });
});
