import nock from 'nock';
import { LIVE_ACCESS_TOKEN, liveAdapterContext, type LiveHarness } from '../../../test/helpers/adapter-harness';
import { adapter } from '.';

/** identify against the real host: GET /v1/me (UNCONFIRMED endpoint, README § Assumptions). */
const HOST = 'https://api.42min.us';
let h: LiveHarness;
beforeAll(async () => { nock.disableNetConnect(); h = await liveAdapterContext('42min'); });
afterEach(() => nock.cleanAll());
afterAll(async () => { await h.close(); nock.enableNetConnect(); nock.restore(); });

const me = (data: unknown) => nock(HOST, { reqheaders: { authorization: `Bearer ${LIVE_ACCESS_TOKEN}` } })
  .get('/v1/me').reply(200, { data, meta: { request_id: 'req_1' } });

describe('42min identify (nock)', () => {
  it('is the account behind the PAT', async () => {
    const scope = me({ account: { id: 'acct_9f2', name: 'Acme Scheduling' }, user: { user_id: '01H', username: 'ada', email: 'ada@example.com' } });
    await expect(adapter.identify!(h.ctx)).resolves.toEqual({ providerAccountId: 'acct_9f2', providerAccountName: 'Acme Scheduling' });
    expect(scope.isDone()).toBe(true);
  });

  it('fails on an answer without an account id', async () => {
    me({ user: { user_id: '01H' } });
    await expect(adapter.identify!(h.ctx)).rejects.toMatchObject({ code: 'PROVIDER_ERROR' });
  });
});
