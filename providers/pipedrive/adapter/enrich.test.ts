import nock from 'nock';
import { LIVE_ACCESS_TOKEN, liveAdapterContext, type LiveHarness } from '../../../test/helpers/adapter-harness';
import { API_DOMAIN } from '../fixtures/replay';
import { forgetShapes } from './account-shape';
import { lookup } from './enrich';
import { fieldCatalog } from './fields';

/**
 * Enrichment against Pipedrive's real host (nock): the exact requests one findByEmails, owners and
 * fields call sends, for a small account (its person list fits in one page) and a large one
 * (persons found by exact search, leads per person). Shapes: reference/providers.md §3.2–3.3.
 */
let h: LiveHarness;
beforeAll(async () => {
  nock.disableNetConnect();
  h = await liveAdapterContext('pipedrive', { metadata: { api_domain: API_DOMAIN } });
});
beforeEach(() => forgetShapes());
afterEach(() => nock.cleanAll());
afterAll(async () => { await h.close(); nock.enableNetConnect(); nock.restore(); });

type Query = Record<string, string>;
const sorted = (q: Record<string, unknown>): string => JSON.stringify(Object.entries(q).sort(([a], [b]) => a.localeCompare(b)));

/** One pinned GET: path, exact query and the bearer token. */
function get(path: string, query: Query, body: unknown): nock.Scope {
  return nock(API_DOMAIN, { reqheaders: { authorization: `Bearer ${LIVE_ACCESS_TOKEN}` } })
    .get(path).query((q) => sorted(q) === sorted(query))
    .reply(200, body as nock.Body, { 'content-type': 'application/json' });
}
function expectDone(scopes: nock.Scope[]): void {
  for (const s of scopes) expect(s.isDone()).toBe(true);
  expect(nock.pendingMocks()).toEqual([]);
}

const HASH = 'a'.repeat(40);
const T = '2026-01-02T10:20:00Z';
function person(id: number, emails: string[], org: number | null, owner = 11): Record<string, unknown> {
  return {
    id, name: `Person ${id}`, first_name: 'Person', last_name: String(id), owner_id: owner, org_id: org,
    emails: emails.map((value, i) => ({ value, primary: i === 0, label: 'work' })), phones: [],
    add_time: T, update_time: T, visible_to: 3, label_ids: [], custom_fields: { [HASH]: `li-${id}` },
  };
}
function lead(id: string, personId: number | null, org: number | null): Record<string, unknown> {
  return {
    id, title: `Lead ${id.slice(0, 4)}`, owner_id: 12, creator_id: 12, label_ids: [], person_id: personId, organization_id: org,
    source_name: 'API', is_archived: false, was_seen: false, value: null, add_time: '2026-01-03T10:00:00.000Z', update_time: '2026-01-03T10:00:00.000Z',
  };
}
const L1 = '11111111-1111-4111-8111-111111111111';
const L2 = '22222222-2222-4222-8222-222222222222';
const v2 = (data: unknown, next: string | null = null): unknown => ({ success: true, data, additional_data: { next_cursor: next } });
const v1 = (data: unknown, more = false, start = 0): unknown => ({
  success: true, data, additional_data: { pagination: { start, limit: 500, more_items_in_collection: more, ...(more ? { next_start: start + 500 } : {}) } },
});
const PERSONS_PAGE: Query = { limit: '500' };
const LEADS_PAGE: Query = { start: '0', limit: '500' };
const search = (term: string): Query => ({ term, fields: 'email', exact_match: 'true', limit: '100' });

