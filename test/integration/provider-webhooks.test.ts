import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { connectOAuth, mintToken } from '../helpers/connect-driver';
import { connectViaSandbox } from '../helpers/connect-via-sandbox';
import { until } from '../helpers/wait';
import { EVENT_TEST_ENV, eventProbe, type DeliveredEvent } from '../helpers/event-probe';
import type { WebhookReceiver } from '../helpers/webhook-receiver';
import { signV3 } from '../../providers/hubspot/webhooks/signature';
import { signatureHeader } from '../../providers/42min/webhooks/signature';
import { signBody } from '../../providers/schedly/webhooks';

/**
 * Provider webhooks in (API.md § Change events, source 2), over real HTTP against the HubSpot and
 * 42min sandboxes in test mode: the sandbox sends its provider's signed webhook on every write,
 * to the URL the gateway subscribed; the gateway verifies, stores, reads the record through the
 * adapter and records one event per change, delivered to the account's receivers.
 */
type Event = DeliveredEvent;

let gw: TestGateway;
let key: string;
let otherKey: string;
const call = (method: string, path: string, body?: unknown, k = key) => gw.call(method, path, { key: k, body });

const { parsed, receiverFor, eventsFor, duplicates, processed, closeReceivers, connectSandboxKey } = eventProbe(() => gw);

beforeAll(async () => {
  gw = await startTestGateway(EVENT_TEST_ENV);
  ({ testKey: key } = await gw.newAccount('provider-webhooks'));
  ({ testKey: otherKey } = await gw.newAccount('provider-webhooks-other'));
  gw.deps.providerClient.policies.override('hubspot', { rateLimit: { requests: 10_000, intervalMs: 1000 } });
  const kit = gw.deps.sandboxes!.get('hubspot')!.kit;
  kit.limits.configure('*', 'burst', { max: 100_000, windowMs: 1000 });
  kit.limits.configure('*', 'search', { max: 100_000, windowMs: 1000 });
});
afterAll(async () => {
  await closeReceivers();
  await gw.stop();
});

