import type { RunningSandbox } from '../../../test/helpers/sandbox';
import { DAILY_BUCKET } from './index';
import { api, connect, start, tokenRequest, type TokenBody } from './test-support';

// Written from reference/providers.md §2.6 (Sforce-Limit-Info, 403 REQUEST_LIMIT_EXCEEDED, no Retry-After),
// §2.7 (500 UNKNOWN_EXCEPTION, 401 INVALID_SESSION_ID) and API.md § Sandbox (faults and stats).
const LIMIT_EXCEEDED = [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }];
const SESSION_INVALID = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];

let sb: RunningSandbox;
let t: TokenBody;
const ACC = 'limits-org';
beforeEach(async () => {
  sb = await start();
  t = await connect(sb.url, ACC);
});
afterEach(async () => { await sb.close(); });

describe('daily allocation', () => {
  test('every REST response carries Sforce-Limit-Info: api-usage=used/allocation', async () => {
    const a = await api(sb.url, t.access_token, '/limits');
    expect(a.headers.get('sforce-limit-info')).toBe('api-usage=1/15000');
    const b = await api(sb.url, t.access_token, '/sobjects/Contact/003000000000000AAA');
    expect(b.status).toBe(404);
    expect(b.headers.get('sforce-limit-info')).toBe('api-usage=2/15000');
    const body = (await (await api(sb.url, t.access_token, '/limits')).json()) as { DailyApiRequests: { Max: number; Remaining: number } };
    expect(body.DailyApiRequests).toEqual({ Max: 15000, Remaining: 14997 });
  });

  test('a spent allocation is 403 REQUEST_LIMIT_EXCEEDED with no Retry-After (not 429)', async () => {
    sb.kit.limits.configure(ACC, DAILY_BUCKET, { max: 3, windowMs: 86_400_000 });
    for (let i = 1; i <= 3; i++) expect((await api(sb.url, t.access_token, '/limits')).status).toBe(200);
    const res = await api(sb.url, t.access_token, '/sobjects/Contact/describe');
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual(LIMIT_EXCEEDED);
    expect(res.headers.get('retry-after')).toBeNull();
    expect(res.headers.get('sforce-limit-info')).toBe('api-usage=3/3');
    expect([...res.headers.keys()].filter((h) => h.startsWith('x-ratelimit'))).toEqual([]);
    expect(sb.kit.stats.get(ACC).rateLimited).toBe(1);
  });

  test('the allocation is per account (org)', async () => {
    sb.kit.limits.configure(ACC, DAILY_BUCKET, { max: 1, windowMs: 86_400_000 });
    await api(sb.url, t.access_token, '/limits');
    expect((await api(sb.url, t.access_token, '/limits')).status).toBe(403);
    const other = await connect(sb.url, 'other-org');
    expect((await api(sb.url, other.access_token, '/limits')).status).toBe(200);
  });
});

describe('fault injection', () => {
  test('rate_limit answers as Salesforce reports limits: 403 REQUEST_LIMIT_EXCEEDED, for the next N requests', async () => {
    sb.kit.injectFault(ACC, 'rate_limit', { count: 2, retryAfterSeconds: 5 });
    for (let i = 0; i < 2; i++) {
      const res = await api(sb.url, t.access_token, '/limits');
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual(LIMIT_EXCEEDED);
      expect(res.headers.get('sforce-limit-info')).toMatch(/^api-usage=\d+\/15000$/);
    }
    expect((await api(sb.url, t.access_token, '/limits')).status).toBe(200);
    expect(sb.kit.stats.get(ACC).rateLimited).toBe(2);
  });

  test('server_error is 500 UNKNOWN_EXCEPTION', async () => {
    sb.kit.injectFault(ACC, 'server_error');
    const res = await api(sb.url, t.access_token, '/sobjects/Contact/describe');
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual([{ errorCode: 'UNKNOWN_EXCEPTION', message: expect.stringMatching(/^An unexpected error occurred\. Please include this ErrorId if you contact support: /) }]);
    expect((await api(sb.url, t.access_token, '/sobjects/Contact/describe')).status).toBe(200);
  });

  test('timeout hangs until the client gives up; the next request is answered', async () => {
    sb.kit.injectFault(ACC, 'timeout');
    await expect(api(sb.url, t.access_token, '/limits', { signal: AbortSignal.timeout(200) })).rejects.toThrow();
    expect((await api(sb.url, t.access_token, '/limits')).status).toBe(200);
  });

  test('latency delays the answer', async () => {
    sb.kit.injectFault(ACC, 'latency', { latencyMs: 120 });
    const t0 = Date.now();
    expect((await api(sb.url, t.access_token, '/limits')).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(100);
  });

  test('faults for one account leave the others alone', async () => {
    const other = await connect(sb.url, 'bystander');
    sb.kit.injectFault(ACC, 'server_error');
    expect((await api(sb.url, other.access_token, '/limits')).status).toBe(200);
    expect((await api(sb.url, t.access_token, '/limits')).status).toBe(500);
  });

  test('expire_token: the access token gets 401, a refresh brings a working one', async () => {
    sb.kit.injectFault(ACC, 'expire_token');
    const res = await api(sb.url, t.access_token, '/limits');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual(SESSION_INVALID);
    const r = (await (await tokenRequest(sb.url, { grant_type: 'refresh_token', refresh_token: t.refresh_token as string })).json()) as TokenBody;
    expect((await api(sb.url, r.access_token, '/limits')).status).toBe(200);
  });

  test('revoke_token: 401 on the API and invalid_grant on refresh', async () => {
    sb.kit.injectFault(ACC, 'revoke_token');
    expect(await (await api(sb.url, t.access_token, '/limits')).json()).toEqual(SESSION_INVALID);
    const res = await tokenRequest(sb.url, { grant_type: 'refresh_token', refresh_token: t.refresh_token as string });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_grant', error_description: 'expired access/refresh token' });
  });

  test('faults also apply to refreshes (e.g. a 500 from the token endpoint)', async () => {
    sb.kit.injectFault(ACC, 'server_error');
    const res = await tokenRequest(sb.url, { grant_type: 'refresh_token', refresh_token: t.refresh_token as string });
    expect(res.status).toBe(500);
    expect((await tokenRequest(sb.url, { grant_type: 'refresh_token', refresh_token: t.refresh_token as string })).status).toBe(200);
  });
});

describe('stats', () => {
  test('the sandbox counts requests per path, tokens issued and refreshes', async () => {
    await api(sb.url, t.access_token, '/limits');
    await api(sb.url, t.access_token, '/limits');
    await api(sb.url, t.access_token, '/sobjects/Contact/describe');
    await tokenRequest(sb.url, { grant_type: 'refresh_token', refresh_token: t.refresh_token as string });
    const s = sb.kit.stats.get(ACC);
    expect(s.requests['GET /services/data/v62.0/limits']).toBe(2);
    expect(s.requests['GET /services/data/v62.0/sobjects/Contact/describe']).toBe(1);
    expect(s.requests['POST /services/oauth2/token']).toBe(2);
    expect(s.tokensIssued).toBe(2);
    expect(s.refreshes).toBe(1);
    expect(s.totalRequests).toBe(5);
  });

  test('requests with an expired token are counted too', async () => {
    sb.kit.injectFault(ACC, 'expire_token');
    await api(sb.url, t.access_token, '/limits');
    expect(sb.kit.stats.get(ACC).requests['GET /services/data/v62.0/limits']).toBe(1);
  });
});
