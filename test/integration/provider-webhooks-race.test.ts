import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { until } from '../helpers/wait';
import { EVENT_TEST_ENV, eventProbe } from '../helpers/event-probe';
import type { WebhookReceiver } from '../helpers/webhook-receiver';
import { ProviderWebhookProcessor } from '../../src/unified/provider-webhook-processor';
import { UnifiedService } from '../../src/unified/unified-service';
import { FieldMappingService } from '../../src/unified/field-mappings';
import type { RecordChange } from '../../src/events/record-events';

/**
 * A gateway reschedule and the provider's webhook about it, processed by ANOTHER process (here a
 * second processor on the same store with its own unified service, so nothing in memory is
 * shared): Schedly's webhook only says SERVICE_BOOKING_UPDATED, i.e. meeting.updated. The
 * gateway's write is held before it records its event; the webhook's processor must wait for the
 * write's mark in the store rather than record the less specific type first; and where it still
 * records first (the mark lapsed: a write hung past it), the gateway's reading replaces it while
 * nothing was sent. Over real HTTP against the Schedly sandbox in test mode.
 */
let gw: TestGateway;
let key: string;
let other: ProviderWebhookProcessor;
const END_USER = 'race-schedly';
const call = (method: string, path: string, body?: unknown) => gw.call(method, path, { key, body });
const q = (extra: Record<string, string> = {}): string => new URLSearchParams({ provider: 'schedly', endUserId: END_USER, ...extra }).toString();
const { parsed, receiverFor, eventsFor, duplicates, processed, closeReceivers } = eventProbe(() => gw);

let receiver: WebhookReceiver;
/** Gateway recordings of these records wait for their release (a slow process, under test control). */
const held = new Map<string, Promise<void>>();

beforeAll(async () => {
  gw = await startTestGateway(EVENT_TEST_ENV);
  key = (await gw.newAccount('provider-webhooks-race')).testKey;
  gw.deps.providerClient.policies.override('schedly', { rateLimit: { requests: 10_000, intervalMs: 1000 } });
  gw.deps.sandboxes!.get('schedly')!.kit.limits.configure('*', 'minute', { max: 100000, windowMs: 60_000 });
  const issued = await call('POST', '/v1/sandbox/credentials', { provider: 'schedly', endUserId: END_USER });
  expect(issued.status).toBe(201);
  const conn = await call('POST', '/v1/connections', { endUserId: END_USER, provider: 'schedly', ...issued.body.data });
  expect(conn.status).toBe(201);
  await gw.deps.events.settled();
  receiver = await receiverFor(key, ['meeting.*']);
  const record = gw.deps.recordEvents.record.bind(gw.deps.recordEvents);
  gw.deps.recordEvents.record = async (change: RecordChange) => {
    if (change.source === 'gateway') await held.get(change.recordId);
    return record(change);
  };
  // This process's processor stops; the "other process's" one handles every provider delivery.
  await gw.app.providerWebhooks.processor.stop();
  other = new ProviderWebhookProcessor(gw.deps, { unified: new UnifiedService(gw.deps, null), mappings: new FieldMappingService(gw.deps) },
    { pollMs: 20, leaseMs: 60_000, maxAttempts: 3, retryBaseMs: 20 });
  other.start();
});
afterAll(async () => {
  await other.stop();
  await closeReceivers();
  await gw.stop();
});

async function bookTwoSlots(email: string): Promise<{ id: string; later: string }> {
  const page = ((await call('GET', `/v1/booking-pages?${q()}`)).body.data as { id: string; active: boolean; hosts: unknown[] }[]).find((p) => p.active && p.hosts.length > 0)!;
  const start = new Date(Date.now() + 2 * 86_400_000);
  const range = { bookingPageId: page.id, startDate: start.toISOString(), endDate: new Date(start.getTime() + 7 * 86_400_000).toISOString() };
  const slots = (await call('GET', `/v1/availability?${q(range)}`)).body.data as { start: string; hostIds: string[] }[];
  const [first] = slots;
  const second = slots.find((s) => s.hostIds.includes(first!.hostIds[0]!) && s.start > first!.start)!;
  const booked = await call('POST', `/v1/meetings?${q()}`, { bookingPageId: page.id, startTime: first!.start, ownerId: first!.hostIds[0], attendees: [{ email, name: 'Rae Race' }] });
  expect(booked.status).toBe(201);
  return { id: booked.body.data.id as string, later: second.start };
}

