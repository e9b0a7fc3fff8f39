import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { COALESCING_ENV } from '../helpers/coalescing';
import { listAllPages } from '../helpers/list-all';
import { connectOAuth, mintToken } from '../helpers/connect-driver';

/**
 * POST /v1/enrich, GET /v1/fields and field mappings × Salesforce, through the gateway with an
 * sk_test_ key against its sandbox (seed: 240 contacts, 80 leads of which 6 are converted into
 * existing contacts, 5 users; providers/salesforce/README.md), connected by the real connect flow.
 */
const EU = 'eu-sf-enrich';
const EU_BURST = 'eu-sf-enrich-burst';

/**
 * Sandbox requests allowed for 500 concurrent single-email calls (100 distinct emails × 5). One
 * batch costs Salesforce exactly two queries (Contact and Lead, each one `Email IN (…)` with the
 * owner read through the Owner relationship, so owners cost nothing more), and 100 emails fit one
 * batch (maxBatch 300, one statement per object under the URI limit). The same 10 as HubSpot's
 * bound therefore allows the core's window to split the burst into up to 5 batches.
 * Without coalescing it would be 100 × 2.
 */
const MAX_REQUESTS_FOR_500 = 10;

interface Person { id: string; email: string | null; ownerId: string | null; company: string | null; contactId?: string | null; customFields?: Record<string, unknown> }

