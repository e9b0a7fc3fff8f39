import type { RunningSandbox } from '../../../test/helpers/sandbox';
import { call, freeSlot, ikey, issueToken, listAll, start } from './test-support';

/** POST /v1/bookings, cancel, reschedule and PATCH, with every client-triggerable error of seed 003 / 000. */
let sb: RunningSandbox;
let token: string;
let types: Record<string, any>;
beforeEach(async () => {
  sb = await start();
  token = await issueToken(sb.url, 'writer');
  const r = await call(sb.url, '/v1/event-types', { token });
  types = Object.fromEntries(r.body.data.filter((e: any) => e.host.username === r.body.data[0].host.username).map((e: any) => [e.slug, e]));
});
afterEach(async () => { await sb.close(); });

const post = (path: string, json: unknown, headers: Record<string, string> = { 'idempotency-key': ikey() }) =>
  call(sb.url, path, { method: 'POST', token, headers, json });
const create = (over: Record<string, unknown> = {}, headers?: Record<string, string>) =>
  post('/v1/bookings', { event_type_id: types['intro-call'].id, start: freeSlot(), attendee: { email: 'bob@example.com', name: 'Bob Builder' }, ...over }, headers);
const expectError = (r: { status: number; body: any }, status: number, code: string) => {
  expect(r.status).toBe(status);
  expect(r.body.error).toMatchObject({ code, message: expect.any(String), details: expect.any(Object), request_id: expect.stringMatching(/^req_/) });
};
/** A seeded confirmed booking that already started, of an event type that allows rescheduling. */
const pastBooking = async () => (await listAll(sb.url, token, 'status=confirmed&limit=100')).items
  .find((b) => Date.parse(b.start_at) < Date.now() && b.event_type_slug !== 'strategy-session');

