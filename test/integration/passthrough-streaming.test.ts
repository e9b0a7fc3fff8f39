import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { until } from '../helpers/wait';
import fixtureStream from '../fixtures/providers/fixture-stream';
import type { Connection } from '../../src/store/types';

/**
 * Issue 19 §1 end to end: passthrough streams the provider's body. The provider is the test's own
 * node:http server (fixture-stream's API base is the connection's config.baseUrl), so the test
 * decides when each byte leaves it: every "before" below is a promise, never a sleep.
 */
const P = 'fixture-stream';
const MiB = 1024 * 1024;

interface Deferred { promise: Promise<void>; resolve(): void }
function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => { resolve = r; });
  return { promise, resolve };
}

/** What the upstream saw and how far it got, per path. */
interface Upstream {
  url: string;
  hits: Map<string, number>;
  received: http.IncomingHttpHeaders[];
  /** Resolved by the test: the big answer's rest may go. */
  release: Deferred;
  finished: boolean;
  /** Resolved when the upstream sees its request's socket close (the gateway aborted the call). */
  closed: Deferred;
  /** Resolved when a request reached the upstream. */
  arrived: Deferred;
  /** TCP connections the upstream accepted so far. */
  connections: number;
  reset(): void;
  close(): Promise<void>;
}

const BIG_HEAD = randomBytes(64 * 1024);
const BIG_REST = randomBytes(4 * MiB);
const BIG_SHA = createHash('sha256').update(BIG_HEAD).update(BIG_REST).digest('hex');
const RATE = { 'X-RateLimit-Limit': '1000', 'X-RateLimit-Remaining': '998', 'X-RateLimit-Reset': '30' };

async function startUpstream(): Promise<Upstream> {
  const up = {
    hits: new Map<string, number>(), received: [] as http.IncomingHttpHeaders[],
    release: deferred(), finished: false, closed: deferred(), arrived: deferred(), connections: 0,
  } as Upstream;
  up.reset = () => {
    up.hits.clear(); up.received.length = 0; up.release = deferred(); up.finished = false; up.closed = deferred(); up.arrived = deferred();
  };
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    up.hits.set(path, (up.hits.get(path) ?? 0) + 1);
    up.received.push(req.headers);
    up.arrived.resolve();
    req.socket.once('close', () => up.closed.resolve());
    req.resume();
    if (path === '/big') {
      // Chunked (no Content-Length): the first 64 KiB, then the rest only once the test says so.
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', ...RATE, 'Set-Cookie': 'session=upstream-secret', 'X-Upstream-Host': 'db-7.internal' });
      res.write(BIG_HEAD);
      void up.release.promise.then(() => {
        res.end(BIG_REST, () => { up.finished = true; });
      });
    } else if (path === '/sized') {
      // Framed by Content-Length and larger than what is passed on in one write: piped, length kept.
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': BIG_REST.length });
      res.end(BIG_REST, () => { up.finished = true; });
    } else if (path === '/broken') {
      // Announces more than it sends, then drops the connection: small (read whole) or large (piped).
      const size = new URL(req.url ?? '', 'http://x').searchParams.get('size');
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': size ?? '1000' });
      res.write(BIG_HEAD.subarray(0, 10), () => res.destroy());
    } else if (path === '/echo') {
      const body = JSON.stringify({ ok: true });
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...RATE });
      res.end(body);
    } else if (path === '/flaky') {
      if (up.hits.get(path) === 1) { res.writeHead(503, { 'Content-Type': 'application/json' }); res.end('{"message":"warming up"}'); return; }
      res.writeHead(200, { 'Content-Type': 'text/csv' });
      res.end('id,name\n1,Ada\n');
    } else if (path === '/missing') {
      res.writeHead(404, { 'Content-Type': 'application/json', ...RATE });
      res.end('{"message":"no such thing","code":"not_found"}');
    } else if (path === '/limited') {
      res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': '7' });
      res.end('{"message":"slow down"}');
    } else if (path === '/hang') {
      // A first chunk, then nothing until the gateway goes away.
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.write('first bytes\n');
    } else if (path === '/no-head') {
      // Never answers: only the gateway closing the socket ends it.
    } else if (path === '/created') {
      const body = JSON.stringify({ id: `rec_${up.hits.get(path)}` });
      res.writeHead(201, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    } else {
      res.writeHead(500);
      res.end();
    }
  });
  server.on('connection', () => { up.connections += 1; });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  up.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  up.close = () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); });
  return up;
}

