import nock from 'nock';
import { adapter } from '.';
import { BOOKING, BOOKING_GET, CANCELLED, DEMO, DISCOVERY, KWAME, SLOTS_0501, SLOTS_0502 } from '../fixtures/wire';
import { daysCovering, mapLimited } from './days';
import { TEST_KEY, directContext } from './test-support';

/**
 * The adapter against a fixed example base URL (each connection brings its own): the exact
 * requests it sends and how the seed's answers and errors come back.
 */
const BASE = 'https://bookings.example.com';
const ctx = directContext(BASE);
const r = adapter.resources!;
const api = () => nock(BASE, { reqheaders: { authorization: `Bearer ${TEST_KEY}` } });
const paged = (data: unknown[], page: number, limit: number, total: number) => ({ data, pagination: { page, limit, total, hasMore: page * limit < total } });
const err = (code: string, message: string) => ({ error: { code, message } });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => { nock.enableNetConnect(); nock.restore(); });

describe('booking pages and users ← booking links', () => {
  it('reads every page of links (100 a page) and filters by host email', async () => {
    const scope = api()
      .get('/api/v1/booking-links').query({ page: '1', limit: '100' }).reply(200, paged([DISCOVERY], 1, 100, 101))
      .get('/api/v1/booking-links').query({ page: '2', limit: '100' }).reply(200, paged([DEMO], 2, 100, 101));
    const page = await r.bookingPages!.list(ctx, { limit: 50, cursor: null, hostEmail: KWAME.email });
    expect(scope.isDone()).toBe(true);
    expect(page.items.map((p) => p.id)).toEqual([DEMO.id]);
    expect(page.items[0]).toMatchObject({ kind: 'booking_link', hosts: [{ id: KWAME.id, name: KWAME.name, email: KWAME.email }, expect.anything()] });
  });

  it('users are the links\' hosts, paged by the gateway', async () => {
    api().get('/api/v1/booking-links').query({ page: '1', limit: '100' }).times(2).reply(200, paged([DISCOVERY, DEMO], 1, 100, 2));
    const first = await r.users!.list(ctx, { limit: 2, cursor: null });
    expect(first.items.map((u) => u.email)).toEqual([DISCOVERY.hosts[0].email, DISCOVERY.hosts[1].email]);
    const second = await r.users!.list(ctx, { limit: 2, cursor: first.nextCursor });
    expect([second.items.map((u) => u.id), second.nextCursor]).toEqual([[KWAME.id], null]);
  });
});

describe('availability ← one call per day', () => {
  it('walks the range day by day (UTC by default), merges and clips to the range', async () => {
    const scope = api()
      .get('/api/v1/availability').query({ booking_link_id: DISCOVERY.id, date: '2031-05-01' })
      .reply(200, { data: { booking_link_id: DISCOVERY.id, slug: DISCOVERY.slug, date: '2031-05-01', slots: SLOTS_0501 } })
      .get('/api/v1/availability').query({ booking_link_id: DISCOVERY.id, date: '2031-05-02' })
      .reply(200, { data: { booking_link_id: DISCOVERY.id, slug: DISCOVERY.slug, date: '2031-05-02', slots: SLOTS_0502 } });
    const slots = await r.availability!.list(ctx, { bookingPageId: DISCOVERY.id, startDate: '2031-05-01T09:30:00.000Z', endDate: '2031-05-02T12:00:00.000Z', timezone: null });
    expect(scope.isDone()).toBe(true);
    expect(slots).toEqual([
      { start: '2031-05-01T09:30:00.000Z', end: '2031-05-01T10:00:00.000Z', hostIds: ['stf_b2'] },
      { start: '2031-05-02T09:00:00.000Z', end: '2031-05-02T09:30:00.000Z', hostIds: ['stf_a1'] },
    ]);
  });

  it('the caller\'s zone decides the days (and is sent); hostEmail becomes staff_id', async () => {
    const scope = api()
      .get('/api/v1/booking-links').query({ page: '1', limit: '100' }).reply(200, paged([DISCOVERY], 1, 100, 1))
      .get('/api/v1/availability').query({ booking_link_id: DISCOVERY.id, date: '2031-05-01', timezone: 'America/New_York', staff_id: 'stf_b2' })
      .reply(200, { data: { booking_link_id: DISCOVERY.id, date: '2031-05-01', slots: SLOTS_0501 } });
    // 1 May in New York is [04:00Z, 04:00Z next day): one call.
    const slots = await r.availability!.list(ctx, {
      bookingPageId: DISCOVERY.id, startDate: '2031-05-01T04:00:00.000Z', endDate: '2031-05-02T04:00:00.000Z', timezone: 'America/New_York', hostEmail: DISCOVERY.hosts[1].email,
    });
    expect(scope.isDone()).toBe(true);
    expect(slots.map((s) => s.hostIds)).toEqual([['stf_b2'], ['stf_b2']]);
  });

  it('an unknown link is INVALID_INPUT naming bookingPageId', async () => {
    api().get('/api/v1/availability').query(true).reply(404, err('booking_link_not_found', 'No matching link in this entity'));
    await expect(r.availability!.list(ctx, { bookingPageId: 'link_x', startDate: '2031-05-01T00:00:00Z', endDate: '2031-05-01T12:00:00Z', timezone: null }))
      .rejects.toMatchObject({ code: 'INVALID_INPUT', status: 400, details: { errors: [{ field: 'bookingPageId', message: expect.any(String) }] } });
  });

  it('days of a range, DST included, and at most N calls in flight', async () => {
    expect(daysCovering('2031-03-29T00:00:00Z', '2031-04-01T00:00:00Z', null)).toEqual(['2031-03-29', '2031-03-30', '2031-03-31']);
    expect(daysCovering('2031-03-29T23:30:00Z', '2031-03-30T23:00:00Z', 'Europe/Berlin')).toEqual(['2031-03-30', '2031-03-31']);
    expect(daysCovering('2031-05-01T00:00:00Z', '2031-05-01T00:00:00Z', null)).toEqual([]);
    let inFlight = 0;
    let most = 0;
    const out = await mapLimited([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      inFlight += 1; most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      return n * 2;
    });
    expect([out, most]).toEqual([[2, 4, 6, 8, 10, 12, 14], 3]);
  });
});

