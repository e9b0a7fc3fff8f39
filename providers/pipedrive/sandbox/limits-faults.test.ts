/**
 * Burst limits (reference/providers.md §3.5: x-ratelimit-* headers, 429), queued faults and the
 * sandbox's own stats. Small budgets keep these fast; nothing sleeps.
 */
import type { RunningSandbox } from '../../../test/helpers/sandbox';
import { api, apiError, connect, start, tokenCall, type TokenBody } from './test-support';

const OVER_LIMIT = apiError('Request over limit', 429);
let sb: RunningSandbox;
beforeEach(async () => { sb = await start(); });
afterEach(async () => { await sb.close(); });

async function login(account: string): Promise<TokenBody> { return connect(sb.url, account); }

describe('burst limits', () => {
  it('reports x-ratelimit-limit/remaining/reset on every API response (80 per 2 s by default)', async () => {
    const t = await login('rl-headers');
    const a = await api(sb.url, t.access_token, '/api/v2/persons?limit=1');
    const b = await api(sb.url, t.access_token, '/api/v1/leads?limit=1');
    expect(a.headers.get('x-ratelimit-limit')).toBe('80');
    expect(a.headers.get('x-ratelimit-remaining')).toBe('79');
    expect(b.headers.get('x-ratelimit-remaining')).toBe('78');
    expect(Number(a.headers.get('x-ratelimit-reset'))).toBeGreaterThanOrEqual(0);
    expect(Number(a.headers.get('x-ratelimit-reset'))).toBeLessThanOrEqual(2);
  });

  it('answers 429 without Retry-After once the window is spent, then recovers when it resets', async () => {
    const t = await login('rl-burst');
    sb.kit.limits.configure('rl-burst', 'burst', { max: 3, windowMs: 60_000 });
    for (let i = 0; i < 3; i += 1) expect((await api(sb.url, t.access_token, '/api/v2/persons?limit=1')).status).toBe(200);
    const over = await api(sb.url, t.access_token, '/api/v2/persons?limit=1');
    expect(over.status).toBe(429);
    expect(over.body).toEqual(OVER_LIMIT);
    expect(over.headers.get('x-ratelimit-limit')).toBe('3');
    expect(over.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(over.headers.get('x-ratelimit-reset'))).toBeGreaterThan(50);
    expect(over.headers.get('retry-after')).toBeNull();
    expect(sb.kit.stats.get('rl-burst').rateLimited).toBe(1);
    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now + 61_000);
    try {
      expect((await api(sb.url, t.access_token, '/api/v2/persons?limit=1')).status).toBe(200);
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('gives the search API its own, smaller window (10 per 2 s by default)', async () => {
    const t = await login('rl-search');
    const first = await api(sb.url, t.access_token, '/api/v2/persons/search?term=example');
    expect(first.headers.get('x-ratelimit-limit')).toBe('10');
    sb.kit.limits.configure('rl-search', 'search', { max: 2, windowMs: 60_000 });
    expect((await api(sb.url, t.access_token, '/api/v2/persons/search?term=example')).status).toBe(200);
    const over = await api(sb.url, t.access_token, '/api/v2/persons/search?term=example');
    expect(over.status).toBe(429);
    expect(over.body).toEqual(OVER_LIMIT);
    // Plain reads still have burst budget left.
    expect((await api(sb.url, t.access_token, '/api/v2/persons?limit=1')).status).toBe(200);
  });
});

describe('queued faults', () => {
  it('rate_limit: the next N requests get 429 with the burst headers and Retry-After', async () => {
    const t = await login('f-429');
    sb.kit.injectFault('f-429', 'rate_limit', { count: 2, retryAfterSeconds: 7 });
    for (let i = 0; i < 2; i += 1) {
      const res = await api(sb.url, t.access_token, '/api/v2/persons?limit=1');
      expect(res.status).toBe(429);
      expect(res.body).toEqual(OVER_LIMIT);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(res.headers.get('x-ratelimit-reset')).toBe('7');
    }
    expect((await api(sb.url, t.access_token, '/api/v2/persons?limit=1')).status).toBe(200);
    expect(sb.kit.stats.get('f-429').rateLimited).toBe(2);
  });

  it('server_error: a 500 in the API envelope', async () => {
    const t = await login('f-500');
    sb.kit.injectFault('f-500', 'server_error');
    const res = await api(sb.url, t.access_token, '/api/v1/leads');
    expect(res.status).toBe(500);
    expect(res.body).toEqual(apiError('Internal server error', 500));
    expect((await api(sb.url, t.access_token, '/api/v1/leads?limit=1')).status).toBe(200);
  });

  it('timeout: the request hangs until the client gives up', async () => {
    const t = await login('f-hang');
    sb.kit.injectFault('f-hang', 'timeout');
    await expect(api(sb.url, t.access_token, '/api/v2/persons', { signal: AbortSignal.timeout(200) })).rejects.toThrow();
    expect((await api(sb.url, t.access_token, '/api/v2/persons?limit=1')).status).toBe(200);
  });

  it('latency: the answer is delayed but correct', async () => {
    const t = await login('f-slow');
    sb.kit.injectFault('f-slow', 'latency', { latencyMs: 150 });
    const started = performance.now();
    const res = await api(sb.url, t.access_token, '/api/v2/persons?limit=1');
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('revoke_token: access is a 401 and the refresh token is dead', async () => {
    const t = await login('f-revoke');
    sb.kit.injectFault('f-revoke', 'revoke_token');
    const res = await api(sb.url, t.access_token, '/api/v2/persons');
    expect(res.status).toBe(401);
    expect(res.body).toEqual(apiError('Invalid token: access token is invalid', 401));
    const refresh = await tokenCall(sb.url, { grant_type: 'refresh_token', refresh_token: t.refresh_token });
    expect(refresh.status).toBe(400);
    expect(refresh.body).toEqual({ success: false, message: 'Invalid grant: refresh token is invalid', error: 'invalid_grant' });
  });

  it('expire_token: access is a 401 "has expired" and a refresh recovers', async () => {
    const t = await login('f-expire');
    sb.kit.injectFault('f-expire', 'expire_token');
    const res = await api(sb.url, t.access_token, '/api/v2/persons');
    expect(res.status).toBe(401);
    expect(res.body).toEqual(apiError('Invalid token: access token has expired', 401));
    jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 1000);
    try {
      const refresh = await tokenCall(sb.url, { grant_type: 'refresh_token', refresh_token: t.refresh_token });
      expect(refresh.status).toBe(200);
      expect((await api(sb.url, refresh.body.access_token, '/api/v2/persons?limit=1')).status).toBe(200);
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('a fault queued for a grant hits that grant only, not another consent to the same account', async () => {
    const mine = await login('f-shared');
    const theirs = await login('f-shared');
    sb.kit.injectFault({ grants: [sb.kit.callerOf(mine.access_token)!.grantId!] }, 'server_error', { count: 1 });
    expect((await api(sb.url, theirs.access_token, '/api/v2/activities?limit=1')).status).toBe(200);
    expect((await api(sb.url, mine.access_token, '/api/v2/activities?limit=1')).status).toBe(500);
    expect((await api(sb.url, mine.access_token, '/api/v2/activities?limit=1')).status).toBe(200);
    sb.kit.injectFault({ grants: [sb.kit.callerOf(mine.refresh_token)!.grantId!] }, 'revoke_token');
    expect((await api(sb.url, theirs.access_token, '/api/v2/activities?limit=1')).status).toBe(200);
    expect((await api(sb.url, mine.access_token, '/api/v2/activities?limit=1')).status).toBe(401);
  });
});

describe('stats', () => {
  it('counts requests per method and path, tokens issued and refreshes', async () => {
    const t = await login('stats');
    await api(sb.url, t.access_token, '/api/v2/persons?limit=2');
    await api(sb.url, t.access_token, '/api/v2/persons?limit=2');
    await api(sb.url, t.access_token, '/api/v2/persons/3');
    await api(sb.url, t.access_token, '/api/v1/leads', { method: 'POST', body: { title: 'Stat lead', person_id: 3 } });
    await tokenCall(sb.url, { grant_type: 'refresh_token', refresh_token: t.refresh_token });
    const s = sb.kit.stats.get('stats');
    expect(s.requests).toEqual({ 'GET /api/v2/persons': 2, 'GET /api/v2/persons/3': 1, 'POST /api/v1/leads': 1 });
    expect(s.totalRequests).toBe(4);
    expect(s.tokensIssued).toBe(2);
    expect(s.refreshes).toBe(1);
    expect(s.rateLimited).toBe(0);
  });
});
