import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { connectViaSandbox, expireStoredToken } from '../helpers/connect-via-sandbox';

/** The whole gateway in Redis mode (refresh lock and clustered limiters in Redis); skipped without REDIS_URL. */
const redisUrl = process.env.REDIS_URL;

describe('gateway with REDIS_URL', () => {
  let gw: TestGateway | null = null;
  beforeAll(async () => { if (redisUrl) gw = await startTestGateway({ REDIS_URL: redisUrl }); });
  afterAll(async () => { await gw?.stop(); });

  it('passthrough and single-flight refresh work with Redis-backed locks and limiters', async () => {
    if (!gw) {
      // eslint-disable-next-line no-console
      console.log('skipped: REDIS_URL is not set');
      return;
    }
    const a = await gw.newAccount();
    const scope = { accountId: a.accountId, mode: 'test' as const };
    const { connection, account } = await connectViaSandbox(gw, scope, 'eu-redis', 'pipedrive');
    await expireStoredToken(gw, connection.id);
    const kit = gw.deps.sandboxes!.get('pipedrive')!.kit;
    kit.injectFault(account, 'expire_token');
    const results = await Promise.all(Array.from({ length: 20 }, () =>
      gw!.call('GET', '/v1/passthrough/api/v2/persons?limit=1&provider=pipedrive&endUserId=eu-redis', { key: a.testKey })));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(kit.stats.get(account).refreshes).toBe(1);
    expect(kit.stats.get(account).rateLimited).toBe(0);
  });
});
