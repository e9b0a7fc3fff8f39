import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { connectViaSandbox } from '../helpers/connect-via-sandbox';
import { resolutionLookups } from '../helpers/resolution-metrics';
import type { Scope } from '../../src/store/types';

/**
 * One gateway: after the first call resolves an end user and its connection, further calls are
 * served from memory (the store is not read: the misses stay at one), and a change made through
 * the API shows at once, though the TTL is ten minutes.
 */
describe('resolution cache (one process)', () => {
  let gw: TestGateway;
  let key: string;
  let scope: Scope;

  beforeAll(async () => {
    gw = await startTestGateway({ RESOLUTION_CACHE_TTL_MS: '600000' });
    const a = await gw.newAccount();
    key = a.testKey;
    scope = { accountId: a.accountId, mode: 'test' };
  });
  afterAll(() => gw.stop());

  const passthrough = (endUserId: string) =>
    gw.call('GET', `/v1/passthrough/crm/v3/objects/contacts?limit=1&provider=hubspot&endUserId=${endUserId}`, { key });

  it('the hot path reads the end user and connection from the store once, then from memory', async () => {
    await connectViaSandbox(gw, scope, 'eu-hot', 'hubspot');
    const before = await resolutionLookups(gw.url);
    for (let i = 0; i < 10; i++) expect((await passthrough('eu-hot')).status).toBe(200);
    const after = await resolutionLookups(gw.url);
    expect(after.connection.miss - before.connection.miss).toBe(1);
    expect(after.end_user.miss - before.end_user.miss).toBe(1);
    expect(after.connection.hit - before.connection.hit).toBe(9);
    expect(after.end_user.hit - before.end_user.hit).toBe(9);
  });

  it('a deleted connection, a connection needing re-authorization and a deleted end user answer so at once', async () => {
    const { connection } = await connectViaSandbox(gw, scope, 'eu-gone', 'hubspot');
    expect((await passthrough('eu-gone')).status).toBe(200);
    await gw.deps.store.connections.update(connection.id, { status: 'needs_reauth' });
    expect((await passthrough('eu-gone')).body.error.code).toBe('NEEDS_REAUTH');
    expect((await gw.call('DELETE', `/v1/connections/${connection.id}`, { key })).status).toBe(204);
    expect((await passthrough('eu-gone')).body.error.code).toBe('CONNECTION_NOT_FOUND');

    await connectViaSandbox(gw, scope, 'eu-user-gone', 'hubspot');
    expect((await passthrough('eu-user-gone')).status).toBe(200);
    expect((await gw.call('DELETE', '/v1/end-users/eu-user-gone', { key })).status).toBe(204);
    expect((await passthrough('eu-user-gone')).body.error.code).toBe('END_USER_NOT_FOUND');
  });
});
