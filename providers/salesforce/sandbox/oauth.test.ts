import { createHash, createHmac } from 'node:crypto';
import type { RunningSandbox } from '../../../test/helpers/sandbox';
import { TEST_CLIENT } from '../../../test/helpers/sandbox';
import { api, authorizeUrl, connect, getCode, REDIRECT, start, tokenRequest, type TokenBody } from './test-support';
import { salesforceSettings } from './settings';

// Written from reference/providers.md §2.1 (web-server flow) and §2.7 (401 bodies).
const EXPIRED_GRANT = { error: 'invalid_grant', error_description: 'expired access/refresh token' };
const SESSION_INVALID = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];

let sb: RunningSandbox;
beforeEach(async () => { sb = await start(); });
afterEach(async () => { jest.restoreAllMocks(); await sb.close(); });

const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

describe('authorize endpoint', () => {
  test('renders a consent page with the app name, scopes, Allow and Deny posting to the same URL', async () => {
    const res = await fetch(authorizeUrl(sb.url));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(TEST_CLIENT.appName);
    expect(html).toContain('<code>api</code>');
    expect(html).toContain('<code>refresh_token</code>');
    expect(html).toMatch(/<form method="post">/);
    expect(html).toMatch(/name="decision" value="allow"/);
    expect(html).toMatch(/name="decision" value="deny"/);
  });

  test('the sandbox-only account parameter preselects the account', async () => {
    const html = await (await fetch(authorizeUrl(sb.url, { account: 'org-42' }))).text();
    expect(html).toContain('value="org-42"');
  });

  test('allow redirects to the redirect_uri with code and state', async () => {
    const res = await fetch(authorizeUrl(sb.url), form({ decision: 'allow', account: 'a1' }));
    expect(res.status).toBe(302);
    const loc = new URL(res.headers.get('location') as string);
    expect(`${loc.origin}${loc.pathname}`).toBe(REDIRECT);
    expect(loc.searchParams.get('code')).toBeTruthy();
    expect(loc.searchParams.get('state')).toBe('st-1');
  });

  test('deny redirects with error=access_denied and the state', async () => {
    const res = await fetch(authorizeUrl(sb.url), form({ decision: 'deny', account: 'a1' }));
    expect(res.status).toBe(302);
    const loc = new URL(res.headers.get('location') as string);
    expect(`${loc.origin}${loc.pathname}`).toBe(REDIRECT);
    expect(loc.searchParams.get('error')).toBe('access_denied');
    expect(loc.searchParams.get('state')).toBe('st-1');
    expect(loc.searchParams.get('code')).toBeNull();
  });

  test.each([
    ['unknown client_id', { client_id: 'nope' }, 'invalid_client_id'],
    ['unregistered redirect_uri', { redirect_uri: 'https://evil.example.com/cb' }, 'redirect_uri_mismatch'],
  ])('%s goes to Salesforce\'s own error page, never to the redirect_uri', async (_name, params, error) => {
    const res = await fetch(authorizeUrl(sb.url, params), { redirect: 'manual' });
    expect(res.status).toBe(302);
    const loc = new URL(res.headers.get('location') as string);
    expect(loc.pathname).toBe('/setup/secur/RemoteAccessErrorPage.apexp');
    expect(loc.searchParams.get('error')).toBe(error);
    const page = await fetch(loc);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(error);
  });

  test('an unknown scope is redirected back as invalid_scope', async () => {
    const res = await fetch(authorizeUrl(sb.url, { scope: 'api crm.everything' }), { redirect: 'manual' });
    const loc = new URL(res.headers.get('location') as string);
    expect(loc.searchParams.get('error')).toBe('invalid_scope');
  });
});

