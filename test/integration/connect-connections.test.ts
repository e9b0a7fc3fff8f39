import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { connectOAuth, mintToken, start } from '../helpers/connect-driver';

let gw: TestGateway;
let key: string;
let liveKey: string;

beforeAll(async () => {
  gw = await startTestGateway();
  ({ testKey: key, liveKey } = await gw.newAccount());
});
afterAll(async () => { await gw.stop(); });

async function connect(endUserId: string, provider: string, account = `acc-${endUserId}`): Promise<string> {
  const r = await connectOAuth(gw, await mintToken(gw, key, { endUserId }), provider, account);
  if (r.type !== 'connected') throw new Error(`not connected: ${JSON.stringify(r)}`);
  return r.connectionId!;
}

async function issuePat(account: string): Promise<string> {
  const res = await fetch(`${gw.url}/sandbox/42min/v1/personal-access-tokens`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: `pat-${Math.random()}`, scopes: ['bookings:read'], account }),
  });
  const body = await res.json() as { data: { token: string } };
  return body.data.token;
}

describe('connections API', () => {
  it('CONNECTION_ALREADY_EXISTS when an active connection exists (at start and at completion)', async () => {
    const id = await connect('u-dup', 'hubspot');
    const token = await mintToken(gw, key, { endUserId: 'u-dup' });
    const s = await start(gw, token, 'hubspot');
    expect(s.status).toBe(409);
    expect(s.html).toContain('CONNECTION_ALREADY_EXISTS');
    expect((await gw.call('GET', `/v1/connections?endUserId=u-dup`, { key })).body.data.map((c: { id: string }) => c.id)).toEqual([id]);
  });

  it('reconnects a needs_reauth connection in place, keeping its id', async () => {
    const id = await connect('u-re', 'pipedrive');
    const before = await gw.deps.store.connections.getById(id);
    await gw.deps.store.connections.update(id, { status: 'needs_reauth' });
    const r = await connectOAuth(gw, await mintToken(gw, key, { endUserId: 'u-re' }), 'pipedrive', 'acc-u-re');
    expect(r).toMatchObject({ type: 'connected', connectionId: id });
    const after = await gw.deps.store.connections.getById(id);
    expect(after!.status).toBe('active');
    expect(after!.credentialsVersion).toBe(before!.credentialsVersion + 1);
    expect(after!.credentials).not.toBe(before!.credentials);
    expect((await gw.call('GET', '/v1/connections?endUserId=u-re', { key })).body.data).toHaveLength(1);
  });

  it('get never shows a credential; another mode or account sees a 404', async () => {
    const id = await connect('u-get', 'hubspot');
    const res = await gw.call('GET', `/v1/connections/${id}`, { key });
    expect(Object.keys(res.body.data).sort()).toEqual(
      ['createdAt', 'endUserId', 'health', 'id', 'lastRefreshedAt', 'lastUsedAt', 'provider', 'providerAccountId', 'providerAccountName', 'scopes', 'status', 'sync', 'updatedAt'],
    );
    expect((await gw.call('GET', `/v1/connections/${id}`, { key: liveKey })).body.error.code).toBe('CONNECTION_NOT_FOUND');
    const other = await gw.newAccount('other');
    expect((await gw.call('GET', `/v1/connections/${id}`, { key: other.testKey })).status).toBe(404);
  });

  it('lists with filters and a signed cursor', async () => {
    for (const p of ['hubspot', 'pipedrive', 'salesforce']) await connect('u-list', p, 'acc-list');
    const page1 = await gw.call('GET', '/v1/connections?endUserId=u-list&limit=2', { key });
    expect(page1.body.data).toHaveLength(2);
    expect(page1.body.meta.hasMore).toBe(true);
    const page2 = await gw.call('GET', `/v1/connections?endUserId=u-list&limit=2&cursor=${encodeURIComponent(page1.body.meta.nextCursor)}`, { key });
    expect(page2.body.data).toHaveLength(1);
    expect(page2.body.meta).toMatchObject({ hasMore: false, nextCursor: null });
    const all = [...page1.body.data, ...page2.body.data].map((c: { provider: string }) => c.provider).sort();
    expect(all).toEqual(['hubspot', 'pipedrive', 'salesforce']);
    const filtered = await gw.call('GET', '/v1/connections?endUserId=u-list&provider=salesforce', { key });
    expect(filtered.body.data).toHaveLength(1);
    const other = await gw.call('GET', `/v1/connections?endUserId=u-other&limit=2&cursor=${encodeURIComponent(page1.body.meta.nextCursor)}`, { key });
    expect(other.status).toBe(400);
    expect(other.body.error.details.field).toBe('cursor');
    const altered = await gw.call('GET', `/v1/connections?cursor=${encodeURIComponent(`${page1.body.meta.nextCursor}x`)}`, { key });
    expect(altered.body.error.code).toBe('INVALID_INPUT');
  });

  it('delete revokes at the provider where it can, then erases', async () => {
    const id = await connect('u-del', 'pipedrive');
    const stored = await gw.deps.store.connections.getById(id);
    const creds = gw.deps.cipher.decryptJson<{ accessToken: string }>(stored!.credentials);
    const kit = gw.deps.sandboxes!.get('pipedrive')!.kit;
    expect(kit.tokens.verifyAccess(creds.accessToken).ok).toBe(true);
    expect((await gw.call('DELETE', `/v1/connections/${id}`, { key })).status).toBe(204);
    expect(kit.tokens.verifyAccess(creds.accessToken)).toMatchObject({ ok: false, error: 'revoked' });
    expect(await gw.deps.store.connections.getById(id)).toBeNull();
    expect((await gw.call('DELETE', `/v1/connections/${id}`, { key })).body.error.code).toBe('CONNECTION_NOT_FOUND');
  });

  it('deleting an end user erases its connections and credentials', async () => {
    const a = await connect('u-gone', 'salesforce');
    const b = await connect('u-gone', 'hubspot');
    expect((await gw.call('DELETE', '/v1/end-users/u-gone', { key })).status).toBe(204);
    expect(await gw.deps.store.connections.getById(a)).toBeNull();
    expect(await gw.deps.store.connections.getById(b)).toBeNull();
    expect((await gw.call('GET', '/v1/end-users/u-gone', { key })).body.error.code).toBe('END_USER_NOT_FOUND');
    expect((await gw.call('DELETE', '/v1/end-users/u-gone', { key })).body.error.code).toBe('END_USER_NOT_FOUND');
  });
});

