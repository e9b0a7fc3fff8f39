import type { RunningSandbox } from '../../../test/helpers/sandbox';
import { SEED_COUNTS } from './seed';
import { api, connect, query, start } from './test-support';

// Written from reference/providers.md §2.2–§2.3 (query response, nextRecordsUrl, batchSize) and §2.7.
type Json = Record<string, unknown>;
interface QueryPage { totalSize: number; done: boolean; nextRecordsUrl?: string; records: Json[] }

let sb: RunningSandbox;
let token: string;
beforeAll(async () => {
  sb = await start();
  token = (await connect(sb.url, 'query-org')).access_token;
});
afterAll(async () => { await sb.close(); });

async function page(soql: string, batchSize?: number): Promise<QueryPage> {
  const res = await query(sb.url, token, soql, batchSize);
  if (res.status !== 200) throw new Error(`${res.status} ${await res.text()}`);
  return (await res.json()) as QueryPage;
}

/** Follows nextRecordsUrl to done:true, checking the shape of every batch. */
async function all(soql: string, batchSize?: number): Promise<{ records: Json[]; pages: number; totalSize: number }> {
  let p = await page(soql, batchSize);
  const records = [...p.records];
  let pages = 1;
  while (!p.done) {
    expect(p.nextRecordsUrl).toMatch(/^\/services\/data\/v62\.0\/query\/01g[A-Za-z0-9]{15}-\d+$/);
    const res = await api(sb.url, token, p.nextRecordsUrl as string, batchSize ? { headers: { 'Sforce-Query-Options': `batchSize=${batchSize}` } } : {});
    expect(res.status).toBe(200);
    p = (await res.json()) as QueryPage;
    records.push(...p.records);
    pages += 1;
  }
  expect(p).not.toHaveProperty('nextRecordsUrl');
  return { records, pages, totalSize: p.totalSize };
}

const errorOf = async (soql: string): Promise<{ status: number; body: Json[] }> => {
  const res = await query(sb.url, token, soql);
  return { status: res.status, body: (await res.json()) as Json[] };
};

describe('pagination', () => {
  test('Contacts page by 200 through nextRecordsUrl to done:true, no record missed or repeated', async () => {
    const first = await page('SELECT Id, Email FROM Contact', 200);
    expect(first).toMatchObject({ totalSize: SEED_COUNTS.contacts, done: false });
    expect(first.records).toHaveLength(200);
    expect(first.nextRecordsUrl).toMatch(/-200$/);
    const { records, pages, totalSize } = await all('SELECT Id, Email FROM Contact', 200);
    expect(pages).toBe(Math.ceil(SEED_COUNTS.contacts / 200));
    expect(totalSize).toBe(SEED_COUNTS.contacts);
    expect(new Set(records.map((r) => r.Id)).size).toBe(SEED_COUNTS.contacts);
  });

  test('default batch is 2000: one page, done:true, no nextRecordsUrl', async () => {
    const p = await page('SELECT Id FROM Contact');
    expect(p.done).toBe(true);
    expect(p.records).toHaveLength(p.totalSize);
    expect(p).not.toHaveProperty('nextRecordsUrl');
  });

  test('batchSize below 200 is raised to 200', async () => {
    const p = await page('SELECT Id FROM Contact', 10);
    expect(p.records).toHaveLength(200);
  });

  test('every seeded lead and event arrives; records carry attributes', async () => {
    const leads = await all('SELECT Id, Name, Company, Status FROM Lead', 200);
    expect(leads.records).toHaveLength(SEED_COUNTS.leads);
    const events = await all('SELECT Id, Subject, StartDateTime FROM Event', 200);
    expect(events.records).toHaveLength(SEED_COUNTS.events);
    expect(events.records[0].attributes).toEqual({ type: 'Event', url: `/services/data/v62.0/sobjects/Event/${events.records[0].Id as string}` });
  });

  test('an unknown or foreign locator is 400 INVALID_QUERY_LOCATOR', async () => {
    const res = await api(sb.url, token, '/query/01g000000000000AAA-200');
    expect(res.status).toBe(400);
    expect(((await res.json()) as Json[])[0].errorCode).toBe('INVALID_QUERY_LOCATOR');
    const p = await page('SELECT Id FROM Contact', 200);
    const other = (await connect(sb.url, 'other-org')).access_token;
    const foreign = await api(sb.url, other, p.nextRecordsUrl as string);
    expect(foreign.status).toBe(400);
  });
});

