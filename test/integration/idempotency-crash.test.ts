import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { forkGateway, type GatewayProcess } from '../helpers/gateway-process';
import { connectViaSandbox } from '../helpers/connect-via-sandbox';
import { SQLITE_FILE_NAME } from '../../src/store';

/**
 * Issue 11 § 4: a write in flight when its process dies must not hold its Idempotency-Key for 24 h.
 * Real gateway processes (dist/src/main.js) share one sqlite file with this one, which hosts the
 * sandboxes. Process 1 starts a create whose provider call hangs (sandbox `timeout` fault), holds
 * its key past the first lease by renewing it, and is killed with SIGKILL. Process 2 (started
 * beforehand, as a restarted instance behind the same load balancer would be: a fresh start
 * takes longer than the short lease used here) answers 409 IDEMPOTENCY_IN_PROGRESS while the lease
 * lasts, then runs the request once it lapses, and replays that answer afterwards.
 */
const LEASE_MS = 800;
const KEY = randomBytes(32).toString('base64');

let host: TestGateway;
const children: GatewayProcess[] = [];

afterAll(async () => {
  for (const c of children) {
    if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGTERM');
    await c.exited();
  }
  await host?.stop();
});

interface Row { state: string; leaseExpiresAt: string | null; leaseOwner: string }

/** Polls `probe` (every 10 ms, up to 10 s) until it returns a value. */
async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 1000; i++) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`gave up waiting for ${what}`);
}

it('frees the key of a request whose process was SIGKILLed once its lease lapses, and only then', async () => {
  host = await startTestGateway({ ENCRYPTION_KEY: KEY, IDEMPOTENCY_LEASE_MS: String(LEASE_MS) });
  const env = { DATA_DIR: host.dataDir, ENCRYPTION_KEY: KEY, SANDBOX_BASE_URL: `${host.url}/sandbox/{provider}`, IDEMPOTENCY_LEASE_MS: String(LEASE_MS) };
  const [first, second] = await Promise.all([forkGateway(env), forkGateway(env)]);
  children.push(first, second);

  const acct = await host.newAccount();
  const { account } = await connectViaSandbox(host, { accountId: acct.accountId, mode: 'test' }, 'eu-crash', 'hubspot');
  const kit = host.deps.sandboxes!.get('hubspot')!.kit;
  // Every provider request of this account hangs until its socket closes, until the fault is cleared.
  kit.injectFault(account, 'timeout', { durationSeconds: 60 });

  const idem = 'crash-create-1';
  const body = { firstName: 'Ada', lastName: 'Crash', email: 'ada.crash@example.com' };
  const post = (base: string) => fetch(`${base}/v1/contacts?provider=hubspot&endUserId=eu-crash`, {
    method: 'POST', body: JSON.stringify(body),
    headers: { authorization: `Bearer ${acct.testKey}`, 'content-type': 'application/json', 'idempotency-key': idem },
  }).then(async (r) => ({ status: r.status, replayed: r.headers.get('idempotent-replayed'), body: await r.json() as any }));

  const inFlight = post(first.url).catch((err: Error) => ({ failed: err.message })); // ends with the process
  const db = new Database(path.join(host.dataDir, SQLITE_FILE_NAME), { fileMustExist: true });
  const row = (): Row | undefined => db.prepare<[string, string], Row>(
    "SELECT state, leaseExpiresAt, leaseOwner FROM idempotency_records WHERE accountId = ? AND mode = 'test' AND key = ?",
  ).get(acct.accountId, idem);
  try {
    const begun = await until('the in-progress record', () => row());
    expect(begun.state).toBe('in_progress');
    await until('the provider call to hang', () => (kit.stats.get(account).totalRequests > 0 ? true : undefined));

    // The request outlives its first lease: process 1 renews it, so process 2 must not take over.
    await until('a renewal past the first lease', () => {
      const r = row()!;
      return r.leaseExpiresAt! > begun.leaseExpiresAt! && Date.now() > Date.parse(begun.leaseExpiresAt!) ? r : undefined;
    });
    const whileRenewed = await post(second.url);
    expect(whileRenewed.status).toBe(409);
    expect(whileRenewed.body.error.code).toBe('IDEMPOTENCY_IN_PROGRESS');

    first.child.kill('SIGKILL');
    await first.exited();
    kit.faults.clear(account);
    expect(await inFlight).toEqual({ failed: expect.any(String) }); // no answer: the process died mid-request
    const held = row()!;
    expect(held).toMatchObject({ state: 'in_progress', leaseOwner: begun.leaseOwner });

    // Still inside the lease the dead process last renewed: the key is held.
    const duringLease = await post(second.url);
    expect(duringLease.status).toBe(409);
    expect(duringLease.body.error.code).toBe('IDEMPOTENCY_IN_PROGRESS');

    // Retrying as a client would (Retry-After aside): 409s until the lease lapses, then the request runs.
    const done = await until('the retry to run', async () => {
      const r = await post(second.url);
      return r.status === 409 ? undefined : r;
    });
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(held.leaseExpiresAt!));
    expect(done.status).toBe(201);
    expect(done.replayed).toBeNull();
    expect(done.body.data).toMatchObject({ firstName: 'Ada', lastName: 'Crash', email: 'ada.crash@example.com' });
    expect(row()).toMatchObject({ state: 'done', leaseExpiresAt: null });

    // From now on the key replays that answer.
    const replay = await post(second.url);
    expect(replay).toEqual({ status: 201, replayed: 'true', body: done.body });
  } finally {
    db.close();
  }
});
