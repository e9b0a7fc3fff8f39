import type { RunningSandbox } from '../../../test/helpers/sandbox';
import { ALL_SCOPES, call, issueToken, start } from './test-support';

/**
 * Personal access tokens and authentication, from seed 000 (error envelope, 401/403 codes,
 * WWW-Authenticate, pat_name_taken, pat_limit_exceeded) and issue 3 §2.
 */
let sb: RunningSandbox;
beforeEach(async () => { sb = await start(); });
afterEach(async () => { await sb.close(); });

const expectEnvelope = (body: any, code: string) => {
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error).sort()).toEqual(['code', 'details', 'message', 'request_id']);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.request_id).toMatch(/^req_/);
};

describe('issuing', () => {
  it('POST /v1/personal-access-tokens → 201 { data: { id, name, token, scopes }, meta: { request_id } }', async () => {
    const r = await call(sb.url, '/v1/personal-access-tokens', { method: 'POST', json: { name: 'ci', scopes: ['bookings:read'], account: 'acme' } });
    expect(r.status).toBe(201);
    expect(Object.keys(r.body.data).sort()).toEqual(['id', 'name', 'scopes', 'token']);
    expect(r.body.data).toMatchObject({ name: 'ci', scopes: ['bookings:read'] });
    expect(typeof r.body.data.token).toBe('string');
    expect(r.body.meta.request_id).toMatch(/^req_/);
    const list = await call(sb.url, '/v1/bookings?limit=1', { token: r.body.data.token });
    expect(list.status).toBe(200);
  });

  it('409 pat_name_taken when another active PAT of the account has the name; other accounts may reuse it', async () => {
    await issueToken(sb.url, 'acme', ALL_SCOPES, 'deploy');
    const again = await call(sb.url, '/v1/personal-access-tokens', { method: 'POST', json: { name: 'deploy', scopes: ALL_SCOPES, account: 'acme' } });
    expect(again.status).toBe(409);
    expectEnvelope(again.body, 'pat_name_taken');
    await expect(issueToken(sb.url, 'other', ALL_SCOPES, 'deploy')).resolves.toEqual(expect.any(String));
  });

  it('409 pat_limit_exceeded at 42 active PATs; revoking one frees a place', async () => {
    const tokens: string[] = [];
    for (let i = 0; i < 42; i++) tokens.push(await issueToken(sb.url, 'full', ['bookings:read'], `pat-${i}`));
    const over = await call(sb.url, '/v1/personal-access-tokens', { method: 'POST', json: { name: 'pat-42', scopes: ['bookings:read'], account: 'full' } });
    expect(over.status).toBe(409);
    expectEnvelope(over.body, 'pat_limit_exceeded');
    const listed = await call(sb.url, '/v1/personal-access-tokens', { token: tokens[0] });
    expect(listed.body.data).toHaveLength(42);
    const del = await call(sb.url, `/v1/personal-access-tokens/${listed.body.data[5].id}`, { method: 'DELETE', token: tokens[0] });
    expect(del.status).toBe(204);
    await expect(issueToken(sb.url, 'full', ['bookings:read'], 'pat-42')).resolves.toEqual(expect.any(String));
  });

  it('a PAT issued with a Bearer PAT lands in that PAT\'s account', async () => {
    const first = await issueToken(sb.url, 'team-x');
    const r = await call(sb.url, '/v1/personal-access-tokens', { method: 'POST', token: first, json: { name: 'second', scopes: ALL_SCOPES } });
    expect(r.status).toBe(201);
    const a = await call(sb.url, '/v1/bookings?limit=5', { token: first });
    const b = await call(sb.url, '/v1/bookings?limit=5', { token: r.body.data.token });
    expect(b.body.data).toEqual(a.body.data);
  });

  it('rejects a bad body: validation_error for a missing name or scopes, invalid_scope for an unknown scope', async () => {
    const noName = await call(sb.url, '/v1/personal-access-tokens', { method: 'POST', json: { scopes: ALL_SCOPES } });
    expect(noName.status).toBe(400);
    expectEnvelope(noName.body, 'validation_error');
    const noScopes = await call(sb.url, '/v1/personal-access-tokens', { method: 'POST', json: { name: 'x', scopes: [] } });
    expectEnvelope(noScopes.body, 'validation_error');
    const bad = await call(sb.url, '/v1/personal-access-tokens', { method: 'POST', json: { name: 'x', scopes: ['bookings:delete'] } });
    expect(bad.status).toBe(400);
    expectEnvelope(bad.body, 'invalid_scope');
  });
});

