import { setPlan } from './limits';
import { call, issueKey, oauthTokens, startSchedly, T0 } from './test-support';

/** Seed 002 "Rate limits" per plan with the three headers and the exact 429; queued faults; stats. */
describe('Schedly sandbox rate limits, faults and stats', () => {
  let s: Awaited<ReturnType<typeof startSchedly>>;
  beforeAll(async () => { s = await startSchedly(); });
  afterAll(() => s.close());

  const resetEpoch = String(Math.ceil((T0 + 60_000) / 1000));

  it('carries X-RateLimit-Limit/Remaining/Reset (Unix seconds) on every answer, Pro (120/min) by default', async () => {
    const key = await issueKey(s.url, 'acc_rl_pro');
    const ok = await call(s.url, '/api/services/services', { key });
    expect([ok.headers.get('x-ratelimit-limit'), ok.headers.get('x-ratelimit-remaining'), ok.headers.get('x-ratelimit-reset')]).toEqual(['120', '119', resetEpoch]);
    const notFound = await call(s.url, '/api/services/customers?id=999999', { key });
    expect([notFound.status, notFound.headers.get('x-ratelimit-remaining')]).toEqual([404, '118']);
  });

  it('answers the 61st request of a Free account in a minute with the exact 429 body and Retry-After; the window resets', async () => {
    const key = await issueKey(s.url, 'acc_rl_free');
    setPlan(s.kit, 'acc_rl_free', 'free');
    for (let i = 0; i < 60; i += 1) expect((await call(s.url, '/api/services/employees', { key })).status).toBe(200);
    const limited = await call(s.url, '/api/services/employees', { key });
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ status: 'error', error: 'RATE_LIMITED', message: 'Rate limit exceeded. Retry after 60s.' });
    expect(limited.headers.get('retry-after')).toBe('60');
    expect([limited.headers.get('x-ratelimit-limit'), limited.headers.get('x-ratelimit-remaining'), limited.headers.get('x-ratelimit-reset')]).toEqual(['60', '0', resetEpoch]);
    expect(s.kit.stats.get('acc_rl_free').rateLimited).toBe(1);
    s.clock.advance(60_000);
    expect((await call(s.url, '/api/services/employees', { key })).status).toBe(200);
    s.clock.set(T0);
  });

  it('moves an account to another plan through PUT /api/sandbox/plan with its own credential', async () => {
    const key = await issueKey(s.url, 'acc_rl_ent');
    const r = await call(s.url, '/api/sandbox/plan', { method: 'PUT', key, json: { plan: 'enterprise' } });
    expect(r.body).toEqual({ status: 'success', data: { plan: 'enterprise', limit: 600 } });
    expect((await call(s.url, '/api/services/services', { key })).headers.get('x-ratelimit-limit')).toBe('600');
    expect((await call(s.url, '/api/sandbox/plan', { method: 'PUT', key, json: { plan: 'gold' } })).status).toBe(422);
  });

  it('renders queued rate_limit and server_error faults in the envelope, with the reset at the fault\'s Retry-After', async () => {
    const key = await issueKey(s.url, 'acc_faults');
    s.kit.injectFault('acc_faults', 'rate_limit', { retryAfterSeconds: 7 });
    const limited = await call(s.url, '/api/services/customers', { key });
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ status: 'error', error: 'RATE_LIMITED', message: 'Rate limit exceeded. Retry after 7s.' });
    expect([limited.headers.get('retry-after'), limited.headers.get('x-ratelimit-reset')]).toEqual(['7', String(Math.ceil((T0 + 7000) / 1000))]);
    s.kit.injectFault('acc_faults', 'server_error', { count: 2 });
    for (let i = 0; i < 2; i += 1) {
      const failed = await call(s.url, '/api/services/customers', { key });
      expect([failed.status, failed.body]).toEqual([500, { status: 'error', error: 'INTERNAL_ERROR', message: 'An unexpected error occurred on the server.' }]);
      expect(failed.headers.get('x-ratelimit-limit')).toBe('120');
    }
    expect((await call(s.url, '/api/services/customers', { key })).status).toBe(200);
    const stats = s.kit.stats.get('acc_faults');
    expect(stats.requests['GET /api/services/customers']).toBe(4);
    expect(stats.tokensIssued).toBe(1);
    expect(stats.rateLimited).toBe(1);
  });

  it('aims faults at one grant: a revoked API key answers 401, a revoked OAuth grant too, other credentials of the account keep working', async () => {
    const issued = await call(s.url, '/api/sandbox/api-keys', { method: 'POST', json: { name: 'a', account: 'acc_revoke' } });
    const other = await issueKey(s.url, 'acc_revoke');
    const grant = s.kit.callerOf(issued.body.data.token)!.grantId!;
    s.kit.injectFault({ grants: [grant] }, 'revoke_token');
    const r = await call(s.url, '/api/services/customers', { key: issued.body.data.token });
    expect([r.status, r.body.error]).toEqual([401, 'UNAUTHORIZED']);
    expect((await call(s.url, '/api/services/customers', { key: other })).status).toBe(200);
    const t = await oauthTokens(s.url, 'acc_revoke');
    s.kit.injectFault({ grants: [s.kit.callerOf(t.access_token)!.grantId!] }, 'revoke_token');
    expect((await call(s.url, '/api/services/customers', { token: t.access_token })).status).toBe(401);
    expect((await call(s.url, '/api/services/customers', { key: other })).status).toBe(200);
  });
});
