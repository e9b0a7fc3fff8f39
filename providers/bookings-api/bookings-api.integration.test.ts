import { startTestGateway, type TestGateway } from '../../test/helpers/gateway';
import { DISCOVERY_REJECT_REASON } from './sandbox/model';

/**
 * The bookings API through a real gateway in test mode (issue 15 "Done when"): connect with a
 * sandbox key and the sandbox mount as base URL (a wrong key refused before it is stored, a non-URL
 * base 400), booking pages, 7 days of availability (one provider call per day), book a slot and see
 * it leave availability, book it again (409 SLOT_UNAVAILABLE), 20 concurrent bookings of one free
 * slot (one succeeds), cancel (the slot is free again; twice → 200), a routing-rejected booking (422
 * with the reason), reschedule (create then cancel). The manifest's real rate budget stays on.
 */
jest.setTimeout(60_000);

const PROVIDER = 'bookings-api';
const END_USER = 'eu-bookings';
const DAY = 86_400_000;

interface Page { id: string; slug: string; name: string; kind: string; durationMinutes: number; hosts: { id: string; email: string }[] }
interface Slot { start: string; end: string; hostIds: string[] }

let gw: TestGateway;
let key: string;
let pages: Page[];
let issued: { credentials: { apiKey: string }; config: { baseUrl: string } };
const page = (slug: string): Page => pages.find((p) => p.slug === slug)!;

// A week starting at the first UTC midnight at least two days ahead (past every notice period).
const weekStart = new Date(Math.ceil((Date.now() + 2 * DAY) / DAY) * DAY);
const WEEK = { startDate: weekStart.toISOString(), endDate: new Date(weekStart.getTime() + 7 * DAY).toISOString() };

const q = (extra: Record<string, string> = {}) => new URLSearchParams({ provider: PROVIDER, endUserId: END_USER, ...extra }).toString();
const slots = async (p: Page): Promise<Slot[]> => {
  const res = await gw.call('GET', `/v1/availability?${q({ bookingPageId: p.id, ...WEEK })}`, { key });
  expect(res.status).toBe(200);
  return res.body.data as Slot[];
};
const starts = async (p: Page): Promise<string[]> => (await slots(p)).map((s) => s.start);
const book = (p: Page, startTime: string, extra: Record<string, unknown> = {}, email = 'lea.lead@example.com') => gw.call('POST', `/v1/meetings?${q()}`, {
  key,
  body: { bookingPageId: p.id, startTime, timezone: 'Europe/Berlin', attendees: [{ email, name: 'Lea Lead' }], description: 'From the bot', ...extra },
});
const cancel = (id: string, reason?: string) => gw.call('POST', `/v1/meetings/${id}/cancel?${q()}`, { key, body: reason === undefined ? {} : { reason } });
const sandboxRequests = async (): Promise<Record<string, number>> =>
  (await gw.call('GET', `/v1/sandbox/stats?provider=${PROVIDER}&endUserId=${END_USER}`, { key })).body.data.requests;

beforeAll(async () => {
  gw = await startTestGateway();
  key = (await gw.newAccount()).testKey;
  const res = await gw.call('POST', '/v1/sandbox/credentials', { key, body: { provider: PROVIDER } });
  expect(res.status).toBe(201);
  issued = res.body.data;
});
afterAll(() => gw.stop());

describe('connect', () => {
  it('issues a sandbox key with the sandbox mount as base URL; refuses a wrong key and a non-URL base before storing anything', async () => {
    expect(issued.config).toEqual({ baseUrl: `${gw.url}/sandbox/${PROVIDER}` });
    const connect = (apiKey: string, config: unknown) =>
      gw.call('POST', '/v1/connections', { key, body: { endUserId: END_USER, provider: PROVIDER, credentials: { apiKey }, config } });
    const notUrl = await connect(issued.credentials.apiKey, { baseUrl: 'bookings.example.com' });
    expect([notUrl.status, notUrl.body.error.code, notUrl.body.error.details.errors[0].field]).toEqual([400, 'INVALID_INPUT', 'config.baseUrl']);
    const wrong = await connect(`${issued.credentials.apiKey}x`, issued.config);
    expect([wrong.status, wrong.body.error.details.errors]).toEqual([400, [{ field: 'credentials.apiKey', message: 'was rejected by the provider' }]]);
    expect((await gw.call('GET', `/v1/connections?endUserId=${END_USER}`, { key })).body.data).toEqual([]);
    const made = await connect(issued.credentials.apiKey, issued.config);
    expect(made.status).toBe(201);
    expect(made.body.data).toMatchObject({ provider: PROVIDER, status: 'active' });
    // The key was checked with the manifest's cheap read, under the connection's base URL.
    expect(await sandboxRequests()).toMatchObject({ 'GET /api/v1/booking-links': 1 });
  });
});

describe('booking pages, users and availability', () => {
  it('lists the booking links as booking pages and their hosts as users', async () => {
    const res = await gw.call('GET', `/v1/booking-pages?${q()}`, { key });
    expect(res.status).toBe(200);
    pages = res.body.data;
    expect(pages.map((p) => [p.slug, p.kind, p.durationMinutes])).toEqual([
      ['30min-discovery', 'booking_link', 30], ['product-demo', 'booking_link', 45], ['onboarding-session', 'booking_link', 60],
    ]);
    const users = await gw.call('GET', `/v1/users?${q()}`, { key });
    expect(users.body.data.map((u: { email: string }) => u.email)).toEqual(pages.flatMap((p) => p.hosts.map((h) => h.email)));
  });

  it('answers 7 days of slots, one provider call per day, inside the range', async () => {
    const before = (await sandboxRequests())['GET /api/v1/availability'] ?? 0;
    const week = await slots(page('product-demo'));
    expect((await sandboxRequests())['GET /api/v1/availability']).toBe(before + 7);
    expect(week.length).toBeGreaterThan(20);
    expect(week.every((s) => s.start >= WEEK.startDate && s.start < WEEK.endDate)).toBe(true);
    expect(week.map((s) => s.start)).toEqual([...week.map((s) => s.start)].sort());
    expect(week[0].hostIds).toEqual([page('product-demo').hosts[0].id]);
  });
});