describe('HubSpot webhooks', () => {
  const portal = 'pw-portal-a';
  let connectionId: string;
  let direct: string;
  let receiver: WebhookReceiver;
  let otherReceiver: WebhookReceiver;
  const hubspot = (path: string, init: RequestInit = {}) => fetch(`${gw.url}/sandbox/hubspot${path}`, {
    ...init, headers: { authorization: `Bearer ${direct}`, 'content-type': 'application/json' },
  });

  beforeAll(async () => {
    const r = await connectOAuth(gw, await mintToken(gw, key, { endUserId: 'pw-hs', providers: ['hubspot'] }), 'hubspot', portal);
    expect(r.type).toBe('connected');
    connectionId = r.connectionId!;
    // Another tenant's connection to another portal: it must never hear of portal a's changes.
    const o = await connectOAuth(gw, await mintToken(gw, otherKey, { endUserId: 'pw-hs-other', providers: ['hubspot'] }), 'hubspot', 'pw-portal-b');
    expect(o.type).toBe('connected');
    // A token of the same portal that is not the gateway's: "someone edited the CRM".
    const scope = { accountId: (await gw.deps.auth.authenticate(`Bearer ${otherKey}`))?.accountId ?? 'x', mode: 'test' as const };
    direct = (await connectViaSandbox(gw, scope, 'pw-direct', 'hubspot', { account: portal })).accessToken;
    receiver = await receiverFor(key, ['contact.*']);
    otherReceiver = await receiverFor(otherKey, ['*']);
    expect((await call('PUT', '/v1/field-mappings', { provider: 'hubspot', resource: 'contacts', mappings: { town: 'city' } })).status).toBe(200);
  });

  it('a write made directly against the sandbox reaches the receiver as contact.updated with the unified record', async () => {
    const created = await hubspot('/crm/v3/objects/contacts', { method: 'POST', body: JSON.stringify({ properties: { email: 'pw-direct@example.com', firstname: 'Ada' } }) });
    expect(created.status).toBe(201);
    const id = String(((await created.json()) as { id: string }).id);
    // Processed after the edit below, the creation would be read with the edit in it (one event): edit once it is in.
    expect((await eventsFor(receiver, id, 1))[0]!.type).toBe('contact.created');
    const patched = await hubspot(`/crm/v3/objects/contacts/${id}`, { method: 'PATCH', body: JSON.stringify({ properties: { city: 'Leeds', lastname: 'Lovelace' } }) });
    expect(patched.status).toBe(200);
    const got = await eventsFor(receiver, id, 2);
    const updated = got.find((e) => e.type === 'contact.updated')!;
    expect(updated.data).toMatchObject({ connectionId, provider: 'hubspot', resource: 'contacts', recordId: id, source: 'provider_webhook' });
    expect(updated.data.record).toMatchObject({ id, firstName: 'Ada', lastName: 'Lovelace', customFields: { town: 'Leeds' } });
    expect(got.map((e) => e.type).sort()).toEqual(['contact.created', 'contact.updated']);
  });

  it('a gateway write gives exactly one event although the sandbox also sends its webhook', async () => {
    const seenTwice = await duplicates('contact.created');
    const res = await call('POST', '/v1/contacts?provider=hubspot&endUserId=pw-hs', { firstName: 'Grace', email: 'pw-gw@example.com' });
    expect(res.status).toBe(201);
    const id = res.body.data.id as string;
    await eventsFor(receiver, id, 1);
    // The sandbox's webhook about it has been processed too: it was the same change (one id), so it was absorbed.
    await until(async () => (await duplicates('contact.created')) > seenTwice);
    await processed();
    const got = parsed(receiver).filter((e) => e.data.recordId === id);
    expect(got).toHaveLength(1);
    expect(got[0]!.type).toBe('contact.created');
    const feed = await call('GET', `/v1/events?connectionId=${connectionId}&limit=200`);
    expect(feed.body.data.filter((e: Event) => e.data.recordId === id)).toHaveLength(1);
  });

  it('a direct deletion is contact.deleted without a record', async () => {
    const created = await hubspot('/crm/v3/objects/contacts', { method: 'POST', body: JSON.stringify({ properties: { email: 'pw-del@example.com' } }) });
    const id = String(((await created.json()) as { id: string }).id);
    await eventsFor(receiver, id, 1);
    expect((await hubspot(`/crm/v3/objects/contacts/${id}`, { method: 'DELETE' })).status).toBe(204);
    const got = await eventsFor(receiver, id, 2);
    const deleted = got.find((e) => e.type === 'contact.deleted')!;
    expect(deleted.data.record).toBeUndefined();
    expect(deleted.data.source).toBe('provider_webhook');
  });

  it('a bad or missing signature is 401 and records nothing; a replay records nothing twice', async () => {
    const before = (await call('GET', '/v1/events?limit=200')).body.data.length as number;
    const hub = (await gw.deps.store.connections.getById(connectionId))!.providerAccountId!;
    const body = JSON.stringify([{ eventId: 991, portalId: Number(hub), objectId: 1, subscriptionType: 'contact.deletion', occurredAt: Date.now() }]);
    const url = `${gw.url}/webhooks/providers/hubspot`;
    const send = (headers: Record<string, string>) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const timestamp = String(Date.now());
    expect((await send({})).status).toBe(401);
    expect((await send({ 'x-hubspot-signature-v3': signV3('not-the-secret', { method: 'POST', url, rawBody: body, timestamp }), 'x-hubspot-request-timestamp': timestamp })).status).toBe(401);
    const secret = gw.deps.oauthClients.for(gw.deps.registry.get('hubspot')!.manifest, 'test')!.clientSecret;
    const stale = String(Date.now() - 6 * 60 * 1000);
    expect((await send({ 'x-hubspot-signature-v3': signV3(secret, { method: 'POST', url, rawBody: body, timestamp: stale }), 'x-hubspot-request-timestamp': stale })).status).toBe(401);
    await processed();
    expect((await call('GET', '/v1/events?limit=200')).body.data).toHaveLength(before);

    const good = { 'x-hubspot-signature-v3': signV3(secret, { method: 'POST', url, rawBody: body, timestamp }), 'x-hubspot-request-timestamp': timestamp };
    expect((await send(good)).status).toBe(202);
    await eventsFor(receiver, '1', 1);
    // The same delivery again, re-signed as HubSpot's retries are: the same delivery, nothing new.
    const later = String(Date.now());
    expect((await send({ 'x-hubspot-signature-v3': signV3(secret, { method: 'POST', url, rawBody: body, timestamp: later }), 'x-hubspot-request-timestamp': later })).status).toBe(200);
    await processed();
    expect(parsed(receiver).filter((e) => e.data.recordId === '1')).toHaveLength(1);
  });

  it('a delivery stored by a process that died before processing it is processed by the next one', async () => {
    const created = await hubspot('/crm/v3/objects/contacts', { method: 'POST', body: JSON.stringify({ properties: { email: 'pw-crash@example.com' } }) });
    const id = String(((await created.json()) as { id: string }).id);
    await eventsFor(receiver, id, 1);
    const hub = (await gw.deps.store.connections.getById(connectionId))!.providerAccountId!;
    const past = new Date(Date.now() - 1000).toISOString();
    // As a crashed process leaves it: stored, claimed, its lease run out, never finished.
    expect(await gw.deps.store.providerWebhooks.insertOnce({
      id: 'pwd_crashed', provider: 'hubspot', mode: 'test', status: 'pending', attempts: 0, nextAttemptAt: past, leaseOwner: 'pwp_dead',
      leaseExpiresAt: past, lastError: null, receivedAt: past, completedAt: null,
      changes: [{ providerAccountId: hub, resource: 'contacts', recordId: id, change: 'deleted', occurredAt: past }],
    })).toBe(true);
    gw.app.providerWebhooks.processor.kick();
    const got = await eventsFor(receiver, id, 2);
    expect(got[1]).toMatchObject({ type: 'contact.deleted', data: { source: 'provider_webhook' } });
    expect((await gw.deps.store.providerWebhooks.get('pwd_crashed'))?.status).toBe('done');
  });

  it("another account's connection never receives them", async () => {
    await processed();
    expect(parsed(otherReceiver).filter((e) => e.data.provider === 'hubspot')).toHaveLength(0);
  });
});