describe('meetings ← bookings', () => {
  it('lists by page number (limit ≤ 100, from/to), the next page number as the cursor', async () => {
    const scope = api()
      .get('/api/v1/bookings').query({ page: '1', limit: '100', from: '2031-05-01T00:00:00.000Z', to: '2031-06-01T00:00:00.000Z' }).reply(200, paged([BOOKING], 1, 100, 150))
      .get('/api/v1/bookings').query({ page: '2', limit: '100' }).reply(200, paged([CANCELLED], 2, 100, 150));
    const first = await r.meetings!.list!(ctx, { limit: 200, cursor: null, filters: { startDate: '2031-05-01T00:00:00.000Z', endDate: '2031-06-01T00:00:00.000Z' } });
    expect([first.items.map((m) => m.id), first.nextCursor]).toEqual([['bkg_1'], '2']);
    const second = await r.meetings!.list!(ctx, { limit: 200, cursor: '2', filters: {} });
    expect([second.items.map((m) => m.status), second.nextCursor]).toEqual([['cancelled'], null]);
    expect(scope.isDone()).toBe(true);
    await expect(r.meetings!.list!(ctx, { limit: 10, cursor: 'abc', filters: {} })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('gets one with link_title and duration; not_found is MEETING_NOT_FOUND', async () => {
    api().get('/api/v1/bookings/bkg_1').reply(200, { data: BOOKING_GET }).get('/api/v1/bookings/nope').reply(404, err('not_found', 'No such booking'));
    expect(await r.meetings!.get!(ctx, 'bkg_1')).toMatchObject({ title: 'Discovery call', bookingPageId: DISCOVERY.id });
    await expect(r.meetings!.get!(ctx, 'nope')).rejects.toMatchObject({ code: 'MEETING_NOT_FOUND', status: 404 });
  });

  const booking = {
    bookingPageId: DISCOVERY.id, startTime: '2031-05-01T10:00:00Z', timezone: 'Europe/London', description: 'First-time client',
    attendees: [{ email: 'alice@example.com', name: 'Alice Example' }], answers: [{ questionId: 'q_company_size', answer: '11-50' }],
  };
  const sent = {
    booking_link_id: DISCOVERY.id, contact_name: 'Alice Example', contact_email: 'alice@example.com', start_time: '2031-05-01T10:00:00Z',
    client_timezone: 'Europe/London', notes: 'First-time client', answers: [{ question_id: 'q_company_size', answer: '11-50' }],
  };

  it('books with the seed\'s body', async () => {
    const scope = api().post('/api/v1/bookings', sent).reply(201, { data: BOOKING_GET });
    expect(await r.meetings!.create!(ctx, booking)).toMatchObject({ id: 'bkg_1', status: 'scheduled', hostIds: ['stf_a1'] });
    expect(scope.isDone()).toBe(true);
    // The seed's words ("the created booking") as a bare body work too.
    api().post('/api/v1/bookings').reply(201, BOOKING);
    expect((await r.meetings!.create!(ctx, booking)).id).toBe('bkg_1');
  });

  it.each([
    [409, 'slot_taken', { code: 'SLOT_UNAVAILABLE', status: 409 }],
    [403, 'routing_rejected', { code: 'INVALID_INPUT', status: 422, details: expect.objectContaining({ reason: 'Too small', errors: [{ field: 'answers', message: 'Too small' }] }) }],
    [400, 'validation_failed', { code: 'INVALID_INPUT', status: 400 }],
    [404, 'booking_link_not_found', { code: 'INVALID_INPUT', status: 400, details: expect.objectContaining({ errors: [expect.objectContaining({ field: 'bookingPageId' })] }) }],
  ])('a %i %s answer is %o', async (status, code, expected) => {
    api().post('/api/v1/bookings').reply(status, err(code, 'Too small'));
    await expect(r.meetings!.create!(ctx, booking)).rejects.toMatchObject(expected);
  });

  it('missing_field names the unified fields', async () => {
    api().post('/api/v1/bookings').reply(400, { error: { code: 'missing_field', message: 'Missing', fields: ['contact_email', 'start_time'] } });
    await expect(r.meetings!.create!(ctx, booking)).rejects.toMatchObject({ code: 'MISSING_REQUIRED', details: expect.objectContaining({ fields: ['attendees[0].email', 'startTime'] }) });
  });

  it('cancels with the reason and reads the meeting back; already_cancelled is the cancelled meeting', async () => {
    const scope = api()
      .patch('/api/v1/bookings/bkg_2/cancel', { reason: 'rescheduled by client' }).reply(200, { data: { id: 'bkg_2', status: 'cancelled', reason: 'rescheduled by client' } })
      .get('/api/v1/bookings/bkg_2').reply(200, { data: CANCELLED })
      .patch('/api/v1/bookings/bkg_2/cancel', {}).reply(409, err('already_cancelled', 'Booking is already cancelled'))
      .get('/api/v1/bookings/bkg_2').reply(200, { data: CANCELLED });
    expect(await r.meetings!.cancel!(ctx, 'bkg_2', { reason: 'rescheduled by client' })).toMatchObject({ status: 'cancelled', cancellationReason: 'rescheduled by client' });
    expect(await r.meetings!.cancel!(ctx, 'bkg_2', { reason: null })).toMatchObject({ id: 'bkg_2', status: 'cancelled' });
    expect(scope.isDone()).toBe(true);
  });

  it('reschedules by booking the new time first, then cancelling the old; the answer carries rescheduledFromId', async () => {
    const moved = { ...BOOKING_GET, id: 'bkg_9', start_time: '2031-05-03T10:00:00Z', end_time: '2031-05-03T10:30:00Z' };
    const scope = api()
      .get('/api/v1/bookings/bkg_1').reply(200, { data: BOOKING_GET })
      .post('/api/v1/bookings', {
        booking_link_id: DISCOVERY.id, contact_name: 'Alice Example', contact_email: 'alice@example.com', start_time: '2031-05-03T10:00:00Z',
        contact_phone: '+15550100', notes: 'First-time client', client_timezone: 'Europe/London', answers: BOOKING.answers,
      }).reply(201, { data: moved })
      .patch('/api/v1/bookings/bkg_1/cancel', { reason: 'client asked' }).reply(200, { data: { id: 'bkg_1', status: 'cancelled', reason: 'client asked' } });
    const m = await r.meetings!.reschedule!(ctx, 'bkg_1', { startTime: '2031-05-03T10:00:00Z', timezone: null, reason: 'client asked' });
    expect(scope.isDone()).toBe(true);
    expect(m).toMatchObject({ id: 'bkg_9', rescheduledFromId: 'bkg_1', startTime: '2031-05-03T10:00:00.000Z' });
  });

  it('a refused new time cancels nothing; a failed cancel after booking names both bookings', async () => {
    api().get('/api/v1/bookings/bkg_1').reply(200, { data: BOOKING_GET }).post('/api/v1/bookings').reply(409, err('slot_taken', 'Taken'));
    // No PATCH is expected: nock refuses any request it was not told about.
    await expect(r.meetings!.reschedule!(ctx, 'bkg_1', { startTime: '2031-05-03T10:00:00Z', timezone: null, reason: null })).rejects.toMatchObject({ code: 'SLOT_UNAVAILABLE' });
    expect(nock.pendingMocks()).toEqual([]);
    api().get('/api/v1/bookings/bkg_1').reply(200, { data: BOOKING_GET })
      .post('/api/v1/bookings').reply(201, { data: { ...BOOKING_GET, id: 'bkg_9' } })
      .patch('/api/v1/bookings/bkg_1/cancel').reply(500, err('internal_error', 'boom'));
    await expect(r.meetings!.reschedule!(ctx, 'bkg_1', { startTime: '2031-05-03T10:00:00Z', timezone: null, reason: null }))
      .rejects.toMatchObject({ code: 'PROVIDER_ERROR', details: expect.objectContaining({ newMeetingId: 'bkg_9', oldMeetingId: 'bkg_1' }) });
    api().get('/api/v1/bookings/bkg_2').reply(200, { data: CANCELLED });
    await expect(r.meetings!.reschedule!(ctx, 'bkg_2', { startTime: '2031-05-03T10:00:00Z', timezone: null, reason: null })).rejects.toMatchObject({ code: 'PROVIDER_CONFLICT' });
  });
});
