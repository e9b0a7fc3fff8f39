import { createHash } from 'node:crypto';
import { startTestGateway, type TestGateway } from '../helpers/gateway';

let gw: TestGateway;
let acct: { accountId: string; liveKey: string; testKey: string };

beforeAll(async () => {
  gw = await startTestGateway({ RATE_LIMIT_PER_KEY: '40' });
  acct = await gw.newAccount();
});
afterAll(() => gw.stop());

describe('Idempotency-Key', () => {
  it('replays the first response for the same key and body', async () => {
    const headers = { 'idempotency-key': 'create-key-1' };
    const first = await gw.call('POST', '/v1/api-keys', { key: acct.testKey, body: {}, headers });
    const second = await gw.call('POST', '/v1/api-keys', { key: acct.testKey, body: {}, headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(second.body).toEqual(first.body);
    const keys = await gw.call('GET', '/v1/api-keys', { key: acct.testKey });
    expect(keys.body.data.filter((k: { id: string }) => k.id === first.body.data.id)).toHaveLength(1);
  });

  it('answers the same key with another body with 409 IDEMPOTENCY_KEY_CONFLICT', async () => {
    const headers = { 'idempotency-key': 'fault-1' };
    const body = { provider: 'hubspot', fault: 'server_error' };
    expect((await gw.call('POST', '/v1/sandbox/faults', { key: acct.testKey, body, headers })).status).toBe(201);
    const res = await gw.call('POST', '/v1/sandbox/faults', { key: acct.testKey, body: { ...body, count: 2 }, headers });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('IDEMPOTENCY_KEY_CONFLICT');
  });

  it('answers a key whose first request is still running with 409 IDEMPOTENCY_IN_PROGRESS and Retry-After: 1', async () => {
    // A first request in flight is an in-progress record in the store, as another process would leave it.
    const body = JSON.stringify({});
    const now = new Date();
    await gw.deps.store.idempotency.begin({
      accountId: acct.accountId, mode: 'test', key: 'slow-1', state: 'in_progress', responseStatus: null, responseBody: null,
      leaseExpiresAt: new Date(now.getTime() + 60_000).toISOString(), leaseOwner: 'another-process',
      requestHash: createHash('sha256').update(`POST /v1/api-keys\n${body}`).digest('hex'),
      createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + 60_000).toISOString(),
    }, now.toISOString());
    const res = await gw.call('POST', '/v1/api-keys', { key: acct.testKey, body, headers: { 'idempotency-key': 'slow-1' } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    expect(res.headers.get('retry-after')).toBe('1');
  });

  it('scopes keys by account and mode', async () => {
    const headers = { 'idempotency-key': 'shared-key' };
    const a = await gw.call('POST', '/v1/api-keys', { key: acct.testKey, body: {}, headers });
    const b = await gw.call('POST', '/v1/api-keys', { key: acct.liveKey, body: {}, headers });
    expect(b.headers.get('idempotent-replayed')).toBeNull();
    expect(b.body.data.id).not.toBe(a.body.data.id);
  });

  it('rejects an Idempotency-Key longer than 255 characters', async () => {
    const res = await gw.call('POST', '/v1/api-keys', { key: acct.testKey, body: {}, headers: { 'idempotency-key': 'k'.repeat(256) } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].field).toBe('Idempotency-Key');
  });
});

describe('per-key rate limit', () => {
  it('answers 429 RATE_LIMITED with Retry-After and X-RateLimit-* once the window is spent', async () => {
    const { testKey } = await gw.newAccount('limited');
    const statuses: number[] = [];
    let last: Awaited<ReturnType<TestGateway['call']>> | undefined;
    for (let i = 0; i < 41; i++) {
      last = await gw.call('GET', '/v1/providers', { key: testKey });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 40).every((s) => s === 200)).toBe(true);
    expect(last!.status).toBe(429);
    expect(last!.body.error.code).toBe('RATE_LIMITED');
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last!.headers.get('x-ratelimit-limit')).toBe('40');
    expect(last!.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(last!.headers.get('x-ratelimit-reset'))).toBeGreaterThan(0);
    // Another key has its own budget.
    expect((await gw.call('GET', '/v1/providers', { key: acct.testKey })).status).toBe(200);
  });
});
