import type { RunningSandbox } from '../../../test/helpers/sandbox';
import { seededRng } from '../../../src/provider-sdk';
import { call, ikey, issueToken, startWithClock, testClock } from './test-support';

/**
 * Property: availability and acceptance agree. Over 200 random attempts (seeded PRNG, injected
 * clock: the same run every time) on every active event type over a week, a time is accepted by
 * POST /v1/bookings exactly when GET /v1/slots offers it (and the booking goes to a host the slot
 * named); a time inside another booking's buffer is never offered for that host, and never
 * accepted for a single-host type. Some bookings are cancelled on the way, so freed time is
 * checked too.
 */
const NOW = Date.UTC(2031, 0, 6, 6);
const DAY = 86_400_000;
const MIN = 60_000;
const iso = (ms: number): string => new Date(ms).toISOString();

interface Made { uid: string; hostId: string; startMs: number; endMs: number; beforeMs: number; afterMs: number }

let sb: RunningSandbox;
let token: string;
beforeAll(async () => {
  sb = await startWithClock(testClock(NOW));
  token = await issueToken(sb.url, 'prop');
  sb.kit.limits.configure('prop', 'burst', { max: 100_000, windowMs: 60_000 });
});
afterAll(() => sb.close());

it('200 random bookings: offered ⇔ accepted, and nothing inside a buffer', async () => {
  const rng = seededRng('42min-slot-property');
  const types: any[] = (await call(sb.url, '/v1/event-types', { token })).body.data.filter((t: any) => t.status === 'on');
  const made: Made[] = [];
  const counts = { accepted: 0, refused: 0, buffer: 0, cancelled: 0 };

  for (let i = 0; i < 200; i++) {
    const et = rng.pick(types);
    const hostIds: string[] = et.hosts.map((h: any) => h.user_id);
    const mine = made.filter((m) => hostIds.includes(m.hostId));
    const listDay = async (dayStart: number) =>
      (await call(sb.url, `/v1/slots?event_type_id=${et.id}&start=${iso(dayStart)}&end=${iso(dayStart + DAY)}`, { token })).body.data as any[];
    let t: number;
    let inBufferOf: Made | null = null;
    const roll = rng.next();
    if (mine.length > 0 && roll < 0.35) {
      // Aim inside a booking's buffer: the meeting would overlap [start - before, start) or [end, end + after).
      const b = rng.pick(mine);
      const side = b.afterMs > 0 && (b.beforeMs === 0 || rng.chance(0.5)) ? 'after' : 'before';
      if (side === 'after') t = b.endMs + rng.int(0, Math.max(0, b.afterMs / (5 * MIN) - 1)) * 5 * MIN;
      else t = b.startMs - b.beforeMs - et.duration_minutes * MIN + rng.int(1, Math.max(1, b.beforeMs / (5 * MIN))) * 5 * MIN;
      if (b.beforeMs > 0 || b.afterMs > 0) inBufferOf = b;
    } else if (mine.length > 0 && roll < 0.6) {
      // The offered slot nearest to a booking (the last before it, or the first after it): where
      // the buffers of both types decide, so listing and accepting must compute them alike.
      const b = rng.pick(mine);
      const day = (await listDay(b.startMs - (b.startMs % DAY))).map((x) => Date.parse(x.start));
      const before = day.filter((x) => x < b.startMs);
      const after = day.filter((x) => x >= b.endMs);
      const near = rng.chance(0.5) ? (before.length ? before[before.length - 1] : after[0]) : (after.length ? after[0] : before[before.length - 1]);
      t = near ?? b.endMs;
    } else {
      // Half of the rest: a time the list offers; the other half: any 5-minute mark of the week.
      t = NOW + rng.int(0, 6) * DAY + rng.int(0, 24 * 12 - 1) * 5 * MIN;
      t -= t % (5 * MIN);
      if (roll < 0.8) {
        const day = await listDay(t - (t % DAY));
        if (day.length > 0) t = Date.parse(rng.pick(day).start);
      }
    }
    const list = await listDay(t - (t % DAY));
    const offered = list.find((s: any) => s.start === iso(t));

    if (inBufferOf) {
      counts.buffer += 1;
      expect([i, offered?.host_user_ids.includes(inBufferOf.hostId) ?? false]).toEqual([i, false]);
    }
    const r = await call(sb.url, '/v1/bookings', {
      method: 'POST', token, headers: { 'idempotency-key': ikey() },
      json: { event_type_id: et.id, start: iso(t), attendee: { email: `p${i}@example.com`, name: `P ${i}` } },
    });
    expect(r.status < 500).toBe(true);
    // Offered ⇔ accepted (the attempt number is in the expectation to find a failing case).
    expect([i, iso(t), et.slug, r.status]).toEqual([i, iso(t), et.slug, offered ? 201 : 409]);
    if (r.status === 201) {
      counts.accepted += 1;
      expect(offered.host_user_ids).toContain(r.body.data.host.user_id);
      if (inBufferOf) expect(r.body.data.host.user_id).not.toBe(inBufferOf.hostId);
      made.push({
        uid: r.body.data.uid, hostId: r.body.data.host.user_id, startMs: t, endMs: t + et.duration_minutes * MIN,
        beforeMs: et.buffer_before_minutes * MIN, afterMs: et.buffer_after_minutes * MIN,
      });
    } else {
      counts.refused += 1;
      expect(r.body.error.code).toBe('slot_unavailable');
    }
    if (made.length > 0 && rng.chance(0.1)) {
      const victim = made.splice(rng.int(0, made.length - 1), 1)[0];
      const c = await call(sb.url, `/v1/bookings/${victim.uid}/cancel`, { method: 'POST', token, headers: { 'idempotency-key': ikey() }, json: {} });
      expect(c.status).toBe(200);
      counts.cancelled += 1;
    }
  }
  // Not vacuous: plenty of each outcome.
  expect(counts.accepted).toBeGreaterThanOrEqual(30);
  expect(counts.refused).toBeGreaterThanOrEqual(30);
  expect(counts.buffer).toBeGreaterThanOrEqual(20);
  expect(counts.cancelled).toBeGreaterThanOrEqual(5);
});
