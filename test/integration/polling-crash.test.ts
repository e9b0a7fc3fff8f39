import { randomBytes } from 'node:crypto';
import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { forkGateway, type GatewayProcess } from '../helpers/gateway-process';
import { connectOAuth, mintToken } from '../helpers/connect-driver';
import { until } from '../helpers/wait';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';

/**
 * A gateway process killed (SIGKILL) in the middle of a polling sweep loses no change (issue 16):
 * a real gateway process (dist/src/main.js) shares this one's sqlite file and reaches the Salesforce
 * sandbox this one hosts. Its timer (SYNC_INTERVAL_SECONDS=1) sweeps 240 outside changes in pages
 * of 100 while every sandbox request takes 400 ms (latency fault); it is killed as soon as its
 * watermark has moved (one page recorded, the next one in flight). This process then sweeps from
 * that watermark once the dead process's lease has lapsed (Date.now moved past it): all 240
 * changes are events, each exactly once.
 */
const KEY = randomBytes(32).toString('base64');
const EU = 'eu-poll-kill';
const ACCOUNT = 'acct-sf-poll-kill';
const q = `provider=salesforce&endUserId=${EU}`;
/**
 * The child may die holding a webhook delivery's lease (the delivery timeout + 5 s); a short
 * delivery timeout keeps the host's wait for that lease to lapse short.
 */
const DELIVERY = { WEBHOOK_TIMEOUT_MS: '200' };

let host: TestGateway;
let receiver: WebhookReceiver;
let child: GatewayProcess | null = null;

afterAll(async () => {
  if (child && child.child.exitCode === null && child.child.signalCode === null) child.child.kill('SIGKILL');
  await child?.exited();
  await receiver?.close();
  await host?.stop();
});

it('resumes a sweep whose process was SIGKILLed from its stored watermark: 240 changes, 240 events', async () => {
  host = await startTestGateway({ ENCRYPTION_KEY: KEY, SYNC_INTERVAL_SECONDS: '3600', WEBHOOK_POLL_MS: '30', ...DELIVERY });
  host.deps.providerClient.policies.override('salesforce', { rateLimit: { requests: 10_000, intervalMs: 1000 } });
  const { testKey: key, accountId } = await host.newAccount('poll-kill');
  const r = await connectOAuth(host, await mintToken(host, key, { endUserId: EU, providers: ['salesforce'] }), 'salesforce', ACCOUNT);
  expect(r.type).toBe('connected');
  const connectionId = r.connectionId!;
  receiver = await startWebhookReceiver();
  expect((await host.call('POST', '/v1/webhooks', { key, body: { url: receiver.url, events: ['contact.*'] } })).status).toBe(201);

  // Detection started a while ago (as an earlier sweep would have left it), last swept long since: due at once.
  const start = new Date(Math.floor(Date.now() / 1000) * 1000 - 1000).toISOString();
  await host.deps.store.syncStates.start({
    connectionId, accountId, mode: 'test', resource: 'contacts', watermark: { updatedAt: start, id: '' }, deletionsUntil: start,
    lastSweepAt: start, caughtUpAt: start, lastError: null, createdAt: start,
  });
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await host.call('GET', `/v1/contacts?${q}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { key });
    ids.push(...(page.body.data as { id: string }[]).map((c) => c.id));
    cursor = page.body.meta.nextCursor;
  } while (cursor);
  expect(ids).toHaveLength(240);
  for (const [i, id] of ids.entries()) {
    const res = await host.call('PATCH', `/v1/passthrough/services/data/v62.0/sobjects/Contact/${id}?${q}`, { key, body: { Title: `Kill ${i}` } });
    expect(res.status).toBe(204);
  }

  host.deps.sandboxes!.get('salesforce')!.kit.injectFault(ACCOUNT, 'latency', { latencyMs: 400, durationSeconds: 120 });
  // Both processes take the sweep lease from the store (this gateway has no Redis), so the child must
  // not take it from Redis when the suite runs with REDIS_URL: the lapse is simulated with Date.now.
  child = await forkGateway({
    DATA_DIR: host.dataDir, ENCRYPTION_KEY: KEY, SANDBOX_BASE_URL: `${host.url}/sandbox/{provider}`, SYNC_INTERVAL_SECONDS: '1', REDIS_URL: undefined, ...DELIVERY,
  });
  // Killed as soon as one page is recorded: the next page's request is still waiting on the sandbox.
  await until(async () => (await host.deps.store.syncStates.get(connectionId, 'contacts'))!.watermark.updatedAt !== start, 15_000);
  child.child.kill('SIGKILL');
  await child.exited();

  const killed = (await host.deps.store.syncStates.get(connectionId, 'contacts'))!;
  expect(killed.caughtUpAt).toBe(start);
  const recordedByChild = (await host.deps.store.events.list({ accountId, mode: 'test' }, { connectionId }, 1000)).length;
  expect(recordedByChild).toBeGreaterThanOrEqual(100);
  expect(recordedByChild).toBeLessThan(240);

  host.deps.sandboxes!.get('salesforce')!.kit.faults.clear(ACCOUNT);
  // The dead process's lease on the connection is honoured until it lapses (2 min), then taken over.
  expect(await host.sweeper.sweepNow()).toMatchObject({ swept: 0, skippedLeased: 1 });
  const realNow = Date.now.bind(Date);
  jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 121_000);
  const pass = await host.sweeper.sweepNow();
  jest.restoreAllMocks();
  expect(pass).toMatchObject({ failed: 0 });
  expect(pass.recorded).toBe(240 - recordedByChild);
  const events = await host.deps.store.events.list({ accountId, mode: 'test' }, { connectionId }, 1000);
  expect(events).toHaveLength(240);
  expect(new Set(events.map((e) => e.recordId))).toEqual(new Set(ids));
  expect((await host.deps.store.syncStates.get(connectionId, 'contacts'))!.caughtUpAt).not.toBe(start);
  await until(() => new Set(receiver.got.map((g) => (JSON.parse(g.body) as { id: string }).id)).size === 240, 15_000);
}, 40_000); // two real gateway processes and 240 changes: a bound on a hang, not on speed
