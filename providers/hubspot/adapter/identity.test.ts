import nock from 'nock';
import { LIVE_ACCESS_TOKEN, liveAdapterContext, type LiveHarness } from '../../../test/helpers/adapter-harness';
import { adapter } from '.';

/** identify against the REAL host: the 2026-09 account details, as the official spec shapes them. */
const HOST = 'https://api.hubapi.com';
const DETAILS = {
  portalId: 12345678, accountType: 'STANDARD', timeZone: 'US/Eastern', companyCurrency: 'USD', additionalCurrencies: ['EUR'],
  utcOffset: '-04:00', utcOffsetMilliseconds: -14_400_000, uiDomain: 'app-eu1.hubspot.com', dataHostingLocation: 'eu1',
};

let h: LiveHarness;
beforeAll(async () => { nock.disableNetConnect(); h = await liveAdapterContext('hubspot'); });
afterEach(() => nock.cleanAll());
afterAll(async () => { await h.close(); nock.enableNetConnect(); nock.restore(); });

const details = (body: unknown, status = 200) => nock(HOST, { reqheaders: { authorization: `Bearer ${LIVE_ACCESS_TOKEN}` } })
  .get('/account-info/2026-09/details').reply(status, body as nock.Body, { 'content-type': 'application/json' });

describe('HubSpot identify (nock)', () => {
  it('is the portal id and the portal name', async () => {
    const scope = details({ ...DETAILS, portalName: 'Acme Inc', createdAt: 1_600_000_000_000 });
    await expect(adapter.identify!(h.ctx)).resolves.toEqual({ providerAccountId: '12345678', providerAccountName: 'Acme Inc' });
    expect(scope.isDone()).toBe(true);
  });

  it('has no name when the portal has none (portalName is optional)', async () => {
    const scope = details(DETAILS);
    await expect(adapter.identify!(h.ctx)).resolves.toEqual({ providerAccountId: '12345678', providerAccountName: null });
    expect(scope.isDone()).toBe(true);
  });

  it('fails on an answer without a portal id, and on a provider error', async () => {
    details({ uiDomain: 'app.hubspot.com' });
    await expect(adapter.identify!(h.ctx)).rejects.toMatchObject({ code: 'PROVIDER_ERROR' });
    details({ status: 'error', message: 'This app hasn\'t been granted all required scopes to make this call.', category: 'MISSING_SCOPES', correlationId: 'c' }, 403);
    await expect(adapter.identify!(h.ctx)).rejects.toBeDefined();
  });
});
