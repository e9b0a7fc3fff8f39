import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { callback, connectOAuth, consent, mintToken, start } from '../helpers/connect-driver';

let gw: TestGateway;
let key: string;
let liveKey: string;

beforeAll(async () => {
  gw = await startTestGateway();
  ({ testKey: key, liveKey } = await gw.newAccount());
});
afterAll(async () => { await gw.stop(); });

describe('connect tokens', () => {
  it('mints a ct_ token bound to an end user, 30 minutes, with a widget url', async () => {
    const before = Date.now();
    const res = await gw.call('POST', '/v1/connect/tokens', { key, body: { endUserId: 'u-mint', endUserEmail: 'a@b.co', allowedOrigin: 'http://localhost:5173' } });
    expect(res.status).toBe(201);
    expect(res.body.data.token).toMatch(/^ct_[A-Za-z0-9_-]{40,}$/);
    const ttl = Date.parse(res.body.data.expiresAt) - before;
    expect(ttl).toBeGreaterThan(29 * 60 * 1000);
    expect(ttl).toBeLessThanOrEqual(30 * 60 * 1000 + 1000);
    expect(res.body.data.url).toBe(`${gw.url}/connect#token=${res.body.data.token}`);
    const user = await gw.call('GET', '/v1/end-users/u-mint', { key });
    expect(user.body.data).toMatchObject({ endUserId: 'u-mint', email: 'a@b.co', connections: [] });
  });

  it.each([
    ['http://evil.example.com', 'test'],
    ['https://app.example.com/path', 'test'],
    ['not a url', 'test'],
    ['http://localhost:3000', 'live'],
  ])('refuses allowedOrigin %s in %s mode', async (origin, mode) => {
    const res = await gw.call('POST', '/v1/connect/tokens', { key: mode === 'test' ? key : liveKey, body: { endUserId: 'u1', allowedOrigin: origin } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_INPUT');
    expect(res.body.error.details.errors[0].field).toBe('allowedOrigin');
  });

  it('accepts https origins in live mode and rejects unknown providers', async () => {
    expect((await gw.call('POST', '/v1/connect/tokens', { key: liveKey, body: { endUserId: 'u1', allowedOrigin: 'https://app.example.com' } })).status).toBe(201);
    const res = await gw.call('POST', '/v1/connect/tokens', { key, body: { endUserId: 'u1', providers: ['nope'] } });
    expect(res.body.error.code).toBe('PROVIDER_NOT_FOUND');
  });

  it('a bad token on any widget route is 401 INVALID_CONNECT_TOKEN', async () => {
    for (const t of ['', 'ct_unknown', 'sk_test_x']) {
      const s = await gw.call('GET', '/connect/api/session', { headers: t ? { authorization: `Bearer ${t}` } : {} });
      expect(s.status).toBe(401);
      expect(s.body.error.code).toBe('INVALID_CONNECT_TOKEN');
      const st = await start(gw, t, 'hubspot');
      expect(st.status).toBe(401);
      expect(st.html).toContain('data-code="INVALID_CONNECT_TOKEN"');
    }
  });

  it('the session lists only the token\'s providers', async () => {
    const token = await mintToken(gw, key, { endUserId: 'u-sess', providers: ['hubspot', '42min'], allowedOrigin: 'http://127.0.0.1:4000' });
    const s = await gw.call('GET', '/connect/api/session', { headers: { authorization: `Bearer ${token}` } });
    expect(s.status).toBe(200);
    expect(s.body.data.allowedOrigin).toBe('http://127.0.0.1:4000');
    expect(s.body.data.providers.map((p: { id: string }) => p.id).sort()).toEqual(['42min', 'hubspot']);
    expect((await start(gw, token, 'pipedrive')).status).toBe(404);
  });
});

describe('OAuth through the sandboxes', () => {
  it('hubspot: connects, keeps metadata and the sandbox account, stores credentials encrypted', async () => {
    const token = await mintToken(gw, key, { endUserId: 'u-hs' });
    const s = await start(gw, token, 'hubspot');
    expect(s.status).toBe(302);
    const auth = new URL(s.location!);
    expect(auth.pathname).toBe('/sandbox/hubspot/oauth/authorize');
    expect(auth.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(auth.searchParams.get('scope')).toContain('crm.objects.contacts.read');
    expect(auth.searchParams.get('redirect_uri')).toBe(`${gw.url}/connect/oauth/callback`);
    const cb = await callback(await consent(s.location!, 'allow', 'hs-acct'));
    expect(cb.status).toBe(200);
    expect(cb.result).toMatchObject({ type: 'connected', provider: 'hubspot' });
    expect(cb.csp).toContain("script-src 'self'");
    expect(cb.html).not.toMatch(/<script>/);
    const conn = await gw.call('GET', `/v1/connections/${cb.result.connectionId}`, { key });
    expect(conn.body.data).toMatchObject({ status: 'active', provider: 'hubspot', endUserId: 'u-hs' });
    expect(conn.body.data.scopes).toContain('crm.objects.contacts.read');
    const stored = await gw.deps.store.connections.getById(cb.result.connectionId!);
    expect(stored!.metadata.sandbox_account).toBe('hs-acct');
    expect(stored!.metadata.hub_id).toMatch(/^\d+$/);
    expect(stored!.credentials).toMatch(/^v1\./);
    const creds = gw.deps.cipher.decryptJson<{ type: string; accessToken: string; refreshToken: string }>(stored!.credentials);
    expect(creds.type).toBe('oauth2');
    expect(gw.deps.sandboxes!.get('hubspot')!.kit.tokens.accountOf(creds.accessToken)).toBe('hs-acct');
    expect(JSON.stringify(conn.body)).not.toContain(creds.accessToken);
  });

  it('pipedrive: HTTP Basic client auth, no scope sent, api_domain kept', async () => {
    const token = await mintToken(gw, key, { endUserId: 'u-pd' });
    const s = await start(gw, token, 'pipedrive');
    expect(new URL(s.location!).searchParams.has('scope')).toBe(false);
    const cb = await callback(await consent(s.location!, 'allow', 'pd-acct'));
    expect(cb.result.type).toBe('connected');
    const stored = await gw.deps.store.connections.getById(cb.result.connectionId!);
    expect(stored!.metadata.api_domain).toMatch(/^http/);
    expect(stored!.metadata.sandbox_account).toBe('pd-acct');
  });

  it('salesforce: PKCE, instance_url kept', async () => {
    const token = await mintToken(gw, key, { endUserId: 'u-sf' });
    const s = await start(gw, token, 'salesforce');
    const auth = new URL(s.location!);
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    expect(auth.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(auth.searchParams.get('prompt')).toBe('consent');
    const cb = await callback(await consent(s.location!, 'allow', 'sf-acct'));
    expect(cb.result.type).toBe('connected');
    const stored = await gw.deps.store.connections.getById(cb.result.connectionId!);
    expect(stored!.metadata.instance_url).toBe(`${gw.url}/sandbox/salesforce`);
    expect(stored!.metadata.sandbox_account).toBe('sf-acct');
  });

  it('deny ends in ACCESS_DENIED and no connection; the token stays usable', async () => {
    const token = await mintToken(gw, key, { endUserId: 'u-deny' });
    const s = await start(gw, token, 'hubspot');
    const cb = await callback(await consent(s.location!, 'deny'));
    expect(cb.result).toMatchObject({ type: 'error', code: 'ACCESS_DENIED' });
    const list = await gw.call('GET', '/v1/connections?endUserId=u-deny', { key });
    expect(list.body.data).toEqual([]);
    expect((await connectOAuth(gw, token, 'hubspot')).type).toBe('connected');
  });

  it('a replayed state is INVALID_STATE and creates nothing more', async () => {
    const token = await mintToken(gw, key, { endUserId: 'u-replay' });
    const s = await start(gw, token, 'hubspot');
    const back = await consent(s.location!, 'allow');
    expect((await callback(back)).result.type).toBe('connected');
    const again = await callback(back);
    expect(again.result).toMatchObject({ type: 'error', code: 'INVALID_STATE' });
    expect(again.html).not.toMatch(/at .*\.ts:\d+/);
    const list = await gw.call('GET', '/v1/connections?endUserId=u-replay', { key });
    expect(list.body.data).toHaveLength(1);
  });

  it('a forged state is INVALID_STATE', async () => {
    const token = await mintToken(gw, key, { endUserId: 'u-forge' });
    const s = await start(gw, token, 'hubspot');
    const back = new URL(await consent(s.location!, 'allow'));
    back.searchParams.set('state', 'forged-state-value');
    expect((await callback(back.toString())).result).toMatchObject({ type: 'error', code: 'INVALID_STATE' });
    back.searchParams.delete('state');
    expect((await callback(back.toString())).result).toMatchObject({ type: 'error', code: 'INVALID_STATE' });
  });

  it('an expired state is STATE_EXPIRED', async () => {
    const token = await mintToken(gw, key, { endUserId: 'u-exp' });
    const s = await start(gw, token, 'hubspot');
    const back = await consent(s.location!, 'allow');
    const realNow = Date.now;
    const spy = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 11 * 60 * 1000);
    try {
      expect((await callback(back)).result).toMatchObject({ type: 'error', code: 'STATE_EXPIRED' });
    } finally { spy.mockRestore(); }
  });

  it('an expired connect token is INVALID_CONNECT_TOKEN', async () => {
    const token = await mintToken(gw, key, { endUserId: 'u-ctexp' });
    const realNow = Date.now;
    const spy = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 31 * 60 * 1000);
    try {
      const s = await start(gw, token, 'hubspot');
      expect(s.status).toBe(401);
      expect(s.html).toContain('INVALID_CONNECT_TOKEN');
    } finally { spy.mockRestore(); }
  });

  it('a failed code exchange is TOKEN_EXCHANGE_FAILED with no connection', async () => {
    const token = await mintToken(gw, key, { endUserId: 'u-badcode' });
    const s = await start(gw, token, 'hubspot');
    const back = new URL(await consent(s.location!, 'allow'));
    back.searchParams.set('code', 'garbage');
    const cb = await callback(back.toString());
    expect(cb.result).toMatchObject({ type: 'error', code: 'TOKEN_EXCHANGE_FAILED' });
    expect(cb.result.message).toContain('invalid_grant');
    expect((await gw.call('GET', '/v1/connections?endUserId=u-badcode', { key })).body.data).toEqual([]);
  });

  it('a token is single use: a second completion is INVALID_CONNECT_TOKEN', async () => {
    const token = await mintToken(gw, key, { endUserId: 'u-twice' });
    const first = await start(gw, token, 'hubspot');
    const second = await start(gw, token, 'pipedrive');
    expect((await callback(await consent(first.location!, 'allow'))).result.type).toBe('connected');
    const cb = await callback(await consent(second.location!, 'allow'));
    expect(cb.result).toMatchObject({ type: 'error', code: 'INVALID_CONNECT_TOKEN' });
    expect((await start(gw, token, 'salesforce')).status).toBe(401);
    const list = await gw.call('GET', '/v1/connections?endUserId=u-twice', { key });
    expect(list.body.data.map((c: { provider: string }) => c.provider)).toEqual(['hubspot']);
  });
});
