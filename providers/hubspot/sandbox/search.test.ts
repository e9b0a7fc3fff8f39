import type { RunningSandbox } from '../../../test/helpers/sandbox';
import { call, connect, listAll, startHubspot, type WireObject } from '../fixtures/sandbox-client';

// Written from reference/providers.md §1.3 "Search and updated-since" and §1.6 (search limit).
interface SearchBody { total: number; results: WireObject[]; paging?: { next: { after: string } } }

describe('HubSpot sandbox search', () => {
  let sb: RunningSandbox;
  let token: string;
  let contacts: WireObject[];
  let meetings: WireObject[];
  const search = (type: string, body: unknown) => call<SearchBody>(sb.url, token, 'POST', `/crm/v3/objects/${type}/search`, body);

  beforeAll(async () => {
    sb = await startHubspot();
    // Search is 5 req/s per account; these tests fire faster, so the budget is raised except where tested.
    sb.kit.limits.configure('*', 'search', { max: 100_000, windowMs: 1000 });
    token = (await connect(sb.url, { account: 'search' })).access_token;
    contacts = (await listAll(sb.url, token, '/crm/v3/objects/contacts?properties=email,phone,company,lastmodifieddate,hubspot_owner_id')).records;
    meetings = (await listAll(sb.url, token, '/crm/v3/objects/meetings?properties=hs_lastmodifieddate,hs_meeting_outcome')).records;
  });
  afterAll(() => sb.close());

  it('finds a contact by email with EQ (case-insensitive) and returns the requested properties', async () => {
    const c = contacts[17];
    const res = await search('contacts', {
      filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ', value: c.properties.email!.toUpperCase() }] }],
      properties: ['email', 'phone'],
    });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    expect(res.body.results[0].id).toBe(c.id);
    expect(res.body.results[0].properties).toHaveProperty('phone');
    expect(res.body.paging).toBeUndefined();
  });

  it('filters with IN, and ORs filter groups', async () => {
    const emails = [contacts[1], contacts[2], contacts[3]].map((c) => c.properties.email!);
    const inRes = await search('contacts', { filterGroups: [{ filters: [{ propertyName: 'email', operator: 'IN', values: emails }] }] });
    expect(inRes.body.results.map((r) => r.id).sort()).toEqual([contacts[1].id, contacts[2].id, contacts[3].id].sort());
    const orRes = await search('contacts', { filterGroups: [
      { filters: [{ propertyName: 'email', operator: 'EQ', value: emails[0] }] },
      { filters: [{ propertyName: 'email', operator: 'EQ', value: emails[1] }] },
    ] });
    expect(orRes.body.total).toBe(2);
  });

  it('pages a GTE lastmodifieddate query sorted ascending to the last page, matching the full list', async () => {
    const sorted = contacts.map((c) => Date.parse(c.properties.lastmodifieddate!)).sort((a, b) => a - b);
    const since = sorted[40];
    const expected = contacts.filter((c) => Date.parse(c.properties.lastmodifieddate!) >= since).map((c) => c.id).sort();
    const seen: string[] = [];
    let after: string | undefined;
    let last = 0;
    do {
      const res = await search('contacts', {
        filterGroups: [{ filters: [{ propertyName: 'lastmodifieddate', operator: 'GTE', value: String(since) }] }],
        sorts: [{ propertyName: 'lastmodifieddate', direction: 'ASCENDING' }],
        properties: ['lastmodifieddate'], limit: 50, ...(after ? { after } : {}),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-hubspot-ratelimit-max')).toBeNull();
      expect(res.body.total).toBe(expected.length);
      for (const r of res.body.results) {
        const t = Date.parse(r.properties.lastmodifieddate!);
        expect(t).toBeGreaterThanOrEqual(last);
        last = t;
        seen.push(r.id);
      }
      after = res.body.paging?.next.after;
    } while (after);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(expected);
  });

  it('filters other objects on hs_lastmodifieddate (ISO value) and enumerations', async () => {
    const since = new Date(Date.parse(meetings[20].properties.hs_lastmodifieddate!)).toISOString();
    const res = await search('meetings', { filterGroups: [{ filters: [{ propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: since }] }], limit: 200 });
    expect(res.body.total).toBe(meetings.filter((m) => m.properties.hs_lastmodifieddate! >= since).length);
    const canceled = await search('meetings', { filterGroups: [{ filters: [{ propertyName: 'hs_meeting_outcome', operator: 'EQ', value: 'CANCELED' }] }], properties: ['hs_meeting_outcome'], limit: 200 });
    expect(canceled.body.total).toBe(meetings.filter((m) => m.properties.hs_meeting_outcome === 'CANCELED').length);
    expect(canceled.body.total).toBeGreaterThan(0);
  });

  it('never returns archived records', async () => {
    const victim = contacts[5];
    await fetch(`${sb.url}/crm/v3/objects/contacts/${victim.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    const res = await search('contacts', { filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ', value: victim.properties.email }] }] });
    expect(res.body.total).toBe(0);
  });

  it('refuses limits above 200, more than 5 filter groups, and paging past 10,000 results', async () => {
    expect((await search('contacts', { limit: 201 })).status).toBe(400);
    const group = { filters: [{ propertyName: 'email', operator: 'HAS_PROPERTY' }] };
    const six = await search('contacts', { filterGroups: Array.from({ length: 6 }, () => group) });
    expect(six.status).toBe(400);
    expect(six.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    const cap = await search('contacts', { limit: 100, after: '9950' });
    expect(cap.status).toBe(400);
    expect(cap.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR', correlationId: expect.any(String) });
    const edge = await search('contacts', { limit: 10, after: '9990' });
    expect(edge.status).toBe(200);
    expect(edge.body.results).toEqual([]);
  });

  it('limits search to 5 requests per second per account with the SECONDLY 429 body and no rate-limit headers', async () => {
    const other = (await connect(sb.url, { account: 'search-limit' })).access_token;
    sb.kit.limits.configure('search-limit', 'search', { max: 5, windowMs: 1000 });
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof call>> | undefined;
    for (let i = 0; i < 6; i++) {
      const r = await call(sb.url, other, 'POST', '/crm/v3/objects/contacts/search', {});
      statuses.push(r.status);
      if (r.status === 429) limited = r;
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(limited!.body).toEqual({
      status: 'error', message: 'You have reached your secondly limit.', errorType: 'RATE_LIMIT',
      correlationId: expect.any(String), policyName: 'SECONDLY', requestId: expect.any(String),
    });
    expect(limited!.headers.get('x-hubspot-ratelimit-remaining')).toBeNull();
    // The burst budget is separate: a list call still succeeds.
    expect((await call(sb.url, other, 'GET', '/crm/v3/objects/contacts')).status).toBe(200);
  });
});