describe('findByEmails on an account whose persons fit in one page', () => {
  const persons = [person(1, ['Ana@Acme.example'], 12), person(2, ['x@y.example', 'ünïcødé@bücher.example'], null), person(3, ['other@z.example'], 20)];

  it('one persons page, one leads page, one organizations call for 3 emails', async () => {
    const scopes = [
      get('/api/v2/persons', PERSONS_PAGE, v2(persons)),
      get('/api/v1/leads', LEADS_PAGE, v1([lead(L1, 1, 20), lead(L2, 3, null)])),
      get('/api/v2/organizations', { ids: '12,20', limit: '100' }, v2([{ id: 12, name: 'Acme' }, { id: 20, name: 'Zeta' }])),
    ];
    const out = await lookup.findByEmails(h.ctx, ['ana@acme.example', 'ünïcødé@bücher.example', 'nobody@none.example']);
    expectDone(scopes);
    expect(out.contacts.map((c) => [c.id, c.company, c.ownerId])).toEqual([['1', 'Acme', '11'], ['2', null, '11']]);
    expect(out.contacts[0].remoteData).toMatchObject({ custom_fields: { [HASH]: 'li-1' } });
    // Person 3's lead is not asked for; person 1's lead names its own organization and its person.
    expect(out.leads.map((l) => [l.id, l.contactId, l.email, l.company])).toEqual([[L1, '1', 'Ana@Acme.example', 'Zeta']]);
  });

  it('remembers the account is small: a later single email reads the page again, and its one person\'s leads by person_id', async () => {
    get('/api/v2/persons', PERSONS_PAGE, v2(persons));
    await lookup.findByEmails(h.ctx, ['a@b.example', 'c@d.example']);
    expect(nock.pendingMocks()).toEqual([]);
    const scopes = [
      get('/api/v2/persons', PERSONS_PAGE, v2(persons)),
      get('/api/v1/leads', { person_id: '1', start: '0', limit: '500' }, v1([lead(L1, 1, null)])),
      get('/api/v2/organizations', { ids: '12', limit: '100' }, v2([{ id: 12, name: 'Acme' }])),
    ];
    const out = await lookup.findByEmails(h.ctx, [' ANA@acme.example ']);
    expectDone(scopes);
    expect(out.contacts.map((c) => c.id)).toEqual(['1']);
    expect(out.leads.map((l) => l.id)).toEqual([L1]);
  });

  it('nothing found: one page, no lead or organization call', async () => {
    const scopes = [get('/api/v2/persons', PERSONS_PAGE, v2(persons))];
    expect(await lookup.findByEmails(h.ctx, ['nobody@none.example'])).toEqual({ contacts: [], leads: [] });
    expectDone(scopes);
  });
});

describe('findByEmails on a large account', () => {
  const p5 = person(5, ['five@acme.example'], 12);
  const p9 = person(9, ['nine@other.example', 'NINE@alt.example'], null);
  const searchItem = (p: Record<string, unknown>, org: { id: number; name: string } | null): unknown =>
    ({ result_score: 1, item: { id: p.id, type: 'person', name: p.name, emails: [], phones: [], owner: { id: 11 }, organization: org } });

  it('probe page → exact search per email → persons?ids= → probe leads page → leads per person', async () => {
    const scopes = [
      get('/api/v2/persons', PERSONS_PAGE, v2([person(100, ['z@z.example'], null)], 'c2')),
      get('/api/v2/persons/search', search('five@acme.example'), v2({ items: [searchItem(p5, { id: 12, name: 'Acme' })] })),
      get('/api/v2/persons/search', search('nine@alt.example'), v2({ items: [searchItem(p9, null)] })),
      get('/api/v2/persons', { ids: '5,9', limit: '100' }, v2([p5, p9])),
      get('/api/v1/leads', LEADS_PAGE, v1([lead(L2, 77, null)], true)),
      get('/api/v1/leads', { person_id: '5', start: '0', limit: '500' }, v1([lead(L1, 5, 12)])),
      get('/api/v1/leads', { person_id: '9', start: '0', limit: '500' }, v1([])),
    ];
    const out = await lookup.findByEmails(h.ctx, ['five@acme.example', 'nine@alt.example']);
    expectDone(scopes);
    // Organization names came with the search items: no organizations call.
    expect(out.contacts.map((c) => [c.id, c.company])).toEqual([['5', 'Acme'], ['9', null]]);
    expect(out.leads.map((l) => [l.id, l.company])).toEqual([[L1, 'Acme']]);
  });

  it('once known to be large, goes straight to the searches and per-person leads', async () => {
    get('/api/v2/persons', PERSONS_PAGE, v2([], 'c2'));
    get('/api/v2/persons/search', search('a@a.example'), v2({ items: [] }));
    await lookup.findByEmails(h.ctx, ['a@a.example']);
    // No probe page this time: the account is known not to fit.
    get('/api/v2/persons/search', search('five@acme.example'), v2({ items: [searchItem(p5, null)] }));
    get('/api/v2/persons/search', search('nine@alt.example'), v2({ items: [searchItem(p9, null)] }));
    get('/api/v2/persons', { ids: '5,9', limit: '100' }, v2([p5, p9]));
    get('/api/v1/leads', LEADS_PAGE, v1([], true));
    get('/api/v1/leads', { person_id: '5', start: '0', limit: '500' }, v1([]));
    get('/api/v1/leads', { person_id: '9', start: '0', limit: '500' }, v1([]));
    get('/api/v2/organizations', { ids: '12', limit: '100' }, v2([{ id: 12, name: 'Acme' }]));
    await lookup.findByEmails(h.ctx, ['five@acme.example', 'nine@alt.example']);
    expect(nock.pendingMocks()).toEqual([]);
    const scopes = [
      get('/api/v2/persons/search', search('nine@other.example'), v2({ items: [searchItem(p9, null)] })),
      get('/api/v2/persons', { ids: '9', limit: '100' }, v2([p9])),
      get('/api/v1/leads', { person_id: '9', start: '0', limit: '500' }, v1([lead(L2, 9, null)])),
    ];
    const out = await lookup.findByEmails(h.ctx, ['nine@other.example']);
    expectDone(scopes);
    expect(out.leads.map((l) => [l.id, l.email])).toEqual([[L2, 'nine@other.example']]);
  });

  it('a search hit whose emails do not really match is dropped', async () => {
    get('/api/v2/persons', PERSONS_PAGE, v2([], 'c2'));
    const scopes = [
      get('/api/v2/persons/search', search('five@acme.example'), v2({ items: [searchItem(p9, null)] })),
      get('/api/v2/persons', { ids: '9', limit: '100' }, v2([p9])),
    ];
    expect(await lookup.findByEmails(h.ctx, ['five@acme.example'])).toEqual({ contacts: [], leads: [] });
    expectDone(scopes);
  });
});

