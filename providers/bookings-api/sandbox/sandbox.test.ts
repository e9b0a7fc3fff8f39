import type { RunningSandbox } from '../../../test/helpers/sandbox';
import { SANDBOX_TEAM } from '../../../src/provider-sdk';
import { DISCOVERY_REJECT_REASON } from './model';
import { call, issueKey, startWithClock, testClock, type TestClock } from './test-support';

/**
 * The bookings API sandbox over HTTP on an injected clock ("now" is Monday 6 January 2031, 06:00
 * UTC): keys and scopes, links, per-day availability that excludes bookings and buffers, the
 * seed's booking errors, the per-slot guard, cancel freeing the slot, paging with total, faults.
 */
const NOW = Date.UTC(2031, 0, 6, 6);
const TUESDAY = '2031-01-07';

let sb: RunningSandbox;
let clock: TestClock;
let key: string;
let links: any[];
const link = (slug: string) => links.find((l) => l.slug === slug);

beforeEach(async () => {
  clock = testClock(NOW);
  sb = await startWithClock(clock);
  key = await issueKey(sb.url, 'acct-a');
  sb.kit.limits.configure('acct-a', 'burst', { max: 100_000, windowMs: 60_000 });
  links = (await call(sb.url, '/api/v1/booking-links', { key })).body.data;
});
afterEach(() => sb.close());

const day = (linkId: string, date = TUESDAY, extra = '') => call(sb.url, `/api/v1/availability?booking_link_id=${linkId}&date=${date}${extra}`, { key });
const starts = (r: { body: any }): string[] => r.body.data.slots.map((s: any) => s.start);
const book = (json: Record<string, unknown>, k = key) => call(sb.url, '/api/v1/bookings', { method: 'POST', key: k, json });
const demo = (start: string) => ({ booking_link_id: link('product-demo').id, contact_name: 'Bob Builder', contact_email: 'bob@example.com', start_time: start });

