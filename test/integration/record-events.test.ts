import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { connectOAuth, mintToken } from '../helpers/connect-driver';
import { until } from '../helpers/wait';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';
import { verifySignature } from '../../src/webhooks/signature';

/**
 * Change events (API.md § Change events) from the gateway's own writes, over real HTTP against
 * the HubSpot, 42min and bookings-api sandboxes in test mode: delivered through the outbox to
 * registered receivers, one event per change whoever reports it, meeting actions as their own
 * types, and listed by GET /v1/events, scoped by account and mode.
 */
const FAST = { WEBHOOK_POLL_MS: '30', WEBHOOK_RETRY_BASE_MS: '30', WEBHOOK_RETRY_MAX_MS: '100' };

type Event = { id: string; type: string; createdAt: string; data: Record<string, unknown> & { record?: Record<string, unknown> } };

let gw: TestGateway;
let key: string;
let liveKey: string;
let connectionId: string;
let otherConnectionId: string;
const receivers: WebhookReceiver[] = [];

const url = (resource: string, endUserId: string, id?: string): string =>
  `/v1/${resource}${id ? `/${id}` : ''}?provider=hubspot&endUserId=${endUserId}`;
const call = (method: string, path: string, body?: unknown, k = key) => gw.call(method, path, { key: k, body });
const parsed = (r: WebhookReceiver): Event[] => r.got.map((g) => JSON.parse(g.body) as Event);

async function connect(k: string, endUserId: string, portal = 'acct1'): Promise<string> {
  // Connections to one portal all hear of its changes (the sandbox's webhooks): each end user here has its own.
  const r = await connectOAuth(gw, await mintToken(gw, k, { endUserId, providers: ['hubspot'] }), 'hubspot', portal);
  if (r.type !== 'connected') throw new Error(`not connected: ${JSON.stringify(r)}`);
  return r.connectionId!;
}

async function receiverFor(k: string, events: string[]): Promise<{ receiver: WebhookReceiver; id: string; secret: string }> {
  const receiver = await startWebhookReceiver();
  receivers.push(receiver);
  const hook = await call('POST', '/v1/webhooks', { url: receiver.url, events }, k);
  expect(hook.status).toBe(201);
  return { receiver, id: hook.body.data.id, secret: hook.body.data.secret };
}

async function feed(query: string, k = key): Promise<Event[]> {
  const all: Event[] = [];
  let after: string | null = null;
  do {
    const res = await call('GET', `/v1/events?${query}&limit=2${after ? `&after=${encodeURIComponent(after)}` : ''}`, undefined, k);
    expect(res.status).toBe(200);
    all.push(...res.body.data);
    after = res.body.meta.nextCursor;
  } while (after);
  return all;
}

beforeAll(async () => {
  gw = await startTestGateway(FAST);
  ({ testKey: key, liveKey } = await gw.newAccount('events'));
  gw.deps.providerClient.policies.override('hubspot', { rateLimit: { requests: 10_000, intervalMs: 1000 } });
  const kit = gw.deps.sandboxes!.get('hubspot')!.kit;
  kit.limits.configure('*', 'burst', { max: 100_000, windowMs: 1000 });
  kit.limits.configure('*', 'search', { max: 100_000, windowMs: 1000 });
  connectionId = await connect(key, 'u-events');
  otherConnectionId = await connect(key, 'u-events-2', 'acct-events-2');
  // The event's record is the one the account sees: with its field mappings applied.
  expect((await call('PUT', '/v1/field-mappings', { provider: 'hubspot', resource: 'contacts', mappings: { town: 'city' } })).status).toBe(200);
});
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  await gw.stop();
});

