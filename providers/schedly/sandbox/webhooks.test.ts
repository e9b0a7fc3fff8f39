import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { until } from '../../../test/helpers/wait';
import { call, issueKey, startSchedly, T0 } from './test-support';

/** Seed 002 "Webhooks": `{ triggerEvent, createdAt, payload }`, X-Schedly-Signature = hex HMAC-SHA256 of the raw body. */
interface Delivery { body: string; signature: string | undefined }

async function receiver(): Promise<{ url: string; got: Delivery[]; close(): Promise<void> }> {
  const got: Delivery[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString('utf8'); });
    req.on('end', () => {
      got.push({ body, signature: req.headers['x-schedly-signature'] as string | undefined });
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    got,
    close: () => { server.closeAllConnections(); return new Promise((r) => server.close(() => r())); },
  };
}

/** The seed's own verification snippet. */
function verifyWebhook(body: string, signature: string, secret: string): boolean {
  const expected = createHmac('sha256', secret).update(body).digest('hex');
  return signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
}

describe('Schedly sandbox webhooks', () => {
  let s: Awaited<ReturnType<typeof startSchedly>>;
  let hook: Awaited<ReturnType<typeof receiver>>;
  let key: string;
  beforeAll(async () => {
    s = await startSchedly();
    hook = await receiver();
    key = await issueKey(s.url, 'acc_hooks');
  });
  afterAll(async () => { await hook.close(); await s.close(); });

  it('registers a subscriber (secret never echoed), validates it, lists and deletes it', async () => {
    const bad = await call(s.url, '/api/webhooks', { method: 'POST', key, json: { subscriberUrl: 'ftp://x', eventTriggers: ['NOPE'] } });
    expect(bad.status).toBe(422);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['subscriberUrl', 'eventTriggers']);
    const metadata = await call(s.url, '/api/webhooks', { method: 'POST', key, json: { subscriberUrl: 'http://169.254.169.254/latest', eventTriggers: ['CUSTOMER_CREATED'] } });
    expect([metadata.status, metadata.body.details[0].field]).toEqual([422, 'subscriberUrl']);
    const r = await call(s.url, '/api/webhooks', { method: 'POST', key, json: { subscriberUrl: 'https://hooks.example/x', eventTriggers: ['SERVICE_BOOKING_CREATED'], secret: 's3cret' } });
    expect(r.status).toBe(201);
    expect(r.body.data).toEqual({ id: expect.any(Number), subscriberUrl: 'https://hooks.example/x', eventTriggers: ['SERVICE_BOOKING_CREATED'], active: true, createdAt: new Date(T0).toISOString() });
    expect((await call(s.url, '/api/webhooks', { key })).body.data).toHaveLength(1);
    expect((await call(s.url, `/api/webhooks?id=${r.body.data.id}`, { method: 'DELETE', key })).body.data).toEqual({ id: r.body.data.id, deleted: true });
    expect((await call(s.url, '/api/webhooks', { key })).body.data).toEqual([]);
  });

  it('fires signed events on every appointment and customer write, only to subscribers of that event', async () => {
    const secret = 'whsec_sandbox_test';
    await call(s.url, '/api/webhooks', { method: 'POST', key, json: {
      subscriberUrl: hook.url, secret,
      eventTriggers: ['SERVICE_BOOKING_CREATED', 'SERVICE_BOOKING_UPDATED', 'SERVICE_BOOKING_CANCELLED', 'CUSTOMER_CREATED'],
    } });
    const created = await call(s.url, '/api/services/appointments', { method: 'POST', key, json: { serviceId: 1, employeeId: 1, startTime: '2030-01-07T09:00:00Z', customerId: 3 } });
    expect(created.status).toBe(201);
    await until(() => hook.got.length >= 1);
    const first = hook.got[0];
    expect(verifyWebhook(first.body, first.signature!, secret)).toBe(true);
    expect(verifyWebhook(first.body, first.signature!, 'other-secret')).toBe(false);
    expect(JSON.parse(first.body)).toEqual({ triggerEvent: 'SERVICE_BOOKING_CREATED', createdAt: new Date(T0).toISOString(), payload: created.body.data });

    const id = created.body.data.id;
    await call(s.url, `/api/services/appointments?id=${id}`, { method: 'PUT', key, json: { notes: 'Bring x-rays' } });
    await call(s.url, `/api/services/appointments?id=${id}`, { method: 'PUT', key, json: { status: 'canceled' } });
    await call(s.url, '/api/services/customers', { method: 'POST', key, json: { name: 'Alex Rivera' } });
    await call(s.url, '/api/services/customers?id=3', { method: 'PUT', key, json: { notes: 'not subscribed' } });
    await until(() => hook.got.length >= 4);
    const events = hook.got.map((d) => JSON.parse(d.body).triggerEvent as string).sort();
    expect(events).toEqual(['CUSTOMER_CREATED', 'SERVICE_BOOKING_CANCELLED', 'SERVICE_BOOKING_CREATED', 'SERVICE_BOOKING_UPDATED']);
    expect(hook.got.every((d) => verifyWebhook(d.body, d.signature!, secret))).toBe(true);
  });

  it('sends no signature header when the subscriber set no secret', async () => {
    const key2 = await issueKey(s.url, 'acc_hooks_nosecret');
    const before = hook.got.length;
    await call(s.url, '/api/webhooks', { method: 'POST', key: key2, json: { subscriberUrl: hook.url, eventTriggers: ['CUSTOMER_DELETED'] } });
    await call(s.url, '/api/services/customers?id=9', { method: 'DELETE', key: key2 });
    await until(() => hook.got.length > before);
    const d = hook.got.at(-1)!;
    expect(d.signature).toBeUndefined();
    expect(JSON.parse(d.body)).toMatchObject({ triggerEvent: 'CUSTOMER_DELETED', payload: { id: 9 } });
  });
});
