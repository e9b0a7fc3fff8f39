import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { connectViaSandbox } from '../helpers/connect-via-sandbox';
import type { Scope } from '../../src/store/types';

/**
 * API.md § Sandbox scoping: a fault or stats call without `endUserId` means every connection of the
 * calling account and mode to that provider, never another account's, even when both accounts'
 * end users connected the same sandbox account (anyone may name it at a consent page, and a 42min
 * personal access token issued without an account lands in "demo").
 */
let gw: TestGateway;
let a: { accountId: string; testKey: string };
let b: { accountId: string; testKey: string };
const scope = (acct: { accountId: string }): Scope => ({ accountId: acct.accountId, mode: 'test' });

beforeAll(async () => {
  gw = await startTestGateway();
  a = await gw.newAccount('A');
  b = await gw.newAccount('B');
});
afterAll(() => gw.stop());

const list = (key: string, resource: string, provider: string, endUserId: string) =>
  gw.call('GET', `/v1/${resource}?provider=${provider}&endUserId=${endUserId}&limit=1`, { key });
const fault = (key: string, body: Record<string, unknown>) => gw.call('POST', '/v1/sandbox/faults', { key, body });
const stats = async (key: string, query: string) => (await gw.call('GET', `/v1/sandbox/stats?${query}`, { key })).body.data;

/** A personal access token from the 42min sandbox mount, issued without naming an account (→ "demo"). */
async function issuePat(name: string): Promise<string> {
  const res = await fetch(`${gw.url}/sandbox/42min/v1/personal-access-tokens`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, scopes: ['bookings:read'] }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { data: { token: string } }).data.token;
}

describe('POST /v1/sandbox/faults without endUserId', () => {
  it("revoke_token revokes the calling account's OAuth connections only, even on a shared sandbox account", async () => {
    await connectViaSandbox(gw, scope(a), 'eu-a', 'pipedrive', { account: 'shared-company' });
    await connectViaSandbox(gw, scope(b), 'eu-b', 'pipedrive', { account: 'shared-company' });
    const queued = await fault(a.testKey, { provider: 'pipedrive', fault: 'revoke_token' });
    expect(queued.status).toBe(201);
    expect((await list(b.testKey, 'contacts', 'pipedrive', 'eu-b')).status).toBe(200);
    // Access token refused, refresh refused (invalid_grant): the connection needs the end user again.
    expect((await list(a.testKey, 'contacts', 'pipedrive', 'eu-a')).body.error.code).toBe('NEEDS_REAUTH');
    expect((await list(b.testKey, 'contacts', 'pipedrive', 'eu-b')).status).toBe(200);
    expect(queued.body.data).toMatchObject({ provider: 'pipedrive', endUserId: null, connections: 1 });
  });

  it("revoke_token revokes the calling account's personal access tokens only, both issued into the default account", async () => {
    for (const [acct, endUserId] of [[a, 'pat-a'], [b, 'pat-b']] as const) {
      const apiKey = await issuePat(`scoping-${endUserId}`);
      const connected = await gw.call('POST', '/v1/connections', { key: acct.testKey, body: { endUserId, provider: '42min', credentials: { apiKey } } });
      expect(connected.status).toBe(201);
    }
    const queued = await fault(a.testKey, { provider: '42min', fault: 'revoke_token' });
    expect((await list(b.testKey, 'meetings', '42min', 'pat-b')).status).toBe(200);
    const mine = await list(a.testKey, 'meetings', '42min', 'pat-a');
    expect(mine.body.error).toMatchObject({ code: 'PROVIDER_AUTH_FAILED', details: { provider: { code: 'token_revoked' } } });
    expect(queued.body.data.connections).toBe(1);
  });

  it("server_error fails the calling account's calls only", async () => {
    await connectViaSandbox(gw, scope(a), 'eu-a', 'hubspot');
    await connectViaSandbox(gw, scope(b), 'eu-b', 'hubspot');
    expect((await fault(a.testKey, { provider: 'hubspot', fault: 'server_error', durationSeconds: 60 })).status).toBe(201);
    expect((await list(b.testKey, 'contacts', 'hubspot', 'eu-b')).status).toBe(200);
    const mine = await list(a.testKey, 'contacts', 'hubspot', 'eu-a');
    expect(mine.status).toBe(503);
    expect(['PROVIDER_UNAVAILABLE', 'CIRCUIT_OPEN']).toContain(mine.body.error.code);
    expect((await list(b.testKey, 'contacts', 'hubspot', 'eu-b')).status).toBe(200);
  });

  it('applies to no one when the calling account has no connection to the provider', async () => {
    const other = await gw.newAccount('Nobody');
    await connectViaSandbox(gw, scope(b), 'eu-sf', 'salesforce');
    const queued = await fault(other.testKey, { provider: 'salesforce', fault: 'server_error', count: 5 });
    expect(queued.status).toBe(201);
    expect((await list(b.testKey, 'contacts', 'salesforce', 'eu-sf')).status).toBe(200);
    expect(queued.body.data.connections).toBe(0);
  });
});

describe('POST /v1/sandbox/faults with endUserId', () => {
  it("reaches that end user's connection, not another account's connection to the same sandbox account", async () => {
    await connectViaSandbox(gw, scope(a), 'eu-shared', 'hubspot', { account: 'shared-portal' });
    await connectViaSandbox(gw, scope(b), 'eu-shared', 'hubspot', { account: 'shared-portal' });
    expect((await fault(a.testKey, { provider: 'hubspot', endUserId: 'eu-shared', fault: 'revoke_token' })).status).toBe(201);
    expect((await list(b.testKey, 'contacts', 'hubspot', 'eu-shared')).status).toBe(200);
    expect((await list(a.testKey, 'contacts', 'hubspot', 'eu-shared')).body.error.code).toBe('NEEDS_REAUTH');
  });
});

describe('GET /v1/sandbox/stats without endUserId', () => {
  it("counts what the calling account's connections sent, not another account's on the same sandbox account", async () => {
    await connectViaSandbox(gw, scope(a), 'eu-stats', 'pipedrive', { account: 'shared-stats' });
    await connectViaSandbox(gw, scope(b), 'eu-stats', 'pipedrive', { account: 'shared-stats' });
    const before = await stats(a.testKey, 'provider=pipedrive');
    for (let i = 0; i < 3; i += 1) expect((await list(b.testKey, 'leads', 'pipedrive', 'eu-stats')).status).toBe(200);
    expect(await stats(a.testKey, 'provider=pipedrive')).toEqual(before);

    expect((await list(a.testKey, 'leads', 'pipedrive', 'eu-stats')).status).toBe(200);
    const after = await stats(a.testKey, 'provider=pipedrive');
    expect(after.totalRequests).toBeGreaterThan(before.totalRequests);
    // B's own calls (at least one sandbox request each) show in B's stats, per end user and in total.
    const bOne = await stats(b.testKey, 'provider=pipedrive&endUserId=eu-stats');
    expect(bOne.totalRequests).toBeGreaterThanOrEqual(3);
    expect(bOne.tokensIssued).toBe(1);
    expect((await stats(b.testKey, 'provider=pipedrive')).totalRequests).toBeGreaterThanOrEqual(bOne.totalRequests);
  });

  it('is empty for an account without connections, whatever other accounts sent', async () => {
    const other = await gw.newAccount('Quiet');
    expect(await stats(other.testKey, 'provider=hubspot')).toEqual({ requests: {}, totalRequests: 0, rateLimited: 0, tokensIssued: 0, refreshes: 0 });
  });
});
