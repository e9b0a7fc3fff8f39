import type { RunningSandbox } from '../../../test/helpers/sandbox';
import { call, issueToken, listAll, start } from './test-support';

/** GET /v1/bookings and GET /v1/bookings/:uid, from seed 003. */
const BOOKING_FIELDS = ['uid', 'version', 'event_type_id', 'event_type_slug', 'title', 'status', 'start_at', 'end_at', 'timezone',
  'host', 'attendees', 'guests', 'location', 'metadata', 'responses', 'calendar_sync_status', 'calendar_event_id',
  'rescheduled_from_uid', 'cancelled_at', 'cancellation_reason', 'no_show_at', 'no_show_reason', 'created_at', 'updated_at'];

let sb: RunningSandbox;
let token: string;
let all: any[];
beforeAll(async () => {
  sb = await start();
  token = await issueToken(sb.url, 'reader');
  all = (await listAll(sb.url, token, 'limit=100')).items;
});
afterAll(async () => { await sb.close(); });

const sortedBy = (items: any[], field: string, dir: 1 | -1) =>
  items.every((b, i) => i === 0 || (dir === 1 ? items[i - 1][field] <= b[field] : items[i - 1][field] >= b[field]));

describe('GET /v1/bookings', () => {
  it('seeds at least 45 bookings; items have the documented fields and responses: null', () => {
    expect(all.length).toBeGreaterThanOrEqual(45);
    for (const b of all) {
      expect(Object.keys(b).sort()).toEqual([...BOOKING_FIELDS].sort());
      expect(b.responses).toBeNull();
      expect(['confirmed', 'canceled']).toContain(b.status);
      expect(['synced', 'pending', 'failed', 'not_applicable']).toContain(b.calendar_sync_status);
      expect(b.host).toEqual({ user_id: expect.any(String), username: expect.any(String), email: expect.any(String) });
      expect(Object.keys(b.location).sort()).toEqual(['type', 'url', 'value']);
      expect(b.location.url ?? b.location.value).toEqual(expect.any(String));
    }
  });

  it('defaults to 20 per page sorted start_at_desc, and pages to the end with no record missed or repeated', async () => {
    const first = await call(sb.url, '/v1/bookings', { token });
    expect(first.body.data).toHaveLength(20);
    expect(first.body.meta).toEqual({ request_id: expect.stringMatching(/^req_/), next_cursor: expect.any(String), has_more: true });
    const { items, pages } = await listAll(sb.url, token, 'limit=7');
    expect(pages).toBe(Math.ceil(all.length / 7));
    expect(items.map((b) => b.uid)).toEqual(all.map((b) => b.uid));
    expect(new Set(items.map((b) => b.uid)).size).toBe(all.length);
    expect(sortedBy(items, 'start_at', -1)).toBe(true);
  });

  it('the last page has next_cursor null and has_more false', async () => {
    const r = await call(sb.url, `/v1/bookings?limit=100`, { token });
    expect(r.body.meta.next_cursor).toBeNull();
    expect(r.body.meta.has_more).toBe(false);
  });

  it.each([
    ['start_at_asc', 'start_at', 1], ['created_at_desc', 'created_at', -1], ['updated_at_asc', 'updated_at', 1],
    ['updated_at_desc', 'updated_at', -1],
  ] as const)('sort=%s orders by %s across pages', async (sort, field, dir) => {
    const { items } = await listAll(sb.url, token, `sort=${sort}&limit=9`);
    expect(items).toHaveLength(all.length);
    expect(sortedBy(items, field, dir)).toBe(true);
  });

  it('filters by status (comma list; "cancelled" accepted) and include_cancelled=false', async () => {
    const canceled = all.filter((b) => b.status === 'canceled');
    expect(canceled.length).toBeGreaterThan(0);
    expect((await listAll(sb.url, token, 'status=canceled&limit=100')).items).toHaveLength(canceled.length);
    expect((await listAll(sb.url, token, 'status=cancelled&limit=100')).items).toHaveLength(canceled.length);
    expect((await listAll(sb.url, token, 'status=confirmed,canceled&limit=100')).items).toHaveLength(all.length);
    const active = (await listAll(sb.url, token, 'include_cancelled=false&limit=100')).items;
    expect(active).toHaveLength(all.length - canceled.length);
    expect(active.every((b) => b.status === 'confirmed')).toBe(true);
  });

  it('filters by event_type_id, host_user_id and attendee_email (exact, case-sensitive)', async () => {
    const sample = all[3];
    const byType = (await listAll(sb.url, token, `event_type_id=${sample.event_type_id}&limit=100`)).items;
    expect(byType.length).toBe(all.filter((b) => b.event_type_id === sample.event_type_id).length);
    const byHost = (await listAll(sb.url, token, `host_user_id=${sample.host.user_id}&limit=100`)).items;
    expect(byHost.length).toBe(all.filter((b) => b.host.user_id === sample.host.user_id).length);
    const email = sample.attendees[0].email as string;
    const byEmail = (await listAll(sb.url, token, `attendee_email=${encodeURIComponent(email)}`)).items;
    expect(byEmail.map((b) => b.uid)).toContain(sample.uid);
    expect(byEmail.every((b) => b.attendees.some((a: any) => a.email === email))).toBe(true);
    const upper = await call(sb.url, `/v1/bookings?attendee_email=${encodeURIComponent(email.toUpperCase())}`, { token });
    expect(upper.body.data).toEqual([]);
  });

  it('start_date / end_date are inclusive bounds on start_at; updated_since is updated_at ≥', async () => {
    const sorted = [...all].sort((a, b) => (a.start_at < b.start_at ? -1 : 1));
    const lo = sorted[10].start_at;
    const hi = sorted[30].start_at;
    const inRange = (await listAll(sb.url, token, `start_date=${lo}&end_date=${hi}&limit=100`)).items;
    expect(inRange.length).toBe(all.filter((b) => b.start_at >= lo && b.start_at <= hi).length);
    expect(inRange.map((b) => b.uid)).toEqual(expect.arrayContaining([sorted[10].uid, sorted[30].uid]));
    const since = [...all].sort((a, b) => (a.updated_at < b.updated_at ? -1 : 1))[20].updated_at;
    const sweep = (await listAll(sb.url, token, `updated_since=${since}&sort=updated_at_asc&limit=5`)).items;
    expect(sweep.length).toBe(all.filter((b) => b.updated_at >= since).length);
    expect(sweep[0].updated_at >= since).toBe(true);
  });

  it.each([
    ['limit=0', 'limit'], ['limit=101', 'limit'], ['limit=ten', 'limit'], ['sort=title', 'sort'],
    ['start_date=yesterday', 'start_date'], ['updated_since=2026-13-45T99:00:00Z', 'updated_since'],
    ['event_type_id=abc', 'event_type_id'], ['include_cancelled=maybe', 'include_cancelled'], ['cursor=garbage', 'cursor'],
  ])('%s → 400 invalid_query_param with details.param', async (qs, param) => {
    const r = await call(sb.url, `/v1/bookings?${qs}`, { token });
    expect(r.status).toBe(400);
    expect(r.body.error).toEqual({ code: 'invalid_query_param', message: expect.any(String), details: { param }, request_id: expect.stringMatching(/^req_/) });
  });

  it('a cursor is bound to its query: reusing it with other filters is 400 invalid_query_param (cursor)', async () => {
    const page = await call(sb.url, '/v1/bookings?limit=5&sort=start_at_asc', { token });
    const cursor = encodeURIComponent(page.body.meta.next_cursor);
    expect((await call(sb.url, `/v1/bookings?limit=5&sort=start_at_asc&cursor=${cursor}`, { token })).status).toBe(200);
    const other = await call(sb.url, `/v1/bookings?limit=5&sort=start_at_desc&cursor=${cursor}`, { token });
    expect(other.status).toBe(400);
    expect(other.body.error.details).toEqual({ param: 'cursor' });
  });
});