describe('faults', () => {
  it('a sandbox server error on a read is retried by the gateway; stats show what the sandbox received', async () => {
    const before = (await sandboxRequests())['GET /api/v1/booking-links'] ?? 0;
    const fault = await gw.call('POST', '/v1/sandbox/faults', { key, body: { provider: PROVIDER, endUserId: END_USER, fault: 'server_error', count: 1 } });
    expect(fault.status).toBeLessThan(300);
    const res = await gw.call('GET', `/v1/booking-pages?${q()}`, { key });
    expect(res.status).toBe(200);
    expect((await sandboxRequests())['GET /api/v1/booking-links']).toBe(before + 2);
  });
});

describe('book and cancel', () => {
  let taken: string;
  let meetingId: string;

  it('books an offered slot; it leaves availability; booking it again is 409 SLOT_UNAVAILABLE', async () => {
    const demo = page('product-demo');
    taken = (await starts(demo))[4];
    const res = await book(demo, taken);
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      startTime: taken, status: 'scheduled', bookingPageId: demo.id, hostIds: [demo.hosts[0].id], title: 'Product demo',
      description: 'From the bot', timezone: 'Europe/Berlin', attendees: [{ email: 'lea.lead@example.com', name: 'Lea Lead' }],
    });
    meetingId = res.body.data.id;
    expect(await starts(demo)).not.toContain(taken);
    const again = await book(demo, taken, {}, 'other@example.com');
    expect([again.status, again.body.error.code]).toEqual([409, 'SLOT_UNAVAILABLE']);
    expect(again.body.error.details.provider).toMatchObject({ status: 409, code: 'slot_taken' });
  });

  it('cancel frees the slot again; cancelling twice answers the cancelled meeting', async () => {
    const res = await cancel(meetingId, 'bot: the lead asked');
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: meetingId, status: 'cancelled', cancellationReason: 'bot: the lead asked' });
    expect(await starts(page('product-demo'))).toContain(taken);
    const twice = await cancel(meetingId);
    expect([twice.status, twice.body.data.status, twice.body.data.cancellationReason]).toEqual([200, 'cancelled', 'bot: the lead asked']);
  });

  it('20 concurrent bookings of one free slot: exactly one succeeds, the others are 409 SLOT_UNAVAILABLE', async () => {
    const demo = page('product-demo');
    const at = (await starts(demo))[12];
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => book(demo, at, {}, `racer${i}@example.com`)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 && r.body.error.code === 'SLOT_UNAVAILABLE')).toHaveLength(19);
    expect(await starts(demo)).not.toContain(at);
  });

  it('a booking a routing rule rejects is 422 INVALID_INPUT with the provider\'s reason', async () => {
    const discovery = page('30min-discovery');
    const at = (await starts(discovery))[0];
    const res = await book(discovery, at, { answers: [{ questionId: 'q_company_size', answer: '1-10' }] });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining(DISCOVERY_REJECT_REASON) });
    expect(res.body.error.details).toMatchObject({ reason: DISCOVERY_REJECT_REASON, provider: { status: 403, code: 'routing_rejected' } });
    const unanswered = await book(discovery, at);
    expect([unanswered.status, unanswered.body.error.code]).toEqual([400, 'INVALID_INPUT']);
    const ok = await book(discovery, at, { answers: [{ questionId: 'q_company_size', answer: '51-200' }] });
    expect(ok.status).toBe(201);
  });

  it('reschedules as a new booking (rescheduledFromId), the old time free again; update and delete are UNSUPPORTED_RESOURCE', async () => {
    const demo = page('product-demo');
    const [first, , , , , , , , second] = await starts(demo);
    const made = await book(demo, first);
    const moved = await gw.call('POST', `/v1/meetings/${made.body.data.id}/reschedule?${q()}`, { key, body: { startTime: second } });
    expect(moved.status).toBe(200);
    expect(moved.body.data).toMatchObject({ startTime: second, rescheduledFromId: made.body.data.id, status: 'scheduled' });
    expect(moved.body.data.id).not.toBe(made.body.data.id);
    expect((await gw.call('GET', `/v1/meetings/${made.body.data.id}?${q()}`, { key })).body.data.status).toBe('cancelled');
    const now = await starts(demo);
    expect(now).toContain(first);
    expect(now).not.toContain(second);
    // Listed by start time: both bookings, the old one cancelled.
    const listed = await gw.call('GET', `/v1/meetings?${q({ startDate: first, endDate: second, limit: '100' })}`, { key });
    expect(listed.status).toBe(200);
    const byId = new Map((listed.body.data as { id: string; status: string }[]).map((m) => [m.id, m.status]));
    expect([byId.get(made.body.data.id), byId.get(moved.body.data.id)]).toEqual(['cancelled', 'scheduled']);
    const patch = await gw.call('PATCH', `/v1/meetings/${moved.body.data.id}?${q()}`, { key, body: { description: 'x' } });
    expect([patch.status, patch.body.error.code]).toEqual([400, 'UNSUPPORTED_RESOURCE']);
    expect((await gw.call('GET', `/v1/contacts?${q()}`, { key })).body.error.code).toBe('UNSUPPORTED_RESOURCE');
  });
});
