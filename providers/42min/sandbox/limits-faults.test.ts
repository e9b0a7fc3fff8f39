import type { RunningSandbox } from '../../../test/helpers/sandbox';
import { BURST_BUCKET } from './limits';
import { call, issueToken, start } from './test-support';

/** Rate limits (seed 000 "429 rate_limited … Retry-After"), queued faults via the kit, and the sandbox's stats. */
let sb: RunningSandbox;
let token: string;
beforeEach(async () => {
  sb = await start();
  token = await issueToken(sb.url, 'limited');
});
afterEach(async () => { await sb.close(); });

const list = (init: RequestInit = {}) => call(sb.url, '/v1/bookings?limit=1', { token, ...init });

describe('rate limits', () => {
  it('reports X-RateLimit-Limit/-Remaining/-Reset (Unix seconds) on every response, 120 per minute by default', async () => {
    const r = await list();
    expect(r.status).toBe(200);
    expect(r.headers.get('x-ratelimit-limit')).toBe('120');
    expect(r.headers.get('x-ratelimit-remaining')).toBe('119');
    const reset = Number(r.headers.get('x-ratelimit-reset'));
    expect(reset).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000));
    expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 61);
  });

  it('answers 429 rate_limited with Retry-After once the account\'s budget is spent', async () => {
    sb.kit.limits.configure('limited', BURST_BUCKET, { max: 3, windowMs: 30_000 });
    for (let i = 0; i < 3; i++) expect((await list()).status).toBe(200);
    const r = await list();
    expect(r.status).toBe(429);
    expect(r.body.error).toEqual({ code: 'rate_limited', message: expect.any(String), details: {}, request_id: expect.stringMatching(/^req_/) });
    const retryAfter = Number(r.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect(r.headers.get('x-ratelimit-limit')).toBe('3');
    expect(r.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(sb.kit.stats.get('limited').rateLimited).toBe(1);
    // Budgets are per account.
    const other = await issueToken(sb.url, 'unlimited');
    expect((await call(sb.url, '/v1/bookings?limit=1', { token: other })).status).toBe(200);
  });

  it('a new window restores the budget', async () => {
    const spy = jest.spyOn(Date, 'now');
    try {
      const t0 = Date.UTC(2026, 10, 21, 12);
      spy.mockReturnValue(t0);
      sb.kit.limits.configure('limited', BURST_BUCKET, { max: 1, windowMs: 10_000 });
      expect((await list()).status).toBe(200);
      expect((await list()).status).toBe(429);
      spy.mockReturnValue(t0 + 10_001);
      expect((await list()).status).toBe(200);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('fault injection', () => {
  it('rate_limit: the next N requests get 429 rate_limited with Retry-After, then service resumes', async () => {
    sb.kit.injectFault('limited', 'rate_limit', { count: 2, retryAfterSeconds: 7 });
    for (let i = 0; i < 2; i++) {
      const r = await list();
      expect(r.status).toBe(429);
      expect(r.body.error.code).toBe('rate_limited');
      expect(r.headers.get('retry-after')).toBe('7');
      expect(r.headers.get('x-ratelimit-remaining')).toBe('0');
    }
    expect((await list()).status).toBe(200);
    expect(sb.kit.stats.get('limited').rateLimited).toBe(2);
  });

  it('server_error: 500 internal_error in the envelope', async () => {
    sb.kit.injectFault('limited', 'server_error', { count: 1 });
    const r = await list();
    expect(r.status).toBe(500);
    expect(r.body.error).toEqual({ code: 'internal_error', message: expect.any(String), details: {}, request_id: expect.stringMatching(/^req_/) });
    expect((await list()).status).toBe(200);
  });

  it('timeout: the request hangs until the client gives up', async () => {
    sb.kit.injectFault('limited', 'timeout', { count: 1 });
    await expect(fetch(`${sb.url}/v1/bookings`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(200) }))
      .rejects.toThrow();
    expect((await list()).status).toBe(200);
  });

  it('latency: the answer is delayed but correct', async () => {
    sb.kit.injectFault('limited', 'latency', { count: 1, latencyMs: 150 });
    const t0 = performance.now();
    const r = await list();
    expect(r.status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('faults are per account', async () => {
    const other = await issueToken(sb.url, 'bystander');
    sb.kit.injectFault('limited', 'server_error', { count: 1 });
    expect((await call(sb.url, '/v1/bookings?limit=1', { token: other })).status).toBe(200);
    expect((await list()).status).toBe(500);
  });
});

describe('stats', () => {
  it('counts what the sandbox received per account: requests by "<METHOD> <path>", totals, tokens issued', async () => {
    await list();
    await list();
    const page = await list();
    await call(sb.url, `/v1/bookings/${page.body.data[0].uid}`, { token });
    await call(sb.url, '/v1/bookings'); // unauthenticated: no account, not counted
    const s = sb.kit.stats.get('limited');
    expect(s.requests['GET /v1/bookings']).toBe(3);
    expect(s.requests[`GET /v1/bookings/${page.body.data[0].uid}`]).toBe(1);
    expect(s.requests['POST /v1/personal-access-tokens']).toBe(1);
    expect(s.totalRequests).toBe(5);
    expect(s.tokensIssued).toBe(1);
  });
});
