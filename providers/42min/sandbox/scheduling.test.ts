import type { RunningSandbox } from '../../../test/helpers/sandbox';
import { SANDBOX_TEAM } from '../../../src/provider-sdk';
import { seedAccount } from './seed';
import { call, ikey, issueToken, startWithClock, testClock, type TestClock } from './test-support';

/**
 * The 42min sandbox's scheduling engine over HTTP, on an injected clock: GET /v1/slots (one call
 * for a whole range), booking a listed slot, the per-slot lock, reschedule and cancel freeing
 * the old time, and the team as hosts. "Now" is Monday 6 January 2031, 06:00 UTC.
 */
const NOW = Date.UTC(2031, 0, 6, 6);
const DAY = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString();

let sb: RunningSandbox;
let clock: TestClock;
let token: string;
let types: any[];
const byKey = (hostUsername: string, slug: string) => types.find((t) => t.host.username === hostUsername && t.slug === slug);

beforeEach(async () => {
  clock = testClock(NOW);
  sb = await startWithClock(clock);
  token = await issueToken(sb.url, 'sched');
  sb.kit.limits.configure('sched', 'burst', { max: 100_000, windowMs: 60_000 });
  types = (await call(sb.url, '/v1/event-types', { token })).body.data;
});
afterEach(() => sb.close());

const slots = async (eventTypeId: string, fromMs: number, toMs: number, extra = '') =>
  call(sb.url, `/v1/slots?event_type_id=${eventTypeId}&start=${iso(fromMs)}&end=${iso(toMs)}${extra}`, { token });
const book = (eventTypeId: string, start: string, email = 'bob@example.com') =>
  call(sb.url, '/v1/bookings', {
    method: 'POST', token, headers: { 'idempotency-key': ikey() },
    json: { event_type_id: eventTypeId, start, attendee: { email, name: 'Bob Builder' } },
  });
const post = (path: string, json: unknown) => call(sb.url, path, { method: 'POST', token, headers: { 'idempotency-key': ikey() }, json });
const starts = (r: { body: any }): string[] => r.body.data.map((s: any) => s.start);

describe('hosts are the shared sandbox team', () => {
  it('GET /v1/users lists every member with the team\'s names, emails, zones and working hours', async () => {
    const r = await call(sb.url, '/v1/users', { token });
    expect(r.status).toBe(200);
    expect(r.body.data.map((u: any) => u.email)).toEqual(SANDBOX_TEAM.map((m) => m.email));
    expect(r.body.data[0]).toEqual({
      user_id: expect.stringMatching(/^[0-9a-f-]{36}$/), username: 'ada', email: SANDBOX_TEAM[0].email, name: SANDBOX_TEAM[0].name,
      timezone: 'Europe/London', working_hours: SANDBOX_TEAM[0].workingHours, active: true,
    });
  });

  it('event types carry hosts, duration, buffers, notice, interval, active status, slug and url', async () => {
    const rr = types.find((t) => t.slug === 'discovery-call');
    expect(rr.hosts).toHaveLength(3);
    expect(byKey('ada', 'demo')).toMatchObject({
      duration_minutes: 45, buffer_before_minutes: 10, buffer_after_minutes: 10, minimum_notice_minutes: 120,
      slot_interval_minutes: 15, status: 'on', url: 'https://42min.us/ada/demo', hosts: [byKey('ada', 'demo').host],
    });
  });
});