describe('42min webhooks', () => {
  const END_USER = 'pw-42min';
  const WEEK = { startDate: '2031-07-07T00:00:00.000Z', endDate: '2031-07-14T00:00:00.000Z' };
  const q = (extra: Record<string, string> = {}) => new URLSearchParams({ provider: '42min', endUserId: END_USER, ...extra }).toString();
  let pat: string;
  let connectionId: string;
  let receiver: WebhookReceiver;
  let slots: string[];
  let eventTypeId: string;
  const fortyTwo = (path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) => fetch(`${gw.url}/sandbox/42min${path}`, {
    method: init.method ?? 'GET', body: init.body === undefined ? undefined : JSON.stringify(init.body),
    headers: { authorization: `Bearer ${pat}`, 'content-type': 'application/json', 'idempotency-key': `k-${Math.random()}`, ...(init.headers ?? {}) },
  });

  beforeAll(async () => {
    gw.deps.sandboxes!.get('42min')!.kit.limits.configure('*', 'burst', { max: 100_000, windowMs: 1000 });
    ({ apiKey: pat, connectionId } = await connectSandboxKey(key, '42min', END_USER));
    // The gateway subscribed its own /webhooks/providers/42min for the account once the connection was made.
    const hooks = (await (await fortyTwo('/v1/webhooks')).json()) as { data: { url: string; events: string[] }[] };
    expect(hooks.data).toEqual([expect.objectContaining({ url: `${gw.url}/webhooks/providers/42min` })]);
    receiver = await receiverFor(key, ['meeting.*']);
    const pages = (await call('GET', `/v1/booking-pages?${q({ limit: '100' })}`)).body.data as { id: string; slug: string; hosts: unknown[] }[];
    eventTypeId = pages.find((p) => p.slug === 'demo' && p.hosts.length === 1)!.id;
    slots = ((await call('GET', `/v1/availability?${q({ bookingPageId: eventTypeId, ...WEEK })}`)).body.data as { start: string }[]).map((s) => s.start);
  });

  it('a booking made and rescheduled directly at the sandbox gives meeting.created then meeting.rescheduled (not a cancellation)', async () => {
    const made = await fortyTwo('/v1/bookings', { method: 'POST', body: { event_type_id: eventTypeId, start: slots[0], attendee: { email: 'pw-lea@example.com', name: 'Lea' } } });
    expect(made.status).toBe(201);
    const uid = ((await made.json()) as { data: { uid: string } }).data.uid;
    expect((await eventsFor(receiver, uid, 1))[0]).toMatchObject({ type: 'meeting.created', data: { source: 'provider_webhook', connectionId } });
    expect((await fortyTwo(`/v1/bookings/${uid}/reschedule`, { method: 'POST', body: { start: slots[8] } })).status).toBe(200);
    const got = await eventsFor(receiver, uid, 2);
    expect(got[1]).toMatchObject({ type: 'meeting.rescheduled', data: { rescheduledFromId: null, record: { id: uid, startTime: slots[8], status: 'scheduled' } } });
    await processed();
    expect(parsed(receiver).filter((e) => e.data.recordId === uid).map((e) => e.type)).toEqual(['meeting.created', 'meeting.rescheduled']);
  });

  it('a PATCH is meeting.updated (booking.updated with changed_fields); a cancel is meeting.cancelled', async () => {
    const made = await fortyTwo('/v1/bookings', { method: 'POST', body: { event_type_id: eventTypeId, start: slots[2], attendee: { email: 'pw-bo@example.com', name: 'Bo' } } });
    const uid = ((await made.json()) as { data: { uid: string } }).data.uid;
    await eventsFor(receiver, uid, 1);
    expect((await fortyTwo(`/v1/bookings/${uid}`, { method: 'PATCH', body: { attendee_name: 'Bo Builder' }, headers: { 'if-match': '"1"' } })).status).toBe(200);
    await eventsFor(receiver, uid, 2);
    expect((await fortyTwo(`/v1/bookings/${uid}/cancel`, { method: 'POST', body: { reason: 'Changed plans' } })).status).toBe(200);
    const got = await eventsFor(receiver, uid, 3);
    expect(got.map((e) => e.type)).toEqual(['meeting.created', 'meeting.updated', 'meeting.cancelled']);
    expect(got[2]!.data.record).toMatchObject({ status: 'cancelled', cancellationReason: 'Changed plans' });
  });

  it('gateway booking actions give exactly one event each although the sandbox also sends its webhooks', async () => {
    const seenTwice = await duplicates('meeting.rescheduled');
    const booked = await call('POST', `/v1/meetings?${q()}`, { bookingPageId: eventTypeId, startTime: slots[4], attendees: [{ email: 'pw-cy@example.com', name: 'Cy' }] });
    expect(booked.status).toBe(201);
    const id = booked.body.data.id as string;
    expect((await call('POST', `/v1/meetings/${id}/reschedule?${q()}`, { startTime: slots[12] })).status).toBe(200);
    await until(async () => (await duplicates('meeting.rescheduled')) > seenTwice);
    await processed();
    const got = parsed(receiver).filter((e) => e.data.recordId === id);
    expect(got.map((e) => [e.type, e.data.source])).toEqual([['meeting.created', 'gateway'], ['meeting.rescheduled', 'gateway']]);
  });

  it('a delivery signed with another secret, or for another account, is 401 and records nothing', async () => {
    const account = (await gw.deps.store.connections.getById(connectionId))!.providerAccountId!;
    const body = JSON.stringify({ id: 'evt_forged', type: 'booking.canceled', created_at: new Date().toISOString(), account_id: account, data: { uid: 'x-forged', version: 9 } });
    const send = (signature: string) => fetch(`${gw.url}/webhooks/providers/42min`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-42min-signature': signature }, body });
    const now = Math.floor(Date.now() / 1000);
    expect((await send(signatureHeader('a-secret-the-gateway-never-gave', now, body))).status).toBe(401);
    // The secret the gateway gave another account's subscription proves nothing about this one.
    const other = await gw.app.providerWebhooks.secrets.subscriptionSecret('42min', 'test', `${account}-other`);
    expect((await send(signatureHeader(other, now, body))).status).toBe(401);
    expect((await send('')).status).toBe(401);
    await processed();
    expect(parsed(receiver).filter((e) => e.data.recordId === 'x-forged')).toHaveLength(0);
  });
});

describe('Schedly webhooks', () => {
  const END_USER = 'pw-schedly';
  let apiKey: string;
  let connectionId: string;
  let receiver: WebhookReceiver;
  const schedly = (path: string, init: { method?: string; body?: unknown } = {}) => fetch(`${gw.url}/sandbox/schedly${path}`, {
    method: init.method ?? 'GET', body: init.body === undefined ? undefined : JSON.stringify(init.body),
    headers: { 'cal-api-key': apiKey, 'content-type': 'application/json' },
  });

  beforeAll(async () => {
    ({ apiKey: apiKey, connectionId } = await connectSandboxKey(key, 'schedly', END_USER));
    const account = (await gw.deps.store.connections.getById(connectionId))!.providerAccountId!;
    const hooks = (await (await schedly('/api/webhooks')).json()) as { data: { subscriberUrl: string }[] };
    expect(hooks.data.map((h) => h.subscriberUrl)).toEqual([`${gw.url}/webhooks/providers/schedly?account=${encodeURIComponent(account)}`]);
    receiver = await receiverFor(key, ['contact.*', 'meeting.*']);
  });

  it('a customer created and edited straight at the sandbox reaches the receiver as contact.created, then contact.updated', async () => {
    const made = await schedly('/api/services/customers', { method: 'POST', body: { name: 'Ida Direct', email: 'pw-ida@example.com' } });
    expect(made.status).toBe(201);
    const id = String(((await made.json()) as { data: { id: number } }).data.id);
    expect((await eventsFor(receiver, id, 1))[0]).toMatchObject({ type: 'contact.created', data: { source: 'provider_webhook', connectionId, record: { id, email: 'pw-ida@example.com' } } });
    expect((await schedly(`/api/services/customers?id=${id}`, { method: 'PUT', body: { phone: '+44 20 7946 0000' } })).status).toBe(200);
    expect((await eventsFor(receiver, id, 2))[1]).toMatchObject({ type: 'contact.updated', data: { record: { id } } });
  });

  it('a gateway write gives exactly one event although the sandbox also sends its webhook; a forged account is 401', async () => {
    const seenTwice = await duplicates('contact.created');
    const res = await call('POST', `/v1/contacts?provider=schedly&endUserId=${END_USER}`, { firstName: 'Gus', lastName: 'Gateway', email: 'pw-gus@example.com' });
    expect(res.status).toBe(201);
    const id = res.body.data.id as string;
    await until(async () => (await duplicates('contact.created')) > seenTwice);
    await processed();
    expect(parsed(receiver).filter((e) => e.data.recordId === id).map((e) => [e.type, e.data.source])).toEqual([['contact.created', 'gateway']]);

    const account = (await gw.deps.store.connections.getById(connectionId))!.providerAccountId!;
    const body = JSON.stringify({ triggerEvent: 'CUSTOMER_DELETED', createdAt: new Date().toISOString(), payload: { id: Number(id) } });
    const secret = await gw.app.providerWebhooks.secrets.subscriptionSecret('schedly', 'test', 'someone-else');
    const forged = await fetch(`${gw.url}/webhooks/providers/schedly?account=${encodeURIComponent(account)}`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-schedly-signature': signBody(body, secret) }, body,
    });
    expect(forged.status).toBe(401);
  });
});

