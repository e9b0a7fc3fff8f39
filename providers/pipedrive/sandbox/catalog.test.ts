/**
 * Field catalogs, users, scopes and the API proxy's auth answers (reference/providers.md §3.1, §3.6).
 */
import type { RunningSandbox } from '../../../test/helpers/sandbox';
import { api, apiError, connect, start } from './test-support';

let sb: RunningSandbox;
let token: string;
beforeAll(async () => {
  sb = await start();
  token = (await connect(sb.url, 'catalog-acct')).access_token;
});
afterAll(async () => { await sb.close(); });

describe('field catalogs', () => {
  it('serves /api/v1/personFields with keys, types, options and hashed custom fields', async () => {
    const res = await api(sb.url, token, '/api/v1/personFields');
    expect(res.status).toBe(200);
    expect(res.body.success).toBe(true);
    expect(res.body.additional_data.pagination).toMatchObject({ start: 0, more_items_in_collection: false });
    const keys = res.body.data.map((f: { key: string }) => f.key);
    expect(keys).toEqual(expect.arrayContaining(['name', 'email', 'phone', 'org_id', 'owner_id']));
    const custom = res.body.data.filter((f: { key: string }) => /^[0-9a-f]{40}$/.test(f.key));
    expect(custom.length).toBeGreaterThan(0);
    const enumField = res.body.data.find((f: { field_type: string; options?: unknown[] }) => f.field_type === 'enum' && f.options);
    expect(enumField.options[0]).toEqual({ id: expect.any(Number), label: expect.any(String) });
    for (const f of res.body.data) expect(f).toEqual(expect.objectContaining({ id: expect.any(Number), key: expect.any(String), name: expect.any(String), field_type: expect.any(String) }));
  });

  it('serves activityFields and dealFields (leads inherit deal fields)', async () => {
    const activity = await api(sb.url, token, '/api/v1/activityFields');
    expect(activity.body.data.map((f: { key: string }) => f.key)).toEqual(expect.arrayContaining(['subject', 'type', 'due_date', 'due_time', 'duration']));
    const deal = await api(sb.url, token, '/api/v1/dealFields');
    expect(deal.status).toBe(200);
    expect(deal.body.data.map((f: { key: string }) => f.key)).toEqual(expect.arrayContaining(['title', 'value', 'person_id', 'org_id']));
    expect((await api(sb.url, token, '/api/v1/leadFields')).status).toBe(404);
  });
});

describe('users', () => {
  it('serves /api/v1/users/me with the company identity, and /api/v1/users', async () => {
    const me = await api(sb.url, token, '/api/v1/users/me');
    expect(me.body.success).toBe(true);
    expect(me.body.data).toEqual(expect.objectContaining({
      id: expect.any(Number), name: expect.any(String), email: expect.any(String),
      company_id: expect.any(Number), company_domain: expect.any(String), company_name: expect.any(String),
    }));
    const users = await api(sb.url, token, '/api/v1/users');
    expect(users.body.data.length).toBeGreaterThan(1);
    expect(users.body.data.find((u: { is_you: boolean }) => u.is_you).id).toBe(me.body.data.id);
    // Owners of seeded persons are users of the company.
    const person = (await api(sb.url, token, '/api/v2/persons?limit=1')).body.data[0];
    expect(users.body.data.map((u: { id: number }) => u.id)).toContain(person.owner_id);
  });
});

describe('API proxy answers', () => {
  it('answers 403 "Scope and URL mismatch" outside the granted scopes', async () => {
    // sandbox_scopes is a sandbox-only way to grant fewer scopes than the app's fixed set.
    const narrow = await connect(sb.url, 'catalog-acct', { sandbox_scopes: 'leads:full' });
    expect(narrow.scope).toBe('base,leads:full');
    const res = await api(sb.url, narrow.access_token, '/api/v2/persons');
    expect(res.status).toBe(403);
    expect(res.body).toEqual(apiError('Scope and URL mismatch', 403));
    expect((await api(sb.url, narrow.access_token, '/api/v2/activities', { method: 'POST', body: { type: 'call' } })).status).toBe(403);
    expect((await api(sb.url, narrow.access_token, '/api/v1/leads?limit=1')).status).toBe(200);
    expect((await api(sb.url, narrow.access_token, '/api/v1/users/me')).status).toBe(200);
  });

  it('answers missing, malformed and unknown tokens', async () => {
    const none = await fetch(`${sb.url}/api/v2/persons`);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual(apiError('You need to be authorized to make this request.', 401));
    const malformed = await fetch(`${sb.url}/api/v2/persons`, { headers: { authorization: 'Token abc' } });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual(apiError('Invalid request: malformed authorization header', 400));
    const unknown = await api(sb.url, 'v1u:forged.token', '/api/v2/persons');
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(apiError('Invalid token: access token is invalid', 401));
  });

  it('answers unknown paths and methods in the envelope', async () => {
    const missing = await api(sb.url, token, '/api/v2/deals');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ success: false, data: null, additional_data: null });
    const put = await api(sb.url, token, '/api/v2/persons/1', { method: 'PUT', body: { name: 'x' } });
    expect(put.status).toBe(405);
    expect(put.body).toMatchObject({ success: false, data: null });
  });
});
