import https from 'node:https';
import http from 'node:http';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { startTestGateway, type TestGateway } from '../helpers/gateway';
import type { Connection } from '../../src/store/types';
import { randomId } from '../../src/connect/secrets';
import { until } from '../helpers/wait';

/**
 * Webhooks must not become a blind SSRF: live URLs to private, loopback, link-local (cloud
 * metadata) and reserved addresses are refused at registration, and every delivery checks the
 * address its host resolves to at connect time. WEBHOOK_ALLOW_PRIVATE_URLS=true lifts both.
 */

const TLS_DIR = path.join(__dirname, '../fixtures/tls');
const FAST = { WEBHOOK_POLL_MS: '30', WEBHOOK_RETRY_BASE_MS: '30', WEBHOOK_RETRY_MAX_MS: '60' };

interface Receiver { port: number; connections: number; bodies: string[]; close(): Promise<void> }

/** An https receiver on loopback with the fixture certificate (localhost, 127.0.0.1); counts TCP connections, answers 200. */
async function startTlsReceiver(): Promise<Receiver> {
  const server = https.createServer({ cert: readFileSync(path.join(TLS_DIR, 'localhost.cert.pem')), key: readFileSync(path.join(TLS_DIR, 'localhost.key.pem')) }, (req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString('utf8'); });
    req.on('end', () => { r.bodies.push(body); res.end(); });
  });
  server.on('connection', () => { r.connections += 1; });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const r: Receiver = {
    port: (server.address() as AddressInfo).port, connections: 0, bodies: [],
    close: () => { server.closeAllConnections(); return new Promise((ok) => server.close(() => ok())); },
  };
  return r;
}

/** A live connection event, as the connect flow would emit it (live providers are not reachable from tests). */
function emitLiveConnectionCreated(gw: TestGateway, accountId: string): void {
  const connection = { id: randomId('conn_'), accountId, mode: 'live', endUserId: 'u-ssrf', provider: 'hubspot', status: 'active' } as unknown as Connection;
  gw.deps.events.emit('connection.created', connection);
}

async function deliveries(gw: TestGateway, key: string, webhookId: string): Promise<Array<{ status: string; attempts: number; lastError: string | null }>> {
  return (await gw.call('GET', `/v1/webhooks/${webhookId}/deliveries`, { key })).body.data;
}