describe('Pipedrive webhooks', () => {
  const company = 'pw-company-a';
  let connectionId: string;
  let direct: string;
  let receiver: WebhookReceiver;
  const pipedrive = (path: string, init: { method?: string; body?: unknown } = {}) => fetch(`${gw.url}/sandbox/pipedrive${path}`, {
    method: init.method ?? 'GET', body: init.body === undefined ? undefined : JSON.stringify(init.body),
    headers: { authorization: `Bearer ${direct}`, 'content-type': 'application/json' },
  });

  beforeAll(async () => {
    gw.deps.providerClient.policies.override('pipedrive', { rateLimit: { requests: 10_000, intervalMs: 1000 } });
    const r = await connectOAuth(gw, await mintToken(gw, key, { endUserId: 'pw-pd', providers: ['pipedrive'] }), 'pipedrive', company);
    expect(r.type).toBe('connected');
    connectionId = r.connectionId!;
    await gw.deps.events.settled();
    const scope = { accountId: (await gw.deps.auth.authenticate(`Bearer ${otherKey}`)).accountId, mode: 'test' as const };
    direct = (await connectViaSandbox(gw, scope, 'pw-pd-direct', 'pipedrive', { account: company })).accessToken;
    const hooks = (await (await pipedrive('/api/v1/webhooks')).json()) as { data: { subscription_url: string }[] };
    expect(hooks.data.map((h) => h.subscription_url)).toEqual([`${gw.url}/webhooks/providers/pipedrive`]);
    receiver = await receiverFor(key, ['contact.*']);
  });

  it('a person created straight at the sandbox reaches the receiver as contact.created with the unified record', async () => {
    const made = await pipedrive('/api/v2/persons', { method: 'POST', body: { name: 'Pia Direct', emails: [{ value: 'pw-pia@example.com', primary: true }] } });
    expect(made.status).toBe(201);
    const id = String(((await made.json()) as { data: { id: number } }).data.id);
    expect((await eventsFor(receiver, id, 1))[0]).toMatchObject({ type: 'contact.created', data: { source: 'provider_webhook', connectionId, record: { id } } });
    expect((await pipedrive(`/api/v2/persons/${id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await eventsFor(receiver, id, 2))[1]).toMatchObject({ type: 'contact.deleted' });
  });

  it('a gateway write gives one event; wrong basic auth credentials are 401', async () => {
    const seenTwice = await duplicates('contact.created');
    const res = await call('POST', '/v1/contacts?provider=pipedrive&endUserId=pw-pd', { firstName: 'Pat', lastName: 'Gateway', email: 'pw-pat@example.com' });
    expect(res.status).toBe(201);
    const id = res.body.data.id as string;
    await until(async () => (await duplicates('contact.created')) > seenTwice);
    await processed();
    expect(parsed(receiver).filter((e) => e.data.recordId === id).map((e) => [e.type, e.data.source])).toEqual([['contact.created', 'gateway']]);
    const account = (await gw.deps.store.connections.getById(connectionId))!.providerAccountId!;
    const body = JSON.stringify({ meta: { id: 'm-forged', action: 'delete', entity: 'person', entity_id: id, company_id: account }, data: null, previous: null });
    const wrong = await fetch(`${gw.url}/webhooks/providers/pipedrive`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from('gateway:guess').toString('base64')}` }, body,
    });
    expect(wrong.status).toBe(401);
  });
});
