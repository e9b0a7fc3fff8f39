import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { connectOAuth, mintToken } from '../helpers/connect-driver';
import { accountIdentifier } from '../../src/connections/account-identity';

/**
 * The provider account behind a connection (API.md § Providers and connections): each provider's
 * identify hook runs against its sandbox when the connection is made, and GET /v1/connections/:id
 * shows the answer. A failing hook leaves the connection active with a null id; the next use of
 * the connection fills it in.
 */
jest.setTimeout(60_000);

let gw: TestGateway;
let key: string;
let n = 0;

beforeAll(async () => {
  gw = await startTestGateway();
  ({ testKey: key } = await gw.newAccount());
});
afterAll(async () => { await gw.stop(); });
afterEach(() => gw.deps.providerClient.policies.override('hubspot', null));

const kit = (provider: string) => gw.deps.sandboxes!.get(provider)!.kit;

async function connect(provider: string): Promise<{ id: string; endUserId: string; account: string }> {
  const endUserId = `eu-id-${++n}`;
  const account = `acc-id-${n}`;
  const r = await connectOAuth(gw, await mintToken(gw, key, { endUserId }), provider, account);
  if (r.type !== 'connected') throw new Error(`not connected: ${JSON.stringify(r)}`);
  return { id: r.connectionId!, endUserId, account };
}

async function connection(id: string): Promise<Record<string, unknown>> {
  const res = await gw.call('GET', `/v1/connections/${id}`, { key });
  expect(res.status).toBe(200);
  return res.body.data;
}

describe('connection identity', () => {
  it.each([
    ['hubspot', /^\d{8}$/],
    ['salesforce', /^00D[A-Za-z0-9]{15}$/],
    ['pipedrive', /^\d+$/],
  ])('a %s connection shows the provider account id and name', async (provider, idFormat) => {
    const { id } = await connect(provider);
    const c = await connection(id);
    expect(c.providerAccountId).toMatch(idFormat);
    expect(c.providerAccountName).toEqual(expect.any(String));
    expect(c.providerAccountName).not.toBe('');
  });

  it('two accounts of one provider are two provider accounts', async () => {
    const a = await connection((await connect('hubspot')).id);
    const b = await connection((await connect('hubspot')).id);
    expect(a.providerAccountId).not.toBe(b.providerAccountId);
  });

  it('a 42min API-key connection shows the account behind the PAT, already in the create response', async () => {
    const account = `acc-id-pat-${++n}`;
    const pat = await fetch(`${gw.url}/sandbox/42min/v1/personal-access-tokens`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'identity', scopes: ['bookings:read'], account }),
    });
    const token = ((await pat.json()) as { data: { token: string } }).data.token;
    const created = await gw.call('POST', '/v1/connections', {
      key, body: { endUserId: `eu-id-pat-${n}`, provider: '42min', credentials: { apiKey: token } },
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ providerAccountId: account, providerAccountName: expect.any(String) });
    expect(await connection(created.body.data.id)).toMatchObject({ providerAccountId: account, providerAccountName: created.body.data.providerAccountName });
  });

  it('a failing identify leaves the connection active with a null id (logged), and the next use fills it in', async () => {
    // One 500 for the account, answered by the hook's call (the token exchange is not gated); no retry.
    gw.deps.providerClient.policies.override('hubspot', { retry: { retries: 0 } });
    const account = `acc-id-${n + 1}`;
    kit('hubspot').injectFault(account, 'server_error', { count: 1 });
    const { id, endUserId } = await connect('hubspot');
    expect(kit('hubspot').stats.get(account).requests['GET /account-info/2026-09/details']).toBe(1);
    const before = await connection(id);
    expect(before).toMatchObject({ status: 'active', providerAccountId: null, providerAccountName: null });
    const warning = gw.logs.lines.find((l) => l.includes(id) && l.includes('could not identify'));
    expect(warning).toBeDefined();
    expect(warning).toContain('PROVIDER_UNAVAILABLE');

    const used = await gw.call('GET', `/v1/contacts?provider=hubspot&endUserId=${endUserId}&limit=1`, { key });
    expect(used.status).toBe(200);
    await accountIdentifier(gw.deps).settled();
    const after = await connection(id);
    expect(after.providerAccountId).toMatch(/^\d{8}$/);
    expect(after.providerAccountName).toEqual(expect.any(String));
    expect(kit('hubspot').stats.get(account).requests['GET /account-info/2026-09/details']).toBe(2);

    // Known now: further use asks the provider no more.
    await gw.call('GET', `/v1/contacts?provider=hubspot&endUserId=${endUserId}&limit=1`, { key });
    await accountIdentifier(gw.deps).settled();
    expect(kit('hubspot').stats.get(account).requests['GET /account-info/2026-09/details']).toBe(2);
  });
});
