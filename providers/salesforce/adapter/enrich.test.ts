import nock from 'nock';
import { LIVE_ACCESS_TOKEN, liveAdapterContext, type LiveHarness } from '../../../test/helpers/adapter-harness';
import type { AdapterContext } from '../../../src/provider-sdk';
import { toUnifiedContact } from '../mappers/contact.mapper';
import { toUnifiedLead } from '../mappers/lead.mapper';
import type { SfContact, SfLead } from '../mappers/wire';
import { contacts } from './contacts.adapter';
import { lookup } from './enrich';
import { fields } from './fields';
import { meetings } from './meetings.adapter';
import { HOST } from '../fixtures/nock';
import { MAX_URL_CHARS } from './soql-chunks';

/**
 * Enrichment look-ups, owners and the describe catalog against the real Salesforce host: every
 * request is pinned (path, SOQL, batch header, bearer token), and counted.
 */
const QUERY = '/services/data/v62.0/query';
const CONTACT_SELECT = 'SELECT Id, FirstName, LastName, Name, Email, Phone, MobilePhone, Title, AccountId, Account.Name, OwnerId, CreatedDate, LastModifiedDate, SystemModstamp FROM Contact';
const LEAD_SELECT = 'SELECT Id, FirstName, LastName, Name, Email, Phone, MobilePhone, Company, Title, Status, LeadSource, OwnerId, IsConverted, ConvertedContactId, CreatedDate, LastModifiedDate, SystemModstamp FROM Lead';

const attrs = (type: string, id: string) => ({ type, url: `/services/data/v62.0/sobjects/${type}/${id}` });
const contactRow = (id: string, email: string | null, extra: Record<string, unknown> = {}): SfContact & Record<string, unknown> => ({
  attributes: attrs('Contact', id), Id: id, FirstName: 'Zoë', LastName: "O'Brien", Name: "Zoë O'Brien", Email: email, Phone: null, MobilePhone: null,
  Title: 'CTO', AccountId: '001yT0000000001QAA', Account: { attributes: attrs('Account', '001yT0000000001QAA'), Name: 'Globex' },
  OwnerId: '005yT0000000001QAA', CreatedDate: '2025-04-13T08:26:00.000+0000', LastModifiedDate: '2025-10-17T20:01:00.000+0000',
  SystemModstamp: '2025-10-17T20:01:00.000+0000', ...extra,
});
const leadRow = (id: string, email: string | null, convertedTo: string | null = null): SfLead => ({
  attributes: attrs('Lead', id), Id: id, FirstName: 'Ana', LastName: 'Łukasiewicz', Name: 'Ana Łukasiewicz', Email: email, Phone: null,
  MobilePhone: null, Company: 'Acme GmbH', Title: null, Status: convertedTo ? 'Closed - Converted' : 'Open - Not Contacted', LeadSource: 'Web',
  OwnerId: '00GyT0000000001QAA', IsConverted: convertedTo !== null, ConvertedContactId: convertedTo, CreatedDate: '2025-12-14T11:34:00.000+0000',
  LastModifiedDate: '2025-12-23T00:56:00.000+0000', SystemModstamp: '2025-12-23T00:56:00.000+0000',
});
/** findByEmails reads the owner through the Owner relationship in the same query. */
const OWNER = ', Owner.Name, Owner.Email';
const LOOKUP_CONTACT = CONTACT_SELECT.replace(' FROM', `${OWNER} FROM`);
const LOOKUP_LEAD = LEAD_SELECT.replace(' FROM', `${OWNER} FROM`);
const result = (records: unknown[], more?: string) => ({ totalSize: records.length, done: !more, ...(more ? { nextRecordsUrl: more } : {}), records });
const JSON_HEADERS = { 'content-type': 'application/json;charset=UTF-8' };

const sf = () => nock(HOST, { reqheaders: { authorization: `Bearer ${LIVE_ACCESS_TOKEN}` } });
/** One pinned SOQL query: exact statement, Salesforce's largest batch. */
function expectQuery(scope: nock.Scope, soql: string, body: unknown): void {
  scope.get(QUERY).query({ q: soql }).matchHeader('sforce-query-options', 'batchSize=2000').reply(200, body as nock.Body, JSON_HEADERS);
}

