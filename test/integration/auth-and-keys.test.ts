import { startTestGateway, type TestGateway } from '../helpers/gateway';

let gw: TestGateway;
let acct: { accountId: string; liveKey: string; testKey: string };

beforeAll(async () => {
  gw = await startTestGateway();
  acct = await gw.newAccount();
});
afterAll(() => gw.stop());

function expectInvalidKey(res: { status: number; headers: Headers; body: any }): void {
  expect(res.status).toBe(401);
  expect(res.body.error.code).toBe('INVALID_API_KEY');
  expect(res.body.error.details).toEqual({});
  expect(res.body.error.requestId).toMatch(/^req_[0-9a-z]{26}$/);
  expect(res.headers.get('www-authenticate')).toBe('Bearer realm="gateway", error="invalid_token"');
}

describe('Authorization failure modes are all 401 INVALID_API_KEY', () => {
  it('absent header', async () => { expectInvalidKey(await gw.call('GET', '/v1/providers')); });
  it('wrong scheme', async () => {
    expectInvalidKey(await gw.call('GET', '/v1/providers', { headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` } }));
  });
  it('malformed key', async () => {
    expectInvalidKey(await gw.call('GET', '/v1/providers', { key: 'sk_test_short' }));
    expectInvalidKey(await gw.call('GET', '/v1/providers', { key: 'pk_test_' + 'a'.repeat(40) }));
  });
  it('unknown key of the right shape', async () => {
    expectInvalidKey(await gw.call('GET', '/v1/providers', { key: 'sk_test_' + 'A'.repeat(40) }));
  });
  it('revoked key', async () => {
    const created = await gw.call('POST', '/v1/api-keys', { key: acct.testKey, body: {} });
    expect(created.status).toBe(201);
    const fresh = created.body.data.key as string;
    expect((await gw.call('GET', '/v1/providers', { key: fresh })).status).toBe(200);
    expect((await gw.call('DELETE', `/v1/api-keys/${created.body.data.id}`, { key: acct.testKey })).status).toBe(204);
    expectInvalidKey(await gw.call('GET', '/v1/providers', { key: fresh }));
  });
});

describe('API keys', () => {
  it('creates a key shown once, lists only prefix and last four characters', async () => {
    const created = await gw.call('POST', '/v1/api-keys', { key: acct.testKey, body: {} });
    const key = created.body.data.key as string;
    expect(key).toMatch(/^sk_test_[0-9A-Za-z]{32,}$/);
    const list = await gw.call('GET', '/v1/api-keys', { key: acct.testKey });
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(key);
    const entry = list.body.data.find((k: { id: string }) => k.id === created.body.data.id);
    expect(entry).toMatchObject({ prefix: 'sk_test_', last4: key.slice(-4), mode: 'test', revokedAt: null });
    expect(entry.key).toBeUndefined();
    expect(list.body.meta).toMatchObject({ nextCursor: null, hasMore: false });
  });

  it('names a key at creation (1–100 characters) and shows the name in the list; no name is null', async () => {
    const named = await gw.call('POST', '/v1/api-keys', { key: acct.testKey, body: { name: 'CI runner' } });
    expect(named.status).toBe(201);
    expect(named.body.data).toMatchObject({ name: 'CI runner', mode: 'test' });
    const plain = await gw.call('POST', '/v1/api-keys', { key: acct.testKey, body: {} });
    expect(plain.body.data.name).toBeNull();
    const list = (await gw.call('GET', '/v1/api-keys', { key: acct.testKey })).body.data as { id: string; name: string | null }[];
    expect(list.find((k) => k.id === named.body.data.id)!.name).toBe('CI runner');
    expect(list.find((k) => k.id === plain.body.data.id)!.name).toBeNull();
    // The keys an account starts with carry the default name.
    expect(list[0].name).toBe('Default key');
    expect((await gw.call('POST', '/v1/api-keys', { key: acct.testKey, body: { name: 'x'.repeat(100) } })).status).toBe(201);
    for (const name of ['', 'x'.repeat(101), 42]) {
      const bad = await gw.call('POST', '/v1/api-keys', { key: acct.testKey, body: { name } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('INVALID_INPUT');
      expect(bad.body.error.details.errors[0].field).toBe('name');
    }
  });

  it('documents the name in the OpenAPI document', async () => {
    const doc = (await gw.call('GET', '/openapi.json')).body;
    const body = doc.paths['/v1/api-keys'].post.requestBody.content['application/json'].schema;
    expect(body.properties.name).toMatchObject({ type: 'string', minLength: 1, maxLength: 100 });
  });

  it('stores only a SHA-256 hash and records lastUsedAt', async () => {
    const created = await gw.call('POST', '/v1/api-keys', { key: acct.liveKey, body: {} });
    const key = created.body.data.key as string;
    await gw.call('GET', '/v1/providers', { key });
    const rows = await gw.deps.store.accounts.listApiKeys({ accountId: acct.accountId, mode: 'live' });
    const row = rows.find((r) => r.id === created.body.data.id)!;
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(key);
    await new Promise((r) => setImmediate(r));
    const again = await gw.deps.store.accounts.listApiKeys({ accountId: acct.accountId, mode: 'live' });
    expect(again.find((r) => r.id === row.id)!.lastUsedAt).not.toBeNull();
  });

  it('keeps live and test keys apart: each mode lists only its own keys', async () => {
    const live = await gw.call('GET', '/v1/api-keys', { key: acct.liveKey });
    const test = await gw.call('GET', '/v1/api-keys', { key: acct.testKey });
    expect(live.body.data.every((k: { mode: string }) => k.mode === 'live')).toBe(true);
    expect(test.body.data.every((k: { mode: string }) => k.mode === 'test')).toBe(true);
    // A live key cannot revoke a test key: it is a 404, as for any record it cannot see.
    const testKeyId = test.body.data[0].id as string;
    const res = await gw.call('DELETE', `/v1/api-keys/${testKeyId}`, { key: acct.liveKey });
    expect(res.status).toBe(404);
  });

  it("gives a 404, never a 403, for another account's records", async () => {
    const other = await gw.newAccount('Other');
    const mine = await gw.call('GET', '/v1/api-keys', { key: acct.testKey });
    const res = await gw.call('DELETE', `/v1/api-keys/${mine.body.data[0].id}`, { key: other.testKey });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    const stats = await gw.call('GET', '/v1/sandbox/stats?provider=hubspot&endUserId=someone', { key: other.testKey });
    expect(stats.body.error.code).toBe('END_USER_NOT_FOUND');
  });

  it('never writes a key into a log line', async () => {
    const created = await gw.call('POST', '/v1/api-keys', { key: acct.testKey, body: {} });
    await gw.call('GET', '/v1/providers', { key: created.body.data.key });
    await gw.call('GET', '/v1/providers', { key: created.body.data.key.slice(0, -1) + 'Z' });
    const logs = gw.logs.text();
    expect(logs).toContain('"route":"/v1/providers"');
    for (const k of [acct.liveKey, acct.testKey, created.body.data.key]) {
      expect(logs).not.toContain(k);
      expect(logs).not.toContain(k.slice(8));
    }
  });
});