describe('keys', () => {
  it('refuses a missing, forged or revoked key with 401 and a read-only key on writes with 403', async () => {
    expect((await call(sb.url, '/api/v1/booking-links')).body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    expect((await call(sb.url, '/api/v1/booking-links', { key: `${key}x` })).status).toBe(401);
    const readOnly = await issueKey(sb.url, 'acct-a', ['bookings:read']);
    expect((await call(sb.url, '/api/v1/bookings', { key: readOnly })).status).toBe(200);
    const w = await book(demo('2031-01-07T15:00:00.000Z'), readOnly);
    expect([w.status, w.body.error.code]).toEqual([403, 'insufficient_scope']);
    sb.kit.injectFault({ grants: [sb.kit.callerOf(readOnly)!.grantId!] }, 'revoke_token');
    expect((await call(sb.url, '/api/v1/bookings', { key: readOnly })).status).toBe(401);
    expect((await call(sb.url, '/api/v1/bookings', { key })).status).toBe(200);
  });
});

describe('booking links', () => {
  it('lists links with team hosts, durations, buffers and questions, paged with total', async () => {
    expect(links.map((l) => l.slug)).toEqual(['30min-discovery', 'product-demo', 'onboarding-session']);
    expect(link('30min-discovery').hosts.map((h: any) => h.email)).toEqual(SANDBOX_TEAM.slice(0, 3).map((m) => m.email));
    expect(link('product-demo')).toMatchObject({ duration_minutes: 45, buffer_before_minutes: 15, buffer_after_minutes: 15, active: true });
    expect(link('30min-discovery').routing_rules).toHaveLength(1);
    const p2 = await call(sb.url, '/api/v1/booking-links?page=2&limit=2', { key });
    expect(p2.body.pagination).toEqual({ page: 2, limit: 2, total: 3, hasMore: false });
    expect(p2.body.data.map((l: any) => l.slug)).toEqual(['onboarding-session']);
  });
});

describe('availability', () => {
  it('answers one day in the seed shape, inside the host\'s working hours, after the notice', async () => {
    const r = await day(link('product-demo').id);
    expect(r.status).toBe(200);
    expect(r.body.data).toMatchObject({ booking_link_id: link('product-demo').id, slug: 'product-demo', date: TUESDAY });
    // Kwame Mensah, New York 09:00–17:00 = 14:00–22:00 UTC in January; 45 min on a 15-min grid.
    expect(starts(r)[0]).toBe('2031-01-07T14:00:00.000Z');
    expect(starts(r).at(-1)).toBe('2031-01-07T21:15:00.000Z');
    expect(r.body.data.slots[0]).toEqual({ start: '2031-01-07T14:00:00.000Z', end: '2031-01-07T14:45:00.000Z', staff_ids: [link('product-demo').hosts[0].id] });
    // A day in another zone starts at its own midnight.
    const ny = await day(link('product-demo').id, TUESDAY, '&timezone=America/New_York');
    expect(starts(ny)).toEqual(starts(r));
    const tokyo = await day(link('product-demo').id, '2031-01-08', '&timezone=Asia/Tokyo');
    // Tokyo's 8 January is [7 Jan 15:00, 8 Jan 15:00) UTC: the end of New York's Tuesday and the start of its Wednesday.
    const tuesdayPart = starts(r).filter((s) => s >= '2031-01-07T15:00:00.000Z');
    expect(starts(tokyo).slice(0, tuesdayPart.length)).toEqual(tuesdayPart);
    expect(starts(tokyo).slice(tuesdayPart.length)).toEqual(['14:00', '14:15', '14:30', '14:45'].map((t) => `2031-01-08T${t}:00.000Z`));
  });

  it('answers the seed\'s errors for a missing date, an unknown link and a bad date', async () => {
    expect((await call(sb.url, `/api/v1/availability?booking_link_id=${link('product-demo').id}`, { key })).body.error).toMatchObject({ code: 'missing_field', fields: ['date'] });
    const unknown = await day('link_nope');
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'booking_link_not_found']);
    expect((await day(link('product-demo').id, '2031-02-30')).body.error.code).toBe('validation_failed');
    expect((await call(sb.url, `/api/v1/availability?slug=product-demo&date=${TUESDAY}`, { key })).status).toBe(200);
  });

  it('a booked slot and its buffers leave the list; cancelling brings them back', async () => {
    const before = starts(await day(link('product-demo').id));
    const made = await book(demo('2031-01-07T16:00:00.000Z'));
    expect(made.status).toBe(201);
    const after = starts(await day(link('product-demo').id));
    // [16:00, 16:45) padded by 15 min each side blocks every start after 15:00 and before 17:00
    // (a 15:00 demo ends at 15:45, its buffer at 16:00: touching is allowed).
    const blocked = before.filter((s) => s > '2031-01-07T15:00:00.000Z' && s < '2031-01-07T17:00:00.000Z');
    expect(blocked).toHaveLength(7);
    expect(after).toEqual(before.filter((s) => !blocked.includes(s)));
    const cancel = await call(sb.url, `/api/v1/bookings/${made.body.data.id}/cancel`, { method: 'PATCH', key, json: { reason: 'changed plans' } });
    expect(cancel.body).toEqual({ data: { id: made.body.data.id, status: 'cancelled', reason: 'changed plans' } });
    expect(starts(await day(link('product-demo').id))).toEqual(before);
  });

  it('offers exactly what it accepts: every listed slot books, a time off the grid does not', async () => {
    const offered = starts(await day(link('product-demo').id)).filter((_, i) => i % 6 === 0);
    for (const s of offered) {
      // Each booking blocks its neighbours, so the next listed start is re-read before booking it.
      if (!starts(await day(link('product-demo').id)).includes(s)) continue;
      expect((await book(demo(s))).status).toBe(201);
    }
    const off = await book(demo('2031-01-07T14:05:00.000Z'));
    expect([off.status, off.body.error.code]).toEqual([409, 'slot_taken']);
  });
});