describe('POST /v1/webhooks with record event types', () => {
  it('accepts the record types and wildcards, refuses unknown ones', async () => {
    for (const events of [['contact.created', 'meeting.rescheduled'], ['contact.*'], ['*'], ['meeting.*', 'connection.*']]) {
      const res = await call('POST', '/v1/webhooks', { url: 'https://example.com/h', events });
      expect(res.status).toBe(201);
      expect(res.body.data.events).toEqual(events);
      // Gone again: no delivery of the later tests' events may try to reach the outside world.
      expect((await call('DELETE', `/v1/webhooks/${res.body.data.id}`)).status).toBe(204);
    }
    for (const events of [['contact.exploded'], ['contact'], ['contacts.*'], ['*.created']]) {
      const res = await call('POST', '/v1/webhooks', { url: 'https://example.com/h', events });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('INVALID_INPUT');
    }
  });
});

describe('gateway writes emit record events', () => {
  it('create, update and delete of a contact reach a contact.* receiver once each, signed, with the unified record', async () => {
    const { receiver, id: hookId, secret } = await receiverFor(key, ['contact.*']);
    const exact = await receiverFor(key, ['contact.created']);
    const leadsOnly = await receiverFor(key, ['lead.*']);

    const created = await call('POST', url('contacts', 'u-events'), { firstName: 'Ada', lastName: 'Lovelace', email: 'ada.events@example.com', customFields: { town: 'London' } });
    expect(created.status).toBe(201);
    const contact = created.body.data as Record<string, unknown> & { id: string };
    expect(contact.customFields).toEqual({ town: 'London' });
    const updated = await call('PATCH', url('contacts', 'u-events', contact.id), { title: 'Countess' });
    expect(updated.status).toBe(200);
    expect((await call('DELETE', url('contacts', 'u-events', contact.id))).status).toBe(204);

    await until(() => receiver.got.length >= 3 && exact.receiver.got.length >= 1);
    // Every delivery is stored when the write answers; none is left to send or retry.
    await until(async () => (await call('GET', `/v1/webhooks/${hookId}/deliveries`)).body.data.every((d: { status: string }) => d.status === 'delivered'));
    const events = parsed(receiver);
    expect(events).toHaveLength(3);
    expect(new Set(events.map((e) => e.id)).size).toBe(3);
    for (const g of receiver.got) expect(verifySignature(secret, g.body, g.signature)).toBe(true);
    const byType = Object.fromEntries(events.map((e) => [e.type, e]));
    expect(Object.keys(byType).sort()).toEqual(['contact.created', 'contact.deleted', 'contact.updated']);
    const common = { connectionId, endUserId: 'u-events', provider: 'hubspot', resource: 'contacts', recordId: contact.id, source: 'gateway' };
    expect(byType['contact.created']).toEqual({
      id: expect.stringMatching(/^evt_[0-9a-f]{32}$/), type: 'contact.created', createdAt: expect.any(String),
      data: { ...common, record: contact, occurredAt: contact.updatedAt },
    });
    expect(byType['contact.created'].data.record).not.toHaveProperty('remoteData');
    expect(byType['contact.updated'].data).toEqual({ ...common, record: updated.body.data, occurredAt: expect.any(String) });
    expect(byType['contact.updated'].data.record).toMatchObject({ title: 'Countess', customFields: { town: 'London' } });
    expect(byType['contact.deleted'].data).toEqual({ ...common, occurredAt: expect.any(String) });

    expect(parsed(exact.receiver).map((e) => e.id)).toEqual([byType['contact.created'].id]);
    expect((await call('GET', `/v1/webhooks/${leadsOnly.id}/deliveries`)).body.data).toEqual([]);
    expect(await gw.deps.metrics.registry.getSingleMetricAsString('gateway_record_events_total'))
      .toMatch(/gateway_record_events_total\{source="gateway",type="contact.created"\} [1-9]/);
  });

  it('the same change reported again (the provider webhook after the gateway write, then a poll) is one event and one delivery', async () => {
    const { receiver, id: hookId } = await receiverFor(key, ['*']);
    const created = await call('POST', url('contacts', 'u-events'), { firstName: 'Grace', email: 'grace.events@example.com' });
    expect(created.status).toBe(201);
    const record = created.body.data as Record<string, unknown> & { id: string };
    const connection = (await gw.deps.store.connections.getById(connectionId))!;
    const change = { connection, resource: 'contacts' as const, type: 'contact.created' as const, recordId: record.id, record };
    const fromWebhook = await gw.deps.recordEvents.record({ ...change, source: 'provider_webhook' });
    const fromPoll = await gw.deps.recordEvents.record({ ...change, type: 'contact.updated', source: 'poll' });
    expect([fromWebhook.created, fromPoll.created]).toEqual([false, false]);
    expect(fromWebhook.event.id).toBe(fromPoll.event.id);
    expect(JSON.parse(fromPoll.event.payload)).toMatchObject({ type: 'contact.created', data: { source: 'gateway' } });

    await until(() => receiver.got.length >= 1);
    await until(async () => (await call('GET', `/v1/webhooks/${hookId}/deliveries`)).body.data.every((d: { status: string }) => d.status === 'delivered'));
    const deliveries = (await call('GET', `/v1/webhooks/${hookId}/deliveries`)).body.data as { eventId: string }[];
    expect(deliveries.filter((d) => d.eventId === fromWebhook.event.id)).toHaveLength(1);
    expect(parsed(receiver).filter((e) => e.id === fromWebhook.event.id)).toHaveLength(1);
    expect((await feed(`connectionId=${connectionId}`)).filter((e) => e.data.recordId === record.id)).toHaveLength(1);
    expect(await gw.deps.metrics.registry.getSingleMetricAsString('gateway_record_events_duplicates_total'))
      .toMatch(/gateway_record_events_duplicates_total\{source="poll",type="contact.updated"\} 1/);
  });

  it('a write the provider confirmed is answered even when its event cannot be stored (logged)', async () => {
    const spy = jest.spyOn(gw.deps.recordEvents, 'record').mockRejectedValueOnce(new Error('store down'));
    try {
      const res = await call('POST', url('contacts', 'u-events'), { firstName: 'Kept', email: 'kept.events@example.com' });
      expect(res.status).toBe(201);
      expect(spy).toHaveBeenCalledTimes(1);
      expect(gw.logs.text()).toContain('could not record the change event of a gateway write');
    } finally { spy.mockRestore(); }
  });

  it('passthrough writes are not the gateway\'s own: detected like an outside change (the provider\'s webhook), never source gateway', async () => {
    const res = await gw.call('POST', '/v1/passthrough/crm/v3/objects/contacts?provider=hubspot&endUserId=u-events', {
      key, body: { properties: { email: 'passthrough.events@example.com', firstname: 'Pass' } },
    });
    expect(res.status).toBeLessThan(300);
    const id = String(res.body.id);
    await until(async () => (await feed(`connectionId=${connectionId}`)).some((e) => e.data.recordId === id), 10_000);
    const seen = (await feed(`connectionId=${connectionId}`)).filter((e) => e.data.recordId === id);
    expect(seen.map((e) => [e.type, e.data.source])).toEqual([['contact.created', 'provider_webhook']]);
  });
});

