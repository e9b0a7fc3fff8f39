/**
 * Persons and organizations fidelity (reference/providers.md §3.2): v2 shapes, cursor pagination to
 * `next_cursor: null`, filters, create 201 / PATCH 200 / DELETE `{success,data:{id}}`, search.
 */
import type { RunningSandbox } from '../../../test/helpers/sandbox';
import { allV2, api, apiError, connect, start } from './test-support';

const ACCOUNT = 'persons-acct';
let sb: RunningSandbox;
let token: string;
beforeAll(async () => {
  sb = await start();
  // Resource tests are about shapes and paging, not the burst window (limits-faults.test.ts is).
  sb.kit.limits.configure('*', 'burst', { max: 100_000, windowMs: 2000 });
  sb.kit.limits.configure('*', 'search', { max: 100_000, windowMs: 2000 });
  token = (await connect(sb.url, ACCOUNT)).access_token;
});
afterAll(async () => { await sb.close(); });

describe('GET /api/v2/persons', () => {
  it('pages with next_cursor to the last page without missing or repeating anyone', async () => {
    const { items, pages } = await allV2(sb.url, token, '/api/v2/persons');
    expect(items.length).toBeGreaterThanOrEqual(230);
    expect(pages).toBe(Math.ceil(items.length / 100));
    const ids = items.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const first = await api(sb.url, token, '/api/v2/persons');
    expect(first.body.success).toBe(true);
    expect(first.body.data).toHaveLength(100);
    expect(typeof first.body.additional_data.next_cursor).toBe('string');
  });

  it('returns the v2 person shape', async () => {
    const res = await api(sb.url, token, '/api/v2/persons?limit=1');
    const p = res.body.data[0];
    expect(p).toEqual(expect.objectContaining({
      id: expect.any(Number), name: expect.any(String), owner_id: expect.any(Number),
      emails: expect.any(Array), phones: expect.any(Array), custom_fields: expect.any(Object), visible_to: expect.any(Number),
    }));
    expect(p.add_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(p.update_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(p).not.toHaveProperty('email');
    expect(p).not.toHaveProperty('phone');
    expect(p.emails[0]).toEqual({ value: expect.stringContaining('@'), primary: true, label: expect.any(String) });
  });

  it('has varied, realistic data', async () => {
    const { items } = await allV2(sb.url, token, '/api/v2/persons', { limit: '500' });
    expect(items.some((p) => p.emails.length >= 2)).toBe(true);
    expect(items.some((p) => p.phones.length === 0)).toBe(true);
    expect(items.some((p) => p.org_id === null)).toBe(true);
    expect(items.some((p) => /[^\u0000-\u007f]/.test(p.name))).toBe(true);
    expect(new Set(items.map((p) => p.owner_id)).size).toBeGreaterThan(1);
  });

  it('filters by org_id, owner_id and updated_since, and sorts', async () => {
    const { items: all } = await allV2(sb.url, token, '/api/v2/persons', { limit: '500' });
    const org = all.find((p) => p.org_id !== null).org_id;
    const byOrg = await allV2(sb.url, token, '/api/v2/persons', { org_id: String(org) });
    expect(byOrg.items.map((p) => p.id)).toEqual(all.filter((p) => p.org_id === org).map((p) => p.id));
    const owner = all[0].owner_id;
    const byOwner = await allV2(sb.url, token, '/api/v2/persons', { owner_id: String(owner), limit: '7' });
    expect(byOwner.items.map((p) => p.id)).toEqual(all.filter((p) => p.owner_id === owner).map((p) => p.id));
    const since = [...all].map((p) => p.update_time).sort()[Math.floor(all.length / 2)];
    const recent = await allV2(sb.url, token, '/api/v2/persons', { updated_since: since, limit: '50' });
    expect(recent.items.length).toBe(all.filter((p) => p.update_time >= since).length);
    const sorted = await allV2(sb.url, token, '/api/v2/persons', { sort_by: 'update_time', sort_direction: 'desc', limit: '64' });
    const times = sorted.items.map((p) => p.update_time);
    expect(times).toEqual([...times].sort().reverse());
    expect(sorted.items).toHaveLength(all.length);
  });

  it('rejects a limit over 500, a bad cursor and a bad updated_since', async () => {
    const big = await api(sb.url, token, '/api/v2/persons?limit=501');
    expect(big.status).toBe(400);
    expect(big.body).toMatchObject({ success: false, data: null, additional_data: null });
    expect((await api(sb.url, token, '/api/v2/persons?cursor=forged')).status).toBe(400);
    expect((await api(sb.url, token, '/api/v2/persons?updated_since=yesterday')).status).toBe(400);
  });
});

describe('person CRUD', () => {
  it('gets one person, 404s an unknown one and 400s a non-numeric id', async () => {
    const one = await api(sb.url, token, '/api/v2/persons/5');
    expect(one.status).toBe(200);
    expect(one.body).toEqual({ success: true, data: expect.objectContaining({ id: 5 }) });
    const missing = await api(sb.url, token, '/api/v2/persons/999999');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(apiError('Person not found'));
    expect((await api(sb.url, token, '/api/v2/persons/abc')).status).toBe(400);
  });

  it('creates (201), updates (PATCH 200) and deletes (200 {id}) a person', async () => {
    const created = await api(sb.url, token, '/api/v2/persons', {
      method: 'POST',
      body: { name: 'Zoë Ångström', org_id: 3, emails: [{ value: 'zoe@example.com', primary: true, label: 'work' }, { value: 'z@home.example' }], phones: [] },
    });
    expect(created.status).toBe(201);
    const p = created.body.data;
    expect(p).toMatchObject({ name: 'Zoë Ångström', org_id: 3, phones: [] });
    expect(p.emails).toEqual([{ value: 'zoe@example.com', primary: true, label: 'work' }, { value: 'z@home.example', primary: false, label: 'work' }]);
    const patched = await api(sb.url, token, `/api/v2/persons/${p.id}`, { method: 'PATCH', body: { name: 'Zoë A.', phones: [{ value: '+1 555 0100', label: 'mobile' }] } });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({ id: p.id, name: 'Zoë A.', phones: [{ value: '+1 555 0100', primary: true, label: 'mobile' }], org_id: 3 });
    const listed = await allV2(sb.url, token, '/api/v2/persons', { ids: String(p.id) });
    expect(listed.items.map((x) => x.id)).toEqual([p.id]);
    const deleted = await api(sb.url, token, `/api/v2/persons/${p.id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ success: true, data: { id: p.id } });
    expect((await api(sb.url, token, `/api/v2/persons/${p.id}`)).status).toBe(404);
  });

  it('validates the body', async () => {
    const noName = await api(sb.url, token, '/api/v2/persons', { method: 'POST', body: { emails: [{ value: 'a@b.c' }] } });
    expect(noName.status).toBe(400);
    expect(noName.body).toMatchObject({ success: false, error: expect.stringContaining('name'), data: null });
    const badOrg = await api(sb.url, token, '/api/v2/persons', { method: 'POST', body: { name: 'X', org_id: 'twelve' } });
    expect(badOrg.status).toBe(400);
    const badJson = await fetch(`${sb.url}/api/v2/persons`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{' });
    expect(badJson.status).toBe(400);
  });
});

describe('GET /api/v2/persons/search', () => {
  it('finds a person by exact email, case-insensitively', async () => {
    const target = (await api(sb.url, token, '/api/v2/persons/17')).body.data;
    const email: string = target.emails[0].value;
    const res = await api(sb.url, token, `/api/v2/persons/search?term=${encodeURIComponent(email.toUpperCase())}&fields=email&exact_match=true`);
    expect(res.status).toBe(200);
    expect(res.body.success).toBe(true);
    expect(res.body.additional_data).toEqual({ next_cursor: null });
    expect(res.body.data.items).toHaveLength(1);
    const { result_score, item } = res.body.data.items[0];
    expect(typeof result_score).toBe('number');
    expect(item).toMatchObject({ id: 17, type: 'person', name: target.name, owner: { id: target.owner_id } });
    expect(item.emails).toEqual(target.emails.map((e: { value: string }) => e.value));
    expect(item.organization === null || typeof item.organization.name === 'string').toBe(true);
  });

  it('pages partial matches with a cursor and needs a 2-character term', async () => {
    let cursor: string | null = null;
    const seen: number[] = [];
    do {
      const q = new URLSearchParams({ term: 'example', fields: 'email', limit: '40' });
      if (cursor) q.set('cursor', cursor);
      const page = await api(sb.url, token, `/api/v2/persons/search?${q.toString()}`);
      seen.push(...page.body.data.items.map((i: { item: { id: number } }) => i.item.id));
      cursor = page.body.additional_data.next_cursor;
    } while (cursor);
    expect(seen.length).toBeGreaterThanOrEqual(230);
    expect(new Set(seen).size).toBe(seen.length);
    const short = await api(sb.url, token, '/api/v2/persons/search?term=a');
    expect(short.status).toBe(400);
    expect(short.body).toMatchObject({ success: false, data: null, additional_data: null });
  });
});

describe('/api/v2/organizations', () => {
  it('lists, gets and creates organizations', async () => {
    const { items } = await allV2(sb.url, token, '/api/v2/organizations', { limit: '7' });
    expect(items.length).toBeGreaterThanOrEqual(20);
    expect(items[0]).toEqual(expect.objectContaining({ id: 1, name: expect.any(String), owner_id: expect.any(Number) }));
    expect((await api(sb.url, token, '/api/v2/organizations/2')).body.data.id).toBe(2);
    expect((await api(sb.url, token, '/api/v2/organizations/9999')).body).toEqual(apiError('Organization not found'));
    const created = await api(sb.url, token, '/api/v2/organizations', { method: 'POST', body: { name: 'Kōhai Robotics' } });
    expect(created.status).toBe(201);
    const person = await api(sb.url, token, '/api/v2/persons', { method: 'POST', body: { name: 'New Hire', org_id: created.body.data.id } });
    expect(person.body.data.org_id).toBe(created.body.data.id);
  });
});
