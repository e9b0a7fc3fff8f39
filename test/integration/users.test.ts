import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { connectOAuth, mintToken } from '../helpers/connect-driver';
import { listAllPages } from '../helpers/list-all';
import { sandboxTeam } from '../../src/provider-sdk/sandbox-kit/team';
import fixtureCrm from '../fixtures/providers/fixture-crm';

/**
 * GET /v1/users over real HTTP against each provider's sandbox: every sandbox serves the shared
 * sandbox team, so each provider's users are the same people with the same emails (what lets test
 * mode match a CRM owner to a scheduling host). Small pages make every provider page.
 */
jest.setTimeout(60_000);

let gw: TestGateway;
let key: string;
const endUserId = 'u-users';
const TEAM_EMAILS = sandboxTeam().map((m) => m.email).sort();
const OAUTH = ['hubspot', 'salesforce', 'pipedrive'];
const API_KEY = ['42min'];

beforeAll(async () => {
  gw = await startTestGateway({}, { extraProviders: [fixtureCrm] });
  ({ testKey: key } = await gw.newAccount());
  for (const provider of [...OAUTH, ...API_KEY]) gw.deps.providerClient.policies.override(provider, { rateLimit: { requests: 10_000, intervalMs: 1000 } });
  for (const provider of OAUTH) {
    const r = await connectOAuth(gw, await mintToken(gw, key, { endUserId, providers: [provider] }), provider, `users-${provider}`);
    if (r.type !== 'connected') throw new Error(`${provider} not connected: ${JSON.stringify(r)}`);
  }
  for (const provider of API_KEY) {
    const issued = await gw.call('POST', '/v1/sandbox/credentials', { key, body: { provider } });
    expect(issued.status).toBe(201);
    const conn = await gw.call('POST', '/v1/connections', { key, body: { endUserId, provider, ...issued.body.data } });
    expect(conn.status).toBe(201);
  }
});
afterAll(async () => { await gw.stop(); });

const url = (provider: string, extra: Record<string, string> = {}) => `/v1/users?${new URLSearchParams({ provider, endUserId, ...extra })}`;

describe('GET /v1/users', () => {
  it.each([...OAUTH, ...API_KEY])('%s: the shared team, page by page, none repeated', async (provider) => {
    const { records, pages } = await listAllPages<{ id: string; name: string | null; email: string | null; active: boolean; remoteData?: unknown }>(
      (page) => gw.call('GET', url(provider, page), { key }), 3);
    expect(pages).toBe(Math.ceil(TEAM_EMAILS.length / 3));
    expect(new Set(records.map((u) => u.id)).size).toBe(records.length);
    expect(records.map((u) => u.email!.toLowerCase()).sort()).toEqual(TEAM_EMAILS);
    const names = new Map(sandboxTeam().map((m) => [m.email, m.name]));
    for (const u of records) {
      expect(Object.keys(u).sort()).toEqual(['active', 'email', 'id', 'name']);
      expect(u.name).toBe(names.get(u.email!.toLowerCase()));
      expect(u.active).toBe(true);
    }
  });

  it('adds remoteData with includeRaw', async () => {
    const res = await gw.call('GET', url('hubspot', { limit: '1', includeRaw: 'true' }), { key });
    expect(res.status).toBe(200);
    expect(res.body.data[0].remoteData).toMatchObject({ email: res.body.data[0].email });
  });

  it('refuses a cursor issued for another provider', async () => {
    const first = await gw.call('GET', url('hubspot', { limit: '1' }), { key });
    const res = await gw.call('GET', url('pipedrive', { limit: '1', cursor: first.body.meta.nextCursor }), { key });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toMatchObject({ field: 'cursor' });
  });

  it('resolves like the unified routes: MISSING_PROVIDER, UNSUPPORTED_RESOURCE from the manifest, END_USER_NOT_FOUND', async () => {
    expect((await gw.call('GET', `/v1/users?endUserId=${endUserId}`, { key })).body.error.code).toBe('MISSING_PROVIDER');
    const unsupported = await gw.call('GET', url('fixture-crm'), { key });
    expect(unsupported.status).toBe(400);
    expect(unsupported.body.error).toMatchObject({ code: 'UNSUPPORTED_RESOURCE', details: { provider: 'fixture-crm', resource: 'users', operation: 'list' } });
    const none = await gw.call('GET', `/v1/users?provider=hubspot&endUserId=u-users-none`, { key });
    expect(none.body.error.code).toBe('END_USER_NOT_FOUND');
  });
});