describe('SOQL filters', () => {
  test('= on Email is case-insensitive and finds exactly that contact', async () => {
    const some = (await page("SELECT Id, Email FROM Contact WHERE Email != null LIMIT 1")).records[0];
    const email = some.Email as string;
    const hit = await page(`SELECT Id, Email FROM Contact WHERE Email = '${email.toUpperCase()}'`);
    expect(hit.records.map((r) => r.Id)).toEqual([some.Id]);
  });

  test('IN and NOT IN', async () => {
    const ids = (await page('SELECT Id FROM Contact LIMIT 3')).records.map((r) => r.Id as string);
    const inList = await page(`SELECT Id FROM Contact WHERE Id IN ('${ids.join("','")}')`);
    expect(inList.records.map((r) => r.Id).sort()).toEqual([...ids].sort());
    const notIn = await page(`SELECT Id FROM Contact WHERE Id NOT IN ('${ids.join("','")}')`);
    expect(notIn.totalSize).toBe(SEED_COUNTS.contacts - 3);
  });

  test('LIKE with % wildcards, case-insensitive', async () => {
    const p = await page("SELECT Email FROM Contact WHERE Email LIKE '%@ACMECORP.example.com'");
    expect(p.totalSize).toBeGreaterThan(0);
    for (const r of p.records) expect((r.Email as string).toLowerCase()).toMatch(/@acmecorp\.example\.com$/);
  });

  test('unquoted datetime literals compare on SystemModstamp; ORDER BY sorts', async () => {
    const { records } = await all('SELECT Id, SystemModstamp FROM Contact ORDER BY SystemModstamp');
    const pivot = records[100].SystemModstamp as string;
    const literal = pivot.replace('.000+0000', 'Z');
    const after = await all(`SELECT Id, SystemModstamp FROM Contact WHERE SystemModstamp > ${literal} ORDER BY SystemModstamp ASC`, 200);
    const expected = records.filter((r) => (r.SystemModstamp as string) > pivot).map((r) => r.Id);
    expect(after.records.map((r) => r.Id).sort()).toEqual([...expected].sort());
    const stamps = after.records.map((r) => r.SystemModstamp as string);
    expect([...stamps].sort()).toEqual(stamps);
    const ge = await page(`SELECT Id FROM Contact WHERE SystemModstamp >= ${literal}`);
    expect(ge.totalSize).toBeGreaterThan(after.totalSize - 1);
  });

  test('events in the future: StartDateTime > now, with +hh:mm offsets accepted', async () => {
    const future = await page('SELECT Id, StartDateTime FROM Event WHERE StartDateTime >= 2026-01-01T00:00:00+00:00 AND IsAllDayEvent = false');
    expect(future.totalSize).toBeGreaterThan(0);
    for (const r of future.records) expect(r.StartDateTime as string >= '2026-01-01').toBe(true);
  });

  test('AND/OR with parentheses, NOT, ORDER BY DESC NULLS LAST, LIMIT and OFFSET', async () => {
    const p = await page("SELECT Id, FirstName, LastName FROM Contact WHERE (FirstName = 'Ada' OR FirstName = 'Wei') AND NOT LastName = 'Smith' ORDER BY FirstName DESC NULLS LAST, LastName LIMIT 5 OFFSET 1");
    expect(p.records.length).toBeLessThanOrEqual(5);
    for (const r of p.records) {
      expect(['Ada', 'Wei']).toContain(r.FirstName);
      expect(r.LastName).not.toBe('Smith');
    }
    const names = p.records.map((r) => r.FirstName as string);
    expect([...names].sort().reverse()).toEqual(names);
  });

  test('string literals escape quotes and backslashes', async () => {
    const res = await api(sb.url, token, '/sobjects/Contact/', { method: 'POST', json: { LastName: "O'Brien \\ Sons" } });
    const id = ((await res.json()) as Json).id;
    const p = await page("SELECT Id FROM Contact WHERE LastName = 'O\\'Brien \\\\ Sons'");
    expect(p.records.map((r) => r.Id)).toEqual([id]);
  });

  test('relationship fields come back nested, or null when the lookup is empty', async () => {
    const p = await page('SELECT Id, Account.Name, Owner.Name, Owner.Email FROM Contact');
    const withAccount = p.records.find((r) => r.Account !== null) as Json;
    expect(withAccount.Account).toEqual({ attributes: { type: 'Account', url: expect.stringMatching(/\/sobjects\/Account\/001/) }, Name: expect.any(String) });
    expect(p.records.some((r) => r.Account === null)).toBe(true);
    expect(withAccount.Owner).toMatchObject({ attributes: { type: 'User' }, Name: expect.any(String), Email: expect.stringContaining('@') });
  });

  test('Event.Who is polymorphic (Contact or Lead)', async () => {
    const p = await page('SELECT Id, WhoId, Who.Name FROM Event WHERE WhoId != null');
    const types = new Set(p.records.map((r) => ((r.Who as Json).attributes as Json).type));
    expect([...types].sort()).toEqual(['Contact', 'Lead']);
  });

  test('EventRelation rows for several attendees, by EventId IN (…)', async () => {
    const rel = await page('SELECT EventId FROM EventRelation');
    const eventIds = [...new Set(rel.records.map((r) => r.EventId as string))].slice(0, 3);
    const p = await page(`SELECT Id, RelationId, EventId, Status FROM EventRelation WHERE EventId IN ('${eventIds.join("','")}')`);
    expect(p.totalSize).toBeGreaterThanOrEqual(6);
    for (const r of p.records) expect(eventIds).toContain(r.EventId);
  });

  test('converted leads point to existing contacts', async () => {
    const p = await page('SELECT Id, ConvertedContactId, ConvertedContact.Email FROM Lead WHERE IsConverted = true');
    expect(p.totalSize).toBeGreaterThan(0);
    for (const r of p.records) expect((r.ConvertedContact as Json).attributes).toMatchObject({ type: 'Contact' });
  });

  test('COUNT() returns totalSize and no records', async () => {
    const res = await query(sb.url, token, 'select count() from lead');
    expect(await res.json()).toEqual({ totalSize: SEED_COUNTS.leads, done: true, records: [] });
  });

  test('deleted records leave /query but stay in /queryAll', async () => {
    const id = (await page('SELECT Id FROM Lead WHERE IsConverted = false LIMIT 1')).records[0].Id as string;
    await api(sb.url, token, `/sobjects/Lead/${id}`, { method: 'DELETE' });
    expect((await page(`SELECT Id FROM Lead WHERE Id = '${id}'`)).totalSize).toBe(0);
    const res = await api(sb.url, token, `/queryAll?q=${encodeURIComponent(`SELECT Id, IsDeleted FROM Lead WHERE Id = '${id}'`)}`);
    expect(((await res.json()) as QueryPage).records).toEqual([expect.objectContaining({ Id: id, IsDeleted: true })]);
  });

  test('keywords and field names are case-insensitive; answers use canonical names', async () => {
    const p = await page('select id, lastname, account.name from contact where lastname != null limit 1');
    expect(Object.keys(p.records[0])).toEqual(['attributes', 'Id', 'LastName', 'Account']);
  });
});

