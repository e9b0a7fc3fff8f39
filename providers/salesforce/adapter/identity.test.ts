import nock from 'nock';
import { LIVE_ACCESS_TOKEN, liveAdapterContext, type LiveHarness } from '../../../test/helpers/adapter-harness';
import { adapter } from '.';
import { HOST } from '../fixtures/nock';

/** identify against the connection's real instance: the identity URL of the token response, fetched there. */
const ORG = '00D5g000004Fz1EEAS';
const USER = '0055g00000AbCdEAAV';
const ID_URL = `https://login.salesforce.com/id/${ORG}/${USER}`;
const IDENTITY = {
  id: ID_URL, asserted_user: true, user_id: USER, organization_id: ORG, username: 'ada@acme.com', display_name: 'Ada Admin',
  urls: { rest: `${HOST}/services/data/v{version}/`, custom_domain: HOST },
};

const sf = () => nock(HOST, { reqheaders: { authorization: `Bearer ${LIVE_ACCESS_TOKEN}` } });

describe('Salesforce identify (nock)', () => {
  let h: LiveHarness;
  let bare: LiveHarness;
  beforeAll(async () => {
    nock.disableNetConnect();
    h = await liveAdapterContext('salesforce', { metadata: { instance_url: HOST, id: ID_URL } });
    bare = await liveAdapterContext('salesforce', { metadata: { instance_url: HOST } });
  });
  afterEach(() => nock.cleanAll());
  afterAll(async () => { await h.close(); await bare.close(); nock.enableNetConnect(); nock.restore(); });

  it('GETs the token\'s identity URL on the instance: the org id, named by its My Domain', async () => {
    const scope = sf().get(`/id/${ORG}/${USER}`).reply(200, IDENTITY);
    await expect(adapter.identify!(h.ctx)).resolves.toEqual({ providerAccountId: ORG, providerAccountName: 'acme.my.salesforce.com' });
    expect(scope.isDone()).toBe(true);
  });

  it('without the id metadata, reads the identity URL from Resources by Version first', async () => {
    const scope = sf()
      .get('/services/data/v62.0').reply(200, { sobjects: '/services/data/v62.0/sobjects', identity: `${HOST}/id/${ORG}/${USER}` })
      .get(`/id/${ORG}/${USER}`).reply(200, { ...IDENTITY, urls: {} });
    await expect(adapter.identify!(bare.ctx)).resolves.toEqual({ providerAccountId: ORG, providerAccountName: null });
    expect(scope.isDone()).toBe(true);
  });

  it('fails when no identity URL is named', async () => {
    sf().get('/services/data/v62.0').reply(200, { sobjects: '/services/data/v62.0/sobjects' });
    await expect(adapter.identify!(bare.ctx)).rejects.toMatchObject({ code: 'PROVIDER_ERROR' });
  });
});