describe('enrichment × salesforce (sandbox)', () => {
  let gw: TestGateway;
  let key: string;
  let contacts: Person[];
  let leads: Person[];
  let users: Map<string, { Name: string; Email: string }>;

  const q = (eu = EU, extra = ''): string => `provider=salesforce&endUserId=${eu}${extra}`;
  const get = (path: string) => gw.call('GET', path, { key });
  const enrich = (emails: string[], eu = EU) => gw.call('POST', '/v1/enrich', { key, body: { provider: 'salesforce', endUserId: eu, emails } });
  const stats = async (eu: string): Promise<{ totalRequests: number; requests: Record<string, number> }> =>
    (await get(`/v1/sandbox/stats?${q(eu)}`)).body.data;

  async function listAll(resource: string): Promise<Person[]> {
    return (await listAllPages<Person>((p) => get(`/v1/${resource}?${q(EU, `&${new URLSearchParams(p)}`)}`), 200)).records;
  }

  /** Emails not used yet by an earlier test, so the enrichment cache cannot answer for them. */
  const used = new Set<string>();
  function take<T extends Person>(from: T[], n: number, ok: (p: T) => boolean = () => true): T[] {
    const out = from.filter((p) => p.email && !used.has(p.email.toLowerCase()) && ok(p)).slice(0, n);
    for (const p of out) used.add(p.email!.toLowerCase());
    expect(out).toHaveLength(n);
    return out;
  }

  beforeAll(async () => {
    gw = await startTestGateway({ ...COALESCING_ENV });
    key = (await gw.newAccount()).testKey;
    for (const [eu, account] of [[EU, 'acct-sf-enrich'], [EU_BURST, 'acct-sf-enrich-burst']]) {
      const token = await mintToken(gw, key, { endUserId: eu, providers: ['salesforce'] });
      expect((await connectOAuth(gw, token, 'salesforce', account)).type).toBe('connected');
    }
    gw.deps.providerClient.policies.override('salesforce', { rateLimit: { requests: 10000, intervalMs: 1000 } });
    [contacts, leads] = [await listAll('contacts'), await listAll('leads')];
    const raw = await get(`/v1/passthrough/services/data/v62.0/query?q=${encodeURIComponent('SELECT Id, Name, Email FROM User')}&${q()}`);
    users = new Map((raw.body.records as { Id: string; Name: string; Email: string }[]).map((u) => [u.Id, u]));
  }, 60_000);
  afterAll(() => gw.stop());

  const contactEmails = (): Set<string> => new Set(contacts.map((c) => c.email?.toLowerCase()).filter((e): e is string => !!e));
  const leadEmails = (): Set<string> => new Set(leads.map((l) => l.email?.toLowerCase()).filter((e): e is string => !!e));
  const ownerOf = (id: string | null) => (id ? { id, name: users.get(id)!.Name, email: users.get(id)!.Email } : null);

  it('a contact, a lead, a converted lead (defers to its contact), and nobody; owner and company resolved', async () => {
    const [contact] = take(contacts, 1, (c) => !!c.company && !leadEmails().has(c.email!.toLowerCase()));
    const [lead] = take(leads, 1, (l) => !l.contactId && !contactEmails().has(l.email!.toLowerCase()));
    const [converted] = take(leads, 1, (l) => !!l.contactId);
    const nobody = 'nobody.at.all@nowhere.example';
    const res = await enrich([contact.email!, lead.email!, converted.email!, nobody]);
    expect(res.status).toBe(200);
    const [c, l, both, none] = res.body.data;
    expect(c).toMatchObject({ email: contact.email!.toLowerCase(), match: 'contact', contact: { id: contact.id }, lead: null, company: contact.company, owner: ownerOf(contact.ownerId) });
    expect(l).toMatchObject({ match: 'lead', contact: null, lead: { id: lead.id }, company: lead.company, owner: ownerOf(lead.ownerId) });
    const target = contacts.find((x) => x.id === converted.contactId)!;
    expect(both).toMatchObject({ match: 'contact', contact: { id: target.id }, lead: { id: converted.id, contactId: target.id }, owner: ownerOf(target.ownerId), company: target.company });
    expect(none).toEqual({ email: nobody, match: null, contact: null, lead: null, owner: null, company: null });
    expect(c.contact).not.toHaveProperty('remoteData');
  });

  it('an open lead with a contact\'s email wins: it is the sales process being routed', async () => {
    const [contact] = take(contacts, 1, (c) => !leadEmails().has(c.email!.toLowerCase()));
    const created = await gw.call('POST', `/v1/leads?${q()}`, { key, body: { lastName: 'Doppel', email: contact.email, company: 'Doppel AG' } });
    expect(created.status).toBe(201);
    const [r] = (await enrich([contact.email!])).body.data;
    expect(r).toMatchObject({ match: 'lead', contact: { id: contact.id }, lead: { id: created.body.data.id }, company: 'Doppel AG' });
  });

  it('unicode and mixed-case emails are trimmed and lowercased, and found', async () => {
    const unicode = 'zoë.łukasiewicz@müller.example';
    const made = await gw.call('POST', `/v1/passthrough/services/data/v62.0/sobjects/Contact?${q()}`, { key, body: { LastName: 'Łukasiewicz', FirstName: 'Zoë', Email: unicode } });
    expect(made.status).toBe(201);
    const [ascii] = take(contacts, 1);
    const res = await enrich(['  ZOË.ŁUKASIEWICZ@MÜLLER.example ', ascii.email!.toUpperCase()]);
    expect(res.status).toBe(200);
    expect(res.body.data[0]).toMatchObject({ email: unicode, match: 'contact', contact: { id: made.body.id, email: unicode } });
    expect(res.body.data[1]).toMatchObject({ email: ascii.email!.toLowerCase(), match: 'contact', contact: { id: ascii.id } });
  });

  it('100 emails in one call: answered in order, in two sandbox requests (Contact, Lead; owners through the Owner relationship)', async () => {
    const people = [...take(contacts, 60), ...take(leads, 30, (l) => !l.contactId)];
    const emails = [...people.map((p) => p.email!), ...Array.from({ length: 10 }, (_, i) => `missing.${i}@nowhere.example`)];
    const before = (await stats(EU)).totalRequests;
    const res = await enrich(emails);
    const after = (await stats(EU)).totalRequests;
    expect(res.status).toBe(200);
    expect(res.body.data.map((r: { email: string }) => r.email)).toEqual(emails.map((e) => e.toLowerCase()));
    res.body.data.slice(0, 90).forEach((r: { match: string | null; contact: Person | null; lead: Person | null }, i: number) => {
      expect([r.contact?.id, r.lead?.id]).toContain(people[i].id);
    });
    for (const r of res.body.data.slice(90)) expect(r.match).toBeNull();
    // The stats call itself is not a sandbox request.
    expect(after - before).toBeLessThanOrEqual(2);
  });

  it(`coalescing: 500 concurrent single-email calls (100 emails × 5) reach the sandbox in at most ${MAX_REQUESTS_FOR_500} requests`, async () => {
    // A connection of its own: its cache is empty, so every one of the 100 emails must come from Salesforce.
    const raw = await get(`/v1/passthrough/services/data/v62.0/query?q=${encodeURIComponent('SELECT Id, Email, OwnerId FROM Contact WHERE Email != null ORDER BY Id LIMIT 90')}&${q(EU_BURST)}`);
    const known = raw.body.records as { Id: string; Email: string }[];
    const emails = [...known.map((r) => r.Email), ...Array.from({ length: 10 }, (_, i) => `burst.missing.${i}@nowhere.example`)];
    expect(new Set(emails.map((e) => e.toLowerCase())).size).toBe(100);
    const before = await stats(EU_BURST);
    const calls = Array.from({ length: 500 }, (_, i) => emails[i % 100]);
    const answers = await Promise.all(calls.map((e) => enrich([e], EU_BURST)));
    const after = await stats(EU_BURST);
    expect(answers.map((a) => a.status).filter((s) => s !== 200)).toEqual([]);
    answers.forEach((a, i) => {
      const r = a.body.data[0];
      expect(r.email).toBe(calls[i].toLowerCase());
      if (i % 100 < 90) expect(r).toMatchObject({ match: 'contact', contact: { id: known[i % 100].Id }, owner: { id: expect.stringMatching(/^005/) } });
      else expect(r.match).toBeNull();
    });
    const spent = after.totalRequests - before.totalRequests;
    // eslint-disable-next-line no-console
    console.log(`salesforce: 500 coalesced look-ups → ${spent} sandbox requests`, JSON.stringify(diff(before.requests, after.requests)));
    expect(spent).toBeLessThanOrEqual(MAX_REQUESTS_FOR_500);
  }, 60_000);

  it('GET /v1/fields: the describe catalog with picklist options, cached per connection', async () => {
    const res = await get(`/v1/fields?${q(EU, '&resource=contacts')}`);
    expect(res.status).toBe(200);
    const byName = new Map((res.body.data as { name: string }[]).map((f) => [f.name, f]));
    expect(byName.get('Email')).toEqual({ name: 'Email', label: 'Email', type: 'email', options: null });
    expect(byName.get('LeadSource')).toMatchObject({ type: 'picklist', options: expect.arrayContaining([{ value: 'Web', label: 'Web' }]) });
    const leadsRes = await get(`/v1/fields?${q(EU, '&resource=leads')}`);
    expect(leadsRes.body.data.find((f: { name: string }) => f.name === 'Status').options.map((o: { value: string }) => o.value)).toContain('Open - Not Contacted');
    const events = await get(`/v1/fields?${q(EU, '&resource=meetings')}`);
    expect(events.body.data.map((f: { name: string }) => f.name)).toEqual(expect.arrayContaining(['Subject', 'StartDateTime', 'ShowAs']));
    const before = (await stats(EU)).totalRequests;
    expect((await get(`/v1/fields?${q(EU, '&resource=contacts')}`)).body.data).toEqual(res.body.data);
    expect((await stats(EU)).totalRequests).toBe(before);
  });

  it('field mapping round trip: PUT (unknown field → 400 naming it) → create with customFields → get → enrich', async () => {
    const put = (mappings: Record<string, string>) => gw.call('PUT', '/v1/field-mappings', { key, body: { provider: 'salesforce', resource: 'contacts', endUserId: EU, mappings } });
    const bad = await put({ department: 'Department', score: 'Score__c' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_INPUT');
    expect(JSON.stringify(bad.body.error)).toContain('Score__c');
    expect((await put({ department: 'Department', source: 'LeadSource' })).status).toBe(200);
    expect((await get('/v1/field-mappings?provider=salesforce&resource=contacts')).body.data.mappings).toEqual({ department: 'Department', source: 'LeadSource' });

    const email = 'routing.mapped@example.com';
    const created = await gw.call('POST', `/v1/contacts?${q()}`, { key, body: { lastName: 'Mapped', email, customFields: { department: 'Routing', source: 'Web' } } });
    expect(created.status).toBe(201);
    expect(created.body.data.customFields).toEqual({ department: 'Routing', source: 'Web' });
    const id = created.body.data.id as string;
    // Written through to Salesforce itself, not only echoed.
    const raw = await get(`/v1/passthrough/services/data/v62.0/sobjects/Contact/${id}?fields=Department,LeadSource&${q()}`);
    expect(raw.body).toMatchObject({ Department: 'Routing', LeadSource: 'Web' });
    expect((await get(`/v1/contacts/${id}?${q()}`)).body.data.customFields).toEqual({ department: 'Routing', source: 'Web' });
    expect((await gw.call('PATCH', `/v1/contacts/${id}?${q()}`, { key, body: { customFields: { department: 'Ops' } } })).body.data.customFields)
      .toEqual({ department: 'Ops', source: 'Web' });
    const listed = await get(`/v1/contacts?${q(EU, `&email=${encodeURIComponent(email)}`)}`);
    expect(listed.body.data[0].customFields).toEqual({ department: 'Ops', source: 'Web' });

    // Enrichment reads Contact and Lead in one batch; Department exists only on Contact, and the lookup still works.
    const [r] = (await enrich([email])).body.data;
    expect(r).toMatchObject({ match: 'contact', contact: { id, customFields: { department: 'Ops', source: 'Web' } } });

    expect((await gw.call('DELETE', '/v1/field-mappings?provider=salesforce&resource=contacts', { key })).status).toBe(204);
    expect((await get(`/v1/contacts/${id}?${q()}`)).body.data.customFields).toEqual({});
  });
});

function diff(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(b)) if (v - (a[k] ?? 0) > 0) out[k] = v - (a[k] ?? 0);
  return out;
}