describe('GET /v1/events', () => {
  it('pages oldest first and filters by type (wildcards too) and connection', async () => {
    const other = await call('POST', url('contacts', 'u-events-2'), { firstName: 'Other', email: 'other.events@example.com' });
    expect(other.status).toBe(201);
    const lead = await call('POST', url('leads', 'u-events-2'), { contactId: other.body.data.id, status: 'WARM' });
    expect(lead.status).toBe(201);

    const all = await feed('');
    const unpaged = (await call('GET', '/v1/events?limit=200')).body.data as Event[];
    expect(all.map((e) => e.id)).toEqual(unpaged.map((e) => e.id));
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    const order = all.map((e) => [e.createdAt, e.id].join('|'));
    expect(order).toEqual([...order].sort());
    expect(all.length).toBeGreaterThanOrEqual(6);

    const contactsOnly = await feed('type=contact.*');
    expect(contactsOnly.every((e) => e.type.startsWith('contact.'))).toBe(true);
    expect((await feed('type=contact.deleted')).map((e) => e.type)).toEqual(['contact.deleted']);
    const ofOther = await feed(`connectionId=${otherConnectionId}`);
    expect(ofOther.map((e) => [e.type, e.data.recordId])).toEqual(expect.arrayContaining([['lead.created', lead.body.data.id], ['contact.created', other.body.data.id]]));
    expect(ofOther.every((e) => e.data.connectionId === otherConnectionId && e.data.endUserId === 'u-events-2')).toBe(true);
    expect((await feed(`type=lead.*&connectionId=${connectionId}`))).toEqual([]);
  });

  it('refuses a cursor issued for other filters, and unknown types', async () => {
    const first = await call('GET', '/v1/events?limit=1');
    const cursor = first.body.meta.nextCursor as string;
    expect(cursor).toEqual(expect.any(String));
    const reused = await call('GET', `/v1/events?limit=1&type=contact.*&after=${encodeURIComponent(cursor)}`);
    expect([reused.status, reused.body.error.code]).toEqual([400, 'INVALID_INPUT']);
    const bad = await call('GET', '/v1/events?type=contact.exploded');
    expect([bad.status, bad.body.error.code]).toEqual([400, 'INVALID_INPUT']);
  });

  it('another account, and the live mode of the same account, see none of them and receive nothing', async () => {
    const other = await gw.newAccount('other');
    const otherHook = await call('POST', '/v1/webhooks', { url: 'https://example.com/other', events: ['*'] }, other.testKey);
    const liveHook = await call('POST', '/v1/webhooks', { url: 'https://example.com/live', events: ['*'] }, liveKey);
    // One more change of the first account after both subscribed: stored with its deliveries before the answer.
    expect((await call('POST', url('contacts', 'u-events'), { firstName: 'Late', email: 'late.events@example.com' })).status).toBe(201);
    expect((await feed('type=contact.created')).length).toBeGreaterThan(0);
    expect(await feed('', other.testKey)).toEqual([]);
    expect(await feed('', liveKey)).toEqual([]);
    expect((await call('GET', `/v1/webhooks/${otherHook.body.data.id}/deliveries`, undefined, other.testKey)).body.data).toEqual([]);
    expect((await call('GET', `/v1/webhooks/${liveHook.body.data.id}/deliveries`, undefined, liveKey)).body.data).toEqual([]);
    const ids = (await feed('')).map((e) => e.id);
    expect((await call('GET', `/v1/events?connectionId=${connectionId}`, undefined, other.testKey)).body.data).toEqual([]);
    expect(ids.length).toBeGreaterThan(0);
    expect((await call('DELETE', `/v1/webhooks/${otherHook.body.data.id}`, undefined, other.testKey)).status).toBe(204);
    expect((await call('DELETE', `/v1/webhooks/${liveHook.body.data.id}`, undefined, liveKey)).status).toBe(204);
  });
});