describe('bookings', () => {
  it('creates with the seed\'s fields, round-robins the staff, and reads back with link_title and duration', async () => {
    const discovery = link('30min-discovery');
    const start = (await day(discovery.id)).body.data.slots.find((x: any) => x.staff_ids.length >= 2).start;
    const r = await book({
      booking_link_id: discovery.id, contact_name: 'Alice Example', contact_email: 'alice@example.com', contact_phone: '+15550100',
      start_time: start, notes: 'First-time client', client_timezone: 'Europe/London', answers: [{ question_id: 'q_company_size', answer: '51-200' }],
    });
    expect(r.status).toBe(201);
    expect(r.body.data).toMatchObject({
      booking_link_id: discovery.id, contact_name: 'Alice Example', contact_phone: '+15550100', status: 'confirmed', notes: 'First-time client',
      client_timezone: 'Europe/London', answers: [{ question_id: 'q_company_size', answer: '51-200' }], start_time: start,
    });
    const got = await call(sb.url, `/api/v1/bookings/${r.body.data.id}`, { key });
    expect(got.body.data).toMatchObject({ id: r.body.data.id, link_title: 'Discovery call', duration_minutes: 30 });
    // The same slot again goes to another free host of the link.
    const { id: _id, staff_id: _staff, ...rest } = r.body.data;
    const again = await book({ ...rest, contact_email: 'carol@example.com' });
    expect(again.status).toBe(201);
    expect(again.body.data.staff_id).not.toBe(r.body.data.staff_id);
  });

  it('answers missing_field, validation_failed, routing_rejected and booking_link_not_found', async () => {
    const discovery = link('30min-discovery');
    const start = starts(await day(discovery.id))[0];
    const base = { booking_link_id: discovery.id, contact_name: 'A', contact_email: 'a@example.com', start_time: start };
    const missing = await book({ booking_link_id: discovery.id, contact_email: 'a@example.com' });
    expect([missing.status, missing.body.error.code, missing.body.error.fields]).toEqual([400, 'missing_field', ['contact_name', 'start_time']]);
    const unanswered = await book(base);
    expect([unanswered.status, unanswered.body.error.code]).toEqual([400, 'validation_failed']);
    const rejected = await book({ ...base, answers: [{ question_id: 'q_company_size', answer: '1-10' }] });
    expect([rejected.status, rejected.body.error]).toEqual([403, { code: 'routing_rejected', message: DISCOVERY_REJECT_REASON }]);
    const noLink = await book({ ...base, booking_link_id: 'link_nope' });
    expect([noLink.status, noLink.body.error.code]).toEqual([404, 'booking_link_not_found']);
  });

  it('20 concurrent creates of one slot: exactly one 201, the rest 409 slot_taken', async () => {
    const start = starts(await day(link('product-demo').id))[3];
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => book({ ...demo(start), contact_email: `c${i}@example.com` })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 && r.body.error.code === 'slot_taken')).toHaveLength(19);
  });

  it('cancel: not_found for an unknown booking, already_cancelled the second time', async () => {
    expect((await call(sb.url, '/api/v1/bookings/bkg_nope/cancel', { method: 'PATCH', key, json: {} })).body.error.code).toBe('not_found');
    const made = await book(demo('2031-01-07T18:00:00.000Z'));
    expect((await call(sb.url, `/api/v1/bookings/${made.body.data.id}/cancel`, { method: 'PATCH', key })).body.data.reason).toBeNull();
    const twice = await call(sb.url, `/api/v1/bookings/${made.body.data.id}/cancel`, { method: 'PATCH', key, json: {} });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'already_cancelled']);
  });

  it('lists the seeded bookings page by page with total and hasMore, filtered by status and start', async () => {
    const all = await call(sb.url, '/api/v1/bookings?limit=100', { key });
    const total = all.body.pagination.total;
    expect(total).toBeGreaterThanOrEqual(10);
    expect(new Set(all.body.data.map((b: any) => b.status))).toEqual(new Set(['confirmed', 'cancelled', 'no_show']));
    const seen: string[] = [];
    for (let page = 1; ; page += 1) {
      const r = await call(sb.url, `/api/v1/bookings?page=${page}&limit=4`, { key });
      expect(r.body.pagination).toMatchObject({ page, limit: 4, total });
      seen.push(...r.body.data.map((b: any) => b.id));
      if (!r.body.pagination.hasMore) break;
    }
    expect(seen).toEqual(all.body.data.map((b: any) => b.id));
    const cancelled = await call(sb.url, '/api/v1/bookings?status=cancelled', { key });
    expect(cancelled.body.data.every((b: any) => b.status === 'cancelled')).toBe(true);
    const upcoming = await call(sb.url, `/api/v1/bookings?from=${new Date(NOW).toISOString()}`, { key });
    expect(upcoming.body.data.every((b: any) => b.start_time >= new Date(NOW).toISOString())).toBe(true);
    expect((await call(sb.url, '/api/v1/bookings?limit=101', { key })).status).toBe(400);
  });
});

describe('limits, faults and stats', () => {
  it('reports its budget in headers, answers 429 with Retry-After when spent, and serves queued faults', async () => {
    const fresh = await issueKey(sb.url, 'acct-b');
    sb.kit.limits.configure('acct-b', 'burst', { max: 2, windowMs: 60_000 });
    const first = await call(sb.url, '/api/v1/bookings', { key: fresh });
    expect(first.headers.get('x-ratelimit-limit')).toBe('2');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    await call(sb.url, '/api/v1/bookings', { key: fresh });
    const limited = await call(sb.url, '/api/v1/bookings', { key: fresh });
    expect([limited.status, limited.body.error.code, limited.headers.get('retry-after')]).toEqual([429, 'rate_limited', '60']);
    sb.kit.limits.configure('acct-a', 'burst', { max: 1000, windowMs: 60_000 });
    sb.kit.injectFault('acct-a', 'server_error');
    expect((await call(sb.url, '/api/v1/bookings', { key })).status).toBe(500);
    expect(sb.kit.stats.get('acct-b').requests['GET /api/v1/bookings']).toBe(3);
    expect(sb.kit.stats.get('acct-a').requests).toMatchObject({ 'GET /api/v1/booking-links': 1, 'GET /api/v1/bookings': 1 });
  });
});