describe('token endpoint: authorization_code', () => {
  test('success body is exactly Salesforce\'s: no expires_in, instance_url, id, signature, issued_at', async () => {
    const before = Date.now();
    const t = await connect(sb.url, 'acme');
    expect(Object.keys(t)).toEqual(['access_token', 'refresh_token', 'signature', 'scope', 'instance_url', 'id', 'token_type', 'issued_at']);
    expect(t).not.toHaveProperty('expires_in');
    expect(t.access_token).toMatch(/^00D[A-Za-z0-9]{12}!AQ/);
    expect(t.refresh_token).toMatch(/^5Aep/);
    expect(t.scope).toBe('api refresh_token');
    expect(t.token_type).toBe('Bearer');
    expect(t.instance_url).toBe(sb.url);
    expect(t.id).toMatch(new RegExp(`^${sb.url}/id/00D[A-Za-z0-9]{15}/005[A-Za-z0-9]{15}$`));
    expect(t.access_token.slice(0, 15)).toBe(t.id.split('/')[4].slice(0, 15));
    expect(t.issued_at).toMatch(/^\d{13}$/);
    expect(Number(t.issued_at)).toBeGreaterThanOrEqual(before);
    const expected = createHmac('sha256', TEST_CLIENT.clientSecret).update(t.id + t.issued_at).digest('base64');
    expect(t.signature).toBe(expected);
  });

  test('HTTP Basic client authentication is accepted too', async () => {
    const code = await getCode(sb.url, 'acme');
    const res = await tokenRequest(sb.url, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT }, true);
    expect(res.status).toBe(200);
    expect(((await res.json()) as TokenBody).access_token).toMatch(/^00D/);
  });

  test('the access token works against the REST API of the instance_url', async () => {
    const t = await connect(sb.url, 'acme');
    const res = await fetch(`${t.instance_url}/services/data/v62.0/sobjects/Contact/describe`, { headers: { authorization: `Bearer ${t.access_token}` } });
    expect(res.status).toBe(200);
  });

  test('without the refresh_token scope there is no refresh_token', async () => {
    const t = await connect(sb.url, 'acme', 'api');
    expect(t).not.toHaveProperty('refresh_token');
    expect(t.scope).toBe('api');
  });

  test('codes are single-use', async () => {
    const code = await getCode(sb.url, 'acme');
    expect((await tokenRequest(sb.url, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT })).status).toBe(200);
    const again = await tokenRequest(sb.url, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({ error: 'invalid_grant', error_description: 'invalid authorization code' });
  });

  test('codes expire (15 minutes)', async () => {
    const code = await getCode(sb.url, 'acme');
    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now + 16 * 60_000);
    const res = await tokenRequest(sb.url, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_grant', error_description: 'authorization code expired' });
  });

  test('a made-up code is invalid_grant', async () => {
    const res = await tokenRequest(sb.url, { grant_type: 'authorization_code', code: 'aPrxbogus', redirect_uri: REDIRECT });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_grant', error_description: 'invalid authorization code' });
  });

  test('redirect_uri must match the one of the authorize request', async () => {
    const code = await getCode(sb.url, 'acme');
    const res = await tokenRequest(sb.url, { grant_type: 'authorization_code', code, redirect_uri: 'http://127.0.0.1:9/other' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'redirect_uri_mismatch', error_description: 'redirect_uri must match configuration' });
  });

  test('client errors: unknown client_id, wrong secret, unsupported grant_type', async () => {
    const code = await getCode(sb.url, 'acme');
    const post = (body: Record<string, string>): Promise<Response> =>
      fetch(`${sb.url}/services/oauth2/token`, { ...form(body) });
    const unknown = await post({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: 'x', client_secret: 'y' });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ error: 'invalid_client_id', error_description: 'client identifier invalid' });
    const wrong = await post({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: TEST_CLIENT.clientId, client_secret: 'nope' });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual({ error: 'invalid_client', error_description: 'invalid client credentials' });
    const grant = await post({ grant_type: 'password', client_id: TEST_CLIENT.clientId, client_secret: TEST_CLIENT.clientSecret });
    expect(grant.status).toBe(400);
    expect(await grant.json()).toEqual({ error: 'unsupported_grant_type', error_description: 'grant type not supported' });
  });

  describe('PKCE (S256)', () => {
    const verifier = 'a'.repeat(43) + 'pkce-verifier';
    const challenge = createHash('sha256').update(verifier).digest('base64url');

    test('the right verifier succeeds', async () => {
      const code = await getCode(sb.url, 'acme', { code_challenge: challenge, code_challenge_method: 'S256' });
      const res = await tokenRequest(sb.url, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier });
      expect(res.status).toBe(200);
    });

    test('a missing verifier is invalid_grant, a mismatched one invalid_request (§2.1 PKCE)', async () => {
      const code = await getCode(sb.url, 'acme', { code_challenge: challenge });
      const missing = await tokenRequest(sb.url, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
      expect(missing.status).toBe(400);
      expect(((await missing.json()) as { error: string }).error).toBe('invalid_grant');
      const wrong = await tokenRequest(sb.url, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: 'wrong' });
      expect(wrong.status).toBe(400);
      expect(((await wrong.json()) as { error: string }).error).toBe('invalid_request');
    });
  });
});

