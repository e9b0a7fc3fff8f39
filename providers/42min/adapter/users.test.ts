import { readFileSync } from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import { LIVE_ACCESS_TOKEN, liveAdapterContext, type LiveHarness } from '../../../test/helpers/adapter-harness';
import { adapter } from '.';

/**
 * Users = hosts, against the real host: GET /v1/users (UNCONFIRMED endpoint and shape, README §
 * Assumptions) answers every host in one call; each gateway page is one such call, sliced by offset.
 */
const HOST = 'https://api.42min.us';
const host = (user_id: string, username: string, name: string, email: string, active: boolean) => ({
  user_id, username, email, name, timezone: 'Europe/London', working_hours: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }], active,
});
const HOSTS = [
  host('6f1c1d2e-0000-4000-8000-000000000001', 'ada', 'Ada Lovelace', 'ada.lovelace@team.example.com', true),
  host('6f1c1d2e-0000-4000-8000-000000000002', 'bjorn', 'Björn Øvergaard', 'bjorn.overgaard@team.example.com', true),
  host('6f1c1d2e-0000-4000-8000-000000000003', 'former', 'Former Host', 'former.host@team.example.com', false),
];
const GOLDEN = JSON.parse(readFileSync(path.join(__dirname, '../fixtures/golden/users.json'), 'utf8')) as unknown[];
const withoutRaw = <T extends { remoteData?: unknown }>({ remoteData: _r, ...rest }: T) => rest;

let h: LiveHarness;
beforeAll(async () => { nock.disableNetConnect(); h = await liveAdapterContext('42min'); });
afterEach(() => nock.cleanAll());
afterAll(async () => { await h.close(); nock.enableNetConnect(); nock.restore(); });

describe('42min users (nock)', () => {
  it('lists the hosts, paging the one answer by offset', async () => {
    const scope = nock(HOST, { reqheaders: { authorization: `Bearer ${LIVE_ACCESS_TOKEN}` } })
      .get('/v1/users').times(2).reply(200, { data: HOSTS, meta: { request_id: 'req_1' } });
    const p1 = await adapter.resources!.users!.list(h.ctx, { limit: 2, cursor: null });
    expect(p1.nextCursor).toBe('2');
    const p2 = await adapter.resources!.users!.list(h.ctx, { limit: 2, cursor: p1.nextCursor });
    expect(p2.nextCursor).toBeNull();
    expect(scope.isDone()).toBe(true);
    const users = [...p1.items, ...p2.items];
    expect(users[0].remoteData).toEqual(HOSTS[0]);
    expect(users.map(withoutRaw)).toEqual(GOLDEN);
  });
});