describe('owners', () => {
  const users = [{ id: 11, name: 'Olga Owner', email: 'olga@acme.example', active_flag: true }, { id: 12, name: 'Sam Seller', email: 'sam@acme.example', active_flag: true }];

  it('one GET /api/v1/users for any number of ids; unknown ids are left out', async () => {
    const scopes = [nock(API_DOMAIN, { reqheaders: { authorization: `Bearer ${LIVE_ACCESS_TOKEN}` } }).get('/api/v1/users').reply(200, { success: true, data: users })];
    expect(await lookup.owners(h.ctx, ['12', '99'])).toEqual([{ id: '12', name: 'Sam Seller', email: 'sam@acme.example' }]);
    expectDone(scopes);
  });

  it('no ids, no call', async () => {
    expect(await lookup.owners(h.ctx, [])).toEqual([]);
    expect(nock.pendingMocks()).toEqual([]);
  });
});

describe('field catalog', () => {
  const field = (key: string, name: string, type: string, options?: { id: number; label: string }[]): unknown => ({ id: 1, key, name, field_type: type, ...(options ? { options } : {}) });

  it('contacts: personFields to the last page; v2 keys for email/phone; option ids as values', async () => {
    const scopes = [
      get('/api/v1/personFields', { start: '0', limit: '500' }, v1([field('name', 'Name', 'varchar'), field('email', 'Email', 'varchar')], true)),
      get('/api/v1/personFields', { start: '500', limit: '500' }, v1([field('phone', 'Phone', 'phone'), field(HASH, 'Source', 'enum', [{ id: 1, label: 'Web' }])], false, 500)),
    ];
    expect(await fieldCatalog.fields(h.ctx, 'contacts')).toEqual([
      { name: 'name', label: 'Name', type: 'varchar', options: null },
      { name: 'emails', label: 'Email', type: 'varchar', options: null },
      { name: 'phones', label: 'Phone', type: 'phone', options: null },
      { name: HASH, label: 'Source', type: 'enum', options: [{ value: '1', label: 'Web' }] },
    ]);
    expectDone(scopes);
  });

  it('leads: dealFields, keeping custom fields and the standard fields a lead has, under the lead\'s keys', async () => {
    const scopes = [get('/api/v1/dealFields', { start: '0', limit: '500' }, v1([
      field('title', 'Title', 'varchar'), field('stage_id', 'Stage', 'stage'), field('org_id', 'Organization', 'org'),
      field('user_id', 'Owner', 'user'), field(HASH, 'Channel', 'enum', [{ id: 2, label: 'Outbound' }]),
    ]))];
    expect((await fieldCatalog.fields(h.ctx, 'leads')).map((f) => f.name)).toEqual(['title', 'organization_id', 'owner_id', HASH]);
    expectDone(scopes);
  });

  it('meetings: activityFields', async () => {
    const scopes = [get('/api/v1/activityFields', { start: '0', limit: '500' }, v1([field('subject', 'Subject', 'varchar')]))];
    expect(await fieldCatalog.fields(h.ctx, 'meetings')).toEqual([{ name: 'subject', label: 'Subject', type: 'varchar', options: null }]);
    expectDone(scopes);
  });
});