describe('booking actions emit their own meeting events (42min sandbox)', () => {
  const END_USER = 'u-events-42min';
  const WEEK = { startDate: '2031-07-07T00:00:00.000Z', endDate: '2031-07-14T00:00:00.000Z' };
  const q = (extra: Record<string, string> = {}) => new URLSearchParams({ provider: '42min', endUserId: END_USER, ...extra }).toString();

  it('booking → meeting.created, reschedule → meeting.rescheduled (never a cancellation), cancel → meeting.cancelled', async () => {
    gw.deps.providerClient.policies.override('42min', { rateLimit: { requests: 10_000, intervalMs: 1000 } });
    gw.deps.sandboxes!.get('42min')!.kit.limits.configure('*', 'burst', { max: 100_000, windowMs: 1000 });
    const issued = await call('POST', '/v1/sandbox/credentials', { provider: '42min' });
    expect(issued.status).toBe(201);
    const conn = await call('POST', '/v1/connections', { endUserId: END_USER, provider: '42min', ...issued.body.data });
    expect(conn.status).toBe(201);
    const meetingsHook = await receiverFor(key, ['meeting.*']);
    const pages = (await call('GET', `/v1/booking-pages?${q({ limit: '100' })}`)).body.data as { id: string; slug: string; hosts: unknown[] }[];
    const demo = pages.find((p) => p.slug === 'demo' && p.hosts.length === 1)!;
    const slots = (await call('GET', `/v1/availability?${q({ bookingPageId: demo.id, ...WEEK })}`)).body.data as { start: string }[];
    const [first, , , , , , , , later] = slots.map((s) => s.start);

    const booked = await call('POST', `/v1/meetings?${q()}`, { bookingPageId: demo.id, startTime: first, attendees: [{ email: 'lea.events@example.com', name: 'Lea' }] });
    expect(booked.status).toBe(201);
    const moved = await call('POST', `/v1/meetings/${booked.body.data.id}/reschedule?${q()}`, { startTime: later });
    expect(moved.status).toBe(200);
    const cancelled = await call('POST', `/v1/meetings/${booked.body.data.id}/cancel?${q()}`, { reason: 'No longer needed' });
    expect(cancelled.status).toBe(200);

    const events = await feed(`connectionId=${conn.body.data.id}`);
    expect(events.map((e) => e.type)).toEqual(['meeting.created', 'meeting.rescheduled', 'meeting.cancelled']);
    expect(events.map((e) => e.data.recordId)).toEqual([booked.body.data.id, booked.body.data.id, booked.body.data.id]);
    expect(events[1].data).toMatchObject({ source: 'gateway', rescheduledFromId: null, record: { startTime: later, status: 'scheduled' } });
    expect(events[2].data.record).toMatchObject({ status: 'cancelled', cancellationReason: 'No longer needed' });
    expect(events[0].data).not.toHaveProperty('rescheduledFromId');
    await until(() => meetingsHook.receiver.got.length >= 3);
    expect(parsed(meetingsHook.receiver).map((e) => e.id).sort()).toEqual(events.map((e) => e.id).sort());
  });
});