describe('token endpoint: refresh_token', () => {
  test('the refresh response has the same fields without refresh_token; the new token works', async () => {
    const t = await connect(sb.url, 'acme');
    const res = await tokenRequest(sb.url, { grant_type: 'refresh_token', refresh_token: t.refresh_token as string });
    expect(res.status).toBe(200);
    const r = (await res.json()) as TokenBody;
    expect(Object.keys(r)).toEqual(['access_token', 'signature', 'scope', 'instance_url', 'id', 'token_type', 'issued_at']);
    expect(r.instance_url).toBe(sb.url);
    expect(r.access_token).not.toBe(t.access_token);
    expect((await api(sb.url, r.access_token, '/limits')).status).toBe(200);
    // Without rotation the same refresh token keeps working.
    expect((await tokenRequest(sb.url, { grant_type: 'refresh_token', refresh_token: t.refresh_token as string }, true)).status).toBe(200);
  });

  test('a made-up refresh token gets the invalid_grant body', async () => {
    const res = await tokenRequest(sb.url, { grant_type: 'refresh_token', refresh_token: '5Aep861garbage' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual(EXPIRED_GRANT);
  });

  test('a revoked grant: refresh is invalid_grant and the access token is 401 INVALID_SESSION_ID', async () => {
    const t = await connect(sb.url, 'acme');
    const rev = await fetch(`${sb.url}/services/oauth2/revoke`, form({ token: t.refresh_token as string }));
    expect(rev.status).toBe(200);
    const res = await tokenRequest(sb.url, { grant_type: 'refresh_token', refresh_token: t.refresh_token as string });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual(EXPIRED_GRANT);
    const call = await api(sb.url, t.access_token, '/limits');
    expect(call.status).toBe(401);
    expect(await call.json()).toEqual(SESSION_INVALID);
  });

  test('with Refresh Token Rotation a new refresh token comes back, and reusing the old one kills the grant', async () => {
    const rtr = await start({ rotation: true });
    try {
      const t = await connect(rtr.url, 'acme');
      const first = await tokenRequest(rtr.url, { grant_type: 'refresh_token', refresh_token: t.refresh_token as string });
      const r1 = (await first.json()) as TokenBody;
      expect(r1.refresh_token).toMatch(/^5Aep/);
      expect(r1.refresh_token).not.toBe(t.refresh_token);
      const reuse = await tokenRequest(rtr.url, { grant_type: 'refresh_token', refresh_token: t.refresh_token as string });
      expect(reuse.status).toBe(400);
      expect(await reuse.json()).toEqual(EXPIRED_GRANT);
      // §2.1 RTR: the reuse revokes the current refresh token and its access tokens too.
      const next = await tokenRequest(rtr.url, { grant_type: 'refresh_token', refresh_token: r1.refresh_token as string });
      expect(await next.json()).toEqual(EXPIRED_GRANT);
      expect((await api(rtr.url, r1.access_token, '/limits')).status).toBe(401);
    } finally {
      await rtr.close();
    }
  });

  test('rotation can be switched on for a running sandbox', async () => {
    salesforceSettings(sb.kit).refreshTokenRotation = true;
    const t = await connect(sb.url, 'acme');
    const r = (await (await tokenRequest(sb.url, { grant_type: 'refresh_token', refresh_token: t.refresh_token as string })).json()) as TokenBody;
    expect(r.refresh_token).toBeDefined();
  });
});

describe('sessions', () => {
  test('an expired access token gets 401 Session expired or invalid; a refresh fixes it', async () => {
    const t = await connect(sb.url, 'acme');
    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now + 2 * 3600_000 + 1000);
    const res = await api(sb.url, t.access_token, '/sobjects/Contact/describe');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual(SESSION_INVALID);
    const r = (await (await tokenRequest(sb.url, { grant_type: 'refresh_token', refresh_token: t.refresh_token as string })).json()) as TokenBody;
    expect((await api(sb.url, r.access_token, '/sobjects/Contact/describe')).status).toBe(200);
  });

  test('the access-token lifetime is configurable (startSandbox ttl)', async () => {
    const short = await start({ ttl: 60 });
    try {
      const t = await connect(short.url, 'acme');
      const now = Date.now();
      jest.spyOn(Date, 'now').mockReturnValue(now + 61_000);
      expect((await api(short.url, t.access_token, '/limits')).status).toBe(401);
    } finally {
      await short.close();
    }
  });

  test('no token, or a made-up one, is the same 401', async () => {
    const none = await fetch(`${sb.url}/services/data/v62.0/limits`);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual(SESSION_INVALID);
    const bogus = await api(sb.url, '00D000000000001!AQbogus', '/limits');
    expect(await bogus.json()).toEqual(SESSION_INVALID);
  });

  test('a token without the api scope is "not valid for use with the REST API"', async () => {
    const t = await connect(sb.url, 'acme', 'id refresh_token');
    const res = await api(sb.url, t.access_token, '/limits');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual([{ message: 'This session is not valid for use with the REST API', errorCode: 'INVALID_SESSION_ID' }]);
  });

  test('introspect tells the lifetime (exp) that the token response does not', async () => {
    const t = await connect(sb.url, 'acme');
    const res = await fetch(`${sb.url}/services/oauth2/introspect`, form({
      token: t.access_token, token_type_hint: 'access_token', client_id: TEST_CLIENT.clientId, client_secret: TEST_CLIENT.clientSecret,
    }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { active: boolean; exp: number; scope: string; token_type: string };
    expect(body.active).toBe(true);
    expect(body.token_type).toBe('access_token');
    expect(body.exp).toBe(Math.floor(Number(t.issued_at) / 1000) + 7200);
    const dead = await fetch(`${sb.url}/services/oauth2/introspect`, form({
      token: 'nope', client_id: TEST_CLIENT.clientId, client_secret: TEST_CLIENT.clientSecret,
    }));
    expect(await dead.json()).toEqual({ active: false });
  });

  test('the identity URL answers for the session user', async () => {
    const t = await connect(sb.url, 'acme');
    const res = await fetch(t.id, { headers: { authorization: `Bearer ${t.access_token}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { user_id: string; organization_id: string; email: string };
    expect(t.id.endsWith(`${body.organization_id}/${body.user_id}`)).toBe(true);
    expect(body.email).toContain('@');
  });
});
