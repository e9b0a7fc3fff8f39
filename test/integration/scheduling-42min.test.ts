import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { sandboxTeam } from '../../src/provider-sdk/sandbox-kit/team';

/**
 * Booking pages and availability over real HTTP against the 42min sandbox (issue 13): list the
 * pages, 7 days of slots in one call, book a returned slot through POST /v1/meetings with
 * bookingPageId, the slot leaves availability, booking it again is 409 SLOT_UNAVAILABLE, and 20
 * concurrent bookings of one free slot give exactly one 201. Plus the routes' validation.
 */
jest.setTimeout(60_000);

const PROVIDER = '42min';
const END_USER = 'eu-42min-scheduling';
const ADA = sandboxTeam()[0];
// A Monday far past the seeded bookings; the week after it.
const WEEK = { startDate: '2031-05-05T00:00:00.000Z', endDate: '2031-05-12T00:00:00.000Z' };

let gw: TestGateway;
let key: string;
interface Page { id: string; slug: string; name: string; durationMinutes: number; url: string; active: boolean; kind: string; hosts: { id: string; name: string | null; email: string }[] }
interface Slot { start: string; end: string; hostIds: string[] }
let demo: Page;

const q = (extra: Record<string, string> = {}) => new URLSearchParams({ provider: PROVIDER, endUserId: END_USER, ...extra }).toString();
const availability = async (extra: Record<string, string> = {}): Promise<Slot[]> => {
  const res = await gw.call('GET', `/v1/availability?${q({ bookingPageId: demo.id, ...WEEK, ...extra })}`, { key });
  expect(res.status).toBe(200);
  return res.body.data as Slot[];
};
const book = (startTime: string, email = 'lea.lead@example.com') => gw.call('POST', `/v1/meetings?${q()}`, {
  key, body: { bookingPageId: demo.id, startTime, attendees: [{ email, name: 'Lea Lead' }], answers: [{ questionId: 'company', answer: 'Acme' }] },
});

beforeAll(async () => {
  gw = await startTestGateway();
  key = (await gw.newAccount()).testKey;
  gw.deps.providerClient.policies.override(PROVIDER, { rateLimit: { requests: 10_000, intervalMs: 1000 } });
  gw.deps.sandboxes!.get(PROVIDER)!.kit.limits.configure('*', 'burst', { max: 100_000, windowMs: 1000 });
  const issued = await gw.call('POST', '/v1/sandbox/credentials', { key, body: { provider: PROVIDER } });
  expect(issued.status).toBe(201);
  const conn = await gw.call('POST', '/v1/connections', { key, body: { endUserId: END_USER, provider: PROVIDER, ...issued.body.data } });
  expect(conn.status).toBe(201);
});
afterAll(() => gw.stop());

describe('GET /v1/booking-pages', () => {
  it('lists the event types with hosts from the shared team, duration, status, slug and URL', async () => {
    const res = await gw.call('GET', `/v1/booking-pages?${q()}`, { key });
    expect(res.status).toBe(200);
    const pages = res.body.data as Page[];
    expect(pages.length).toBeGreaterThan(3);
    expect(pages.some((p) => !p.active)).toBe(true);
    const team = new Set(sandboxTeam().map((m) => m.email));
    for (const p of pages) {
      expect(p.kind).toBe('event_type');
      expect(p.hosts.length).toBeGreaterThan(0);
      for (const h of p.hosts) expect(team.has(h.email)).toBe(true);
      expect(p).not.toHaveProperty('remoteData');
    }
    demo = pages.find((p) => p.slug === 'demo' && p.hosts.length === 1 && p.hosts[0].email === ADA.email)!;
    expect(demo).toMatchObject({ name: 'Product demo', durationMinutes: 45, active: true, url: expect.stringMatching(/^https:\/\/.+\/demo$/) });
    expect(demo.hosts[0].name).toBe(ADA.name);
  });

  it('filters by host email and pages with a sealed cursor', async () => {
    const mine = (await gw.call('GET', `/v1/booking-pages?${q({ hostEmail: ADA.email.toUpperCase() })}`, { key })).body.data as Page[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((p) => p.hosts.some((h) => h.email === ADA.email))).toBe(true);
    const first = await gw.call('GET', `/v1/booking-pages?${q({ hostEmail: ADA.email, limit: '1' })}`, { key });
    expect(first.body.meta.hasMore).toBe(mine.length > 1);
    const second = await gw.call('GET', `/v1/booking-pages?${q({ hostEmail: ADA.email, limit: '1', cursor: first.body.meta.nextCursor })}`, { key });
    expect(second.body.data[0].id).toBe(mine[1].id);
    // A cursor is bound to its filters.
    const other = await gw.call('GET', `/v1/booking-pages?${q({ limit: '1', cursor: first.body.meta.nextCursor })}`, { key });
    expect(other.status).toBe(400);
  });
});

