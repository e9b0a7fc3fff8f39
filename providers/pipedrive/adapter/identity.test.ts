import nock from 'nock';
import { LIVE_ACCESS_TOKEN, liveAdapterContext, type LiveHarness } from '../../../test/helpers/adapter-harness';
import { API_DOMAIN } from '../fixtures/replay';
import { adapter } from '.';

/** identify against the connection's real company host (api_domain): GET /api/v1/users/me. */
let h: LiveHarness;
beforeAll(async () => { nock.disableNetConnect(); h = await liveAdapterContext('pipedrive', { metadata: { api_domain: API_DOMAIN } }); });
afterEach(() => nock.cleanAll());
afterAll(async () => { await h.close(); nock.enableNetConnect(); nock.restore(); });

const me = (data: Record<string, unknown>) => nock(API_DOMAIN, { reqheaders: { authorization: `Bearer ${LIVE_ACCESS_TOKEN}` } })
  .get('/api/v1/users/me').reply(200, { success: true, data: { id: 15880631, name: 'Ada Owner', email: 'ada@acme.com', ...data } });

describe('Pipedrive identify (nock)', () => {
  it('is the company id and the company name', async () => {
    const scope = me({ company_id: 7788991, company_name: 'Acme Inc', company_domain: 'acme' });
    await expect(adapter.identify!(h.ctx)).resolves.toEqual({ providerAccountId: '7788991', providerAccountName: 'Acme Inc' });
    expect(scope.isDone()).toBe(true);
  });

  it('names the company by its domain when it has no name', async () => {
    me({ company_id: 7788991, company_name: '', company_domain: 'acme' });
    await expect(adapter.identify!(h.ctx)).resolves.toEqual({ providerAccountId: '7788991', providerAccountName: 'acme' });
  });

  it('fails on an answer without a company id', async () => {
    me({ company_name: 'Acme Inc' });
    await expect(adapter.identify!(h.ctx)).rejects.toMatchObject({ code: 'PROVIDER_ERROR' });
  });
});
