import { TEST_CLIENT, type RunningSandbox } from '../../../test/helpers/sandbox';
import {
  ALL_SCOPES, authorizeCode, authorizeUrl, call, codeGrant, connect, decide, ManualClock, pkcePair, refreshGrant, startHubspot, tokenRequest,
} from '../fixtures/sandbox-client';

// Written from reference/providers.md §1.2 (OAuth) and §1.7 (401 bodies).
const DEAD_REFRESH = {
  error: 'invalid_grant',
  error_description: 'refresh token is invalid, expired or revoked',
  status: 'BAD_REFRESH_TOKEN',
  message: 'refresh token is invalid, expired or revoked',
};

describe('HubSpot sandbox OAuth', () => {
  let sb: RunningSandbox;
  const clock = new ManualClock();
  beforeAll(async () => { sb = await startHubspot({ clock }); });
  afterAll(() => sb.close());

  it('renders a consent page with app name, scopes, Allow and Deny posting to the same URL', async () => {
    const res = await fetch(authorizeUrl(sb.url, { account: 'acme' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain(TEST_CLIENT.appName);
    for (const s of ALL_SCOPES) expect(html).toContain(s);
    expect(html).toMatch(/<form method="post">/);
    expect(html).toContain('value="allow"');
    expect(html).toContain('value="deny"');
    expect(html).toContain('value="acme"');
  });

  it('completes authorize → allow → code → token over plain HTTP with form-body client auth', async () => {
    const res = await decide(authorizeUrl(sb.url, { state: 'xyz' }), 'allow', 'acme');
    expect(res.status).toBe(302);
    const loc = new URL(res.headers.get('location')!);
    expect(`${loc.origin}${loc.pathname}`).toBe(TEST_CLIENT.redirectUris[0]);
    expect(loc.searchParams.get('state')).toBe('xyz');
    const tok = await tokenRequest(sb.url, codeGrant(loc.searchParams.get('code')!));
    expect(tok.status).toBe(200);
    const body = await tok.json() as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['token_type', 'refresh_token', 'access_token', 'hub_id', 'scopes', 'expires_in']);
    expect(body.token_type).toBe('bearer');
    expect(body.expires_in).toBe(1800);
    expect(Number.isInteger(body.hub_id)).toBe(true);
    expect(body.scopes).toEqual(['oauth', ...ALL_SCOPES]);
    expect(String(body.refresh_token)).toMatch(/^na1-/);
    expect(String(body.access_token).length).toBeLessThanOrEqual(512);
    const me = await call(sb.url, String(body.access_token), 'GET', '/crm/v3/objects/contacts?limit=1');
    expect(me.status).toBe(200);
  });

  it('derives hub_id from the sandbox account, so the same account always gets the same portal', async () => {
    const a = await connect(sb.url, { account: 'portal-a' });
    const b = await connect(sb.url, { account: 'portal-a' });
    const c = await connect(sb.url, { account: 'portal-b' });
    expect(a.hub_id).toBe(b.hub_id);
    expect(c.hub_id).not.toBe(a.hub_id);
  });

  it('serves the same token handler at /oauth/v3/token and /oauth/2026-03/token', async () => {
    for (const path of ['/oauth/v3/token', '/oauth/2026-03/token']) {
      const res = await tokenRequest(sb.url, codeGrant(await authorizeCode(sb.url)), path);
      expect(res.status).toBe(200);
      expect((await res.json() as { expires_in: number }).expires_in).toBe(1800);
    }
  });

  it('deny redirects with error=access_denied and the state', async () => {
    const res = await decide(authorizeUrl(sb.url, { state: 's-deny' }), 'deny');
    expect(res.status).toBe(302);
    const loc = new URL(res.headers.get('location')!);
    expect(loc.searchParams.get('error')).toBe('access_denied');
    expect(loc.searchParams.get('state')).toBe('s-deny');
    expect(loc.searchParams.get('code')).toBeNull();
  });

  it('refuses an unknown client_id or an unregistered redirect_uri without redirecting', async () => {
    const bad = new URL(authorizeUrl(sb.url));
    bad.searchParams.set('client_id', 'nope');
    for (const url of [bad.toString(), authorizeUrl(sb.url, { redirectUri: 'https://evil.example.com/cb' })]) {
      const get = await fetch(url, { redirect: 'manual' });
      expect(get.status).toBe(400);
      const post = await decide(url, 'allow');
      expect(post.status).toBe(400);
      expect(post.headers.get('location')).toBeNull();
    }
  });

  it('accepts client credentials only in the form body (HTTP Basic alone is refused)', async () => {
    const code = await authorizeCode(sb.url);
    const res = await fetch(`${sb.url}/oauth/v1/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${TEST_CLIENT.clientId}:${TEST_CLIENT.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'authorization_code', redirect_uri: TEST_CLIENT.redirectUris[0], code }).toString(),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_client', status: 'BAD_CLIENT_ID' });
    const wrong = await tokenRequest(sb.url, codeGrant(code, { client_secret: 'wrong' }));
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_client', status: 'BAD_CLIENT_SECRET' });
  });

  it('makes codes single-use, short-lived and bound to the redirect_uri', async () => {
    const code = await authorizeCode(sb.url);
    const mismatch = await tokenRequest(sb.url, codeGrant(code, { redirect_uri: 'http://127.0.0.1:9/other' }));
    expect(mismatch.status).toBe(400);
    expect(await mismatch.json()).toMatchObject({ error: 'invalid_grant', status: 'BAD_REDIRECT_URI' });
    expect((await tokenRequest(sb.url, codeGrant(code))).status).toBe(200);
    const reused = await tokenRequest(sb.url, codeGrant(code));
    expect(reused.status).toBe(400);
    expect(await reused.json()).toEqual({
      error: 'invalid_grant', error_description: 'missing or unknown auth code', status: 'BAD_AUTH_CODE', message: 'missing or unknown auth code',
    });
    const garbage = await tokenRequest(sb.url, codeGrant('not-a-code'));
    expect(await garbage.json()).toMatchObject({ error: 'invalid_grant', status: 'BAD_AUTH_CODE' });

    const late = await authorizeCode(sb.url);
    clock.advance(301_000);
    const expired = await tokenRequest(sb.url, codeGrant(late));
    expect(expired.status).toBe(400);
    expect(await expired.json()).toMatchObject({ error: 'invalid_grant', status: 'EXPIRED_AUTH_CODE' });
  });

  it('checks PKCE when the authorize request carried a code_challenge', async () => {
    const { verifier, challenge } = pkcePair();
    const missing = await tokenRequest(sb.url, codeGrant(await authorizeCode(sb.url, { codeChallenge: challenge })));
    expect(await missing.json()).toMatchObject({ error: 'invalid_grant', status: 'BAD_CODE_VERIFIER' });
    const wrong = await tokenRequest(sb.url, codeGrant(await authorizeCode(sb.url, { codeChallenge: challenge }), { code_verifier: 'x'.repeat(43) }));
    expect(wrong.status).toBe(400);
    const ok = await tokenRequest(sb.url, codeGrant(await authorizeCode(sb.url, { codeChallenge: challenge }), { code_verifier: verifier }));
    expect(ok.status).toBe(200);
  });

  it('refreshes without rotating the refresh token', async () => {
    const first = await connect(sb.url);
    clock.advance(1000);
    const res = await tokenRequest(sb.url, refreshGrant(first.refresh_token));
    expect(res.status).toBe(200);
    const body = await res.json() as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['token_type', 'refresh_token', 'access_token', 'hub_id', 'scopes', 'expires_in']);
    expect(body.refresh_token).toBe(first.refresh_token);
    expect(body.access_token).not.toBe(first.access_token);
    expect(body.expires_in).toBe(1800);
    // The old refresh token keeps working (no rotation).
    expect((await tokenRequest(sb.url, refreshGrant(first.refresh_token))).status).toBe(200);
  });

  it('answers a bad or revoked refresh token with exactly the §1.2 body', async () => {
    const bad = await tokenRequest(sb.url, refreshGrant('na1-garbage'));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual(DEAD_REFRESH);

    const t = await connect(sb.url);
    const del = await fetch(`${sb.url}/oauth/v1/refresh-tokens/${encodeURIComponent(t.refresh_token)}`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    const revoked = await tokenRequest(sb.url, refreshGrant(t.refresh_token));
    expect(revoked.status).toBe(400);
    expect(await revoked.json()).toEqual(DEAD_REFRESH);
    const api = await call(sb.url, t.access_token, 'GET', '/crm/v3/objects/contacts');
    expect(api.status).toBe(401);
    expect(api.body).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION' });
  });

  it('expires access tokens after expires_in with the EXPIRED_AUTHENTICATION body', async () => {
    const t = await connect(sb.url);
    clock.advance(1800_000 + 5_000);
    const res = await call(sb.url, t.access_token, 'GET', '/crm/v3/objects/contacts');
    expect(res.status).toBe(401);
    expect(Object.keys(res.body).sort()).toEqual(['category', 'context', 'correlationId', 'message', 'status']);
    expect(res.body).toMatchObject({
      status: 'error', category: 'EXPIRED_AUTHENTICATION', message: 'The OAuth token used to make this call expired 5 second(s) ago.',
    });
    expect((res.body.context as Record<string, string[]>)['expire time'][0]).toBe(new Date(clock.now() - 5_000).toISOString());
    const refreshed = await tokenRequest(sb.url, refreshGrant(t.refresh_token));
    const fresh = await refreshed.json() as { access_token: string };
    expect((await call(sb.url, fresh.access_token, 'GET', '/crm/v3/objects/contacts')).status).toBe(200);
  });

  it('answers a missing or unknown token with INVALID_AUTHENTICATION and x-hubspot-auth-failure', async () => {
    for (const headers of [{}, { authorization: 'Bearer nope' }] as Record<string, string>[]) {
      const res = await fetch(`${sb.url}/crm/v3/objects/contacts`, { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('x-hubspot-auth-failure')).toBe('401 Unauthorized');
      expect(await res.json()).toMatchObject({
        status: 'error', category: 'INVALID_AUTHENTICATION',
        message: expect.stringMatching(/^Authentication credentials not found\. This API supports OAuth 2\.0 authentication/),
        correlationId: expect.any(String),
      });
    }
  });

  it('describes an access token at GET /oauth/v1/access-tokens/{token}', async () => {
    const t = await connect(sb.url, { account: 'portal-a' });
    const res = await fetch(`${sb.url}/oauth/v1/access-tokens/${t.access_token}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ token: t.access_token, hub_id: t.hub_id, scopes: t.scopes, token_type: 'access', expires_in: 1800 });
  });
});
