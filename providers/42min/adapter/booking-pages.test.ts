import { readFileSync } from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import { LIVE_ACCESS_TOKEN, liveAdapterContext, type LiveHarness } from '../../../test/helpers/adapter-harness';
import { adapter } from '.';

/**
 * Booking pages = event types, availability = /v1/slots, against the real host (both endpoints
 * UNCONFIRMED: README § Assumptions). Exact requests: one call for a whole range of slots.
 */
const HOST = 'https://api.42min.us';
const ADA = { user_id: '6f1c1d2e-0000-4000-8000-000000000001', username: 'ada', email: 'ada.lovelace@team.example.com' };
const BJORN = { user_id: '6f1c1d2e-0000-4000-8000-000000000002', username: 'bjorn', email: 'bjorn.overgaard@team.example.com' };
const location = { type: 'google_meet', url: null, value: null };
const eventType = (id: string, slug: string, title: string, minutes: number, status: 'on' | 'off', hosts: typeof ADA[]) => ({
  id, slug, title, duration_minutes: minutes, status, disable_rescheduling: false, host: hosts[0], hosts,
  buffer_before_minutes: 0, buffer_after_minutes: 15, minimum_notice_minutes: 60, slot_interval_minutes: 15,
  url: `https://42min.us/${hosts[0].username}/${slug}`, location,
});
const DEMO = eventType('0b5e2c1a-0000-4000-8000-00000000000a', 'demo', 'Product demo', 30, 'on', [ADA, BJORN]);
const INTRO = eventType('0b5e2c1a-0000-4000-8000-00000000000b', 'intro', 'Intro call', 15, 'off', [BJORN]);
const USERS = [{ ...ADA, name: 'Ada Lovelace', timezone: 'Europe/London', working_hours: [], active: true }];
const SLOTS = [
  { start: '2031-05-05T08:00:00.000Z', end: '2031-05-05T08:30:00.000Z', host_user_ids: [ADA.user_id, BJORN.user_id] },
  { start: '2031-05-05T08:15:00.000Z', end: '2031-05-05T08:45:00.000Z', host_user_ids: [BJORN.user_id] },
];
const golden = (name: string) => JSON.parse(readFileSync(path.join(__dirname, `../fixtures/golden/${name}.json`), 'utf8')) as unknown[];
const withoutRaw = <T extends { remoteData?: unknown }>({ remoteData: _r, ...rest }: T) => rest;
const api = () => nock(HOST, { reqheaders: { authorization: `Bearer ${LIVE_ACCESS_TOKEN}` } });
const envelope = (data: unknown, meta: Record<string, unknown> = {}) => ({ data, meta: { request_id: 'req_1', ...meta } });

let h: LiveHarness;
beforeAll(async () => { nock.disableNetConnect(); h = await liveAdapterContext('42min'); });
afterEach(() => nock.cleanAll());
afterAll(async () => { await h.close(); nock.enableNetConnect(); nock.restore(); });

describe('42min booking pages (nock)', () => {
  it('lists event types as booking pages, host names from the users list asked alongside', async () => {
    const scope = api().get('/v1/event-types').reply(200, envelope([DEMO, INTRO])).get('/v1/users').reply(200, envelope(USERS));
    const page = await adapter.resources!.bookingPages!.list(h.ctx, { limit: 50, cursor: null });
    expect(scope.isDone()).toBe(true);
    expect(page.nextCursor).toBeNull();
    expect(page.items[0].remoteData).toEqual(DEMO);
    expect(page.items.map(withoutRaw)).toEqual(golden('bookingPages'));
  });

  it('keeps null host names when the users list is not there, and filters by host email', async () => {
    const scope = api().get('/v1/event-types').reply(200, envelope([DEMO, INTRO]))
      .get('/v1/users').reply(404, { error: { code: 'not_found', message: 'Not found' } });
    const page = await adapter.resources!.bookingPages!.list(h.ctx, { limit: 50, cursor: null, hostEmail: 'ada.lovelace@team.example.com' });
    expect(scope.isDone()).toBe(true);
    expect(page.items.map((p) => p.id)).toEqual([DEMO.id]);
    expect(page.items[0].hosts[0]).toEqual({ id: ADA.user_id, name: null, email: ADA.email });
  });
});

describe('42min availability (nock)', () => {
  const query = { bookingPageId: DEMO.id, startDate: '2031-05-05T00:00:00.000Z', endDate: '2031-05-12T00:00:00.000Z', timezone: 'Europe/Berlin' };

  it('asks /v1/slots once for the whole range', async () => {
    const scope = api().get('/v1/slots').query({ event_type_id: DEMO.id, start: query.startDate, end: query.endDate, timezone: 'Europe/Berlin' })
      .reply(200, envelope(SLOTS, { event_type_id: DEMO.id, duration_minutes: 30, timezone: 'Europe/Berlin', start: query.startDate, end: query.endDate }));
    const slots = await adapter.resources!.availability!.list(h.ctx, query);
    expect(scope.isDone()).toBe(true);
    expect(slots).toEqual(golden('availability'));
  });

  it('filters by host: the page\'s own hosts give the id (one more call)', async () => {
    const scope = api().get('/v1/event-types').reply(200, envelope([DEMO]))
      .get('/v1/slots').query({ event_type_id: DEMO.id, start: query.startDate, end: query.endDate, host_user_id: BJORN.user_id })
      .reply(200, envelope([SLOTS[1]]));
    const slots = await adapter.resources!.availability!.list(h.ctx, { ...query, timezone: null, hostEmail: BJORN.email });
    expect(scope.isDone()).toBe(true);
    expect(slots.map((s) => s.hostIds)).toEqual([[BJORN.user_id]]);
    api().get('/v1/event-types').reply(200, envelope([DEMO]));
    await expect(adapter.resources!.availability!.list(h.ctx, { ...query, hostEmail: 'nobody@example.com' }))
      .rejects.toMatchObject({ code: 'INVALID_INPUT', details: { errors: [{ field: 'hostEmail' }] } });
  });

  it('names bookingPageId when 42min does not know the event type or refuses its id', async () => {
    api().get('/v1/slots').query(true).reply(404, { error: { code: 'event_type_not_found', message: 'Event type not found.', details: {} } });
    await expect(adapter.resources!.availability!.list(h.ctx, query))
      .rejects.toMatchObject({ code: 'INVALID_INPUT', details: { errors: [{ field: 'bookingPageId' }] } });
    api().get('/v1/slots').query(true).reply(400, { error: { code: 'invalid_query_param', message: 'event_type_id is required, as a UUID.', details: { param: 'event_type_id' } } });
    await expect(adapter.resources!.availability!.list(h.ctx, { ...query, bookingPageId: 'nope' }))
      .rejects.toMatchObject({ code: 'INVALID_INPUT', details: { errors: [{ field: 'bookingPageId' }] } });
  });
});
