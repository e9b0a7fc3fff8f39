import type { RunningSandbox } from '../../../test/helpers/sandbox';
import { call, connect, listAll, startHubspot, type ListBody, type WireObject } from '../fixtures/sandbox-client';
import { SEED_COUNTS } from './seed';

// Written from reference/providers.md §1.3 (contacts), §1.4 (leads), §1.5 (meetings), §1.7 (errors).
describe('HubSpot sandbox CRM objects', () => {
  let sb: RunningSandbox;
  let token: string;
  const get = <T = Record<string, unknown>>(path: string) => call<T>(sb.url, token, 'GET', path);
  beforeAll(async () => {
    sb = await startHubspot();
    // This suite makes more calls than HubSpot's 110 per 10 s; the limit has its own tests.
    sb.kit.limits.configure('*', 'burst', { max: 100_000, windowMs: 10_000 });
    token = (await connect(sb.url, { account: 'objects' })).access_token;
  });
  afterAll(() => sb.close());

  it.each([['contacts', 230], ['leads', 70], ['meetings', 45]] as const)('lists every %s to the last page via paging.next.after', async (type, atLeast) => {
    const { records, pages } = await listAll(sb.url, token, `/crm/v3/objects/${type}`, 20);
    expect(SEED_COUNTS[type]).toBeGreaterThanOrEqual(atLeast);
    expect(records.length).toBe(SEED_COUNTS[type]);
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
    expect(pages).toBe(Math.ceil(records.length / 20));
    const last = await get<ListBody>(`/crm/v3/objects/${type}?limit=100&after=${Number(records[records.length - 1].id)}`);
    expect(last.body.results).toHaveLength(1);
    expect(last.body.paging).toBeUndefined();
  });

  it('defaults to 10 per page, caps at 100 and links to the next page', async () => {
    const first = await get<ListBody>('/crm/v3/objects/contacts');
    expect(first.body.results).toHaveLength(10);
    expect(first.body.paging!.next.after).toMatch(/^\d+$/);
    expect(first.body.paging!.next.link).toContain(`after=${first.body.paging!.next.after}`);
    expect((await get<ListBody>('/crm/v3/objects/contacts?limit=500')).body.results).toHaveLength(100);
  });

  it('returns the default properties only, and string or null values with numeric-string ids', async () => {
    const { body } = await get<ListBody>('/crm/v3/objects/contacts?limit=5');
    for (const r of body.results) {
      expect(r.id).toMatch(/^\d+$/);
      expect(Object.keys(r.properties).sort()).toEqual(['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname']);
      expect(r.properties.hs_object_id).toBe(r.id);
      expect(r.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(r.archived).toBe(false);
    }
    const sel = await get<ListBody>('/crm/v3/objects/contacts?limit=100&properties=phone,company&properties=nosuchprop');
    for (const r of sel.body.results) {
      expect(r.properties).toHaveProperty('phone');
      expect(r.properties).not.toHaveProperty('nosuchprop');
      expect(r.properties).not.toHaveProperty('firstname');
      for (const v of Object.values(r.properties)) expect(v === null || typeof v === 'string').toBe(true);
    }
    expect(sel.body.results.some((r) => r.properties.phone === null)).toBe(true);
  });

  it('gets a contact by id and by email with idProperty=email, and 404s unknown ids', async () => {
    const { body } = await get<ListBody>('/crm/v3/objects/contacts?limit=1');
    const c = body.results[0];
    expect((await get<WireObject>(`/crm/v3/objects/contacts/${c.id}`)).body.id).toBe(c.id);
    const byEmail = await get<WireObject>(`/crm/v3/objects/contacts/${encodeURIComponent(c.properties.email!.toUpperCase())}?idProperty=email`);
    expect(byEmail.status).toBe(200);
    expect(byEmail.body.id).toBe(c.id);
    const missing = await get('/crm/v3/objects/contacts/999999999');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ status: 'error', category: 'OBJECT_NOT_FOUND', correlationId: expect.any(String), message: expect.any(String) });
  });

  it('creates (201), updates (200) and archives (204) a contact', async () => {
    const created = await call<WireObject>(sb.url, token, 'POST', '/crm/v3/objects/contacts', {
      properties: { email: 'jane@acme.example.com', firstname: 'Jane', lastname: 'Doe', phone: '+1 555 0100', company: 'Acme' },
    });
    expect(created.status).toBe(201);
    expect(created.body.properties).toMatchObject({ email: 'jane@acme.example.com', firstname: 'Jane', company: 'Acme', hs_object_id: created.body.id });
    const id = created.body.id;

    const dup = await call(sb.url, token, 'POST', '/crm/v3/objects/contacts', { properties: { email: 'JANE@acme.example.com' } });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ status: 'error', category: 'CONFLICT', message: `Contact already exists. Existing ID: ${id}` });

    const patched = await call<WireObject>(sb.url, token, 'PATCH', `/crm/v3/objects/contacts/${id}`, { properties: { jobtitle: 'CTO', phone: '' } });
    expect(patched.status).toBe(200);
    expect(patched.body.properties.jobtitle).toBe('CTO');
    expect(patched.body.properties.phone).toBeNull();
    expect(Date.parse(patched.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.body.updatedAt));

    const del = await fetch(`${sb.url}/crm/v3/objects/contacts/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(del.status).toBe(204);
    expect((await get(`/crm/v3/objects/contacts/${id}`)).status).toBe(404);
    const all = await listAll(sb.url, token, '/crm/v3/objects/contacts');
    expect(all.records.some((r) => r.id === id)).toBe(false);
    const archived = await get<ListBody>('/crm/v3/objects/contacts?archived=true');
    expect(archived.body.results.map((r) => r.id)).toContain(id);
  });

  it('rejects unknown or read-only properties with VALIDATION_ERROR', async () => {
    const res = await call(sb.url, token, 'POST', '/crm/v3/objects/contacts', { properties: { email: 'x@y.example.com', favourite_colour: 'blue' } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR', errors: [{ code: 'PROPERTY_DOESNT_EXIST', context: { propertyName: ['favourite_colour'] } }] });
    const bad = await call(sb.url, token, 'POST', '/crm/v3/objects/meetings', { properties: { hs_timestamp: '2026-03-01T10:00:00Z', hs_meeting_outcome: 'MAYBE' } });
    expect(bad.status).toBe(400);
  });

  it('requires hs_lead_name and a 578 association to an existing contact to create a lead', async () => {
    const contact = (await get<ListBody>('/crm/v3/objects/contacts?limit=1')).body.results[0];
    const assoc = [{ to: { id: contact.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 578 }] }];
    const noAssoc = await call(sb.url, token, 'POST', '/crm/v3/objects/leads', { properties: { hs_lead_name: 'Jane Doe' } });
    expect(noAssoc.status).toBe(400);
    expect(noAssoc.body).toMatchObject({ category: 'VALIDATION_ERROR' });
    const noName = await call(sb.url, token, 'POST', '/crm/v3/objects/leads', { properties: { hs_lead_type: 'NEW BUSINESS' }, associations: assoc });
    expect(noName.status).toBe(400);
    const ghost = await call(sb.url, token, 'POST', '/crm/v3/objects/leads', {
      properties: { hs_lead_name: 'Ghost' }, associations: [{ to: { id: '999999999' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 578 }] }],
    });
    expect(ghost.status).toBe(400);
    const ok = await call<WireObject>(sb.url, token, 'POST', '/crm/v3/objects/leads', {
      properties: { hs_lead_name: 'Jane Doe', hs_lead_type: 'NEW BUSINESS', hs_lead_label: 'WARM' }, associations: assoc,
    });
    expect(ok.status).toBe(201);
    const read = await get<WireObject>(`/crm/v3/objects/leads/${ok.body.id}?associations=contacts&properties=hs_lead_name,hs_lead_label`);
    expect(read.body.properties).toMatchObject({ hs_lead_name: 'Jane Doe', hs_lead_label: 'WARM' });
    expect(read.body.associations!.contacts.results.map((a) => a.id)).toEqual([contact.id]);
  });

  it('deletes a lead automatically when its primary contact is archived', async () => {
    const c = await call<WireObject>(sb.url, token, 'POST', '/crm/v3/objects/contacts', { properties: { email: 'orphan@acme.example.com' } });
    const lead = await call<WireObject>(sb.url, token, 'POST', '/crm/v3/objects/leads', {
      properties: { hs_lead_name: 'Orphan' }, associations: [{ to: { id: c.body.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 578 }] }],
    });
    await fetch(`${sb.url}/crm/v3/objects/contacts/${c.body.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect((await get(`/crm/v3/objects/leads/${lead.body.id}`)).status).toBe(404);
  });

  it('requires hs_timestamp on meetings, defaulting it to hs_meeting_start_time, and associates them', async () => {
    const none = await call(sb.url, token, 'POST', '/crm/v3/objects/meetings', { properties: { hs_meeting_title: 'Intro' } });
    expect(none.status).toBe(400);
    expect(none.body).toMatchObject({ category: 'VALIDATION_ERROR' });
    const contact = (await get<ListBody>('/crm/v3/objects/contacts?limit=2')).body.results[1];
    const m = await call<WireObject>(sb.url, token, 'POST', '/crm/v3/objects/meetings', {
      properties: { hs_meeting_title: 'Intro meeting', hs_meeting_start_time: '2026-03-23T01:02:44.872Z', hs_meeting_end_time: 1774228364872, hs_meeting_outcome: 'SCHEDULED' },
      associations: [{ to: { id: Number(contact.id) }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 200 }] }],
    });
    expect(m.status).toBe(201);
    expect(m.body.properties.hs_timestamp).toBe('2026-03-23T01:02:44.872Z');
    expect(m.body.properties.hs_meeting_end_time).toBe(new Date(1774228364872).toISOString());
    const read = await get<WireObject>(`/crm/v3/objects/meetings/${m.body.id}?associations=contacts`);
    expect(read.body.associations!.contacts.results).toEqual([{ id: contact.id, type: 'meeting_event_to_contact' }]);

    const other = (await get<ListBody>('/crm/v3/objects/contacts?limit=3')).body.results[2];
    const put = await call<WireObject>(sb.url, token, 'PUT', `/crm/v3/objects/meetings/${m.body.id}/associations/contacts/${other.id}/200`);
    expect(put.status).toBe(200);
    expect(put.body.associations!.contacts.results.map((a) => a.id).sort()).toEqual([contact.id, other.id].sort());
    const fromContact = await get<WireObject>(`/crm/v3/objects/contacts/${other.id}?associations=meetings`);
    expect(fromContact.body.associations!.meetings.results).toContainEqual({ id: m.body.id, type: 'contact_to_meeting_event' });
    const badType = await call(sb.url, token, 'PUT', `/crm/v3/objects/meetings/${m.body.id}/associations/contacts/${other.id}/578`);
    expect(badType.status).toBe(400);
  });

  it('lists meetings with their contact associations', async () => {
    const { body } = await get<ListBody>('/crm/v3/objects/meetings?limit=10&associations=contacts&properties=hs_meeting_title,hs_timestamp');
    for (const m of body.results) {
      expect(m.associations!.contacts.results.length).toBeGreaterThan(0);
      expect(m.properties.hs_timestamp).toMatch(/Z$/);
    }
  });

  it('reads in batch: 200 COMPLETE, 207 with errors for missing ids, idProperty email, max 100 inputs', async () => {
    const some = (await get<ListBody>('/crm/v3/objects/contacts?limit=3&properties=email')).body.results;
    const ok = await call<{ status: string; results: WireObject[] }>(sb.url, token, 'POST', '/crm/v3/objects/contacts/batch/read',
      { inputs: some.map((c) => ({ id: c.id })), properties: ['email', 'phone'] });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('COMPLETE');
    expect(ok.body.results.map((r) => r.id).sort()).toEqual(some.map((c) => c.id).sort());
    const partial = await call<{ status: string; results: WireObject[]; numErrors: number; errors: { category: string; context: { ids: string[] } }[] }>(
      sb.url, token, 'POST', '/crm/v3/objects/contacts/batch/read', { inputs: [{ id: some[0].id }, { id: '424242424' }] });
    expect(partial.status).toBe(207);
    expect(partial.body).toMatchObject({ status: 'COMPLETE', numErrors: 1 });
    expect(partial.body.results).toHaveLength(1);
    expect(partial.body.errors[0].context.ids).toEqual(['424242424']);
    const byEmail = await call<{ results: WireObject[] }>(sb.url, token, 'POST', '/crm/v3/objects/contacts/batch/read',
      { idProperty: 'email', inputs: some.map((c) => ({ id: c.properties.email })), properties: ['email'] });
    expect(byEmail.status).toBe(200);
    expect(byEmail.body.results.map((r) => r.properties.email).sort()).toEqual(some.map((c) => c.properties.email).sort());
    const tooMany = await call(sb.url, token, 'POST', '/crm/v3/objects/contacts/batch/read', { inputs: Array.from({ length: 101 }, (_, i) => ({ id: String(i) })) });
    expect(tooMany.status).toBe(400);
  });

  it('enforces scopes: meetings need the contacts scopes, leads the leads scopes (403 MISSING_SCOPES)', async () => {
    const leadsOnly = (await connect(sb.url, { account: 'objects', scopes: ['crm.objects.leads.read'] })).access_token;
    const meetings = await call(sb.url, leadsOnly, 'GET', '/crm/v3/objects/meetings');
    expect(meetings.status).toBe(403);
    expect(meetings.body).toMatchObject({
      status: 'error', category: 'MISSING_SCOPES', message: "This app hasn't been granted all required scopes to make this call.",
      errors: [{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: ['crm.objects.contacts.read'] } }],
    });
    expect((await call(sb.url, leadsOnly, 'GET', '/crm/v3/objects/leads')).status).toBe(200);
    const write = await call(sb.url, leadsOnly, 'POST', '/crm/v3/objects/leads', { properties: { hs_lead_name: 'x' } });
    expect(write.status).toBe(403);
    const contactsOnly = (await connect(sb.url, { scopes: ['crm.objects.contacts.read'] })).access_token;
    expect((await call(sb.url, contactsOnly, 'GET', '/crm/v3/objects/meetings')).status).toBe(200);
    expect((await call(sb.url, contactsOnly, 'GET', '/crm/v3/objects/leads')).status).toBe(403);
  });

  it('answers an unknown object type with 400', async () => {
    const res = await get('/crm/v3/objects/widgets');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ category: 'VALIDATION_ERROR', message: 'Unable to infer object type from: widgets' });
  });

  it('serves the owners API with paging', async () => {
    const page = await get<{ results: { id: string; email: string; firstName: string; lastName: string }[]; paging?: { next: { after: string } } }>('/crm/v3/owners?limit=5');
    expect(page.status).toBe(200);
    expect(page.body.results).toHaveLength(5);
    expect(page.body.results[0]).toEqual(expect.objectContaining({ id: expect.stringMatching(/^\d+$/), email: expect.any(String), firstName: expect.any(String), lastName: expect.any(String) }));
    const rest = await get<{ results: unknown[]; paging?: unknown }>(`/crm/v3/owners?limit=5&after=${page.body.paging!.next.after}`);
    expect(rest.body.results.length).toBeGreaterThan(0);
    expect(rest.body.paging).toBeUndefined();
    const contacts = await listAll(sb.url, token, '/crm/v3/objects/contacts?properties=hubspot_owner_id');
    const ownerIds = new Set(page.body.results.map((o) => o.id).concat((rest.body.results as { id: string }[]).map((o) => o.id)));
    for (const c of contacts.records) if (c.properties.hubspot_owner_id) expect(ownerIds.has(c.properties.hubspot_owner_id)).toBe(true);
  });

  it('serves the field catalog at /crm/v3/properties/{objectType}', async () => {
    for (const type of ['contacts', 'leads', 'meetings']) {
      const res = await get<{ results: { name: string; label: string; type: string; fieldType: string; options: { label: string; value: string }[] }[] }>(`/crm/v3/properties/${type}`);
      expect(res.status).toBe(200);
      for (const p of res.body.results) expect(p).toEqual(expect.objectContaining({ name: expect.any(String), label: expect.any(String), type: expect.any(String), fieldType: expect.any(String), options: expect.any(Array) }));
    }
    const meetings = await get<{ results: { name: string; options: { value: string }[] }[] }>('/crm/v3/properties/meetings');
    const outcome = meetings.body.results.find((p) => p.name === 'hs_meeting_outcome')!;
    expect(outcome.options.map((o) => o.value)).toEqual(['SCHEDULED', 'COMPLETED', 'RESCHEDULED', 'NO_SHOW', 'CANCELED']);
    const leads = await get<{ results: { name: string }[] }>('/crm/v3/properties/leads');
    expect(leads.body.results.map((p) => p.name)).toEqual(expect.arrayContaining(['hs_lead_name', 'hs_lead_type', 'hs_lead_label', 'hubspot_owner_id', 'hs_lastmodifieddate']));
  });
});