describe('GET /v1/slots', () => {
  it('answers 7 days in one call: weekdays only, inside working hours, on the grid, after the notice', async () => {
    const intro = byKey('ada', 'intro-call'); // London 09:00–17:00 Mon–Fri, 30 min every 30, notice 60
    const r = await slots(intro.id, NOW, NOW + 7 * DAY, '&timezone=Europe/London');
    expect(r.status).toBe(200);
    expect(r.body.meta).toMatchObject({ event_type_id: intro.id, timezone: 'Europe/London', start: iso(NOW), end: iso(NOW + 7 * DAY) });
    const list: { start: string; end: string; host_user_ids: string[] }[] = r.body.data;
    // 5 weekdays × 16 half-hours from 09:00 to 16:30 (January: London is UTC); seeded bookings are in 2026–2027.
    expect(list).toHaveLength(5 * 16);
    expect(list[0]).toEqual({ start: '2031-01-06T09:00:00.000Z', end: '2031-01-06T09:30:00.000Z', host_user_ids: [intro.host.user_id] });
    for (const s of list) {
      const d = new Date(s.start);
      expect([1, 2, 3, 4, 5]).toContain(d.getUTCDay());
      expect(d.getUTCHours()).toBeGreaterThanOrEqual(9);
      expect(Date.parse(s.end)).toBeLessThanOrEqual(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 17));
    }
    clock.set(Date.UTC(2031, 0, 6, 9, 10));
    expect(starts(await slots(intro.id, NOW, NOW + DAY))[0]).toBe('2031-01-06T10:30:00.000Z'); // 60 min notice from 09:10
  });

  it('a round-robin type lists the union of its hosts\' hours, with the free hosts of each slot', async () => {
    const rr = types.find((t) => t.slug === 'discovery-call');
    const r = await slots(rr.id, NOW, NOW + DAY);
    const hostsSeen = new Set(r.body.data.flatMap((s: any) => s.host_user_ids));
    expect(hostsSeen.size).toBeGreaterThanOrEqual(2); // New York and Los Angeles share Monday afternoon UTC; Tokyo's Monday is over by 06:00 UTC
    const one = rr.hosts[0].user_id;
    const filtered = await slots(rr.id, NOW, NOW + DAY, `&host_user_id=${one}`);
    expect(filtered.body.data.every((s: any) => s.host_user_ids.length === 1 && s.host_user_ids[0] === one)).toBe(true);
  });

  it('400 invalid_query_param for a missing type, a bad range or zone; 404 for an unknown type; nothing for an inactive one', async () => {
    const intro = byKey('ada', 'intro-call');
    for (const [qs, param] of [
      [`start=${iso(NOW)}&end=${iso(NOW + DAY)}`, 'event_type_id'],
      [`event_type_id=${intro.id}&end=${iso(NOW + DAY)}`, 'start'],
      [`event_type_id=${intro.id}&start=${iso(NOW)}&end=${iso(NOW)}`, 'end'],
      [`event_type_id=${intro.id}&start=${iso(NOW)}&end=${iso(NOW + 32 * DAY)}`, 'end'],
      [`event_type_id=${intro.id}&start=${iso(NOW)}&end=${iso(NOW + DAY)}&timezone=Mars/Olympus`, 'timezone'],
    ]) {
      const r = await call(sb.url, `/v1/slots?${qs}`, { token });
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'invalid_query_param', details: { param } });
    }
    expect((await slots('6f1c1c1e-9a3b-4c2d-8e7f-000000000000', NOW, NOW + DAY)).body.error.code).toBe('event_type_not_found');
    expect((await slots(byKey('ada', 'legacy-consult').id, NOW, NOW + DAY)).body.data).toEqual([]);
  });
});

