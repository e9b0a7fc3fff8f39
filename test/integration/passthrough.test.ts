import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { connectViaSandbox } from '../helpers/connect-via-sandbox';
import http from 'node:http';
import type { Scope } from '../../src/store/types';

function rawGet(url: string, key: string): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  const rawPath = url.slice(url.indexOf('/', u.protocol.length + 2));
  return new Promise((resolve, reject) => {
    http.get({ host: u.hostname, port: u.port, path: rawPath, headers: { authorization: `Bearer ${key}` } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => { body += c.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

/** One read per provider on its real path, through /v1/passthrough. */
const CASES: [string, string][] = [
  ['hubspot', '/crm/v3/objects/contacts?limit=2'],
  ['salesforce', '/services/data/v62.0/query?q=SELECT+Id+FROM+Contact+LIMIT+2'],
  ['pipedrive', '/api/v2/persons?limit=2'],
  ['42min', '/v1/bookings?limit=1'],
];

describe('passthrough', () => {
  let gw: TestGateway;
  let key: string;
  let scope: Scope;

  beforeAll(async () => {
    gw = await startTestGateway();
    const a = await gw.newAccount();
    key = a.testKey;
    scope = { accountId: a.accountId, mode: 'test' };
  });
  afterAll(() => gw.stop());

  it.each(CASES)('%s: the provider\'s answer comes back as sent, with X-Request-Id', async (provider, path) => {
    const { account } = await connectViaSandbox(gw, scope, `eu-${provider}`, provider);
    const sep = path.includes('?') ? '&' : '?';
    const res = await gw.call('GET', `/v1/passthrough${path}${sep}provider=${provider}&endUserId=eu-${provider}`, { key });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
    expect(res.headers.get('content-type')).toMatch(/json/);
    // The provider's body, not our envelope.
    expect(res.body?.meta?.requestId).not.toBe(res.headers.get('x-request-id'));
    const stats = gw.deps.sandboxes!.get(provider)!.kit.stats.get(account);
    expect(stats.totalRequests).toBeGreaterThanOrEqual(1);
  });

  it('a provider 404 is returned as the provider sent it', async () => {
    await connectViaSandbox(gw, scope, 'eu-404', 'hubspot');
    const res = await gw.call('GET', '/v1/passthrough/crm/v3/objects/contacts/999999999?provider=hubspot&endUserId=eu-404', { key });
    expect(res.status).toBe(404);
    expect(res.body).not.toHaveProperty('error.requestId');
  });

  it('resolves in API.md order: provider, end user, connection', async () => {
    expect((await gw.call('GET', '/v1/passthrough/x?endUserId=a', { key })).body.error.code).toBe('MISSING_PROVIDER');
    expect((await gw.call('GET', '/v1/passthrough/x?provider=hubspot', { key })).body.error.code).toBe('MISSING_REQUIRED');
    expect((await gw.call('GET', '/v1/passthrough/x?provider=nope&endUserId=a', { key })).body.error.code).toBe('PROVIDER_NOT_FOUND');
    expect((await gw.call('GET', '/v1/passthrough/x?provider=hubspot&endUserId=ghost', { key })).body.error.code).toBe('END_USER_NOT_FOUND');
    await gw.deps.store.endUsers.upsert(scope, 'lonely', {}, new Date().toISOString());
    expect((await gw.call('GET', '/v1/passthrough/x?provider=hubspot&endUserId=lonely', { key })).body.error.code).toBe('CONNECTION_NOT_FOUND');
  });

  it('a live key does not see test connections', async () => {
    const a = await gw.newAccount();
    await connectViaSandbox(gw, { accountId: a.accountId, mode: 'test' }, 'eu-live', 'hubspot');
    const res = await gw.call('GET', '/v1/passthrough/crm/v3/objects/contacts?provider=hubspot&endUserId=eu-live', { key: a.liveKey });
    expect(res.body.error.code).toBe('END_USER_NOT_FOUND');
  });

  it('a path that climbs out of the API base is refused', async () => {
    await connectViaSandbox(gw, scope, 'eu-climb', 'hubspot');
    // Sent raw: fetch would normalise the dots away before they reach the gateway.
    const res = await rawGet(`${gw.url}/v1/passthrough/%2e%2e/pipedrive/api/v2/persons?provider=hubspot&endUserId=eu-climb`, key);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.code).toBe('INVALID_INPUT');
  });
});
