import { Registry } from 'prom-client';
import { budgetOf, followedLimit, Limiters } from './limiters';
import { PolicyBook } from './policy-book';
import { ProviderMetrics } from './provider-metrics';
import type { ProviderManifest, RateLimitManifest } from '../provider-sdk/manifest';

const rate: RateLimitManifest = {
  requests: 100, intervalMs: 1000, margin: 0,
  headers: { limit: { name: 'X-RateLimit-Limit' }, remaining: { name: 'X-RateLimit-Remaining' }, reset: { name: 'X-RateLimit-Reset', format: 'epoch_seconds' } },
};
const manifest = {
  id: 'acme-crm', rateLimit: rate,
  breaker: { errorThresholdPercentage: 50, volumeThreshold: 2, resetTimeoutMs: 600_000, rollingCountTimeoutMs: 10_000 },
  retry: { retries: 0, minTimeoutMs: 1, maxTimeoutMs: 1 },
} as unknown as ProviderManifest;

describe('followedLimit: the limit a budget is built from once the provider reported one', () => {
  it.each<[string, Partial<RateLimitManifest>, number | null, number]>([
    ['nothing reported: the manifest\'s', {}, null, 100],
    ['a higher plan', {}, 600, 600],
    ['a lower plan', {}, 60, 60],
    ['never below the floor (10% of the manifest\'s)', {}, 3, 10],
    ['a manifest that says not to follow', { followReportedLimit: false }, 600, 100],
  ])('%s', (_name, extra, reported, expected) => {
    expect(followedLimit({ ...rate, ...extra }, reported)).toBe(expected);
  });

  it('the margin is kept on a followed limit', () => {
    expect(budgetOf({ ...rate, margin: 0.1 }, followedLimit(rate, 60))).toMatchObject({ allowed: 54, minTimeMs: Math.ceil(1000 / 54) });
  });
});

describe('Limiters follow the limit the provider reports', () => {
  let policies: PolicyBook;
  let limiters: Limiters;
  beforeEach(() => {
    policies = new PolicyBook((id) => (id === 'acme-crm' ? manifest : undefined));
    limiters = new Limiters(policies, new ProviderMetrics(new Registry()));
  });
  afterEach(() => limiters.shutdown());

  const call = (deadlineMs: number) => limiters.schedule('acme-crm', 'c1', Date.now() + deadlineMs, async () => 'ok').then((v) => v, (e: { code: string }) => e.code);

  it('a reported limit rebuilds the connection\'s budget: later calls are spaced by it', async () => {
    expect(await call(1000)).toBe('ok');
    expect(limiters.limitOf('acme-crm', 'c1')).toBe(100);
    limiters.observe('acme-crm', 'c1', 200, { 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '9' });
    expect(limiters.limitOf('acme-crm', 'c1')).toBe(10);
    // 10 per second: spaced 100 ms. The turn already reserved (10 ms) stays; the next is 100 ms after it,
    // past a deadline that leaves 50 ms to start (the limiter keeps 250 ms for the attempt itself).
    const results = await Promise.all([call(300), call(300)]);
    expect(results).toEqual(['ok', 'PROVIDER_RATE_LIMITED']);
  });

  it('without the report the same two calls both fit (the test above fails without following)', async () => {
    expect(await call(1000)).toBe('ok');
    limiters.observe('acme-crm', 'c1', 200, { 'x-ratelimit-remaining': '9' });
    expect(await Promise.all([call(300), call(300)])).toEqual(['ok', 'ok']);
  });

  it('a 429 still carries the plan\'s limit, and a manifest or an override may pin the budget', async () => {
    await call(1000);
    limiters.observe('acme-crm', 'c1', 429, { 'x-ratelimit-limit': '600', 'x-ratelimit-remaining': '0' });
    expect(limiters.limitOf('acme-crm', 'c1')).toBe(600);
    policies.override('acme-crm', { rateLimit: { requests: 50 } });
    await call(1000);
    limiters.observe('acme-crm', 'c1', 200, { 'x-ratelimit-limit': '600' });
    expect(limiters.limitOf('acme-crm', 'c1')).toBe(50);
  });
});

describe('a clustered (Redis) budget follows the reported limit too (skipped without REDIS_URL)', () => {
  const redisUrl = process.env.REDIS_URL;
  (redisUrl ? it : it.skip)('the shared limiter is retuned: later calls are spaced by the reported limit', async () => {
    const policies = new PolicyBook((id) => (id === 'acme-crm' ? manifest : undefined));
    const limiters = new Limiters(policies, new ProviderMetrics(new Registry()), redisUrl);
    const connection = `c-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const call = () => limiters.schedule('acme-crm', connection, Date.now() + 600, async () => 'ok').then((v) => v, (e: { code: string }) => e.code);
    try {
      expect(await call()).toBe('ok');
      limiters.observe('acme-crm', connection, 200, { 'x-ratelimit-limit': '10' });
      // Let the settings reach Redis before the burst.
      await new Promise((r) => setTimeout(r, 50));
      // 10 per second: 100 ms apart, so 8 calls cannot all start within 350 ms of their 600 ms deadline
      // (the manifest's 100 per second would start them all within 80 ms).
      const results = await Promise.all(Array.from({ length: 8 }, call));
      expect(results.filter((r) => r === 'PROVIDER_RATE_LIMITED').length).toBeGreaterThanOrEqual(2);
    } finally {
      await limiters.shutdown();
    }
  });
});
