import { readFileSync } from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import { LIVE_ACCESS_TOKEN, liveAdapterContext, type LiveHarness } from '../../../test/helpers/adapter-harness';
import { adapter } from '.';

/** Users = owners, against the REAL host: GET /crm/v3/owners paged with `after`, as HubSpot's owners API shapes them. */
const HOST = 'https://api.hubapi.com';
const owner = (id: string, firstName: string, lastName: string, email: string) => ({
  id, email, type: 'PERSON', firstName, lastName, userId: Number(id) + 1000, userIdIncludingInactive: Number(id) + 1000,
  createdAt: '2025-01-10T09:00:00.000Z', updatedAt: '2025-06-01T09:00:00.000Z', archived: false, teams: [],
});
const ADA = owner('1001', 'Ada', 'Lovelace', 'ada.lovelace@team.example.com');
const BJORN = owner('1002', 'Björn', 'Øvergaard', 'bjorn.overgaard@team.example.com');
const GOLDEN = JSON.parse(readFileSync(path.join(__dirname, '../fixtures/golden/users.json'), 'utf8')) as unknown[];

let h: LiveHarness;
beforeAll(async () => { nock.disableNetConnect(); h = await liveAdapterContext('hubspot'); });
afterEach(() => nock.cleanAll());
afterAll(async () => { await h.close(); nock.enableNetConnect(); nock.restore(); });

const hs = () => nock(HOST, { reqheaders: { authorization: `Bearer ${LIVE_ACCESS_TOKEN}` } });
const withoutRaw = <T extends { remoteData?: unknown }>({ remoteData: _r, ...rest }: T) => rest;

describe('HubSpot users (nock)', () => {
  it('lists active owners a page at a time, passing on HubSpot\'s after cursor', async () => {
    const scope = hs()
      .get('/crm/v3/owners').query({ limit: '1', archived: 'false' })
      .reply(200, { results: [ADA], paging: { next: { after: 'MQ%3D%3D', link: `${HOST}/crm/v3/owners?after=MQ%3D%3D` } } })
      .get('/crm/v3/owners').query({ limit: '1', archived: 'false', after: 'MQ%3D%3D' })
      .reply(200, { results: [BJORN] });
    const first = await adapter.resources!.users!.list(h.ctx, { limit: 1, cursor: null });
    expect(first.nextCursor).toBe('MQ%3D%3D');
    const second = await adapter.resources!.users!.list(h.ctx, { limit: 1, cursor: first.nextCursor });
    expect(second.nextCursor).toBeNull();
    expect(scope.isDone()).toBe(true);
    const users = [...first.items, ...second.items];
    expect(users[0].remoteData).toEqual(ADA);
    expect(users.map(withoutRaw)).toEqual(GOLDEN);
  });

  it('maps an archived owner as inactive and an owner without a name to null', async () => {
    hs().get('/crm/v3/owners').query(true).reply(200, { results: [{ ...ADA, firstName: '', lastName: null, archived: true }] });
    const page = await adapter.resources!.users!.list(h.ctx, { limit: 50, cursor: null });
    expect(withoutRaw(page.items[0])).toEqual({ id: '1001', name: null, email: 'ada.lovelace@team.example.com', active: false });
  });
});
