import { randomBytes, randomUUID } from 'node:crypto';
import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { forkGateway, type GatewayProcess } from '../helpers/gateway-process';
import { connectOAuth, mintToken } from '../helpers/connect-driver';
import { until } from '../helpers/wait';

/**
 * Issue 17 § 2: a pending write-back survives the death of the process that booked. A real gateway
 * process (dist/src/main.js) shares this one's sqlite file and encryption key and calls the
 * sandboxes this process hosts. It books through POST /v1/route-and-book while the HubSpot sandbox
 * fails the write-back (201, writeBack pending) and is SIGKILLed; once the fault clears, this
 * process's worker finds the write-back in the store and completes it: one CRM meeting in all.
 * Both workers poll hourly, so only the explicit retryNow() runs a retry (no timing involved).
 */
jest.setTimeout(60_000);

const KEY = randomBytes(32).toString('base64');
const WINDOW = { startDate: '2031-09-01T00:00:00.000Z', endDate: '2031-09-08T00:00:00.000Z' };
const MEETING_CREATE = /^POST \/crm\/v3\/objects\/meetings$/;

let host: TestGateway;
let child: GatewayProcess | undefined;

afterAll(async () => {
  if (child && child.child.exitCode === null && child.child.signalCode === null) child.child.kill('SIGTERM');
  await child?.exited();
  await host?.stop();
});

it('a write-back pending when its process is SIGKILLed is completed from the store by another process, once', async () => {
  host = await startTestGateway({ ENCRYPTION_KEY: KEY, WRITE_BACK_INTERVAL_MS: '3600000' });
  // The write-back lease is in the store, not Redis, so the child needs none.
  child = await forkGateway({
    DATA_DIR: host.dataDir, ENCRYPTION_KEY: KEY, SANDBOX_BASE_URL: `${host.url}/sandbox/{provider}`,
    WRITE_BACK_INTERVAL_MS: '3600000', REDIS_URL: undefined,
  });

  const { testKey: key } = await host.newAccount();
  const endUserId = 'u-rab-crash';
  const crmAccount = `rab${randomBytes(4).toString('hex')}`; // the HubSpot sandbox account
  const connected = await connectOAuth(host, await mintToken(host, key, { endUserId, providers: ['hubspot'] }), 'hubspot', crmAccount);
  expect(connected.type).toBe('connected');
  const issued = await fetch(`${host.url}/sandbox/42min/v1/personal-access-tokens`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'rab', scopes: ['bookings:read', 'bookings:create'], account: `rab${randomBytes(4).toString('hex')}` }),
  });
  const pat = ((await issued.json()) as { data: { token: string } }).data.token;
  expect((await host.call('POST', '/v1/connections', { key, body: { endUserId, provider: '42min', credentials: { apiKey: pat } } })).status).toBe(201);

  const meetingCreates = async (): Promise<number> => {
    const stats = await host.call('GET', `/v1/sandbox/stats?provider=hubspot&endUserId=${endUserId}`, { key });
    return Object.entries((stats.body.data as { requests: Record<string, number> }).requests)
      .filter(([k]) => MEETING_CREATE.test(k)).reduce((n, [, v]) => n + v, 0);
  };
  const onChild = (body: unknown, idempotencyKey?: string) => fetch(`${child!.url}/v1/route-and-book`, {
    method: 'POST', body: JSON.stringify(body),
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
  }).then(async (r) => ({ status: r.status, body: await r.json() as any }));

  const contacts = (await host.call('GET', `/v1/contacts?provider=hubspot&endUserId=${endUserId}&limit=20`, { key })).body.data as { id: string; email: string | null }[];
  const contact = contacts.find((c) => c.email)!;
  const request = {
    email: contact.email, name: 'Ada Crash', window: WINDOW,
    crm: { provider: 'hubspot', endUserId }, scheduler: { provider: '42min', endUserId },
  };
  // Routing first caches the enrichment in the child, so the booking's first HubSpot call is the write-back's.
  const routed = await onChild(request);
  expect(routed.status).toBe(200);
  const slot = (routed.body.data.slots as { start: string }[])[0].start;

  const fault = await host.call('POST', '/v1/sandbox/faults', { key, body: { provider: 'hubspot', endUserId, fault: 'server_error', count: 1 } });
  expect(fault.status).toBe(201);
  const booked = await onChild({ ...request, startTime: slot, writeBack: true }, randomUUID());
  expect(booked.status).toBe(201);
  expect(booked.body.data.crmMeeting).toBeNull();
  expect(booked.body.data.writeBack).toMatchObject({ status: 'pending' });
  const id = booked.body.data.writeBack.id as string;
  expect(await host.deps.store.writeBacks.get(id)).toMatchObject({ status: 'pending', attempts: 1 });
  // The sandbox counts the failed create too: count from here.
  const before = await meetingCreates();

  child.child.kill('SIGKILL');
  await child.exited();
  host.deps.sandboxes!.get('hubspot')!.kit.faults.clear(crmAccount);

  // The host never saw this booking: only the store tells it about the write-back.
  await until(async () => (await host.app.writeBacks.retryNow()) === 1 || (await host.deps.store.writeBacks.get(id))?.status === 'done', 10_000);
  const stored = await host.deps.store.writeBacks.get(id);
  expect(stored).toMatchObject({ status: 'done' });
  const crmMeeting = JSON.parse(stored!.crmMeeting!) as { id: string; contactIds: string[]; description: string };
  expect(crmMeeting.contactIds).toContain(contact.id);
  expect(crmMeeting.description).toContain(booked.body.data.meeting.id);
  expect(await meetingCreates()).toBe(before + 1);
  expect(await host.app.writeBacks.retryNow()).toBe(0);
  expect(await meetingCreates()).toBe(before + 1);
  // And the CRM holds exactly one meeting naming this booking.
  const crmMeetings = (await host.call('GET', `/v1/meetings?provider=hubspot&endUserId=${endUserId}&limit=100`, { key })).body.data as { id: string; description: string | null }[];
  expect(crmMeetings.filter((m) => m.description?.includes(booked.body.data.meeting.id)).map((m) => m.id)).toEqual([crmMeeting.id]);
});