describe('salesforce enrichment look-up (nock, real host)', () => {
  let h: LiveHarness;
  const withExtras = (extraFields: string[]): AdapterContext => ({ ...h.ctx, extraFields });
  beforeAll(async () => {
    nock.disableNetConnect();
    h = await liveAdapterContext('salesforce', { metadata: { instance_url: HOST } });
  });
  afterEach(() => nock.cleanAll());
  afterAll(async () => { await h.close(); nock.enableNetConnect(); nock.restore(); });

  it('findByEmails: one quoted Email IN query per object; case-insensitive match; converted lead keeps its contactId', async () => {
    const scope = sf();
    const inList = "('jane@acme.com', 'o\\'brien@example.org', 'zoë@müller.example')";
    const contact = contactRow('003yT0000000002QAA', 'Jane@ACME.com');
    const converted = leadRow('00QyT0000000006UAA', 'jane@acme.com', '003yT0000000002QAA');
    const open = leadRow('00QyT0000000007UAA', "O'Brien@Example.org");
    expectQuery(scope, `${LOOKUP_CONTACT} WHERE Email IN ${inList} ORDER BY Id ASC`, result([contact]));
    expectQuery(scope, `${LOOKUP_LEAD} WHERE Email IN ${inList} ORDER BY Id ASC`, result([converted, open]));
    const found = await lookup.findByEmails(h.ctx, ['jane@acme.com', "o'brien@example.org", 'zoë@müller.example', 'jane@acme.com']);
    expect(found.contacts).toEqual([toUnifiedContact(contact)]);
    expect(found.leads).toEqual([toUnifiedLead(converted), toUnifiedLead(open)]);
    expect(found.leads[0].contactId).toBe('003yT0000000002QAA');
    expect(found.contacts[0].company).toBe('Globex');
    scope.done();
  });

  it('100 emails still cost exactly two requests; rows whose Email is not asked for are dropped', async () => {
    const emails = Array.from({ length: 100 }, (_, i) => `person.${i}@example.com`);
    let calls = 0;
    sf().get(QUERY).query(true).times(2).reply((uri) => {
      calls++;
      const q = new URL(`${HOST}${uri}`).searchParams.get('q')!;
      for (const e of emails) expect(q).toContain(`'${e}'`);
      const stray = q.includes('FROM Contact') ? [contactRow('003yT00000000ZZQAA', 'someone.else@example.com')] : [];
      return [200, result([...stray, q.includes('FROM Contact') ? contactRow('003yT0000000003QAA', 'PERSON.7@example.com') : leadRow('00QyT0000000008UAA', 'person.99@example.com')]), JSON_HEADERS];
    });
    const found = await lookup.findByEmails(h.ctx, emails);
    expect(calls).toBe(2);
    expect(found.contacts.map((c) => c.id)).toEqual(['003yT0000000003QAA']);
    expect(found.leads.map((l) => l.id)).toEqual(['00QyT0000000008UAA']);
  });

  it('splits the IN list so every URL stays under the 16 KB URI limit, each email asked once', async () => {
    const emails = Array.from({ length: 300 }, (_, i) => `${'ü'.repeat(20)}.${'x'.repeat(60)}.${i}@example.com`);
    const asked: string[] = [];
    const urls: number[] = [];
    sf().get(QUERY).query(true).times(100).reply((uri) => {
      urls.push(`${HOST}${uri}`.length);
      const q = new URL(`${HOST}${uri}`).searchParams.get('q')!;
      if (q.includes('FROM Contact')) asked.push(...[...q.matchAll(/'([^']+)'/g)].map((m) => m[1]));
      return [200, result([]), JSON_HEADERS];
    });
    await lookup.findByEmails(h.ctx, emails);
    expect(urls.length).toBeGreaterThan(2);
    for (const len of urls) expect(len).toBeLessThanOrEqual(MAX_URL_CHARS);
    expect(asked.sort()).toEqual([...emails].sort());
  });

  it('follows nextRecordsUrl when more rows than one batch match', async () => {
    const scope = sf();
    const more = '/services/data/v62.0/query/01gyT0000000001QAA-2000';
    expectQuery(scope, `${LOOKUP_CONTACT} WHERE Email IN ('a@x.io') ORDER BY Id ASC`, result([contactRow('003yT0000000002QAA', 'a@x.io')], more));
    scope.get(more).reply(200, result([contactRow('003yT0000000003QAA', 'a@x.io')]), JSON_HEADERS);
    expectQuery(scope, `${LOOKUP_LEAD} WHERE Email IN ('a@x.io') ORDER BY Id ASC`, result([]));
    const found = await lookup.findByEmails(h.ctx, ['a@x.io']);
    expect(found.contacts.map((c) => c.id)).toEqual(['003yT0000000002QAA', '003yT0000000003QAA']);
    scope.done();
  });

  it('selects mapped fields (per resource, deduplicated); after an INVALID_FIELD, keeps those the describe lists', async () => {
    const scope = sf();
    const where = "WHERE Email IN ('a@x.io') ORDER BY Id ASC";
    expectQuery(scope, `${LOOKUP_CONTACT.replace(' FROM', ', Score__c, Rating, Department FROM')} ${where}`,
      result([contactRow('003yT0000000002QAA', 'a@x.io', { Score__c: 42, Rating: null, Department: 'IT' })]));
    scope.get(QUERY).query({ q: `${LOOKUP_LEAD.replace(' FROM', ', Score__c, Rating FROM')} ${where}` })
      .reply(400, [{ message: "\nSELECT Id …\nERROR at Row:1:Column:200\nNo such column 'Score__c' on entity 'Lead'.", errorCode: 'INVALID_FIELD' }], JSON_HEADERS);
    scope.get('/services/data/v62.0/sobjects/Lead/describe')
      .reply(200, { name: 'Lead', fields: [{ name: 'Id', label: 'Lead ID', type: 'id' }, { name: 'Rating', label: 'Rating', type: 'picklist', picklistValues: [] }] }, JSON_HEADERS);
    expectQuery(scope, `${LOOKUP_LEAD.replace(' FROM', ', Rating FROM')} ${where}`, result([{ ...leadRow('00QyT0000000006UAA', 'a@x.io'), Rating: 'Hot' }]));
    const found = await lookup.findByEmails({ ...h.ctx, extraFieldsByResource: { contacts: ['Score__c', 'Rating', 'Department', 'email'], leads: ['Score__c', 'Rating', 'Email'] } }, ['a@x.io']);
    expect(found.contacts[0].remoteData).toMatchObject({ Score__c: 42, Department: 'IT' });
    expect(found.leads[0].remoteData).toMatchObject({ Rating: 'Hot' });
    scope.done();
  });

  it('an INVALID_FIELD that is not about the mapped fields is the error it is', async () => {
    const scope = sf();
    scope.get(QUERY).query(true).times(2).reply(400, [{ message: 'No such column', errorCode: 'INVALID_FIELD' }], JSON_HEADERS);
    scope.get(/\/sobjects\/(Contact|Lead)\/describe$/).times(2).reply(200, { fields: [{ name: 'Score__c', label: 'Score', type: 'double' }] }, JSON_HEADERS);
    await expect(lookup.findByEmails(withExtras(['Score__c']), ['a@x.io'])).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('refuses a mapped field that is not a field name, without a call', async () => {
    await expect(lookup.findByEmails(withExtras(["Email FROM User WHERE Name != '"]), ['a@x.io']))
      .rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('owners of the records just looked up come from their Owner relationship: no request', async () => {
    const scope = sf();
    const owner = { attributes: attrs('User', '005yT0000000001QAA'), Name: 'Hana Sato', Email: 'hana@acme.example' };
    expectQuery(scope, `${LOOKUP_CONTACT} WHERE Email IN ('a@x.io') ORDER BY Id ASC`, result([contactRow('003yT0000000002QAA', 'a@x.io', { Owner: owner })]));
    expectQuery(scope, `${LOOKUP_LEAD} WHERE Email IN ('a@x.io') ORDER BY Id ASC`, result([{ ...leadRow('00QyT0000000006UAA', 'a@x.io'), Owner: { Name: 'EMEA inbound', Email: null } }]));
    const ctx = { ...h.ctx };
    await lookup.findByEmails(ctx, ['a@x.io']);
    expect(await lookup.owners(ctx, ['005yT0000000001QAA', '00GyT0000000001QAA'])).toEqual([
      { id: '005yT0000000001QAA', name: 'Hana Sato', email: 'hana@acme.example' },
      { id: '00GyT0000000001QAA', name: 'EMEA inbound', email: null },
    ]);
    scope.done();
  });

  it('owners: one User IN query, one Group query for queues; non-ids skipped; 15-character ids answered as asked', async () => {
    const scope = sf();
    expectQuery(scope, "SELECT Id, Name, Email FROM User WHERE Id IN ('005yT0000000001QAA', '005yT0000000002')",
      result([{ attributes: attrs('User', '005yT0000000001QAA'), Id: '005yT0000000001QAA', Name: 'Hana Sato', Email: 'hana@acme.example' },
        { attributes: attrs('User', '005yT0000000002QAA'), Id: '005yT0000000002QAA', Name: 'Lars Berg', Email: null }]));
    expectQuery(scope, "SELECT Id, Name, Email FROM Group WHERE Id IN ('00GyT0000000001QAA')",
      result([{ attributes: attrs('Group', '00GyT0000000001QAA'), Id: '00GyT0000000001QAA', Name: 'EMEA inbound', Email: 'emea@acme.example' }]));
    const owners = await lookup.owners(h.ctx, ['005yT0000000001QAA', '005yT0000000002', '00GyT0000000001QAA', '005yT0000000001QAA', "x' OR Id != '", '003yT0000000002QAA']);
    expect(owners).toEqual([
      { id: '005yT0000000001QAA', name: 'Hana Sato', email: 'hana@acme.example' },
      { id: '005yT0000000002', name: 'Lars Berg', email: null },
      { id: '00GyT0000000001QAA', name: 'EMEA inbound', email: 'emea@acme.example' },
    ]);
    scope.done();
    expect(await lookup.owners(h.ctx, ['not-an-id'])).toEqual([]);
  });

  it('fields: GET /sobjects/{Contact|Lead|Event}/describe → name, label, type, active picklist options', async () => {
    const scope = sf();
    const describe = (name: string) => ({
      name, fields: [
        { name: 'Id', label: 'Record ID', type: 'id', picklistValues: [] },
        { name: 'LeadSource', label: 'Lead Source', type: 'picklist', picklistValues: [
          { value: 'Web', label: 'Web', active: true, defaultValue: false }, { value: 'Fax', label: 'Fax', active: false, defaultValue: false }] },
        { name: 'Score__c', label: 'Score', type: 'double', custom: true, picklistValues: [] },
      ],
    });
    for (const object of ['Contact', 'Lead', 'Event']) scope.get(`/services/data/v62.0/sobjects/${object}/describe`).reply(200, describe(object), JSON_HEADERS);
    const expected = [
      { name: 'Id', label: 'Record ID', type: 'id', options: null },
      { name: 'LeadSource', label: 'Lead Source', type: 'picklist', options: [{ value: 'Web', label: 'Web' }] },
      { name: 'Score__c', label: 'Score', type: 'double', options: null },
    ];
    expect(await fields.fields(h.ctx, 'contacts')).toEqual(expected);
    expect(await fields.fields(h.ctx, 'leads')).toEqual(expected);
    expect(await fields.fields(h.ctx, 'meetings')).toEqual(expected);
    scope.done();
  });

  it('list and get select the mapped fields of their resource', async () => {
    const scope = sf();
    const select = CONTACT_SELECT.replace(' FROM', ', Score__c FROM');
    scope.get(QUERY).query({ q: `${select} ORDER BY Id ASC` }).matchHeader('sforce-query-options', 'batchSize=200')
      .reply(200, result([contactRow('003yT0000000002QAA', 'a@x.io', { Score__c: 7 })]), JSON_HEADERS);
    scope.get(QUERY).query({ q: `${select} WHERE Id = '003yT0000000002QAA'` }).reply(200, result([contactRow('003yT0000000002QAA', 'a@x.io', { Score__c: 7 })]), JSON_HEADERS);
    const ctx = withExtras(['Score__c', 'OwnerId']);
    expect((await contacts.list!(ctx, { limit: 10, cursor: null, filters: {} })).items[0].remoteData).toMatchObject({ Score__c: 7 });
    expect((await contacts.get!(ctx, '003yT0000000002QAA')).remoteData).toMatchObject({ Score__c: 7 });
    scope.done();
    // Meetings read only their own list.
    const ev = sf();
    ev.get(QUERY).query((q) => String(q.q).startsWith('SELECT Id, Subject') && String(q.q).includes(', Type FROM Event') && !String(q.q).includes('Score__c'))
      .reply(200, result([]), JSON_HEADERS);
    await meetings.list!({ ...h.ctx, extraFields: ['Type'] }, { limit: 10, cursor: null, filters: {} });
    ev.done();
  });
});