describe('a reschedule that makes a new record (bookings-api sandbox)', () => {
  const END_USER = 'u-events-bookings';
  const DAY = 86_400_000;
  const weekStart = new Date(Math.ceil((Date.now() + 2 * DAY) / DAY) * DAY);
  const WEEK = { startDate: weekStart.toISOString(), endDate: new Date(weekStart.getTime() + 7 * DAY).toISOString() };
  const q = (extra: Record<string, string> = {}) => new URLSearchParams({ provider: 'bookings-api', endUserId: END_USER, ...extra }).toString();

  it('is meeting.rescheduled of the new meeting with rescheduledFromId; the old one gets no meeting.cancelled', async () => {
    const issued = await call('POST', '/v1/sandbox/credentials', { provider: 'bookings-api' });
    expect(issued.status).toBe(201);
    const conn = await call('POST', '/v1/connections', { endUserId: END_USER, provider: 'bookings-api', ...issued.body.data });
    expect(conn.status).toBe(201);
    const pages = (await call('GET', `/v1/booking-pages?${q()}`)).body.data as { id: string; slug: string }[];
    const demo = pages.find((p) => p.slug === 'product-demo')!;
    const slots = (await call('GET', `/v1/availability?${q({ bookingPageId: demo.id, ...WEEK })}`)).body.data as { start: string }[];
    const [first, , , , , , , , second] = slots.map((s) => s.start);
    const made = await call('POST', `/v1/meetings?${q()}`, { bookingPageId: demo.id, startTime: first, attendees: [{ email: 'lea.events@example.com', name: 'Lea' }] });
    expect(made.status).toBe(201);
    const moved = await call('POST', `/v1/meetings/${made.body.data.id}/reschedule?${q()}`, { startTime: second });
    expect(moved.status).toBe(200);
    expect(moved.body.data.id).not.toBe(made.body.data.id);

    const events = await feed(`connectionId=${conn.body.data.id}`);
    expect(events.map((e) => [e.type, e.data.recordId])).toEqual([['meeting.created', made.body.data.id], ['meeting.rescheduled', moved.body.data.id]]);
    expect(events[1].data).toMatchObject({ rescheduledFromId: made.body.data.id, record: { startTime: second, status: 'scheduled' } });
  });
});
