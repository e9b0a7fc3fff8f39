import { readFileSync } from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import { LIVE_ACCESS_TOKEN, liveAdapterContext, type LiveHarness } from '../../../test/helpers/adapter-harness';
import { HOST } from '../fixtures/nock';
import { usersAdapter } from './users.adapter';

/** Users = User rows by SOQL against the connection's real instance, paged by query locator. */
const SOQL = 'SELECT Id, Name, Email, IsActive FROM User ORDER BY Id ASC';
const LOCATOR = '/services/data/v62.0/query/01gyT0000000002QAA-200';
const row = (Id: string, Name: string, Email: string, IsActive: boolean) => ({
  attributes: { type: 'User', url: `/services/data/v62.0/sobjects/User/${Id}` }, Id, Name, Email, IsActive,
});
const ADA = row('0055g00000AbCd1AAA', 'Ada Lovelace', 'ada.lovelace@team.example.com', true);
const BJORN = row('0055g00000AbCd2AAA', 'Björn Øvergaard', 'bjorn.overgaard@team.example.com', true);
const GONE = row('0055g00000AbCd3AAA', 'Former Rep', 'former.rep@team.example.com', false);
const GOLDEN = JSON.parse(readFileSync(path.join(__dirname, '../fixtures/golden/users.json'), 'utf8')) as unknown[];
const withoutRaw = <T extends { remoteData?: unknown }>({ remoteData: _r, ...rest }: T) => rest;

let h: LiveHarness;
beforeAll(async () => { nock.disableNetConnect(); h = await liveAdapterContext('salesforce', { metadata: { instance_url: HOST } }); });
afterEach(() => nock.cleanAll());
afterAll(async () => { await h.close(); nock.enableNetConnect(); nock.restore(); });

describe('Salesforce users (nock)', () => {
  it('runs one SOQL query over User, serves the batch a page at a time, then follows nextRecordsUrl', async () => {
    const scope = nock(HOST, { reqheaders: { authorization: `Bearer ${LIVE_ACCESS_TOKEN}` } })
      .get('/services/data/v62.0/query').query({ q: SOQL }).matchHeader('sforce-query-options', 'batchSize=200').times(2)
      .reply(200, { totalSize: 3, done: false, nextRecordsUrl: LOCATOR, records: [ADA, BJORN] })
      .get(LOCATOR).reply(200, { totalSize: 3, done: true, records: [GONE] });
    const p1 = await usersAdapter.list(h.ctx, { limit: 1, cursor: null });
    const p2 = await usersAdapter.list(h.ctx, { limit: 1, cursor: p1.nextCursor });
    const p3 = await usersAdapter.list(h.ctx, { limit: 1, cursor: p2.nextCursor });
    expect(p3.nextCursor).toBeNull();
    expect(scope.isDone()).toBe(true);
    const users = [...p1.items, ...p2.items, ...p3.items];
    expect(users[0].remoteData).toEqual(ADA);
    expect(users.map(withoutRaw)).toEqual(GOLDEN);
  });
});