describe('POST /v1/bookings', () => {
  it('201 with the full detail: version 1, end_at = start + duration_minutes, ETag, UTM merged into metadata', async () => {
    const start = freeSlot();
    const r = await create({
      start, timezone: 'Europe/Berlin', metadata: { crm_id: 'C-7' }, utm_source: 'web', guests: ['carol@example.com', { email: 'dan@example.com', name: 'Dan' }],
      responses: { phone: '+49 30 12345678' }, attendee: { email: 'bob@example.com', first_name: 'Bob', last_name: 'Builder' },
    });
    expect(r.status).toBe(201);
    const b = r.body.data;
    expect(b).toMatchObject({
      version: 1, status: 'confirmed', event_type_id: types['intro-call'].id, event_type_slug: 'intro-call', timezone: 'Europe/Berlin',
      start_at: start, end_at: new Date(Date.parse(start) + types['intro-call'].duration_minutes * 60_000).toISOString(),
      attendees: [{ email: 'bob@example.com', name: 'Bob Builder', timezone: 'Europe/Berlin' }],
      guests: [{ email: 'carol@example.com' }, { email: 'dan@example.com', name: 'Dan' }],
      metadata: { crm_id: 'C-7', utm_source: 'web' }, responses: { phone: '+49 30 12345678' }, cancelled_at: null,
    });
    expect(b.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(r.headers.get('etag')).toBe('"1"');
    const got = await call(sb.url, `/v1/bookings/${b.uid}`, { token });
    expect(got.body.data).toEqual(b);
  });

  it('books by username + event_slug', async () => {
    const r = await create({ event_type_id: undefined, username: types.demo.host.username, event_slug: 'demo' });
    expect(r.status).toBe(201);
    expect(r.body.data.event_type_id).toBe(types.demo.id);
  });

  it('the same Idempotency-Key and body replays the first 201; a different body is 409 idempotency_key_conflict', async () => {
    const key = ikey();
    const body = { event_type_id: types['intro-call'].id, start: freeSlot(), attendee: { email: 'eve@example.com' } };
    const first = await post('/v1/bookings', body, { 'idempotency-key': key });
    const replay = await post('/v1/bookings', body, { 'idempotency-key': key });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    const mine = await listAll(sb.url, token, 'attendee_email=eve@example.com');
    expect(mine.items).toHaveLength(1);
    const conflict = await post('/v1/bookings', { ...body, start: freeSlot() }, { 'idempotency-key': key });
    expectError(conflict, 409, 'idempotency_key_conflict');
  });

  it('400 missing_idempotency_key / invalid_idempotency_key (> 255 chars)', async () => {
    expectError(await create({}, {}), 400, 'missing_idempotency_key');
    expectError(await create({}, { 'idempotency-key': 'k'.repeat(256) }), 400, 'invalid_idempotency_key');
    expect((await create({}, { 'idempotency-key': 'k'.repeat(255) })).status).toBe(201);
  });

  it('400 validation_error for a missing start / attendee / event type, 400 attendee_email_invalid', async () => {
    expectError(await create({ start: undefined }), 400, 'validation_error');
    expectError(await create({ start: 'next tuesday' }), 400, 'validation_error');
    expectError(await create({ attendee: undefined }), 400, 'validation_error');
    expectError(await create({ event_type_id: undefined }), 400, 'validation_error');
    expectError(await create({ metadata: ['not', 'an', 'object'] }), 400, 'validation_error');
    expectError(await create({ attendee: { email: 'not-an-email' } }), 400, 'attendee_email_invalid');
    expectError(await create({ attendee: { email: `${'a'.repeat(250)}@example.com` } }), 400, 'attendee_email_invalid');
  });

  it('400 invalid_request for a body that is not JSON', async () => {
    const r = await call(sb.url, '/v1/bookings', { method: 'POST', token, headers: { 'idempotency-key': ikey(), 'content-type': 'application/json' }, body: '{"start":' });
    expectError(r, 400, 'invalid_request');
  });

  it('404 event_type_not_found, 409 event_type_inactive', async () => {
    expectError(await create({ event_type_id: '6f1c1c1e-9a3b-4c2d-8e7f-000000000000' }), 404, 'event_type_not_found');
    expectError(await create({ event_type_id: undefined, username: 'nobody', event_slug: 'intro-call' }), 404, 'event_type_not_found');
    expectError(await create({ event_type_id: types['legacy-consult'].id }), 409, 'event_type_inactive');
  });

  it('409 slot_in_past, 409 slot_unavailable when the host already has a confirmed booking then', async () => {
    expectError(await create({ start: new Date(Date.now() - 3600_000).toISOString() }), 409, 'slot_in_past');
    const start = freeSlot();
    expect((await create({ start })).status).toBe(201);
    const overlapping = new Date(Date.parse(start) + 10 * 60_000).toISOString();
    expectError(await create({ start: overlapping, event_type_id: types.demo.id }), 409, 'slot_unavailable');
  });
});

describe('POST /v1/bookings/:uid/cancel', () => {
  it('cancels (200, version bumped) and is idempotent on an already canceled booking', async () => {
    const b = (await create()).body.data;
    const r = await post(`/v1/bookings/${b.uid}/cancel`, { reason: 'Schedule conflict' });
    expect(r.status).toBe(200);
    expect(r.body.data).toMatchObject({ uid: b.uid, status: 'canceled', version: 2, cancellation_reason: 'Schedule conflict', cancelled_at: expect.any(String) });
    const again = await post(`/v1/bookings/${b.uid}/cancel`, {});
    expect(again.status).toBe(200);
    expect(again.body.data).toEqual(r.body.data);
  });

  it('404 booking_not_found, 409 booking_in_past, 400 missing_idempotency_key', async () => {
    expectError(await post('/v1/bookings/nope/cancel', {}), 404, 'booking_not_found');
    expectError(await post(`/v1/bookings/${(await pastBooking()).uid}/cancel`, {}), 409, 'booking_in_past');
    const b = (await create()).body.data;
    expectError(await post(`/v1/bookings/${b.uid}/cancel`, {}, {}), 400, 'missing_idempotency_key');
  });
});

describe('POST /v1/bookings/:uid/reschedule', () => {
  it('moves the same booking, keeps its duration and bumps the version', async () => {
    const b = (await create({ event_type_id: types.demo.id })).body.data;
    const to = freeSlot();
    const r = await post(`/v1/bookings/${b.uid}/reschedule`, { start: to, timezone: 'Asia/Tokyo', reason: 'Later please' });
    expect(r.status).toBe(200);
    expect(r.body.data).toMatchObject({ uid: b.uid, version: 2, start_at: to, timezone: 'Asia/Tokyo', status: 'confirmed' });
    expect(Date.parse(r.body.data.end_at) - Date.parse(to)).toBe(45 * 60_000);
  });

  it('400 validation_error, 404, 409 booking_already_cancelled, 422 event_type_disallows_reschedule', async () => {
    const b = (await create()).body.data;
    expectError(await post(`/v1/bookings/${b.uid}/reschedule`, {}), 400, 'validation_error');
    expectError(await post('/v1/bookings/123/reschedule', { start: freeSlot() }), 404, 'booking_not_found');
    await post(`/v1/bookings/${b.uid}/cancel`, {});
    expectError(await post(`/v1/bookings/${b.uid}/reschedule`, { start: freeSlot() }), 409, 'booking_already_cancelled');
    const fixed = (await create({ event_type_id: types['strategy-session'].id })).body.data;
    expectError(await post(`/v1/bookings/${fixed.uid}/reschedule`, { start: freeSlot() }), 422, 'event_type_disallows_reschedule');
  });

  it('409 booking_in_past for a booking that already started, 409 slot_unavailable for a taken slot', async () => {
    expectError(await post(`/v1/bookings/${(await pastBooking()).uid}/reschedule`, { start: freeSlot() }), 409, 'booking_in_past');
    const a = (await create()).body.data;
    const b = (await create()).body.data;
    expectError(await post(`/v1/bookings/${b.uid}/reschedule`, { start: a.start_at }), 409, 'slot_unavailable');
  });
});

describe('PATCH /v1/bookings/:uid', () => {
  const patch = (uid: string, json: unknown, headers: Record<string, string>) =>
    call(sb.url, `/v1/bookings/${uid}`, { method: 'PATCH', token, headers: { 'idempotency-key': ikey(), ...headers }, json });

  it('shallow-merges metadata, replaces responses, sets attendee_name; 200 with the new ETag', async () => {
    const b = (await create({ metadata: { crm_id: 'C-7', stage: 'new' }, responses: { phone: '1', company: 'Acme' } })).body.data;
    const r = await patch(b.uid, { metadata: { stage: 'qualified', owner: 'ada' }, responses: { phone: '+49 …' }, attendee_name: 'Bob D. Builder' }, { 'if-match': '"1"' });
    expect(r.status).toBe(200);
    expect(r.headers.get('etag')).toBe('"2"');
    expect(r.body.data).toMatchObject({
      version: 2, metadata: { crm_id: 'C-7', stage: 'qualified', owner: 'ada' }, responses: { phone: '+49 …' },
      attendees: [{ email: 'bob@example.com', name: 'Bob D. Builder' }],
    });
    expect(r.body.data.start_at).toBe(b.start_at);
  });

  it('428 missing_if_match, 400 invalid_if_match, 409 version_conflict, 400 missing_idempotency_key', async () => {
    const b = (await create()).body.data;
    expectError(await patch(b.uid, { metadata: {} }, {}), 428, 'missing_if_match');
    expectError(await patch(b.uid, { metadata: {} }, { 'if-match': '"three"' }), 400, 'invalid_if_match');
    expectError(await patch(b.uid, { metadata: {} }, { 'if-match': '"7"' }), 409, 'version_conflict');
    const noKey = await call(sb.url, `/v1/bookings/${b.uid}`, { method: 'PATCH', token, headers: { 'if-match': '"1"' }, json: {} });
    expectError(noKey, 400, 'missing_idempotency_key');
  });

  it('422 field_immutable naming the rejected keys in details.fields; 400 validation_error for bad types', async () => {
    const b = (await create()).body.data;
    const r = await patch(b.uid, { start: freeSlot(), status: 'canceled', metadata: {} }, { 'if-match': '"1"' });
    expectError(r, 422, 'field_immutable');
    expect(r.body.error.details).toEqual({ fields: ['start', 'status'] });
    expectError(await patch(b.uid, { metadata: 'x' }, { 'if-match': '"1"' }), 400, 'validation_error');
    expectError(await patch(b.uid, { attendee_name: 'x'.repeat(256) }, { 'if-match': '"1"' }), 400, 'validation_error');
    expectError(await patch('6f1c1c1e-9a3b-4c2d-8e7f-000000000000', {}, { 'if-match': '"1"' }), 404, 'booking_not_found');
  });
});

describe('scopes per endpoint (seed 003)', () => {
  it.each([
    ['GET', '/v1/bookings', 'bookings:read'], ['GET', '/v1/bookings/{uid}', 'bookings:read'], ['POST', '/v1/bookings', 'bookings:create'],
    ['POST', '/v1/bookings/{uid}/cancel', 'bookings:cancel'], ['POST', '/v1/bookings/{uid}/reschedule', 'bookings:reschedule'],
    ['PATCH', '/v1/bookings/{uid}', 'bookings:update'],
  ])('%s %s needs %s', async (method, path, scope) => {
    const uid = (await create()).body.data.uid;
    const others = ['bookings:read', 'bookings:create', 'bookings:cancel', 'bookings:reschedule', 'bookings:update'].filter((s) => s !== scope);
    const limited = await issueToken(sb.url, 'writer', others);
    const r = await call(sb.url, path.replace('{uid}', uid), {
      method, token: limited, headers: { 'idempotency-key': ikey(), 'if-match': '"1"' }, json: method === 'GET' ? undefined : {},
    });
    expect(r.status).toBe(403);
    expect(r.body.error).toMatchObject({ code: 'insufficient_scope', message: `This action requires the '${scope}' scope`, details: { required_scope: scope } });
  });
});