describe('GET /v1/availability and booking', () => {
  it('answers 7 days of free slots in UTC, on the page\'s duration, hosted by its host', async () => {
    const stats = async () => (await gw.call('GET', `/v1/sandbox/stats?provider=${PROVIDER}&endUserId=${END_USER}`, { key })).body.data;
    const before = await stats();
    const slots = await availability();
    const after = await stats();
    // One provider round trip for the whole week.
    expect(after.totalRequests - before.totalRequests).toBe(1);
    expect((after.requests['GET /v1/slots'] ?? 0) - (before.requests['GET /v1/slots'] ?? 0)).toBe(1);
    expect(slots.length).toBeGreaterThan(20);
    for (const s of slots) {
      expect(s.start).toMatch(/Z$/);
      expect(Date.parse(s.end) - Date.parse(s.start)).toBe(45 * 60_000);
      expect(Date.parse(s.start)).toBeGreaterThanOrEqual(Date.parse(WEEK.startDate));
      expect(Date.parse(s.start)).toBeLessThan(Date.parse(WEEK.endDate));
      expect(s.hostIds).toEqual([demo.hosts[0].id]);
    }
    expect(slots.map((s) => s.start)).toEqual([...slots.map((s) => s.start)].sort());
  });

  it('books a returned slot; the slot and its buffers leave availability; booking it again is 409 SLOT_UNAVAILABLE', async () => {
    const before = await availability();
    const slot = before[3];
    const res = await book(slot.start);
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ startTime: slot.start, endTime: slot.end, status: 'scheduled' });
    const after = await availability();
    expect(after.map((s) => s.start)).not.toContain(slot.start);
    // Nothing overlapping the booking plus its 10-minute buffers is offered.
    const blockedFrom = Date.parse(slot.start) - 10 * 60_000;
    const blockedTo = Date.parse(slot.end) + 10 * 60_000;
    expect(after.filter((s) => Date.parse(s.start) < blockedTo && Date.parse(s.end) > blockedFrom)).toEqual([]);
    const again = await book(slot.start, 'someone.else@example.com');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('SLOT_UNAVAILABLE');
    expect(again.body.error.details.provider.code).toBe('slot_unavailable');
  });

  it('20 concurrent bookings of one free slot: exactly one 201, 19 SLOT_UNAVAILABLE, no 5xx', async () => {
    const slot = (await availability()).at(-1)!;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => book(slot.start, `racer${i}@example.com`)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 && r.body.error.code === 'SLOT_UNAVAILABLE')).toHaveLength(19);
  });
});

describe('validation and resolution', () => {
  const call = (extra: Record<string, string>, provider = PROVIDER) =>
    gw.call('GET', `/v1/availability?${new URLSearchParams({ provider, endUserId: END_USER, bookingPageId: demo.id, ...WEEK, ...extra })}`, { key });

  it('requires bookingPageId, startDate and endDate', async () => {
    const res = await gw.call('GET', `/v1/availability?${q({ startDate: WEEK.startDate })}`, { key });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toMatch(/INVALID_INPUT|MISSING_REQUIRED/);
  });

  it('end not after start → INVALID_DATE_RANGE; more than 31 days → INVALID_INPUT on endDate; a bad zone → INVALID_INPUT', async () => {
    expect((await call({ endDate: WEEK.startDate })).body.error.code).toBe('INVALID_DATE_RANGE');
    const long = await call({ endDate: '2031-06-05T00:00:01.000Z' });
    expect(long.status).toBe(400);
    expect(long.body.error).toMatchObject({ code: 'INVALID_INPUT', details: { errors: [{ field: 'endDate' }] } });
    expect((await call({ endDate: '2031-06-05T00:00:00.000Z' })).status).toBe(200);
    expect((await call({ timezone: 'Mars/Olympus' })).body.error.details.errors[0].field).toBe('timezone');
  });

  it('an unknown booking page is INVALID_INPUT on bookingPageId', async () => {
    const res = await call({ bookingPageId: '00000000-0000-4000-8000-000000000000' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].field).toBe('bookingPageId');
  });

  it('a provider without booking pages → UNSUPPORTED_RESOURCE, decided from its manifest', async () => {
    const res = await call({}, 'hubspot');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'UNSUPPORTED_RESOURCE', details: { resource: 'availability' } });
    const pages = await gw.call('GET', `/v1/booking-pages?provider=hubspot&endUserId=${END_USER}`, { key });
    expect(pages.body.error).toMatchObject({ code: 'UNSUPPORTED_RESOURCE', details: { resource: 'bookingPages' } });
  });
});