describe('booking against availability', () => {
  it('a booked slot leaves the list, with the times inside its buffers; booking it again is 409 slot_unavailable', async () => {
    const demo = byKey('ada', 'demo'); // 45 min, every 15, buffers 10/10
    const before = starts(await slots(demo.id, NOW, NOW + DAY));
    const at = '2031-01-06T11:00:00.000Z';
    expect(before).toContain(at);
    const r = await book(demo.id, at);
    expect(r.status).toBe(201);
    expect(r.body.data.host.user_id).toBe(demo.host.user_id);
    const after = starts(await slots(demo.id, NOW, NOW + DAY));
    // 10:15 would end at 11:00 (+10 min buffer) and 11:45 starts inside the 10 min after-buffer: both gone; 12:00 stays.
    for (const gone of ['10:15', '10:30', '11:00', '11:30', '11:45']) expect(after).not.toContain(`2031-01-06T${gone}:00.000Z`);
    for (const kept of ['10:00', '12:00']) expect(after).toContain(`2031-01-06T${kept}:00.000Z`);
    expect(after).toEqual(before.filter((s) => !['10:15', '10:30', '10:45', '11:00', '11:15', '11:30', '11:45'].some((t) => s === `2031-01-06T${t}:00.000Z`)));
    const again = await book(demo.id, at, 'carol@example.com');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('slot_unavailable');
    // The other types of the same host see the booking too (buffers of both types apply).
    const intro = byKey('ada', 'intro-call');
    expect(starts(await slots(intro.id, NOW, NOW + DAY))).not.toContain('2031-01-06T11:30:00.000Z');
  });

  it('times outside working hours, off the grid or within the notice are refused like taken ones', async () => {
    const demo = byKey('ada', 'demo');
    for (const t of ['2031-01-06T08:00:00.000Z', '2031-01-06T16:30:00.000Z', '2031-01-11T10:00:00.000Z', '2031-01-06T10:05:00.000Z', '2031-01-06T07:30:00.000Z']) {
      const r = await book(demo.id, t);
      expect([t, r.status, r.body.error?.code]).toEqual([t, 409, 'slot_unavailable']);
    }
  });

  it('20 concurrent creates of one free slot: exactly one 201, nineteen 409 slot_unavailable, no 5xx', async () => {
    const intro = byKey('ada', 'intro-call');
    const at = starts(await slots(intro.id, NOW + DAY, NOW + 2 * DAY))[3];
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => book(intro.id, at, `racer${i}@example.com`)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 && r.body.error.code === 'slot_unavailable')).toHaveLength(19);
    expect(statuses.some((s) => s >= 500)).toBe(false);
    const confirmed = (await call(sb.url, `/v1/bookings?start_date=${at}&end_date=${at}&status=confirmed`, { token })).body.data;
    expect(confirmed).toHaveLength(1);
  });

  it('a held slot lock is 503 slot_lock_timeout with Retry-After: 1; released, the slot books', async () => {
    const intro = byKey('ada', 'intro-call');
    const at = '2031-01-07T10:00:00.000Z';
    const release = sb.kit.account('sched', (rng) => seedAccount(rng)).locks.hold([intro.host.user_id], Date.parse(at));
    const r = await book(intro.id, at);
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toBe('1');
    expect(r.body.error.code).toBe('slot_lock_timeout');
    release();
    expect((await book(intro.id, at)).status).toBe(201);
  });

  it('reschedule moves the booking in place (same uid, version bumped, no rescheduled_from_uid) and frees the old slot', async () => {
    const intro = byKey('ada', 'intro-call');
    const [from, , , , to] = starts(await slots(intro.id, NOW + DAY, NOW + 2 * DAY));
    const b = (await book(intro.id, from)).body.data;
    expect(starts(await slots(intro.id, NOW + DAY, NOW + 2 * DAY))).not.toContain(from);
    const moved = await post(`/v1/bookings/${b.uid}/reschedule`, { start: to });
    expect(moved.status).toBe(200);
    expect(moved.body.data).toMatchObject({ uid: b.uid, version: 2, start_at: to, rescheduled_from_uid: null, status: 'confirmed' });
    const now = starts(await slots(intro.id, NOW + DAY, NOW + 2 * DAY));
    expect(now).toContain(from);
    expect(now).not.toContain(to);
    // Moving to a time the slot list does not offer is refused by the same rule.
    const taken = (await book(intro.id, from)).body.data;
    expect((await post(`/v1/bookings/${taken.uid}/reschedule`, { start: to })).body.error.code).toBe('slot_unavailable');
    // Its own time does not block a booking moving within its buffer.
    const [, second] = starts(await slots(intro.id, NOW + 2 * DAY, NOW + 3 * DAY));
    const c = (await book(intro.id, second)).body.data;
    const next = new Date(Date.parse(second) + 30 * 60_000).toISOString();
    expect((await post(`/v1/bookings/${c.uid}/reschedule`, { start: next })).status).toBe(200);
  });

  it('cancel frees the slot; cancelling again returns the booking unchanged', async () => {
    const intro = byKey('ada', 'intro-call');
    const at = starts(await slots(intro.id, NOW + DAY, NOW + 2 * DAY))[6];
    const b = (await book(intro.id, at)).body.data;
    expect(starts(await slots(intro.id, NOW + DAY, NOW + 2 * DAY))).not.toContain(at);
    const c = await post(`/v1/bookings/${b.uid}/cancel`, { reason: 'Schedule conflict' });
    expect(c.body.data).toMatchObject({ status: 'canceled', cancellation_reason: 'Schedule conflict', version: 2 });
    expect(starts(await slots(intro.id, NOW + DAY, NOW + 2 * DAY))).toContain(at);
    const again = await post(`/v1/bookings/${b.uid}/cancel`, { reason: 'Other' });
    expect(again.status).toBe(200);
    expect(again.body.data).toEqual(c.body.data);
  });
});
