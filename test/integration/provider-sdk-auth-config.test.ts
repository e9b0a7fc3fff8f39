import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { connectOAuth, mintToken } from '../helpers/connect-driver';
import fixtureCrm from '../fixtures/providers/fixture-crm';
import fixtureBookings from '../fixtures/providers/fixture-bookings';

/**
 * Issue 12 §1-2 end to end through a real gateway in test mode, with two fixture provider folders
 * (test/fixtures/providers, not shipped) and their own sandboxes: a key in a custom header, a
 * provider offering OAuth and an API key (both connect), a base URL from the connection's config,
 * and a refresh sent to the scheme's refreshUrl, never its tokenUrl.
 */
describe('provider SDK: auth schemes and connection config', () => {
  let gw: TestGateway;
  let key: string;
  let liveKey: string;

  beforeAll(async () => {
    gw = await startTestGateway({}, { extraProviders: [fixtureCrm, fixtureBookings] });
    ({ testKey: key, liveKey } = await gw.newAccount());
  });
  afterAll(async () => { await gw.stop(); });

  const through = (provider: string, endUserId: string, path: string) =>
    gw.call('GET', `/v1/passthrough${path}?provider=${provider}&endUserId=${endUserId}`, { key });
  const stats = async (provider: string, endUserId: string) =>
    (await gw.call('GET', `/v1/sandbox/stats?provider=${provider}&endUserId=${endUserId}`, { key })).body.data;
  const sandboxCredentials = async (provider: string) => {
    const res = await gw.call('POST', '/v1/sandbox/credentials', { key, body: { provider } });
    expect(res.status).toBe(201);
    return res.body.data as { credentials: { apiKey: string }; config: Record<string, string> };
  };

  it('lists every scheme (the first as authType), the connection config and the docs URL', async () => {
    const crm = (await gw.call('GET', '/v1/providers/fixture-crm', { key })).body.data;
    expect(crm).toMatchObject({ authType: 'oauth2', authTypes: ['oauth2', 'api_key'], connectionConfig: [], docsUrl: 'https://docs.fixture-crm.example/api' });
    const bookings = (await gw.call('GET', '/v1/providers/fixture-bookings', { key })).body.data;
    expect(bookings).toMatchObject({
      authType: 'api_key', authTypes: ['api_key'], category: 'scheduling',
      connectionConfig: [{ name: 'baseUrl', label: 'Your bookings site', format: 'uri', required: true }],
    });
    const hubspot = (await gw.call('GET', '/v1/providers/hubspot', { key })).body.data;
    expect(hubspot).toMatchObject({ authType: 'oauth2', authTypes: ['oauth2'], connectionConfig: [] });
  });

  it('connects the API-key scheme with a key the sandbox issued, sent in the custom x-api-token header', async () => {
    const issued = await sandboxCredentials('fixture-crm');
    expect(issued.config).toEqual({});
    const bad = await gw.call('POST', '/v1/connections', { key, body: { endUserId: 'eu-key', provider: 'fixture-crm', credentials: { apiKey: 'fxk_forged' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].field).toBe('credentials.apiKey');
    const made = await gw.call('POST', '/v1/connections', { key, body: { endUserId: 'eu-key', provider: 'fixture-crm', credentials: issued.credentials } });
    expect(made.status).toBe(201);
    const res = await through('fixture-crm', 'eu-key', '/v1/contacts');
    expect(res.status).toBe(200);
    expect(res.body.data[0].name).toBe('Ada Lovelace');
    // The sandbox answers only keys in x-api-token: the verify call and the passthrough both got through.
    expect((await stats('fixture-crm', 'eu-key')).requests).toMatchObject({ 'GET /v1/me': 1, 'GET /v1/contacts': 1 });
  });

  it('connects the same provider through OAuth, and refreshes at refreshUrl, not tokenUrl', async () => {
    const token = await mintToken(gw, key, { endUserId: 'eu-oauth', providers: ['fixture-crm'], allowedOrigin: 'http://localhost:3000' });
    const connected = await connectOAuth(gw, token, 'fixture-crm', 'fx-oauth-acct');
    expect(connected).toMatchObject({ type: 'connected', provider: 'fixture-crm' });
    expect((await through('fixture-crm', 'eu-oauth', '/v1/contacts')).status).toBe(200);

    const fault = await gw.call('POST', '/v1/sandbox/faults', { key, body: { provider: 'fixture-crm', endUserId: 'eu-oauth', fault: 'expire_token' } });
    expect(fault.status).toBe(201);
    // The expired token is answered 401; the gateway refreshes once and retries.
    expect((await through('fixture-crm', 'eu-oauth', '/v1/contacts')).status).toBe(200);
    const s = await stats('fixture-crm', 'eu-oauth');
    expect(s.refreshes).toBe(1);
    expect(s.requests).toMatchObject({ 'POST /oauth/token': 1, 'POST /oauth/refresh': 1 });
  });

  it('takes a base URL from the connection config: the sandbox mount in test mode, validated per mode', async () => {
    const issued = await sandboxCredentials('fixture-bookings');
    expect(issued.config).toEqual({ baseUrl: `${gw.url}/sandbox/fixture-bookings` });
    const connect = (endUserId: string, config: unknown, k = key) =>
      gw.call('POST', '/v1/connections', { key: k, body: { endUserId, provider: 'fixture-bookings', credentials: issued.credentials, ...(config === undefined ? {} : { config }) } });

    for (const [config, message] of [
      [undefined, /required/], [{}, /required/], [{ baseUrl: 'http://bookings.example.com' }, /https/],
      [{ baseUrl: 'not a url' }, /./], [{ baseUrl: issued.config.baseUrl, region: 'eu' }, /not a connection setting/],
    ] as const) {
      const res = await connect('eu-bad', config);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('INVALID_INPUT');
      expect(res.body.error.details.errors[0].field).toMatch(/^config\.(baseUrl|region)$/);
      expect(res.body.error.details.errors[0].message).toMatch(message);
    }
    // Live mode: https only; a loopback URL is refused before any provider call.
    const live = await connect('eu-live', { baseUrl: 'http://localhost:9/x' }, liveKey);
    expect(live.status).toBe(400);
    expect(live.body.error.details.errors[0]).toEqual({ field: 'config.baseUrl', message: 'must be an https URL' });

    const made = await connect('eu-cfg', issued.config);
    expect(made.status).toBe(201);
    const me = await through('fixture-bookings', 'eu-cfg', '/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.name).toBe('Fixture Bookings sandbox');
    // `{config.baseUrl}/api` + the path, with `X-Bookings-Key: Token {key}`.
    expect((await stats('fixture-bookings', 'eu-cfg')).requests).toMatchObject({ 'GET /api/v1/me': 2 });
  });

  it('refuses sandbox credentials for a provider with no API-key scheme, and to live keys', async () => {
    const oauthOnly = await gw.call('POST', '/v1/sandbox/credentials', { key, body: { provider: 'hubspot' } });
    expect(oauthOnly.status).toBe(400);
    expect((await gw.call('POST', '/v1/sandbox/credentials', { key: liveKey, body: { provider: 'fixture-crm' } })).status).toBe(403);
    const pat = await gw.call('POST', '/v1/sandbox/credentials', { key, body: { provider: '42min', endUserId: 'eu-42' } });
    expect(pat.status).toBe(201);
    expect(pat.body.data.config).toEqual({});
    const made = await gw.call('POST', '/v1/connections', { key, body: { endUserId: 'eu-42', provider: '42min', credentials: pat.body.data.credentials } });
    expect(made.status).toBe(201);
  });
});
