import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { connectOAuth, mintToken } from '../helpers/connect-driver';
import { verifySignature } from '../../src/webhooks/signature';
import { nextAttemptAt } from '../../src/webhooks/backoff';
import { webhookSettings } from '../../src/webhooks/webhook-settings';
import { until } from '../helpers/wait';
import { startWebhookReceiver } from '../helpers/webhook-receiver';

const FAST = { WEBHOOK_POLL_MS: '30', WEBHOOK_RETRY_BASE_MS: '30', WEBHOOK_RETRY_MAX_MS: '100' };

describe('outbound webhooks', () => {
  let gw: TestGateway;
  let key: string;
  beforeAll(async () => { gw = await startTestGateway(FAST); ({ testKey: key } = await gw.newAccount()); });
  afterAll(async () => { await gw.stop(); });

  it('creates (secret once), lists, gets and deletes webhooks; validates input', async () => {
    const created = await gw.call('POST', '/v1/webhooks', { key, body: { url: 'https://example.com/h', events: ['connection.created'] } });
    expect(created.status).toBe(201);
    expect(created.body.data.secret).toMatch(/^whsec_/);
    const id = created.body.data.id as string;
    const got = await gw.call('GET', `/v1/webhooks/${id}`, { key });
    expect(got.body.data).toEqual({ id, url: 'https://example.com/h', events: ['connection.created'], createdAt: expect.any(String) });
    expect((await gw.call('GET', '/v1/webhooks', { key })).body.data.map((w: { id: string }) => w.id)).toContain(id);
    expect((await gw.call('POST', '/v1/webhooks', { key, body: { url: 'ftp://x', events: ['connection.created'] } })).body.error.code).toBe('INVALID_INPUT');
    expect((await gw.call('POST', '/v1/webhooks', { key, body: { url: 'https://x', events: ['nope'] } })).body.error.code).toBe('INVALID_INPUT');
    expect((await gw.call('DELETE', `/v1/webhooks/${id}`, { key })).status).toBe(204);
    expect((await gw.call('GET', `/v1/webhooks/${id}`, { key })).status).toBe(404);
  });

  it('signs each delivery, never carries a token, and retries a failing receiver until it succeeds, once per event id', async () => {
    const receiver = await startWebhookReceiver([500, 503]);
    try {
      const { testKey } = await gw.newAccount('hooks');
      const hook = await gw.call('POST', '/v1/webhooks', { key: testKey, body: { url: receiver.url, events: ['connection.created', 'connection.deleted'] } });
      const secret = hook.body.data.secret as string;
      const r = await connectOAuth(gw, await mintToken(gw, testKey, { endUserId: 'u-wh' }), 'hubspot');
      await until(() => receiver.got.some((g) => g.status === 200));
      expect(receiver.got.map((g) => g.status)).toEqual([500, 503, 200]);
      const ids = new Set(receiver.got.map((g) => (JSON.parse(g.body) as { id: string }).id));
      expect(ids.size).toBe(1);
      const event = JSON.parse(receiver.got[2].body);
      expect(event).toEqual({
        id: expect.stringMatching(/^evt_/), type: 'connection.created', createdAt: expect.any(String),
        data: { connectionId: r.connectionId, endUserId: 'u-wh', provider: 'hubspot', status: 'active' },
      });
      for (const g of receiver.got) expect(verifySignature(secret, g.body, g.signature)).toBe(true);
      expect(verifySignature(secret, `${receiver.got[0].body} `, receiver.got[0].signature)).toBe(false);
      const stored = await gw.deps.store.connections.getById(r.connectionId!);
      const creds = gw.deps.cipher.decryptJson<{ accessToken: string; refreshToken: string }>(stored!.credentials);
      for (const g of receiver.got) {
        expect(g.body).not.toContain(creds.accessToken);
        expect(g.body).not.toContain(creds.refreshToken);
      }
      const deliveries = await gw.call('GET', `/v1/webhooks/${hook.body.data.id}/deliveries`, { key: testKey });
      expect(deliveries.body.data[0]).toMatchObject({ status: 'delivered', attempts: 3 });

      expect((await gw.call('DELETE', `/v1/connections/${r.connectionId}`, { key: testKey })).status).toBe(204);
      await until(() => receiver.got.length === 4);
      expect(JSON.parse(receiver.got[3].body)).toMatchObject({ type: 'connection.deleted', data: { connectionId: r.connectionId, status: 'revoked' } });
    } finally { await receiver.close(); }
  });
});

describe('webhook deliveries survive a restart', () => {
  it('an event stored before a restart is delivered after it, exactly once', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gw-wh-restart-'));
    const receiver = await startWebhookReceiver([500]);
    try {
      // Long retry delay: the first gateway gets one failed attempt, then stops with the delivery pending.
      const gw1 = await startTestGateway({ DATA_DIR: dataDir, WEBHOOK_POLL_MS: '30', WEBHOOK_RETRY_BASE_MS: '300', WEBHOOK_RETRY_MAX_MS: '300' });
      const { testKey } = await gw1.newAccount('restart');
      await gw1.call('POST', '/v1/webhooks', { key: testKey, body: { url: receiver.url, events: ['connection.created'] } });
      const r = await connectOAuth(gw1, await mintToken(gw1, testKey, { endUserId: 'u-rs' }), 'pipedrive');
      expect(r.type).toBe('connected');
      await until(() => receiver.got.length === 1);
      await gw1.stop();

      const gw2 = await startTestGateway({ DATA_DIR: dataDir, ...FAST });
      try {
        await until(() => receiver.got.length === 2);
        await new Promise((res) => setTimeout(res, 200));
        expect(receiver.got.map((g) => g.status)).toEqual([500, 200]);
        expect(JSON.parse(receiver.got[1].body).id).toBe(JSON.parse(receiver.got[0].body).id);
      } finally { await gw2.stop(); }
    } finally {
      await receiver.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('retry schedule', () => {
  it('backs off exponentially, capped, and keeps trying for at least 24 h', () => {
    const s = webhookSettings({});
    const t0 = 0;
    const noJitter = (): number => 0.5;
    expect(nextAttemptAt(1, t0, t0, s, noJitter)).toBe(10_000);
    expect(nextAttemptAt(2, t0, t0, s, noJitter)).toBe(20_000);
    expect(nextAttemptAt(20, t0, t0, s, noJitter)).toBe(3_600_000);
    expect(nextAttemptAt(30, t0, t0 + 24 * 3_600_000, s, noJitter)).not.toBeNull();
    expect(nextAttemptAt(90, t0, t0 + 72 * 3_600_000, s, noJitter)).toBeNull();
    expect(() => webhookSettings({ WEBHOOK_RETRY_WINDOW_HOURS: '1' })).toThrow(/≥ 24/);
  });
});
