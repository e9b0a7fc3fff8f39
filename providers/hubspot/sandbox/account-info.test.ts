import type { RunningSandbox } from '../../../test/helpers/sandbox';
import { call, connect, startHubspot } from '../fixtures/sandbox-client';

/**
 * Fidelity of the account information API against the official spec (Account Info v3 and
 * 2026-09 PortalInformationResponse): required fields, the portal id the token response names,
 * the optional portalName, and HubSpot's auth and fault handling like every API route.
 */
const V3_REQUIRED = ['accountType', 'additionalCurrencies', 'companyCurrency', 'dataHostingLocation', 'portalId', 'timeZone',
  'uiDomain', 'utcOffset', 'utcOffsetMilliseconds'];

describe('HubSpot sandbox account info', () => {
  let sb: RunningSandbox;
  beforeAll(async () => { sb = await startHubspot(); });
  afterAll(() => sb.close());

  it('v3 details: the spec\'s required fields, portalId = the token response\'s hub_id', async () => {
    const t = await connect(sb.url, { account: 'info-a' });
    const res = await call(sb.url, t.access_token, 'GET', '/account-info/v3/details');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual([...V3_REQUIRED].sort());
    expect(res.body.portalId).toBe(t.hub_id);
    expect(['STANDARD', 'DEVELOPER_TEST', 'SANDBOX', 'APP_DEVELOPER']).toContain(res.body.accountType);
  });

  it('2026-09 details add portalName and createdAt (epoch ms); stable per account, distinct across accounts', async () => {
    const a = await connect(sb.url, { account: 'info-a' });
    const b = await connect(sb.url, { account: 'info-b' });
    const ra = await call(sb.url, a.access_token, 'GET', '/account-info/2026-09/details');
    const again = await call(sb.url, a.access_token, 'GET', '/account-info/2026-09/details');
    const rb = await call(sb.url, b.access_token, 'GET', '/account-info/2026-09/details');
    expect(ra.status).toBe(200);
    expect(ra.body).toMatchObject({ portalId: a.hub_id, portalName: expect.any(String), createdAt: expect.any(Number) });
    for (const k of V3_REQUIRED) expect(ra.body).toHaveProperty(k);
    expect(again.body).toEqual(ra.body);
    expect(rb.body.portalId).toBe(b.hub_id);
    expect(rb.body.portalId).not.toBe(ra.body.portalId);
  });

  it('answers 401 INVALID_AUTHENTICATION without a valid token, and goes through the fault gate', async () => {
    const bad = await call(sb.url, 'nope', 'GET', '/account-info/2026-09/details');
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({ category: 'INVALID_AUTHENTICATION' });
    const t = await connect(sb.url, { account: 'info-fault' });
    sb.kit.injectFault('info-fault', 'server_error', { count: 1 });
    expect((await call(sb.url, t.access_token, 'GET', '/account-info/2026-09/details')).status).toBe(500);
    expect((await call(sb.url, t.access_token, 'GET', '/account-info/2026-09/details')).status).toBe(200);
    expect(sb.kit.stats.get('info-fault').requests['GET /account-info/2026-09/details']).toBe(2);
  });
});
