import { readFileSync } from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import { LIVE_ACCESS_TOKEN, liveAdapterContext, type LiveHarness } from '../../../test/helpers/adapter-harness';
import { API_DOMAIN } from '../fixtures/replay';
import { adapter } from '.';

/**
 * Users against the connection's real company host: GET /api/v1/users answers every user in one
 * call (no paging parameters), so each gateway page is one such call, sliced by offset.
 */
const user = (id: number, name: string, email: string, active_flag: boolean) => ({
  id, name, email, default_currency: 'USD', locale: 'en_US', lang: 1, phone: null, activated: true,
  last_login: '2025-06-01 09:00:00', created: '2024-01-10 09:00:00', modified: '2025-06-01 09:00:00', has_created_company: id === 101,
  access: [{ app: 'sales', admin: id === 101, permission_set_id: 'x' }], active_flag, timezone_name: 'Europe/London',
  timezone_offset: '+00:00', role_id: 1, icon_url: null, is_you: id === 101, is_deleted: false,
});
const USERS = [
  user(101, 'Ada Lovelace', 'ada.lovelace@team.example.com', true),
  user(102, 'Björn Øvergaard', 'bjorn.overgaard@team.example.com', true),
  user(103, 'Former Rep', 'former.rep@team.example.com', false),
];
const GOLDEN = JSON.parse(readFileSync(path.join(__dirname, '../fixtures/golden/users.json'), 'utf8')) as unknown[];
const withoutRaw = <T extends { remoteData?: unknown }>({ remoteData: _r, ...rest }: T) => rest;

let h: LiveHarness;
beforeAll(async () => { nock.disableNetConnect(); h = await liveAdapterContext('pipedrive', { metadata: { api_domain: API_DOMAIN } }); });
afterEach(() => nock.cleanAll());
afterAll(async () => { await h.close(); nock.enableNetConnect(); nock.restore(); });

describe('Pipedrive users (nock)', () => {
  it('lists every user, deactivated ones inactive, paging the one answer by offset', async () => {
    const scope = nock(API_DOMAIN, { reqheaders: { authorization: `Bearer ${LIVE_ACCESS_TOKEN}` } })
      .get('/api/v1/users').times(2).reply(200, { success: true, data: USERS });
    const p1 = await adapter.resources!.users!.list(h.ctx, { limit: 2, cursor: null });
    expect(p1.nextCursor).toBe('2');
    const p2 = await adapter.resources!.users!.list(h.ctx, { limit: 2, cursor: p1.nextCursor });
    expect(p2.nextCursor).toBeNull();
    expect(scope.isDone()).toBe(true);
    const users = [...p1.items, ...p2.items];
    expect(users[0].remoteData).toEqual(USERS[0]);
    expect(users.map(withoutRaw)).toEqual(GOLDEN);
  });

  it('refuses a cursor that is not an offset, without a call', async () => {
    await expect(adapter.resources!.users!.list(h.ctx, { limit: 2, cursor: 'abc' }))
      .rejects.toMatchObject({ code: 'INVALID_INPUT', details: { errors: [{ field: 'cursor' }] } });
  });
});
