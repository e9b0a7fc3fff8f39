/**
 * OAuth fidelity, written from reference/providers.md §3.1 and the "OAuth status codes" doc:
 * authorize without a scope parameter, HTTP Basic client auth only, the token body with
 * `api_domain` and `expires_in: 3600`, rotating refresh tokens, and the exact error bodies.
 */
import type { RunningSandbox } from '../../../test/helpers/sandbox';
import { TEST_CLIENT } from '../../../test/helpers/sandbox';
import {
  api, apiError, authorizeCode, authorizeUrl, BASIC, connect, decide, FORM, REDIRECT, start, tokenCall,
} from './test-support';

const APP_SCOPES = 'base,contacts:full,leads:full,activities:full,users:read,search:read';
const DEAD_REFRESH = { success: false, message: 'Invalid grant: refresh token is invalid', error: 'invalid_grant' };

let sb: RunningSandbox;
beforeAll(async () => { sb = await start(); });
afterAll(async () => { await sb.close(); });
afterEach(() => { jest.restoreAllMocks(); });

describe('authorize', () => {
  it('renders a consent page with the app name, its fixed scopes, Allow and Deny', async () => {
    const res = await fetch(authorizeUrl(sb.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain(TEST_CLIENT.appName);
    for (const scope of APP_SCOPES.split(',')) expect(html).toContain(scope);
    expect(html).toMatch(/<form method="post">/);
    expect(html).toContain('value="allow"');
    expect(html).toContain('value="deny"');
  });

  it('preselects the sandbox account from the sandbox-only account query parameter', async () => {
    const html = await (await fetch(authorizeUrl(sb.url, { account: 'pre-selected' }))).text();
    expect(html).toContain('value="pre-selected"');
    const res = await fetch(authorizeUrl(sb.url, { account: 'pre-selected' }), {
      method: 'POST', redirect: 'manual', headers: { 'content-type': FORM }, body: 'decision=allow',
    });
    const code = new URL(res.headers.get('location') ?? '').searchParams.get('code') ?? '';
    expect((await tokenCall(sb.url, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT })).status).toBe(200);
    expect(sb.kit.stats.get('pre-selected').tokensIssued).toBe(1);
  });

  it('redirects a denial with error=access_denied and the state', async () => {
    const res = await decide(sb.url, 'deny', 'acct-deny');
    expect(res.status).toBe(302);
    const loc = new URL(res.headers.get('location') ?? '');
    expect(`${loc.origin}${loc.pathname}`).toBe(REDIRECT);
    expect(loc.searchParams.get('error')).toBe('access_denied');
    expect(loc.searchParams.get('state')).toBe('st-1');
    expect(loc.searchParams.get('code')).toBeNull();
  });

  it('refuses an unknown client_id without redirecting', async () => {
    const res = await fetch(authorizeUrl(sb.url, { client_id: 'nobody' }), { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.json()).toEqual({ success: false, message: 'Invalid client: client is invalid', error: 'invalid_client' });
  });

  it('refuses a redirect_uri that is not registered, or not a URI', async () => {
    const bad = await fetch(authorizeUrl(sb.url, { redirect_uri: 'https://evil.example.com/cb' }), { redirect: 'manual' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ success: false, message: 'Invalid request: redirect_uri is invalid', error: 'invalid_request' });
    const notUri = await decide(sb.url, 'allow', 'a1', { redirect_uri: 'not a uri' });
    expect(notUri.status).toBe(400);
    expect(await notUri.json()).toEqual({ success: false, message: 'Invalid request: redirect_uri is not a valid URI', error: 'invalid_request' });
  });
});

describe('token endpoint', () => {
  it('completes the flow over plain HTTP and returns the exact token body', async () => {
    const code = await authorizeCode(sb.url, 'acct-flow');
    const res = await tokenCall(sb.url, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['access_token', 'token_type', 'refresh_token', 'scope', 'expires_in', 'api_domain']);
    expect(res.body).toMatchObject({ token_type: 'Bearer', scope: APP_SCOPES, expires_in: 3600, api_domain: sb.url });
    expect(typeof res.body.access_token).toBe('string');
    const me = await api(res.body.api_domain, res.body.access_token, '/api/v1/users/me');
    expect(me.status).toBe(200);
    expect(sb.kit.stats.get('acct-flow').tokensIssued).toBe(1);
  });

  it('accepts HTTP Basic only: body credentials cannot be retrieved', async () => {
    const code = await authorizeCode(sb.url, 'acct-body');
    const res = await tokenCall(sb.url, {
      grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: TEST_CLIENT.clientId, client_secret: TEST_CLIENT.clientSecret,
    }, { 'content-type': FORM });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ success: false, message: 'Invalid client: cannot retrieve client credentials', error: 'invalid_client' });
  });

  it('rejects a wrong client secret', async () => {
    const wrong = `Basic ${Buffer.from(`${TEST_CLIENT.clientId}:nope`).toString('base64')}`;
    const res = await tokenCall(sb.url, { grant_type: 'refresh_token', refresh_token: 'x' }, { authorization: wrong, 'content-type': FORM });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ success: false, message: 'Invalid client: client is invalid', error: 'invalid_client' });
  });

  it('requires a form-encoded body', async () => {
    const res = await fetch(`${sb.url}/oauth/token`, {
      method: 'POST', headers: { authorization: BASIC, 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'refresh_token' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ success: false, message: 'Invalid request: content must be application/x-www-form-urlencoded', error: 'invalid_request' });
  });

  it('answers missing and unsupported grant types', async () => {
    const missing = await tokenCall(sb.url, { code: 'x' });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ success: false, message: 'Missing parameter: grant_type', error: 'invalid_request' });
    const unsupported = await tokenCall(sb.url, { grant_type: 'client_credentials' });
    expect(unsupported.status).toBe(400);
    expect(unsupported.body).toEqual({ success: false, message: 'Unsupported grant type: grant_type is invalid', error: 'unsupported_grant_type' });
  });

  it('treats a bad or reused code as invalid', async () => {
    const bad = await tokenCall(sb.url, { grant_type: 'authorization_code', code: 'garbage', redirect_uri: REDIRECT });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ success: false, message: 'Invalid grant: authorization_code is invalid', error: 'invalid_grant' });
    const code = await authorizeCode(sb.url, 'acct-reuse');
    expect((await tokenCall(sb.url, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT })).status).toBe(200);
    const again = await tokenCall(sb.url, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ success: false, message: 'Invalid grant: authorization_code is invalid', error: 'invalid_grant' });
  });

  it('expires codes after 5 minutes', async () => {
    const code = await authorizeCode(sb.url, 'acct-late');
    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now + 301_000);
    const res = await tokenCall(sb.url, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ success: false, message: 'Invalid grant: authorization_code has expired', error: 'invalid_grant' });
  });

  it('checks the redirect_uri against the one the code was issued for', async () => {
    const code = await authorizeCode(sb.url, 'acct-redirect');
    const res = await tokenCall(sb.url, { grant_type: 'authorization_code', code, redirect_uri: 'http://127.0.0.1:9/other' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ success: false, message: 'Invalid request: redirect_uri is invalid', error: 'invalid_request' });
  });

  it('rotates refresh tokens: the old one is spent, the new one keeps working', async () => {
    const first = await connect(sb.url, 'acct-rotate');
    const r1 = await tokenCall(sb.url, { grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(r1.status).toBe(200);
    expect(Object.keys(r1.body)).toEqual(['access_token', 'token_type', 'refresh_token', 'scope', 'expires_in', 'api_domain']);
    expect(r1.body.refresh_token).not.toBe(first.refresh_token);
    expect(r1.body.api_domain).toBe(sb.url);
    const replay = await tokenCall(sb.url, { grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(replay.status).toBe(400);
    expect(replay.body).toEqual(DEAD_REFRESH);
    // Replaying an old token does not kill the grant.
    const r2 = await tokenCall(sb.url, { grant_type: 'refresh_token', refresh_token: r1.body.refresh_token });
    expect(r2.status).toBe(200);
    expect(sb.kit.stats.get('acct-rotate').refreshes).toBe(2);
  });

  it('answers the SDK fixture body for a bad refresh token', async () => {
    const res = await tokenCall(sb.url, { grant_type: 'refresh_token', refresh_token: 'not-a-token' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(DEAD_REFRESH);
  });
});

describe('revoke and token lifetime', () => {
  it('revokes through /oauth/revoke: refresh is invalid_grant, access is a 401', async () => {
    const t = await connect(sb.url, 'acct-revoke');
    const res = await fetch(`${sb.url}/oauth/revoke`, {
      method: 'POST', headers: { authorization: BASIC, 'content-type': FORM },
      body: new URLSearchParams({ token: t.refresh_token, token_type_hint: 'refresh_token' }).toString(),
    });
    expect(res.status).toBe(200);
    expect((await tokenCall(sb.url, { grant_type: 'refresh_token', refresh_token: t.refresh_token })).body).toEqual(DEAD_REFRESH);
    const call = await api(sb.url, t.access_token, '/api/v2/persons');
    expect(call.status).toBe(401);
    expect(call.body).toEqual(apiError('Invalid token: access token is invalid', 401));
  });

  it('expires access tokens after their lifetime with the 401 body', async () => {
    const short = await start({ accessTokenTtlSeconds: 60 });
    try {
      const t = await connect(short.url, 'acct-ttl');
      expect(t.expires_in).toBe(60);
      expect((await api(short.url, t.access_token, '/api/v2/persons?limit=1')).status).toBe(200);
      const now = Date.now();
      jest.spyOn(Date, 'now').mockReturnValue(now + 61_000);
      const res = await api(short.url, t.access_token, '/api/v2/persons?limit=1');
      expect(res.status).toBe(401);
      expect(res.body).toEqual(apiError('Invalid token: access token has expired', 401));
      const refreshed = await tokenCall(short.url, { grant_type: 'refresh_token', refresh_token: t.refresh_token });
      expect(refreshed.status).toBe(200);
      expect((await api(short.url, refreshed.body.access_token, '/api/v2/persons?limit=1')).status).toBe(200);
    } finally {
      jest.restoreAllMocks();
      await short.close();
    }
  });
});
