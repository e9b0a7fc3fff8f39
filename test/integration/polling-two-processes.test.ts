import { randomBytes } from 'node:crypto';
import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { forkGateway, type GatewayProcess } from '../helpers/gateway-process';
import { connectOAuth, mintToken } from '../helpers/connect-driver';
import { until } from '../helpers/wait';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';

/**
 * Two real gateway processes on one store and one Redis poll one Salesforce connection by timer
 * (SYNC_INTERVAL_SECONDS=1): this one (jest) and a forked dist/src/main.js with the same DATA_DIR,
 * ENCRYPTION_KEY and REDIS_URL, reaching this one's sandbox. 100 outside changes are 100 events,
 * each delivered once, and the connection is never swept by both at once. Overlaps are observed at
 * the sandbox this process serves: a sweep makes its Salesforce requests one after another, and once
 * the changes are made only sweeps call the sandbox, so two requests in flight at once (a 300 ms
 * latency keeps each one open) would be two sweeps at once. This process's timer starts only once the
 * child has swept (requests while it is stopped are the child's); then its timer must have found the
 * connection due at least once (swept it, or skipped it as leased by the child).
 * Skipped, saying why, without REDIS_URL.
 */
const redisUrl = process.env.REDIS_URL;
const KEY = randomBytes(32).toString('base64');
const EU = 'eu-poll-two';
const ACCOUNT = 'acct-sf-poll-two';
const q = `provider=salesforce&endUserId=${EU}`;

let host: TestGateway | undefined;
let child: GatewayProcess | undefined;
let receiver: WebhookReceiver | undefined;

afterAll(async () => {
  if (child && child.child.exitCode === null && child.child.signalCode === null) child.child.kill('SIGTERM');
  await child?.exited();
  await receiver?.close();
  await host?.stop();
});

if (!redisUrl) {
  it('two gateway processes polling by timer (skipped: REDIS_URL is not set)', () => {
    // eslint-disable-next-line no-console
    console.log('Two-process polling test skipped: REDIS_URL is not set (CI sets it)');
  });
} else {
  it('100 outside changes → 100 events, each delivered once, no connection swept by both at once', async () => {
    host = await startTestGateway({ ENCRYPTION_KEY: KEY, REDIS_URL: redisUrl, SYNC_INTERVAL_SECONDS: '1', WEBHOOK_POLL_MS: '30' });
    host.deps.providerClient.policies.override('salesforce', { rateLimit: { requests: 10_000, intervalMs: 1000 } });
    const { testKey: key, accountId } = await host.newAccount('poll-two');
    const r = await connectOAuth(host, await mintToken(host, key, { endUserId: EU, providers: ['salesforce'] }), 'salesforce', ACCOUNT);
    expect(r.type).toBe('connected');
    const connectionId = r.connectionId!;

    // This process's sweeps of the connection, through the sweeper's test hook (counted, for the log).
    let hostSweeps = 0;
    (host.sweeper as unknown as { deps: { observe?: unknown } }).deps.observe = {
      began: (id: string) => { if (id === connectionId) hostSweeps += 1; },
      ended: () => undefined,
    };
    // Every Salesforce sandbox request, from either process, as this process's HTTP server receives it.
    // A sweep makes its requests one after another, so two in flight at once are two sweeps at once.
    let counting = false;
    let inFlight = 0;
    let maxInFlight = 0;
    let requests = 0;
    host.server.server.prependListener('request', (req, res) => {
      if (!counting || !req.url?.startsWith('/sandbox/salesforce/')) return;
      requests += 1;
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      res.once('close', () => { inFlight -= 1; });
    });

    // Detection started a second ago, last swept long since: due at once in both processes.
    const start = new Date(Math.floor(Date.now() / 1000) * 1000 - 1000).toISOString();
    await host.deps.store.syncStates.start({
      connectionId, accountId, mode: 'test', resource: 'contacts', watermark: { updatedAt: start, id: '' }, deletionsUntil: start,
      lastSweepAt: start, caughtUpAt: start, lastError: null, createdAt: start,
    });
    const page = await host.call('GET', `/v1/contacts?${q}&limit=100`, { key });
    const ids = (page.body.data as { id: string }[]).map((c) => c.id);
    expect(ids).toHaveLength(100);
    // This process's timer waits until the child has swept (else, sweeping first and often, it could keep
    // the connection never due when the child's tick comes); then both timers run.
    await host.sweeper.stop();
    receiver = await startWebhookReceiver();
    expect((await host.call('POST', '/v1/webhooks', { key, body: { url: receiver.url, events: ['contact.*'] } })).status).toBe(201);
    child = await forkGateway({
      DATA_DIR: host.dataDir, ENCRYPTION_KEY: KEY, REDIS_URL: redisUrl, SANDBOX_BASE_URL: `${host.url}/sandbox/{provider}`, SYNC_INTERVAL_SECONDS: '1', WEBHOOK_POLL_MS: '30',
    });
    for (const [i, id] of ids.entries()) {
      const res = await host.call('PATCH', `/v1/passthrough/services/data/v62.0/sobjects/Contact/${id}?${q}`, { key, body: { Title: `Two ${i}` } });
      expect(res.status).toBe(204);
    }
    // From here only sweeps call the sandbox; a little latency keeps each sweep long enough to be overlapped.
    host.deps.sandboxes!.get('salesforce')!.kit.injectFault(ACCOUNT, 'latency', { latencyMs: 300, durationSeconds: 120 });
    counting = true;
    await until(() => requests > 0, 15_000); // this process's timer is stopped: the child's
    // This process's timed passes: with the phases of the two timers, it may find the connection due only
    // while the child sweeps it, and then skip it as leased (the lease doing its job) rather than sweep.
    let skippedHere = 0;
    const sweeperHere = host.sweeper as unknown as { runPass: (force: boolean) => Promise<{ skippedLeased: number }> };
    const runPass = sweeperHere.runPass.bind(sweeperHere);
    sweeperHere.runPass = async (force) => { const pass = await runPass(force); skippedHere += pass.skippedLeased; return pass; };
    host.sweeper.start();
    await until(async () => (await host!.deps.store.events.list({ accountId, mode: 'test' }, { connectionId }, 1000)).length >= 100, 30_000);
    await until(() => receiver!.got.length >= 100, 15_000);
    // Both timers go on sweeping (nothing new) for a while: more chances to overlap.
    const seen = requests;
    await until(() => requests >= seen + 10 && hostSweeps + skippedHere > 0, 20_000);
    // eslint-disable-next-line no-console
    console.log(`two-process polling: sweeps here ${hostSweeps}, skipped here as leased ${skippedHere}, sandbox requests ${requests}, most in flight at once ${maxInFlight}`);
    const events = await host.deps.store.events.list({ accountId, mode: 'test' }, { connectionId }, 1000);
    expect(events).toHaveLength(100);
    expect(new Set(events.map((e) => e.recordId))).toEqual(new Set(ids));
    const got = receiver.got.map((g) => (JSON.parse(g.body) as { id: string }).id);
    expect(got).toHaveLength(100);
    expect(new Set(got).size).toBe(100);
    expect(maxInFlight).toBe(1);
  }, 60_000); // two real processes and 100 changes: a bound on a hang, not on speed
}
