/**
 * Leads fidelity (reference/providers.md §3.3): v1 only, UUID ids, start/limit pagination with
 * `additional_data.pagination`, archived leads excluded, title + person or organization required.
 */
import type { RunningSandbox } from '../../../test/helpers/sandbox';
import { allV1, api, apiError, connect, start } from './test-support';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let sb: RunningSandbox;
let token: string;
beforeAll(async () => {
  sb = await start();
  sb.kit.limits.configure('*', 'burst', { max: 100_000, windowMs: 2000 });
  token = (await connect(sb.url, 'leads-acct')).access_token;
});
afterAll(async () => { await sb.close(); });

describe('GET /api/v1/leads', () => {
  it('pages with start/limit to the end, with v1 pagination metadata', async () => {
    const { items, pages } = await allV1(sb.url, token, '/api/v1/leads', { limit: '20' });
    expect(items.length).toBeGreaterThanOrEqual(70);
    expect(pages.length).toBe(Math.ceil(items.length / 20));
    expect(pages[0]).toEqual({ start: 0, limit: 20, more_items_in_collection: true, next_start: 20 });
    expect(pages[pages.length - 1]).toEqual({ start: (pages.length - 1) * 20, limit: 20, more_items_in_collection: false });
    const ids = items.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const l of items) {
      expect(l.id).toMatch(UUID);
      expect(l.is_archived).toBe(false);
      expect(l.person_id !== null || l.organization_id !== null).toBe(true);
    }
  });

  it('returns the lead shape with ISO 8601 timestamps', async () => {
    const res = await api(sb.url, token, '/api/v1/leads?limit=1');
    expect(res.status).toBe(200);
    expect(res.body.success).toBe(true);
    const lead = res.body.data[0];
    for (const key of ['id', 'title', 'owner_id', 'creator_id', 'label_ids', 'person_id', 'organization_id', 'source_name', 'is_archived',
      'was_seen', 'value', 'expected_close_date', 'next_activity_id', 'add_time', 'update_time', 'visible_to', 'cc_email']) {
      expect(lead).toHaveProperty(key);
    }
    expect(lead.add_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('serves archived leads apart, and filters and sorts', async () => {
    const archived = await allV1(sb.url, token, '/api/v1/leads/archived');
    expect(archived.items.length).toBeGreaterThan(0);
    expect(archived.items.every((l) => l.is_archived)).toBe(true);
    const { items } = await allV1(sb.url, token, '/api/v1/leads', { limit: '500' });
    const person = items.find((l) => l.person_id !== null).person_id;
    const byPerson = await allV1(sb.url, token, '/api/v1/leads', { person_id: String(person) });
    expect(byPerson.items.map((l) => l.id).sort()).toEqual(items.filter((l) => l.person_id === person).map((l) => l.id).sort());
    const since = [...items].map((l) => l.update_time).sort()[40];
    const recent = await allV1(sb.url, token, '/api/v1/leads', { updated_since: since });
    expect(recent.items.length).toBe(items.filter((l) => l.update_time >= since).length);
    const sorted = await allV1(sb.url, token, '/api/v1/leads', { sort: 'update_time DESC', limit: '30' });
    const times = sorted.items.map((l) => l.update_time);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('caps limit at 500', async () => {
    const res = await api(sb.url, token, '/api/v1/leads?limit=1000');
    expect(res.body.additional_data.pagination.limit).toBe(500);
  });
});

describe('lead CRUD', () => {
  it('gets by UUID; unknown is 404, a non-UUID is 400', async () => {
    const first = (await api(sb.url, token, '/api/v1/leads?limit=1')).body.data[0];
    const one = await api(sb.url, token, `/api/v1/leads/${first.id}`);
    expect(one.body).toEqual({ success: true, data: first });
    const missing = await api(sb.url, token, '/api/v1/leads/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(apiError('Lead not found'));
    expect((await api(sb.url, token, '/api/v1/leads/42')).status).toBe(400);
  });

  it('requires a title and a person or an organization', async () => {
    const noTitle = await api(sb.url, token, '/api/v1/leads', { method: 'POST', body: { person_id: 1 } });
    expect(noTitle.status).toBe(400);
    expect(noTitle.body).toMatchObject({ success: false, error: expect.stringContaining('title'), data: null, additional_data: null });
    const noLink = await api(sb.url, token, '/api/v1/leads', { method: 'POST', body: { title: 'Orphan' } });
    expect(noLink.status).toBe(400);
    expect(noLink.body).toMatchObject({ success: false, data: null });
  });

  it('creates (201), updates (PATCH) and deletes (200 {id}) a lead', async () => {
    const created = await api(sb.url, token, '/api/v1/leads', {
      method: 'POST', body: { title: 'Acme – inbound', organization_id: 4, value: { amount: 5000, currency: 'USD' }, expected_close_date: '2026-06-30' },
    });
    expect(created.status).toBe(201);
    const lead = created.body.data;
    expect(lead.id).toMatch(UUID);
    expect(lead).toMatchObject({ title: 'Acme – inbound', organization_id: 4, person_id: null, source_name: 'API', is_archived: false, value: { amount: 5000, currency: 'USD' } });
    const patched = await api(sb.url, token, `/api/v1/leads/${lead.id}`, { method: 'PATCH', body: { title: 'Acme – qualified', person_id: 2 } });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({ id: lead.id, title: 'Acme – qualified', person_id: 2, organization_id: 4 });
    const unlink = await api(sb.url, token, `/api/v1/leads/${lead.id}`, { method: 'PATCH', body: { person_id: null, organization_id: null } });
    expect(unlink.status).toBe(400);
    const deleted = await api(sb.url, token, `/api/v1/leads/${lead.id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ success: true, data: { id: lead.id } });
    expect((await api(sb.url, token, `/api/v1/leads/${lead.id}`)).status).toBe(404);
  });

  it('refuses to edit an archived lead', async () => {
    const archived = (await api(sb.url, token, '/api/v1/leads/archived?limit=1')).body.data[0];
    const res = await api(sb.url, token, `/api/v1/leads/${archived.id}`, { method: 'PATCH', body: { title: 'Revived' } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ success: false, data: null });
  });
});