describe('api_key providers', () => {
  it('POST /v1/connections verifies the key at the provider, then stores it', async () => {
    const pat = await issuePat('pat-acct');
    const bad = await gw.call('POST', '/v1/connections', { key, body: { endUserId: 'u-pat', provider: '42min', credentials: { apiKey: 'pat_nope' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].field).toBe('credentials.apiKey');
    const res = await gw.call('POST', '/v1/connections', { key, body: { endUserId: 'u-pat', provider: '42min', credentials: { apiKey: pat } } });
    expect(res.status).toBe(201);
    expect(JSON.stringify(res.body)).not.toContain(pat);
    const stored = await gw.deps.store.connections.getById(res.body.data.id);
    expect(stored!.metadata.sandbox_account).toBe('pat-acct');
    expect(gw.deps.cipher.decryptJson(stored!.credentials)).toEqual({ type: 'api_key', apiKey: pat });
    const dup = await gw.call('POST', '/v1/connections', { key, body: { endUserId: 'u-pat', provider: '42min', credentials: { apiKey: pat } } });
    expect(dup.body.error.code).toBe('CONNECTION_ALREADY_EXISTS');
    const oauth = await gw.call('POST', '/v1/connections', { key, body: { endUserId: 'u-pat', provider: 'hubspot', credentials: { apiKey: 'x' } } });
    expect(oauth.body.error.code).toBe('INVALID_INPUT');
  });

  it('the widget form connects with the connect token, once', async () => {
    const pat = await issuePat('pat-widget');
    const token = await mintToken(gw, key, { endUserId: 'u-form', providers: ['42min'] });
    const headers = { authorization: `Bearer ${token}` };
    const res = await gw.call('POST', '/connect/api/connections', { headers, body: { provider: '42min', apiKey: pat } });
    expect(res.status).toBe(201);
    expect(res.body.data.provider).toBe('42min');
    const again = await gw.call('POST', '/connect/api/connections', { headers, body: { provider: '42min', apiKey: pat } });
    expect(again.body.error.code).toBe('INVALID_CONNECT_TOKEN');
  });
});

describe('no secret leaks', () => {
  it('no token or credential appears in any log line', async () => {
    const id = await connect('u-leak', 'hubspot');
    const stored = await gw.deps.store.connections.getById(id);
    const creds = gw.deps.cipher.decryptJson<{ accessToken: string; refreshToken: string }>(stored!.credentials);
    const logs = gw.logs.text();
    expect(logs).not.toContain(creds.accessToken);
    expect(logs).not.toContain(creds.refreshToken);
    expect(logs).not.toMatch(/ct_[A-Za-z0-9_-]{20,}/);
    expect(logs).not.toMatch(/pat_[A-Za-z0-9_-]{20,}/);
  });
});