const scope = async () => ({ accountId: (await gw.deps.auth.authenticate(`Bearer ${key}`)).accountId, mode: 'test' as const });
const stored = async (id: string) => (await gw.deps.store.events.list(await scope(), {}, 1000)).filter((e) => e.recordId === id).map((e) => [e.type, e.source]);

it('a reschedule whose webhook another process handles first is meeting.rescheduled, never meeting.updated', async () => {
  const { id, later } = await bookTwoSlots('race@example.com');
  await eventsFor(receiver, id, 1);
  await processed();

  // The write's event waits; the webhook the sandbox sends meanwhile reaches the other processor.
  let release!: () => void;
  held.set(id, new Promise<void>((r) => { release = r; }));
  const marks = gw.deps.store.inFlightWrites;
  const seen = jest.spyOn(marks, 'anyUnderWay');
  const rescheduling = call('POST', `/v1/meetings/${id}/reschedule?${q()}`, { startTime: later });
  // The other processor found the write under way (it is waiting on it), and has recorded nothing.
  await until(async () => {
    for (const r of seen.mock.results) if (r.type === 'return' && await (r.value as Promise<boolean>)) return true;
    return false;
  }, 10_000);
  expect(await stored(id)).toEqual([['meeting.created', 'gateway']]);
  const before = await duplicates('meeting.updated');
  release();
  const res = await rescheduling;
  expect(res.status).toBe(200);
  // The webhook's reading of the same change (meeting.updated) came second: a duplicate of the gateway's event.
  await until(async () => (await duplicates('meeting.updated')) > before, 10_000);
  await processed();
  expect(await stored(id)).toEqual([['meeting.created', 'gateway'], ['meeting.rescheduled', 'gateway']]);
  expect(parsed(receiver).filter((e) => e.data.recordId === id).map((e) => [e.type, e.data.source]))
    .toEqual([['meeting.created', 'gateway'], ['meeting.rescheduled', 'gateway']]);
  seen.mockRestore();
});

it('where the webhook\'s meeting.updated is still recorded first (the write\'s mark lapsed), the gateway\'s meeting.rescheduled replaces it before anything went out', async () => {
  const { id, later } = await bookTwoSlots('race-lapsed@example.com');
  await processed();
  // Only a receiver of reschedules now: the webhook's meeting.updated has nothing to send, so nothing goes out before the gateway's reading.
  for (const h of (await call('GET', '/v1/webhooks')).body.data as { id: string }[]) expect((await call('DELETE', `/v1/webhooks/${h.id}`)).status).toBe(204);
  const reschedules = await receiverFor(key, ['meeting.rescheduled']);
  let release!: () => void;
  held.set(id, new Promise<void>((r) => { release = r; }));
  const lapsed = jest.spyOn(gw.deps.store.inFlightWrites, 'anyUnderWay').mockResolvedValue(false);
  const rescheduling = call('POST', `/v1/meetings/${id}/reschedule?${q()}`, { startTime: later });
  await until(async () => (await stored(id)).some(([type]) => type === 'meeting.updated'), 10_000);
  expect(await stored(id)).toEqual([['meeting.created', 'gateway'], ['meeting.updated', 'provider_webhook']]);
  release();
  expect((await rescheduling).status).toBe(200);
  lapsed.mockRestore();
  await processed();
  expect(await stored(id)).toEqual([['meeting.created', 'gateway'], ['meeting.rescheduled', 'gateway']]);
  const [got] = await eventsFor(reschedules, id, 1);
  expect(got).toMatchObject({ type: 'meeting.rescheduled', data: { source: 'gateway', rescheduledFromId: null, record: { id } } });
  expect(await gw.deps.metrics.registry.getSingleMetricAsString('gateway_record_events_upgraded_total'))
    .toMatch(/gateway_record_events_upgraded_total\{from="meeting.updated",type="meeting.rescheduled"\} 1/);
});