describe('webhook URLs to private addresses', () => {
  let gw: TestGateway;
  let liveKey: string;
  let testKey: string;
  let accountId: string;
  beforeAll(async () => {
    gw = await startTestGateway(FAST);
    ({ liveKey, testKey, accountId } = await gw.newAccount('ssrf'));
  });
  afterAll(async () => { await gw.stop(); });

  const register = (key: string, url: string): ReturnType<TestGateway['call']> =>
    gw.call('POST', '/v1/webhooks', { key, body: { url, events: ['connection.created'] } });

  it.each([
    'http://127.0.0.1/h', 'https://127.0.0.1/h', 'https://10.0.0.1/h', 'https://[::1]/h', 'https://169.254.169.254/latest',
    'https://localhost:8443/h', 'https://api.localhost/h', 'https://172.16.5.4/h', 'https://192.168.1.10/h', 'https://100.64.0.1/h',
    'https://0.0.0.0/h', 'https://0x7f.1/h', 'https://2130706433/h', 'https://224.0.0.1/h', 'https://255.255.255.255/h',
    'https://[fd00::1]/h', 'https://[fe80::1]/h', 'https://[::ffff:127.0.0.1]/h', 'https://[::ffff:169.254.169.254]/h', 'https://[::]/h',
  ])('live mode refuses %s with 400 INVALID_INPUT naming url', async (url) => {
    const res = await register(liveKey, url);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_INPUT');
    expect(res.body.error.details.errors.map((e: { field: string }) => e.field)).toEqual(['url']);
  });

  it('live mode accepts public hosts; test mode accepts loopback but not private or link-local', async () => {
    expect((await register(liveKey, 'https://example.com/h')).status).toBe(201);
    expect((await register(liveKey, 'https://93.184.216.34/h')).status).toBe(201);
    for (const url of ['http://127.0.0.1/h', 'http://127.0.0.1:4000/h', 'http://localhost:3000/h', 'http://[::1]:3000/h']) {
      expect([url, (await register(testKey, url)).status]).toEqual([url, 201]);
    }
    for (const url of ['http://10.0.0.1/h', 'http://169.254.169.254/latest', 'https://192.168.0.2/h', 'http://[fd00::1]/h']) {
      const res = await register(testKey, url);
      expect([url, res.status, res.body.error?.details?.errors?.[0]?.field]).toEqual([url, 400, 'url']);
    }
  });

  it('a live webhook whose host resolves to loopback is not delivered: each attempt fails with the reason, nothing connects', async () => {
    const receiver = await startTlsReceiver();
    try {
      const { accountId: acct, liveKey: key } = await gw.newAccount('ssrf-delivery');
      // Stored as a webhook registered before this check existed would be (registration now refuses
      // these hosts): `localhost` is only known to be loopback once resolved at delivery time.
      const ids: string[] = [];
      for (const url of [`https://localhost:${receiver.port}/hook`, `https://127.0.0.1:${receiver.port}/hook`]) {
        const hook = await gw.deps.store.webhooks.create({
          id: randomId('wh_'), accountId: acct, mode: 'live', url, events: ['connection.created'],
          secret: gw.deps.cipher.encrypt('whsec_stored_before'), createdAt: new Date().toISOString(),
        });
        ids.push(hook.id);
      }
      emitLiveConnectionCreated(gw, acct);
      await until(async () => (await Promise.all(ids.map((id) => deliveries(gw, key, id)))).every((d) => d[0]?.attempts >= 2));
      for (const id of ids) {
        const [d] = await deliveries(gw, key, id);
        expect(d).toMatchObject({ status: 'pending', lastError: 'refused: the webhook URL resolves to a private, loopback, link-local or reserved address' });
        expect(d.lastError).not.toMatch(/127\.0\.0\.1|::1|whsec_/);
      }
      expect(receiver.connections).toBe(0);
      expect(gw.logs.text()).toContain('webhook delivery refused: private or reserved address');
    } finally { await receiver.close(); }
  });

  it('test mode still delivers to a loopback receiver', async () => {
    const got: string[] = [];
    const server = http.createServer((req, res) => { got.push(req.url ?? ''); req.resume(); req.on('end', () => res.end()); });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    try {
      const created = await register(testKey, `http://localhost:${(server.address() as AddressInfo).port}/test-hook`);
      expect(created.status).toBe(201);
      gw.deps.events.emit('connection.created', { id: randomId('conn_'), accountId, mode: 'test', endUserId: 'u-t', provider: 'hubspot', status: 'active' } as unknown as Connection);
      await until(() => got.length >= 1);
      expect(got[0]).toBe('/test-hook');
    } finally {
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
    }
  });
});

describe('WEBHOOK_ALLOW_PRIVATE_URLS=true (self-hosted, internal receivers)', () => {
  it('registers and delivers a live webhook to a host that resolves to loopback', async () => {
    const receiver = await startTlsReceiver();
    const gw = await startTestGateway({ ...FAST, WEBHOOK_ALLOW_PRIVATE_URLS: 'true', WEBHOOK_CA_FILE: path.join(TLS_DIR, 'localhost.cert.pem') });
    try {
      const { accountId, liveKey } = await gw.newAccount('self-hosted');
      const created = await gw.call('POST', '/v1/webhooks', { key: liveKey, body: { url: `https://localhost:${receiver.port}/hook`, events: ['connection.created'] } });
      expect(created.status).toBe(201);
      expect((await gw.call('POST', '/v1/webhooks', { key: liveKey, body: { url: 'https://169.254.169.254/latest', events: ['connection.deleted'] } })).status).toBe(201);
      emitLiveConnectionCreated(gw, accountId);
      await until(async () => (await deliveries(gw, liveKey, created.body.data.id))[0]?.status === 'delivered');
      expect(receiver.bodies).toHaveLength(1);
      expect(JSON.parse(receiver.bodies[0])).toMatchObject({ type: 'connection.created', data: { endUserId: 'u-ssrf' } });
    } finally {
      await gw.stop();
      await receiver.close();
    }
  });
});