describe('SOQL errors', () => {
  test('unparseable queries are 400 MALFORMED_QUERY with Salesforce\'s located message', async () => {
    for (const soql of ['SELECT FROM Contact', 'SELECT Id FROM Contact WHERE', 'SELECT Id Contact', 'DELETE FROM Contact',
      "SELECT Id FROM Contact WHERE Email = 'a' AND LastName = 'b' OR FirstName = 'c'", "SELECT Id FROM Contact WHERE Email = 'open"]) {
      const { status, body } = await errorOf(soql);
      expect(status).toBe(400);
      expect(body).toEqual([{ message: expect.stringMatching(/ERROR at Row:1:Column:\d+/), errorCode: 'MALFORMED_QUERY' }]);
    }
  });

  test('a missing q is MALFORMED_QUERY', async () => {
    const res = await api(sb.url, token, '/query');
    expect(res.status).toBe(400);
    expect(((await res.json()) as Json[])[0].errorCode).toBe('MALFORMED_QUERY');
  });

  test('unknown field is INVALID_FIELD, unknown object INVALID_TYPE', async () => {
    const field = await errorOf('SELECT Id, Nickname FROM Contact');
    expect(field.status).toBe(400);
    expect(field.body[0].errorCode).toBe('INVALID_FIELD');
    expect(field.body[0].message).toContain("No such column 'Nickname' on entity 'Contact'");
    const rel = await errorOf('SELECT Boss.Name FROM Contact');
    expect(rel.body[0].errorCode).toBe('INVALID_FIELD');
    const obj = await errorOf('SELECT Id FROM Widget');
    expect(obj.body[0].errorCode).toBe('INVALID_TYPE');
  });

  test('a quoted datetime, an unquoted string and a malformed id are rejected', async () => {
    expect((await errorOf("SELECT Id FROM Contact WHERE SystemModstamp > '2025-01-01T00:00:00Z'")).body[0].errorCode).toBe('INVALID_FIELD');
    expect((await errorOf('SELECT Id FROM Contact WHERE Email = 42')).body[0].errorCode).toBe('INVALID_FIELD');
    expect((await errorOf("SELECT Id FROM Contact WHERE Id = 'abc'")).body[0].errorCode).toBe('INVALID_QUERY_FILTER_OPERATOR');
  });

  test('OFFSET above 2000 is refused', async () => {
    expect((await errorOf('SELECT Id FROM Contact LIMIT 10 OFFSET 2001')).body[0].errorCode).toBe('NUMBER_OUTSIDE_VALID_RANGE');
  });
});
