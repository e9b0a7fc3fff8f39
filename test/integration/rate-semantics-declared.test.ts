import { randomBytes } from 'node:crypto';
import { startTestGateway, type TestGateway } from '../helpers/gateway';
import rateEpoch, { logOf, PLAN } from '../fixtures/providers/rate-epoch';

/**
 * Issue 12 §3 end to end: a provider (test/fixtures/providers/rate-epoch) whose manifest declares
 * X-RateLimit-Reset as a Unix timestamp, whose 429 carries only that header, and which reports a
 * limit (its plan's, 10/s) other than its manifest's (100/s). Real gateway, real HTTP, real sandbox.
 */
const P = 'rate-epoch';

describe('rate semantics declared in the manifest', () => {
  let gw: TestGateway;
  let key: string;

  beforeAll(async () => {
    gw = await startTestGateway({}, { extraProviders: [rateEpoch] });
    key = (await gw.newAccount()).testKey;
  });
  afterAll(() => gw.stop());

  const kit = () => gw.deps.sandboxes!.get(P)!.kit;
  /** A fresh end user connected with a fresh sandbox account's key. */
  async function connect(): Promise<{ endUserId: string; account: string; connectionId: string }> {
    const account = randomBytes(5).toString('hex');
    const endUserId = `eu-${account}`;
    const res = await gw.call('POST', '/v1/connections', { key, body: { endUserId, provider: P, credentials: { apiKey: `re_${account}` } } });
    expect(res.status).toBe(201);
    return { endUserId, account, connectionId: res.body.data.id };
  }
  const things = (endUserId: string) => gw.call('GET', `/v1/passthrough/v1/things?provider=${P}&endUserId=${endUserId}`, { key });

  it('a 429 with only an epoch reset: the caller\'s Retry-After is the seconds until that reset', async () => {
    const { endUserId, account } = await connect();
    // Every attempt answers 429, resetting 6 s ahead: the gateway gives up at its deadline rather than wait.
    kit().injectFault(account, 'rate_limit', { count: 10, retryAfterSeconds: 6 });
    gw.deps.providerClient.policies.override(P, { deadlineMs: 1500 });
    try {
      const res = await things(endUserId);
      const answeredAt = Date.now();
      expect(res.status).toBe(429);
      expect(res.body.error.code).toBe('PROVIDER_RATE_LIMITED');
      const { resets } = logOf(kit(), account);
      expect(resets.length).toBeGreaterThanOrEqual(1);
      const resetMs = Number(resets[resets.length - 1]) * 1000;
      // Told at some instant between the sandbox's last answer and ours: the whole seconds from then to the reset.
      const told = Number(res.headers.get('retry-after'));
      expect(told).toBeGreaterThanOrEqual(Math.ceil((resetMs - answeredAt) / 1000));
      expect(told).toBeLessThanOrEqual(Math.ceil((resetMs - answeredAt) / 1000) + 1);
      expect(told).toBeGreaterThanOrEqual(5); // not the 1 s a 429 without Retry-After used to get
      expect(res.body.error.details.retryAfterSeconds).toBe(told);
    } finally {
      gw.deps.providerClient.policies.override(P, null);
      kit().faults.clear();
    }
  });

  it('a retried 429 waits until the declared reset, not a fixed second', async () => {
    const { endUserId, account } = await connect();
    // One 429 whose reset is 300 ms ahead; a deadline of 900 ms leaves no room for the old 1 s wait.
    kit().injectFault(account, 'rate_limit', { count: 1, retryAfterSeconds: 0.3 });
    gw.deps.providerClient.policies.override(P, { deadlineMs: 900 });
    try {
      const res = await things(endUserId);
      expect(res.status).toBe(200);
      const log = logOf(kit(), account);
      expect(log.resets).toHaveLength(1);
      expect(log.admittedAt).toHaveLength(1);
      // The retry reached the provider no earlier than the reset it announced.
      expect(log.admittedAt[0]).toBeGreaterThanOrEqual(Number(log.resets[0]) * 1000);
      expect(kit().stats.get(account).rateLimited).toBe(1);
    } finally {
      gw.deps.providerClient.policies.override(P, null);
    }
  });

  it('connecting: a 429 on the key check also tells the seconds until the declared reset', async () => {
    const account = randomBytes(5).toString('hex');
    kit().injectFault(account, 'rate_limit', { count: 1, retryAfterSeconds: 8 });
    const res = await gw.call('POST', '/v1/connections', { key, body: { endUserId: `eu-${account}`, provider: P, credentials: { apiKey: `re_${account}` } } });
    const answeredAt = Date.now();
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('PROVIDER_RATE_LIMITED');
    const resetMs = Number(logOf(kit(), account).resets[0]) * 1000;
    const told = Number(res.headers.get('retry-after'));
    expect(told).toBeGreaterThanOrEqual(Math.ceil((resetMs - answeredAt) / 1000));
    expect(told).toBeLessThanOrEqual(Math.ceil((resetMs - answeredAt) / 1000) + 1);
    expect(told).toBeGreaterThanOrEqual(7);
  });

  it('the connection\'s budget follows the limit the provider reports, not the manifest\'s', async () => {
    const { endUserId, account, connectionId } = await connect();
    // Set first: a policy change rebuilds the connection's budget from the manifest.
    gw.deps.providerClient.policies.override(P, { deadlineMs: 1500 });
    try {
      // The first answer reports the plan: 10 per second (the manifest says 100).
      expect((await things(endUserId)).status).toBe(200);
      const health = (await gw.call('GET', `/v1/connections/${connectionId}`, { key })).body.data.health.rateLimit;
      expect(health).toMatchObject({ limit: PLAN.max, intervalMs: 1000, providerReported: { limit: PLAN.max, remaining: PLAN.max - 1 } });
      expect(Date.parse(health.providerReported.resetAt)).toBeGreaterThan(Date.now() - PLAN.windowMs);
      // Twice the plan at once. With the manifest's budget (50/s kept) all 20 would reach the
      // provider within 400 ms and half be refused there; with the reported one (5/s kept, 200 ms
      // apart) the provider never sees more than its limit in a window, and the gateway refuses the rest.
      const results = await Promise.all(Array.from({ length: 2 * PLAN.max }, () => things(endUserId)));
      const refused = results.filter((r) => r.status === 429);
      expect(refused.every((r) => r.body.error.code === 'PROVIDER_RATE_LIMITED')).toBe(true);
      expect(refused.length).toBeGreaterThan(0);
      expect(kit().stats.get(account).rateLimited).toBe(0);
      const admitted = logOf(kit(), account).admittedAt;
      const most = Math.max(...admitted.map((t) => admitted.filter((u) => u >= t && u < t + PLAN.windowMs).length));
      expect(most).toBeLessThan(PLAN.max);
      expect(admitted.length).toBeGreaterThanOrEqual(3);
    } finally {
      gw.deps.providerClient.policies.override(P, null);
    }
  });
});
