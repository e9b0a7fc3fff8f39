import { TEST_CLIENT } from '../../../test/helpers/sandbox';
import { authorizeCode, call, form, issueKey, oauthTokens, startSchedly } from './test-support';
import { UNAPPROVED_CLIENT_ID } from './oauth';

/** Seed 002 "OAuth 2.0": authorize and its four errors, the token path, the separate refresh path, /me. */
describe('Schedly sandbox OAuth', () => {
  let s: Awaited<ReturnType<typeof startSchedly>>;
  beforeAll(async () => { s = await startSchedly(); });
  afterAll(() => s.close());

  const redirectUri = TEST_CLIENT.redirectUris[0];
  const authorize = (params: Record<string, string>) => `/auth/oauth2/authorize?${new URLSearchParams(params)}`;
  const base = { client_id: TEST_CLIENT.clientId, redirect_uri: redirectUri, state: 'xyz' };

  it('refuses an unknown client, an unregistered redirect URI, an unapproved client and a missing state, without redirecting', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ ...base, client_id: 'cl_nope' }, 'client_not_found'],
      [{ ...base, redirect_uri: 'https://evil.example/cb' }, 'redirect_uri_mismatch'],
      [{ ...base, client_id: UNAPPROVED_CLIENT_ID }, 'not_approved'],
      [{ client_id: base.client_id, redirect_uri: redirectUri }, 'invalid_request'],
    ];
    for (const [params, error] of cases) {
      const r = await call(s.url, authorize(params));
      expect(r.status).toBe(400);
      expect(r.headers.get('location')).toBeNull();
      expect(r.body.error).toBe(error);
    }
  });

  it('redirects a denial with access_denied and the state; an approval with a code and the state', async () => {
    const denied = await call(s.url, authorize(base), form({ decision: 'deny' }));
    expect(denied.status).toBe(302);
    const d = new URL(denied.headers.get('location')!);
    expect(d.searchParams.get('error')).toBe('access_denied');
    expect(d.searchParams.get('state')).toBe('xyz');
    const page = await call(s.url, authorize(base));
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('Schedly');
    const allowed = await call(s.url, authorize(base), form({ decision: 'allow', account: 'acc_ok' }));
    const a = new URL(allowed.headers.get('location')!);
    expect(a.origin + a.pathname).toBe(redirectUri);
    expect(a.searchParams.get('code')).toBeTruthy();
    expect(a.searchParams.get('state')).toBe('xyz');
  });

  it('exchanges a code once at /api/auth/oauth/token for an 1800 s Bearer token; /me answers the username', async () => {
    const code = await authorizeCode(s.url, 'acc_me');
    const body = { grant_type: 'authorization_code', code, client_id: TEST_CLIENT.clientId, client_secret: TEST_CLIENT.clientSecret, redirect_uri: redirectUri };
    const r = await call(s.url, '/api/auth/oauth/token', form(body));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ access_token: expect.any(String), refresh_token: expect.any(String), token_type: 'Bearer', expires_in: 1800 });
    expect(r.headers.get('cache-control')).toBe('no-store');
    const me = await call(s.url, '/api/auth/oauth/me', { token: r.body.access_token });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ username: 'acc_me' });
    const again = await call(s.url, '/api/auth/oauth/token', form(body));
    expect([again.status, again.body.error]).toEqual([400, 'invalid_grant']);
  });

  it('answers the seed token errors: invalid_request, invalid_client, invalid_grant', async () => {
    const code = await authorizeCode(s.url, 'acc_err');
    const good = { grant_type: 'authorization_code', code, client_id: TEST_CLIENT.clientId, client_secret: TEST_CLIENT.clientSecret, redirect_uri: redirectUri };
    const missing = await call(s.url, '/api/auth/oauth/token', form({ ...good, code: '' }));
    expect([missing.status, missing.body.error]).toEqual([400, 'invalid_request']);
    const badSecret = await call(s.url, '/api/auth/oauth/token', form({ ...good, client_secret: 'wrong' }));
    expect([badSecret.status, badSecret.body.error]).toEqual([401, 'invalid_client']);
    const badCode = await call(s.url, '/api/auth/oauth/token', form({ ...good, code: 'auth_code_forged' }));
    expect([badCode.status, badCode.body.error]).toEqual([400, 'invalid_grant']);
    const otherRedirect = await call(s.url, '/api/auth/oauth/token', form({ ...good, redirect_uri: 'https://other.example/cb' }));
    expect([otherRedirect.status, otherRedirect.body.error]).toEqual([400, 'invalid_grant']);
  });

  it('verifies PKCE S256 when a challenge was sent', async () => {
    const verifier = 'v'.repeat(50);
    const exchange = async (code: string, codeVerifier?: string) => call(s.url, '/api/auth/oauth/token', form({
      grant_type: 'authorization_code', code, client_id: TEST_CLIENT.clientId, client_secret: TEST_CLIENT.clientSecret, redirect_uri: redirectUri,
      ...(codeVerifier ? { code_verifier: codeVerifier } : {}),
    }));
    expect((await exchange(await authorizeCode(s.url, 'acc_pkce', verifier))).body.error).toBe('invalid_request');
    expect((await exchange(await authorizeCode(s.url, 'acc_pkce', verifier), 'w'.repeat(50))).body.error).toBe('invalid_grant');
    expect((await exchange(await authorizeCode(s.url, 'acc_pkce', verifier), verifier)).status).toBe(200);
  });

  it('refreshes only at /api/auth/oauth/refreshToken, rotating the refresh token; the token path refuses a refresh grant', async () => {
    const t = await oauthTokens(s.url, 'acc_refresh');
    const refresh = { grant_type: 'refresh_token', refresh_token: t.refresh_token, client_id: TEST_CLIENT.clientId, client_secret: TEST_CLIENT.clientSecret };
    const wrongPath = await call(s.url, '/api/auth/oauth/token', form(refresh));
    expect([wrongPath.status, wrongPath.body.error]).toEqual([400, 'unsupported_grant_type']);
    const codeAtRefresh = await call(s.url, '/api/auth/oauth/refreshToken', form({ ...refresh, grant_type: 'authorization_code' }));
    expect([codeAtRefresh.status, codeAtRefresh.body.error]).toEqual([400, 'unsupported_grant_type']);
    expect(s.kit.stats.get('acc_refresh').refreshes).toBe(0);

    const r = await call(s.url, '/api/auth/oauth/refreshToken', form(refresh));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ access_token: expect.any(String), refresh_token: expect.any(String), token_type: 'Bearer', expires_in: 1800 });
    expect(r.body.refresh_token).not.toBe(t.refresh_token);
    const reused = await call(s.url, '/api/auth/oauth/refreshToken', form(refresh));
    expect([reused.status, reused.body.error]).toEqual([400, 'invalid_grant']);
    const stats = s.kit.stats.get('acc_refresh');
    expect(stats.refreshes).toBe(1);
    expect(stats.requests['POST /api/auth/oauth/refreshToken']).toBe(1);
    expect((await call(s.url, '/api/services/customers?limit=1', { token: r.body.access_token })).status).toBe(200);
  });

  it('refuses an expired access token with 401 UNAUTHORIZED in the envelope, and a bad key likewise', async () => {
    const t = await oauthTokens(s.url, 'acc_exp');
    s.clock.advance(1800 * 1000);
    const r = await call(s.url, '/api/services/customers', { token: t.access_token });
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ status: 'error', error: 'UNAUTHORIZED', message: 'Access token expired.' });
    const badKey = await call(s.url, '/api/services/customers', { key: 'sk_live_abc123' });
    expect(badKey.body).toEqual({ status: 'error', error: 'UNAUTHORIZED', message: 'Invalid API key provided.' });
    const none = await call(s.url, '/api/services/customers');
    expect([none.status, none.body.error]).toEqual([401, 'UNAUTHORIZED']);
    // The key path answers /me too (the manifest's verifyPath).
    const key = await issueKey(s.url, 'acc_key');
    expect((await call(s.url, '/api/auth/oauth/me', { key })).body).toEqual({ username: 'acc_key' });
  });
});
