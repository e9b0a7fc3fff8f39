import type { RunningSandbox } from '../../../test/helpers/sandbox';
import { api, connect, query, start } from './test-support';

// Written from reference/providers.md §2.2–§2.5 and §2.7.
const SF_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/;
const NOT_FOUND = [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }];

let sb: RunningSandbox;
let token: string;
beforeAll(async () => {
  sb = await start();
  token = (await connect(sb.url, 'crud-org')).access_token;
});
afterAll(async () => { await sb.close(); });

type Json = Record<string, unknown>;
const json = async (res: Response): Promise<Json> => (await res.json()) as Json;
const create = (obj: string, body: unknown): Promise<Response> => api(sb.url, token, `/sobjects/${obj}/`, { method: 'POST', json: body });
const createdId = async (obj: string, body: unknown): Promise<string> => {
  const res = await create(obj, body);
  expect(res.status).toBe(201);
  return (await json(res)).id as string;
};
async function firstId(soql: string): Promise<string> {
  const body = await json(await query(sb.url, token, soql));
  return ((body.records as Json[])[0]).Id as string;
}

describe('Contact CRUD', () => {
  test('create is 201 {id,success,errors} with a Location header', async () => {
    const res = await create('Contact', { FirstName: 'Jane', LastName: 'Doe', Email: 'jane@acme.com', Phone: '+1 555 0100', Title: 'CTO' });
    expect(res.status).toBe(201);
    const body = await json(res);
    expect(body).toEqual({ id: expect.stringMatching(/^003[A-Za-z0-9]{15}$/), success: true, errors: [] });
    expect(res.headers.get('location')).toBe(`/services/data/v62.0/sobjects/Contact/${body.id as string}`);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  });

  test('get returns attributes and every field; ?fields= narrows it', async () => {
    const id = await createdId('Contact', { FirstName: 'Ana', LastName: 'Souza', Email: 'ana@example.com' });
    const full = await json(await api(sb.url, token, `/sobjects/Contact/${id}`));
    expect(full.attributes).toEqual({ type: 'Contact', url: `/services/data/v62.0/sobjects/Contact/${id}` });
    expect(full).toMatchObject({ Id: id, FirstName: 'Ana', LastName: 'Souza', Name: 'Ana Souza', Email: 'ana@example.com', Phone: null, IsDeleted: false });
    expect(full.CreatedDate).toMatch(SF_DATETIME);
    expect(full.LastModifiedDate).toMatch(SF_DATETIME);
    expect(full.OwnerId).toMatch(/^005/);
    const some = await json(await api(sb.url, token, `/sobjects/Contact/${id}?fields=Id,Email,LastModifiedDate`));
    expect(Object.keys(some)).toEqual(['attributes', 'Id', 'Email', 'LastModifiedDate']);
  });

  test('15-char ids and 18-char ids in any case find the record', async () => {
    const id = await createdId('Contact', { LastName: 'Case' });
    for (const variant of [id.slice(0, 15), id.toLowerCase(), id.toUpperCase()]) {
      const res = await api(sb.url, token, `/sobjects/Contact/${variant}?fields=Id`);
      expect(res.status).toBe(200);
      expect((await json(res)).Id).toBe(id);
    }
  });

  test('PATCH is 204 and partial; LastModifiedDate moves', async () => {
    const id = await createdId('Contact', { FirstName: 'Old', LastName: 'Name', Email: 'old@example.com' });
    const before = await json(await api(sb.url, token, `/sobjects/Contact/${id}`));
    jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 60_000);
    const res = await api(sb.url, token, `/sobjects/Contact/${id}`, { method: 'PATCH', json: { FirstName: 'New' } });
    jest.restoreAllMocks();
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    const after = await json(await api(sb.url, token, `/sobjects/Contact/${id}`));
    expect(after).toMatchObject({ FirstName: 'New', LastName: 'Name', Name: 'New Name', Email: 'old@example.com' });
    expect(after.LastModifiedDate).not.toBe(before.LastModifiedDate);
    expect(after.CreatedDate).toBe(before.CreatedDate);
  });

  test('DELETE is 204; the record is then 404 NOT_FOUND, and a second delete ENTITY_IS_DELETED', async () => {
    const id = await createdId('Contact', { LastName: 'Gone' });
    expect((await api(sb.url, token, `/sobjects/Contact/${id}`, { method: 'DELETE' })).status).toBe(204);
    const get = await api(sb.url, token, `/sobjects/Contact/${id}`);
    expect(get.status).toBe(404);
    expect(await get.json()).toEqual(NOT_FOUND);
    const again = await api(sb.url, token, `/sobjects/Contact/${id}`, { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect(((await again.json()) as Json[])[0].errorCode).toBe('ENTITY_IS_DELETED');
  });

  test('a well-formed id that does not exist is 404 NOT_FOUND', async () => {
    const res = await api(sb.url, token, '/sobjects/Contact/003000000000000AAA');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual(NOT_FOUND);
  });

  test('a malformed id is 404 (read as an external id field); an id of another object is 400 MALFORMED_ID', async () => {
    const bad = await api(sb.url, token, '/sobjects/Contact/not-an-id');
    expect(bad.status).toBe(404);
    expect(((await bad.json()) as Json[])[0].errorCode).toBe('NOT_FOUND');
    const leadId = await firstId('SELECT Id FROM Lead LIMIT 1');
    const wrong = await api(sb.url, token, `/sobjects/Contact/${leadId}`);
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as Json[])[0].errorCode).toBe('MALFORMED_ID');
  });

  test('Contact without LastName is REQUIRED_FIELD_MISSING with Salesforce\'s exact body', async () => {
    const res = await create('Contact', { FirstName: 'Nolast' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual([{ message: 'Required fields are missing: [LastName]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['LastName'] }]);
    const nulled = await api(sb.url, token, `/sobjects/Contact/${await createdId('Contact', { LastName: 'X' })}`, { method: 'PATCH', json: { LastName: null } });
    expect(nulled.status).toBe(400);
    expect(((await nulled.json()) as Json[])[0].errorCode).toBe('REQUIRED_FIELD_MISSING');
  });

  test('write errors: unknown field, read-only field, bad email, too long, bad lookup, bad JSON', async () => {
    const cases: [unknown, string][] = [
      [{ LastName: 'A', Company__c: 'x' }, 'INVALID_FIELD'],
      [{ LastName: 'A', Name: 'Full' }, 'INVALID_FIELD_FOR_INSERT_UPDATE'],
      [{ LastName: 'A', Email: 'not-an-email' }, 'INVALID_EMAIL_ADDRESS'],
      [{ LastName: 'x'.repeat(81) }, 'STRING_TOO_LONG'],
      [{ LastName: 'A', AccountId: 'garbage' }, 'MALFORMED_ID'],
      [{ LastName: 'A', AccountId: '001000000000000AAA' }, 'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY'],
      [[{ LastName: 'A' }], 'JSON_PARSER_ERROR'],
    ];
    for (const [body, code] of cases) {
      const res = await create('Contact', body);
      expect(res.status).toBe(400);
      const errors = (await res.json()) as Json[];
      expect(Array.isArray(errors)).toBe(true);
      expect(errors[0]).toMatchObject({ errorCode: code, message: expect.any(String) });
    }
    const raw = await api(sb.url, token, '/sobjects/Contact/', { method: 'POST', body: '{oops', headers: { 'content-type': 'application/json' } });
    expect(((await raw.json()) as Json[])[0].errorCode).toBe('JSON_PARSER_ERROR');
  });

  test('AccountId links to an Account whose Name SOQL can read', async () => {
    const accountId = await createdId('Account', { Name: 'Zeta GmbH' });
    const id = await createdId('Contact', { LastName: 'Linked', AccountId: accountId });
    const body = await json(await query(sb.url, token, `SELECT Id, Account.Name FROM Contact WHERE Id = '${id}'`));
    expect((body.records as Json[])[0].Account).toMatchObject({ attributes: { type: 'Account' }, Name: 'Zeta GmbH' });
  });
});

describe('Lead', () => {
  test('LastName and Company are required', async () => {
    const res = await create('Lead', { FirstName: 'No', Email: 'lead@example.com' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual([{ message: 'Required fields are missing: [LastName, Company]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['LastName', 'Company'] }]);
    const noCompany = await create('Lead', { LastName: 'Only' });
    expect(await noCompany.json()).toEqual([{ message: 'Required fields are missing: [Company]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Company'] }]);
  });

  test('Status defaults to "Open - Not Contacted"; IsConverted false', async () => {
    const id = await createdId('Lead', { LastName: 'New', Company: 'Acme', LeadSource: 'Web' });
    const lead = await json(await api(sb.url, token, `/sobjects/Lead/${id}`));
    expect(lead).toMatchObject({ Status: 'Open - Not Contacted', IsConverted: false, ConvertedContactId: null, LeadSource: 'Web', Company: 'Acme' });
  });

  test('a converted lead cannot be updated', async () => {
    const id = await firstId('SELECT Id FROM Lead WHERE IsConverted = true LIMIT 1');
    const res = await api(sb.url, token, `/sobjects/Lead/${id}`, { method: 'PATCH', json: { Title: 'x' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Json[])[0].errorCode).toBe('CANNOT_UPDATE_CONVERTED_LEAD');
  });

  test('Status is a restricted picklist', async () => {
    const res = await create('Lead', { LastName: 'A', Company: 'B', Status: 'Hot' });
    expect(((await res.json()) as Json[])[0].errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
  });

  test('describe lists Status with its picklist values and default', async () => {
    const res = await api(sb.url, token, '/sobjects/Lead/describe');
    expect(res.status).toBe(200);
    const d = await json(res);
    expect(d).toMatchObject({ name: 'Lead', label: 'Lead' });
    const fields = d.fields as Json[];
    const status = fields.find((f) => f.name === 'Status') as Json;
    expect(status).toMatchObject({ type: 'picklist', nillable: false, createable: true, updateable: true });
    expect(status.picklistValues).toContainEqual({ value: 'Open - Not Contacted', label: 'Open - Not Contacted', active: true, defaultValue: true });
    expect(fields.find((f) => f.name === 'Company')).toMatchObject({ nillable: false, createable: true });
    expect(fields.find((f) => f.name === 'Name')).toMatchObject({ createable: false, updateable: false });
  });
});

describe('Event', () => {
  const start = '2026-03-23T01:00:00Z';

  test('create with EndDateTime derives DurationInMinutes; times are UTC …000+0000', async () => {
    const contactId = await firstId('SELECT Id FROM Contact WHERE AccountId != null LIMIT 1');
    const id = await createdId('Event', { Subject: 'Intro meeting', StartDateTime: start, EndDateTime: '2026-03-23T01:50:00Z', WhoId: contactId, Location: 'Remote' });
    const ev = await json(await api(sb.url, token, `/sobjects/Event/${id}`));
    expect(ev).toMatchObject({
      Subject: 'Intro meeting', StartDateTime: '2026-03-23T01:00:00.000+0000', EndDateTime: '2026-03-23T01:50:00.000+0000',
      DurationInMinutes: 50, IsAllDayEvent: false, WhoId: contactId, ActivityDate: '2026-03-23',
    });
    expect(ev.AccountId).toMatch(/^001/);
  });

  test('create with DurationInMinutes derives EndDateTime; an offset is converted to UTC', async () => {
    const id = await createdId('Event', { Subject: 'Call', StartDateTime: '2026-03-23T10:00:00.000+0200', DurationInMinutes: 30 });
    const ev = await json(await api(sb.url, token, `/sobjects/Event/${id}`));
    expect(ev).toMatchObject({ StartDateTime: '2026-03-23T08:00:00.000+0000', EndDateTime: '2026-03-23T08:30:00.000+0000' });
  });

  test('neither EndDateTime nor DurationInMinutes is REQUIRED_FIELD_MISSING; both must agree', async () => {
    const none = await create('Event', { Subject: 'x', StartDateTime: start });
    expect(none.status).toBe(400);
    expect(((await none.json()) as Json[])[0]).toMatchObject({ errorCode: 'REQUIRED_FIELD_MISSING', fields: ['DurationInMinutes'] });
    const both = await create('Event', { Subject: 'x', StartDateTime: start, DurationInMinutes: 30, EndDateTime: '2026-03-23T01:30:00Z' });
    expect(both.status).toBe(201);
    const clash = await create('Event', { Subject: 'x', StartDateTime: start, DurationInMinutes: 10, EndDateTime: '2026-03-23T01:30:00Z' });
    expect(clash.status).toBe(400);
  });

  test('an all-day event needs only ActivityDate', async () => {
    const id = await createdId('Event', { Subject: 'Offsite', IsAllDayEvent: true, ActivityDate: '2026-05-04' });
    const ev = await json(await api(sb.url, token, `/sobjects/Event/${id}`));
    expect(ev).toMatchObject({ IsAllDayEvent: true, ActivityDate: '2026-05-04', DurationInMinutes: 1440 });
  });

  test('moving the start keeps the duration', async () => {
    const id = await createdId('Event', { Subject: 'Move me', StartDateTime: start, DurationInMinutes: 45 });
    expect((await api(sb.url, token, `/sobjects/Event/${id}`, { method: 'PATCH', json: { StartDateTime: '2026-04-01T09:00:00Z' } })).status).toBe(204);
    const ev = await json(await api(sb.url, token, `/sobjects/Event/${id}`));
    expect(ev).toMatchObject({ EndDateTime: '2026-04-01T09:45:00.000+0000', DurationInMinutes: 45 });
  });

  test('a datetime that is not ISO 8601 is JSON_PARSER_ERROR', async () => {
    const res = await create('Event', { Subject: 'x', StartDateTime: 'tomorrow', DurationInMinutes: 5 });
    expect(((await res.json()) as Json[])[0].errorCode).toBe('JSON_PARSER_ERROR');
  });
});

describe('other resources', () => {
  test('unknown sObject is 404 NOT_FOUND; unknown path too', async () => {
    expect(await (await api(sb.url, token, '/sobjects/Widget/describe')).json()).toEqual(NOT_FOUND);
    const res = await api(sb.url, token, '/nothing-here');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual(NOT_FOUND);
  });

  test('PUT is not allowed (Salesforce updates with PATCH)', async () => {
    const id = await createdId('Contact', { LastName: 'Put' });
    const res = await api(sb.url, token, `/sobjects/Contact/${id}`, { method: 'PUT', json: { LastName: 'x' } });
    expect(res.status).toBe(405);
  });

  test('User records (owners) are readable, not writable', async () => {
    const ownerId = await firstId('SELECT OwnerId, Id FROM Contact LIMIT 1');
    const contact = await json(await api(sb.url, token, `/sobjects/Contact/${ownerId}?fields=OwnerId`));
    const user = await json(await api(sb.url, token, `/sobjects/User/${contact.OwnerId as string}`));
    expect(user).toMatchObject({ Id: contact.OwnerId, IsActive: true, Email: expect.stringContaining('@'), Name: expect.any(String) });
    expect((await create('User', { LastName: 'x' })).status).toBe(400);
  });

  test('GET /limits reports DailyApiRequests', async () => {
    const body = await json(await api(sb.url, token, '/limits'));
    expect(body.DailyApiRequests).toEqual({ Max: 15000, Remaining: expect.any(Number) });
  });

  test('the Versions resource lists v62.0 without auth; retired versions are 410', async () => {
    const res = await fetch(`${sb.url}/services/data/`);
    expect(res.status).toBe(200);
    expect(await res.json()).toContainEqual({ label: "Winter '25", url: '/services/data/v62.0', version: '62.0' });
    expect((await api(sb.url, token, '/services/data/v29.0/limits')).status).toBe(410);
  });

  test('/sobjects/Contact/updated and /deleted list changes in a window', async () => {
    const t0 = new Date(Date.now() - 60_000).toISOString();
    const id = await createdId('Contact', { LastName: 'Window' });
    const gone = await createdId('Contact', { LastName: 'WindowGone' });
    await api(sb.url, token, `/sobjects/Contact/${gone}`, { method: 'DELETE' });
    const t1 = new Date(Date.now() + 120_000).toISOString();
    // Coverage ends at the last whole minute before now, so ask two minutes later.
    jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 120_000);
    const upd = await json(await api(sb.url, token, `/sobjects/Contact/updated/?start=${encodeURIComponent(t0)}&end=${encodeURIComponent(t1)}`));
    expect(upd.ids).toContain(id);
    expect(upd.ids).not.toContain(gone);
    expect(upd.latestDateCovered).toMatch(SF_DATETIME);
    const del = await json(await api(sb.url, token, `/sobjects/Contact/deleted/?start=${encodeURIComponent(t0)}&end=${encodeURIComponent(t1)}`));
    expect(del.deletedRecords).toContainEqual({ id: gone, deletedDate: expect.stringMatching(SF_DATETIME) });
    expect((del.deletedRecords as Json[]).map((d) => d.id)).not.toContain(id);
    jest.restoreAllMocks();
  });

  test('/deleted ignores the seconds of start and end: a deletion earlier in start\'s minute is listed; a window inside one minute is refused', async () => {
    const gone = await createdId('Contact', { LastName: 'SecondsIgnored' });
    await api(sb.url, token, `/sobjects/Contact/${gone}`, { method: 'DELETE' });
    const minute = Math.floor(Date.now() / 60_000) * 60_000;
    jest.spyOn(Date, 'now').mockReturnValue(minute + 180_000);
    const window = (start: number, end: number) => `/sobjects/Contact/deleted/?start=${new Date(start).toISOString()}&end=${new Date(end).toISOString()}`;
    const del = await json(await api(sb.url, token, window(minute + 59_000, minute + 120_000)));
    expect((del.deletedRecords as Json[]).map((d) => d.id)).toContain(gone);
    expect(del.latestDateCovered).toBe(new Date(minute + 120_000).toISOString().replace('Z', '+0000'));
    const inside = await api(sb.url, token, window(minute + 10_000, minute + 50_000));
    expect(inside.status).toBe(400);
    expect(await inside.json()).toEqual([expect.objectContaining({ errorCode: 'INVALID_REPLICATION_DATE' })]);
    jest.restoreAllMocks();
  });
});