describe('passthrough streams the provider\'s answer', () => {
  let gw: TestGateway;
  let up: Upstream;
  let key: string;
  let connection: Connection;
  const apiKey = `fsk_${randomBytes(8).toString('hex')}`;
  const q = `provider=${P}&endUserId=eu-stream`;

  beforeAll(async () => {
    up = await startUpstream();
    gw = await startTestGateway({}, { extraProviders: [fixtureStream] });
    const a = await gw.newAccount();
    key = a.testKey;
    const scope = { accountId: a.accountId, mode: 'test' as const };
    const now = new Date().toISOString();
    await gw.deps.store.endUsers.upsert(scope, 'eu-stream', {}, now);
    connection = await gw.deps.store.connections.create({
      id: `conn_${randomBytes(10).toString('hex')}`, accountId: a.accountId, mode: 'test', endUserId: 'eu-stream', provider: P,
      status: 'active', scopes: [], providerAccountId: null, providerAccountName: null,
      credentials: gw.deps.cipher.encryptJson({ type: 'api_key', apiKey }), credentialsVersion: 1, metadata: {},
      authType: 'api_key', config: { baseUrl: up.url }, lastError: null, createdAt: now, updatedAt: now, lastRefreshedAt: null, lastUsedAt: null,
    } as Connection);
  });
  beforeEach(() => up.reset());
  afterAll(async () => {
    await gw.stop();
    await up.close();
  });

  /** A raw GET through the gateway, its body read chunk by chunk by the test. */
  function start(path: string): { req: http.ClientRequest; response: Promise<http.IncomingMessage> } {
    const u = new URL(`${gw.url}/v1/passthrough${path}${path.includes('?') ? '&' : '?'}${q}`);
    let req!: http.ClientRequest;
    const response = new Promise<http.IncomingMessage>((resolve, reject) => {
      req = http.get(u, { headers: { authorization: `Bearer ${key}` }, agent: false }, resolve);
      req.on('error', reject);
    });
    return { req, response };
  }
  async function open(path: string): Promise<{ req: http.ClientRequest; res: http.IncomingMessage }> {
    const { req, response } = start(path);
    return { req, res: await response };
  }
  const providerCount = async (outcome: string): Promise<number> => {
    const text = await gw.deps.metrics.registry.metrics();
    const m = new RegExp(`gateway_provider_requests_total\\{provider="${P}",outcome="${outcome}"\\} (\\d+)`).exec(text);
    return m ? Number(m[1]) : 0;
  };

  it('a multi-megabyte chunked answer reaches the caller before the provider has finished sending it', async () => {
    const before = await providerCount('2xx');
    const { res } = await open('/big');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['x-request-id']).toMatch(/^req_/);
    // The provider's rate-limit headers come back; its cookie and internal headers do not.
    expect(res.headers['x-ratelimit-limit']).toBe('1000');
    expect(res.headers['x-ratelimit-remaining']).toBe('998');
    expect(res.headers['x-ratelimit-reset']).toBe('30');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['x-upstream-host']).toBeUndefined();

    const hash = createHash('sha256');
    let size = 0;
    let finishedAtFirstBytes: boolean | null = null;
    await new Promise<void>((resolve, reject) => {
      res.on('data', (c: Buffer) => {
        if (finishedAtFirstBytes === null) {
          finishedAtFirstBytes = up.finished;
          up.release.resolve(); // only now may the provider send the other 4 MiB
        }
        hash.update(c);
        size += c.length;
      });
      res.on('end', resolve);
      res.on('error', reject);
    });
    expect(finishedAtFirstBytes).toBe(false);
    expect(up.finished).toBe(true);
    expect(size).toBe(BIG_HEAD.length + BIG_REST.length);
    expect(hash.digest('hex')).toBe(BIG_SHA);
    // The call is still counted, once its body has been passed on.
    await until(async () => (await providerCount('2xx')) === before + 1);
  });

  it('a large answer framed by Content-Length keeps its length and its bytes', async () => {
    const { res } = await open('/sized');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-length']).toBe(String(BIG_REST.length));
    expect(res.headers['transfer-encoding']).toBeUndefined();
    const chunks: Buffer[] = [];
    for await (const c of res) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(BIG_REST)).toBe(true);
  });

  it('a provider that drops the connection mid-body: 503 when the answer was being read whole, a cut-off response when piped', async () => {
    const small = await gw.call('GET', `/v1/passthrough/broken?size=1000&${q}`, { key });
    expect(small.status).toBe(503);
    expect(small.body.error.code).toBe('PROVIDER_UNAVAILABLE');
    const { res } = await open(`/broken?size=${MiB}`);
    expect(res.statusCode).toBe(200);
    const outcome = await new Promise<string>((resolve) => {
      res.on('data', () => undefined);
      res.once('end', () => resolve('ended'));
      res.once('error', () => resolve('cut off'));
      res.once('aborted', () => resolve('cut off'));
    });
    expect(outcome).toBe('cut off');
  });

  it('answers read to their end leave the provider socket to the keep-alive pool', async () => {
    const before = up.connections;
    for (const path of ['/echo', '/sized', '/echo', '/sized', '/echo']) {
      const { res } = await open(path);
      for await (const _ of res) { /* drain */ }
    }
    expect(up.hits.get('/echo')! + up.hits.get('/sized')!).toBe(5);
    expect(up.connections - before).toBeLessThanOrEqual(1);
  });

  it('sends X-Passthrough-* headers to the provider without the prefix, with the gateway\'s own auth', async () => {
    const res = await gw.call('GET', `/v1/passthrough/echo?${q}`, {
      key, headers: { 'X-Passthrough-X-Trace': 'abc-123', 'X-Passthrough-Prefer': 'return=minimal', 'X-Passthrough-Accept': 'text/csv', cookie: 'caller=1', 'x-forwarded-for': '10.0.0.1' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
    expect(res.headers.get('content-length')).toBe(String(JSON.stringify({ ok: true }).length));
    expect(res.headers.get('x-ratelimit-remaining')).toBe('998');
    const seen = up.received[0];
    expect(seen).toMatchObject({ 'x-trace': 'abc-123', prefer: 'return=minimal', accept: 'text/csv', 'x-stream-key': apiKey });
    expect(Object.keys(seen).filter((h) => h.startsWith('x-passthrough-'))).toEqual([]);
    // Headers the caller sent to the gateway itself are not the provider's.
    expect(seen.cookie).toBeUndefined();
    expect(seen['x-forwarded-for']).toBeUndefined();
    expect(seen.authorization).toBeUndefined();
  });

  it.each([
    'Authorization', 'Host', 'Content-Length', 'Cookie', 'Connection', 'Transfer-Encoding', 'X-Forwarded-For', 'X-Stream-Key', 'Idempotency-Key', 'Accept-Encoding',
  ])('refuses X-Passthrough-%s with 400 INVALID_INPUT naming it, and sends nothing', async (name) => {
    const header = `x-passthrough-${name.toLowerCase()}`;
    const res = await gw.call('GET', `/v1/passthrough/echo?${q}`, { key, headers: { [header]: 'forged' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_INPUT');
    expect(res.body.error.details.errors[0].field).toBe(`headers.${header}`);
    expect(up.hits.size).toBe(0);
  });

  it('retries a 5xx before any byte reaches the caller, then streams the good answer as it came', async () => {
    const res = await gw.call('GET', `/v1/passthrough/flaky?${q}`, { key });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv');
    expect(res.body).toBe('id,name\n1,Ada\n');
    expect(up.hits.get('/flaky')).toBe(2);
  });

  it('error answers map as before: a 404 is the provider\'s own body, a persisting 429 the gateway\'s envelope with its Retry-After', async () => {
    const missing = await gw.call('GET', `/v1/passthrough/missing?${q}`, { key });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: 'no such thing', code: 'not_found' });
    expect(missing.headers.get('x-ratelimit-limit')).toBe('1000');

    // Retry-After: 7 cannot be waited for within a 500 ms deadline: answered at once.
    gw.deps.providerClient.policies.override(P, { deadlineMs: 500 });
    try {
      const limited = await gw.call('GET', `/v1/passthrough/limited?${q}`, { key });
      expect(limited.status).toBe(429);
      expect(limited.body.error).toMatchObject({ code: 'PROVIDER_RATE_LIMITED', details: { retryAfterSeconds: 7, provider: { status: 429, message: 'slow down' } } });
      expect(limited.headers.get('retry-after')).toBe('7');
      expect(up.hits.get('/limited')).toBe(1);
    } finally {
      gw.deps.providerClient.policies.override(P, null);
    }
  });

  it('a caller that goes away mid-stream aborts the provider call', async () => {
    const { req, res } = await open('/hang');
    expect(res.statusCode).toBe(200);
    await new Promise<void>((r) => res.once('data', () => r()));
    req.destroy();
    await up.closed.promise; // the upstream socket closed: nothing left behind
    await until(async () => (await providerCount('aborted')) >= 1);
  });

  it('a caller that goes away before the provider answered aborts the call too: no retry, no breaker failure, logged 499', async () => {
    const before = { network: await providerCount('network'), timeout: await providerCount('timeout') };
    const { req, response } = start('/no-head');
    response.catch(() => undefined);
    await up.arrived.promise;
    req.destroy();
    await up.closed.promise;
    await until(() => gw.logs.lines.some((l) => l.includes('"status":499') && l.includes('"route"')));
    expect(up.hits.get('/no-head')).toBe(1);
    expect(await providerCount('network')).toBe(before.network);
    expect(await providerCount('timeout')).toBe(before.timeout);
    expect(gw.deps.providerClient.breakers.state(gw.deps.providerClient.http.resilienceKeyOf(connection))).toBe('closed');
  });

  it('a write with Idempotency-Key is kept and replayed, the provider written once', async () => {
    const send = () => gw.call('POST', `/v1/passthrough/created?${q}`, { key, body: { name: 'Ada' }, headers: { 'idempotency-key': 'pt-stream-1' } });
    const first = await send();
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ id: 'rec_1' });
    const again = await send();
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual({ id: 'rec_1' });
    expect(up.hits.get('/created')).toBe(1);
  });
});
