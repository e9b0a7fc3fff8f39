import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { listAllPages } from '../helpers/list-all';
import { connectOAuth, mintToken } from '../helpers/connect-driver';
import { COALESCING_ENV, coalescedLookups } from '../helpers/coalescing';

/**
 * POST /v1/enrich, GET /v1/fields and /v1/field-mappings through the gateway with an sk_test_ key,
 * against the HubSpot sandbox (seed: 240 contacts, 75 leads each with a primary contact, 8 owners).
 * HubSpot leads have no email of their own and always hang off a contact (reference/providers.md
 * §1.4), so a lead is found through its contact, and — as the lead is linked to that contact — the
 * match is the contact with the lead alongside it; HubSpot cannot produce a lead-only match.
 */
let gw: TestGateway;
let key: string;
const endUserId = 'u-hubspot-enrich';

type Rec = Record<string, unknown> & { id: string };
interface Person extends Rec { email: string; ownerId: string | null; company: string | null; contactId?: string | null }
interface EnrichRow { email: string; match: 'lead' | 'contact' | null; contact: Person | null; lead: Person | null; owner: { id: string; name: string | null; email: string | null } | null; company: string | null }

const call = (method: string, path: string, body?: unknown) => gw.call(method, path, { key, body });
const q = (extra: Record<string, string> = {}): string => new URLSearchParams({ provider: 'hubspot', endUserId, ...extra }).toString();
const enrich = (emails: string[]) => call('POST', '/v1/enrich', { provider: 'hubspot', endUserId, emails });
const stats = async (): Promise<{ totalRequests: number; rateLimited: number; requests: Record<string, number> }> =>
  (await call('GET', `/v1/sandbox/stats?${q()}`)).body.data;

let contacts: Person[];
let leads: Person[];
const leadContactIds = (): Set<string> => new Set(leads.map((l) => l.contactId!));

async function listAll(resource: 'contacts' | 'leads'): Promise<Person[]> {
  return (await listAllPages<Person>((p) => call('GET', `/v1/${resource}?${q(p)}`), 100)).records;
}

beforeAll(async () => {
  gw = await startTestGateway({ RATE_LIMIT_PER_KEY: '100000', ...COALESCING_ENV });
  ({ testKey: key } = await gw.newAccount());
  // Listing the seed for expectations takes more than HubSpot's 110 requests / 10 s; lift both budgets.
  gw.deps.providerClient.policies.override('hubspot', { rateLimit: { requests: 10_000, intervalMs: 1000 } });
  const kit = gw.deps.sandboxes!.get('hubspot')!.kit;
  kit.limits.configure('*', 'burst', { max: 100_000, windowMs: 1000 });
  kit.limits.configure('*', 'search', { max: 100_000, windowMs: 1000 });
  const r = await connectOAuth(gw, await mintToken(gw, key, { endUserId, providers: ['hubspot'] }), 'hubspot', 'hs-enrich');
  if (r.type !== 'connected') throw new Error(`not connected: ${JSON.stringify(r)}`);
  [contacts, leads] = await Promise.all([listAll('contacts'), listAll('leads')]);
});
afterAll(async () => { await gw.stop(); });

describe('HubSpot enrichment: who is this email', () => {
  it('a lead\'s contact: the contact wins (the lead is linked to it), the lead comes along, owner and company resolved', async () => {
    const lead = leads.find((l) => contacts.find((c) => c.id === l.contactId)?.ownerId)!;
    const contact = contacts.find((c) => c.id === lead.contactId)!;
    const res = await enrich([contact.email]);
    expect(res.status).toBe(200);
    const [row] = res.body.data as EnrichRow[];
    expect(row).toMatchObject({ email: contact.email.toLowerCase(), match: 'contact', company: contact.company });
    expect(row.contact!.id).toBe(contact.id);
    expect(row.lead).toMatchObject({ id: lead.id, contactId: contact.id });
    expect(row.contact!.remoteData).toBeUndefined();
    expect(row.owner).toEqual({ id: contact.ownerId, name: expect.any(String), email: expect.stringContaining('@') });
  });

  it('a contact without leads: match contact, no lead; an unknown email: nothing at all', async () => {
    const contact = contacts.find((c) => !leadContactIds().has(c.id) && c.company)!;
    const [hit, miss] = (await enrich([contact.email, 'nobody-at-all@nowhere.example'])).body.data as EnrichRow[];
    expect(hit).toMatchObject({ match: 'contact', lead: null, company: contact.company });
    expect(hit.contact!.id).toBe(contact.id);
    expect(miss).toEqual({ email: 'nobody-at-all@nowhere.example', match: null, contact: null, lead: null, owner: null, company: null });
  });

  it('normalizes mixed-case and padded emails, and finds unicode addresses', async () => {
    // Created through passthrough: HubSpot stores internationalized addresses as given.
    const created = await call('POST', `/v1/passthrough/crm/v3/objects/contacts?${q()}`, { properties: { firstname: 'Zoë', lastname: 'Müller', email: 'zoë.müller@exämple.com', company: 'Grüße GmbH' } });
    expect(created.status).toBe(201);
    const seeded = contacts[5];
    const res = await enrich(['  ZOË.MÜLLER@EXÄMPLE.COM ', seeded.email.toUpperCase()]);
    expect(res.status).toBe(200);
    const [zoe, upper] = res.body.data as EnrichRow[];
    expect(zoe).toMatchObject({ email: 'zoë.müller@exämple.com', match: 'contact', company: 'Grüße GmbH' });
    expect(zoe.contact!.id).toBe(created.body.id);
    expect(upper).toMatchObject({ email: seeded.email.toLowerCase(), match: 'contact' });
    expect(upper.contact!.id).toBe(seeded.id);
  });

  it('answers 100 emails in one call, in order, in at most 4 sandbox requests', async () => {
    const known = contacts.slice(20, 100);
    const emails = [...known.map((c) => c.email), ...Array.from({ length: 20 }, (_, i) => `ghost-${i}@nowhere.example`)];
    const before = await stats();
    const res = await enrich(emails);
    const after = await stats();
    expect(res.status).toBe(200);
    const rows = res.body.data as EnrichRow[];
    expect(rows.map((r) => r.email)).toEqual(emails.map((e) => e.toLowerCase()));
    known.forEach((c, i) => expect(rows[i].contact!.id).toBe(c.id));
    expect(rows.slice(80).every((r) => r.match === null)).toBe(true);
    expect(rows.filter((r) => r.lead !== null).map((r) => r.lead!.contactId).every((id) => leadContactIds().has(id!))).toBe(true);
    expect(rows.some((r) => r.lead !== null)).toBe(true);
    // contacts batch/read + v4 contacts→leads + leads batch/read + one owners list.
    expect(after.totalRequests - before.totalRequests).toBeLessThanOrEqual(4);
  });
});