describe('GET /v1/bookings/:uid', () => {
  it('returns the booking with responses filled and ETag "<version>"', async () => {
    const item = all.find((b) => b.status === 'confirmed');
    const r = await call(sb.url, `/v1/bookings/${item.uid}`, { token });
    expect(r.status).toBe(200);
    expect(r.headers.get('etag')).toBe(`"${item.version}"`);
    expect(r.body.data).toEqual({ ...item, responses: expect.any(Object) });
    expect(r.body.data.responses).not.toBeNull();
    expect(r.body.meta).toEqual({ request_id: expect.stringMatching(/^req_/) });
  });

  it.each(['not-a-uuid', '01HXXXXXXXXXXXXXXXXXXXXXXX', '6f1c1c1e-9a3b-4c2d-8e7f-000000000000'])('%s → 404 booking_not_found', async (uid) => {
    const r = await call(sb.url, `/v1/bookings/${uid}`, { token });
    expect(r.status).toBe(404);
    expect(r.body.error).toMatchObject({ code: 'booking_not_found', details: {} });
  });

  it('bookings of another account are not found (wrong tenant collapses into 404)', async () => {
    const otherToken = await issueToken(sb.url, 'someone-else');
    const r = await call(sb.url, `/v1/bookings/${all[0].uid}`, { token: otherToken });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('booking_not_found');
  });
});

describe('GET /v1/event-types (sandbox extension)', () => {
  it('lists bookable event types, including an inactive one and one that disallows rescheduling', async () => {
    const r = await call(sb.url, '/v1/event-types', { token });
    expect(r.status).toBe(200);
    const slugs = r.body.data.map((e: any) => e.slug);
    expect(slugs).toEqual(expect.arrayContaining(['intro-call', 'demo', 'strategy-session', 'legacy-consult']));
    expect(r.body.data.find((e: any) => e.slug === 'legacy-consult').status).toBe('off');
    expect(r.body.data.find((e: any) => e.slug === 'strategy-session').disable_rescheduling).toBe(true);
  });
});