describe('401s and 403s', () => {
  const challenge = /^Bearer realm="42min", error="[a-z_]+"/;

  it('missing token → 401 invalid_token with WWW-Authenticate', async () => {
    const r = await call(sb.url, '/v1/bookings');
    expect(r.status).toBe(401);
    expectEnvelope(r.body, 'invalid_token');
    expect(r.body.error.details).toEqual({});
    expect(r.headers.get('www-authenticate')).toMatch(challenge);
  });

  it('malformed, unknown or tampered tokens → 401 invalid_token', async () => {
    const token = await issueToken(sb.url, 'acme');
    const tampered = token.slice(0, -3) + (token.endsWith('AAA') ? 'BBB' : 'AAA');
    for (const t of ['nonsense', 'pat_abc.def', tampered]) {
      const r = await call(sb.url, '/v1/bookings', { token: t });
      expect(r.status).toBe(401);
      expectEnvelope(r.body, 'invalid_token');
      expect(r.headers.get('www-authenticate')).toMatch(challenge);
    }
  });

  it('a revoked PAT → 401 token_revoked', async () => {
    const token = await issueToken(sb.url, 'acme', ALL_SCOPES, 'to-revoke');
    const { body } = await call(sb.url, '/v1/personal-access-tokens', { token });
    const id = body.data.find((p: any) => p.name === 'to-revoke').id;
    expect((await call(sb.url, `/v1/personal-access-tokens/${id}`, { method: 'DELETE', token })).status).toBe(204);
    const r = await call(sb.url, '/v1/bookings', { token });
    expect(r.status).toBe(401);
    expectEnvelope(r.body, 'token_revoked');
    expect(r.headers.get('www-authenticate')).toMatch(challenge);
    const again = await call(sb.url, `/v1/personal-access-tokens/${id}?account=acme`, { method: 'DELETE' });
    expect(again.status).toBe(404);
    expectEnvelope(again.body, 'not_found');
  });

  it('a missing scope → 403 insufficient_scope exactly as the seed envelope', async () => {
    const token = await issueToken(sb.url, 'acme', ['bookings:read']);
    const r = await call(sb.url, '/v1/bookings', { method: 'POST', token, headers: { 'idempotency-key': 'k1' }, json: {} });
    expect(r.status).toBe(403);
    expect(r.body.error).toEqual({
      code: 'insufficient_scope',
      message: "This action requires the 'bookings:create' scope",
      details: { required_scope: 'bookings:create' },
      request_id: expect.stringMatching(/^req_/),
    });
  });

  it('revoke_token fault → every PAT of the account answers 401 token_revoked; other accounts and new PATs work', async () => {
    const t1 = await issueToken(sb.url, 'acme');
    const t2 = await issueToken(sb.url, 'acme');
    const other = await issueToken(sb.url, 'other');
    sb.kit.injectFault('acme', 'revoke_token');
    for (const t of [t1, t2]) {
      const r = await call(sb.url, '/v1/bookings', { token: t });
      expect(r.status).toBe(401);
      expectEnvelope(r.body, 'token_revoked');
    }
    expect((await call(sb.url, '/v1/bookings', { token: other })).status).toBe(200);
    const fresh = await issueToken(sb.url, 'acme');
    expect((await call(sb.url, '/v1/bookings', { token: fresh })).status).toBe(200);
  });

  it('expire_token fault → 401 token_expired', async () => {
    const token = await issueToken(sb.url, 'acme');
    sb.kit.injectFault('acme', 'expire_token');
    const r = await call(sb.url, '/v1/bookings', { token });
    expect(r.status).toBe(401);
    expectEnvelope(r.body, 'token_expired');
    expect(r.headers.get('www-authenticate')).toMatch(challenge);
  });

  it('a PAT keeps working after a restart (same secret), with the same seeded data', async () => {
    const token = await issueToken(sb.url, 'acme');
    const before = await call(sb.url, '/v1/bookings?limit=10', { token });
    const restarted = await start();
    try {
      const after = await call(restarted.url, '/v1/bookings?limit=10', { token });
      expect(after.status).toBe(200);
      expect(after.body.data).toEqual(before.body.data);
    } finally {
      await restarted.close();
    }
  });
});