describe('HubSpot enrichment: coalescing, counted at the sandbox', () => {
  it('500 concurrent single-email calls (100 distinct × 5) reach the sandbox in at most 10 requests, all correct, no 429', async () => {
    // Emails not asked before in this file, so nothing is served from the answer cache.
    const run = await coalescedLookups({ known: contacts.slice(130, 210), enrich, stats });
    expect(run.rateLimited).toBe(0);
    // One coalesced batch costs HubSpot 4 requests (contacts, v4 associations, leads, owners); 10 allows two
    // batches and a stray one. The breakdown is in the message when it fails.
    const { used, delta } = run;
    if (used > 10) throw new Error(`${used} sandbox requests for 500 coalesced lookups: ${JSON.stringify(delta)}`);
  });
});

describe('HubSpot field catalog and field mappings', () => {
  it('GET /v1/fields lists HubSpot properties with picklist options', async () => {
    const res = await call('GET', `/v1/fields?${q({ resource: 'contacts' })}`);
    expect(res.status).toBe(200);
    const fields = res.body.data as { name: string; label: string; type: string; options: { value: string; label: string }[] | null }[];
    expect(fields.find((f) => f.name === 'email')).toEqual({ name: 'email', label: 'Email', type: 'string', options: null });
    expect(fields.find((f) => f.name === 'lifecyclestage')!.options).toContainEqual({ value: 'customer', label: 'Customer' });
    const leadFields = (await call('GET', `/v1/fields?${q({ resource: 'leads' })}`)).body.data as { name: string; options: { value: string }[] | null }[];
    expect(leadFields.find((f) => f.name === 'hs_lead_label')!.options!.map((o) => o.value)).toEqual(['COLD', 'WARM', 'HOT']);
  });

  it('round-trips a mapping: PUT (unknown field → 400), create with customFields, GET, enrich, DELETE', async () => {
    const bad = await call('PUT', '/v1/field-mappings', { provider: 'hubspot', resource: 'contacts', mappings: { stage: 'lifecyclestage', nope: 'no_such_property' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_INPUT');
    expect(JSON.stringify(bad.body.error)).toContain('no_such_property');

    const put = await call('PUT', '/v1/field-mappings', { provider: 'hubspot', resource: 'contacts', mappings: { stage: 'lifecyclestage', town: 'city' } });
    expect(put.status).toBeLessThan(300);
    const got = await call('GET', '/v1/field-mappings?provider=hubspot&resource=contacts');
    expect(JSON.stringify(got.body.data)).toContain('lifecyclestage');

    const created = await call('POST', `/v1/contacts?${q()}`, { firstName: 'Ada', lastName: 'Byron', email: 'ada.byron@mapping.example', customFields: { stage: 'customer', town: 'Malmö' } });
    expect(created.status).toBe(201);
    expect(created.body.data.customFields).toEqual({ stage: 'customer', town: 'Malmö' });
    const read = await call('GET', `/v1/contacts/${created.body.data.id}?${q()}`);
    expect(read.body.data.customFields).toEqual({ stage: 'customer', town: 'Malmö' });
    const [row] = (await enrich(['Ada.Byron@mapping.example'])).body.data as EnrichRow[];
    expect(row.contact!.customFields).toEqual({ stage: 'customer', town: 'Malmö' });

    expect((await call('DELETE', '/v1/field-mappings?provider=hubspot&resource=contacts')).status).toBeLessThan(300);
    expect((await call('GET', `/v1/contacts/${created.body.data.id}?${q()}`)).body.data.customFields).toEqual({});
  });
});
