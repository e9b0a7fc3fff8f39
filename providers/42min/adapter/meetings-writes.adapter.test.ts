import { createHash } from 'node:crypto';
import nock from 'nock';
import { GatewayError } from '../../../src/provider-sdk';
import { LIVE_ACCESS_TOKEN, liveAdapterContext, type LiveHarness } from '../../../test/helpers/adapter-harness';
import { exchange, type Exchange } from '../fixtures/load';
import { meetingsAdapter } from './meetings.adapter';
import { adapter } from './index';

/** Update (reschedule / PATCH with If-Match / version_conflict retry) and delete (cancel), pinned from fixtures. */
const HOST = 'https://api.42min.us';
const CALLER_KEY = 'caller-key-2';
const derived = (key: string): string => createHash('sha256').update(`conn_live_harness:${key}`).digest('hex').slice(0, 40);
const AUTH = `Bearer ${LIVE_ACCESS_TOKEN}`;

let h: LiveHarness;
beforeAll(async () => {
  nock.disableNetConnect();
  h = await liveAdapterContext('42min', { idempotencyKey: CALLER_KEY });
});
afterEach(() => nock.cleanAll());
afterAll(async () => {
  await h.close();
  nock.enableNetConnect();
  nock.restore();
});

function expectExchange(ex: Exchange, opts: { key?: string; ifMatch?: string; etag?: string; body?: unknown } = {}): nock.Scope {
  let scope = nock(HOST).matchHeader('authorization', AUTH);
  if (opts.key !== undefined) scope = scope.matchHeader('idempotency-key', opts.key);
  if (opts.ifMatch !== undefined) scope = scope.matchHeader('if-match', opts.ifMatch);
  const { method, path, query, body } = ex.request;
  const interceptor = method === 'GET'
    ? scope.get(path) : method === 'POST' ? scope.post(path, body as nock.RequestBodyMatcher) : scope.patch(path, body as nock.RequestBodyMatcher);
  const headers = { 'content-type': 'application/json', ...(opts.etag ? { etag: opts.etag } : ex.response.headers) };
  return interceptor.query(query).reply(ex.response.status, (opts.body ?? ex.response.body) as nock.Body, headers);
}

async function gatewayError(p: Promise<unknown>): Promise<GatewayError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(GatewayError);
  return err as GatewayError;
}

const read = exchange('meetings-update-get');
const uid = read.request.path.split('/').pop()!;
const patchInput = {
  description: 'Difference engine demo',
  attendees: [{ email: 'ada@example.com', name: 'Augusta Ada King' }, { email: 'charles@example.com', name: 'Charles Babbage' }],
};

describe('update', () => {
  it('PATCHes description and attendee name with If-Match from a fresh GET', async () => {
    const scopes = [
      expectExchange(read),
      expectExchange(exchange('meetings-update'), { ifMatch: '"1"', key: derived(`${CALLER_KEY}:patch`) }),
    ];
    const m = await meetingsAdapter.update!(h.ctx, uid, patchInput);
    scopes.forEach((s) => s.done());
    expect(m.description).toBe('Difference engine demo');
    expect(m.attendees[0].name).toBe('Augusta Ada King');
  });

  it('re-reads and retries once on 409 version_conflict', async () => {
    const conflict = exchange('meetings-update-conflict');
    const scopes = [
      expectExchange(read, { etag: '"0"' }), // a read that is stale by the time the PATCH lands
      expectExchange(conflict, { ifMatch: '"0"', key: derived(`${CALLER_KEY}:patch`) }),
      expectExchange(read),
      expectExchange(exchange('meetings-update'), { ifMatch: '"1"', key: derived(`${CALLER_KEY}:patch-retry`) }),
    ];
    await meetingsAdapter.update!(h.ctx, uid, patchInput);
    scopes.forEach((s) => s.done());
  });

  it('a second version_conflict is VERSION_CONFLICT', async () => {
    const conflict = exchange('meetings-update-conflict');
    const scopes = [
      expectExchange(read, { etag: '"0"' }),
      expectExchange(conflict, { ifMatch: '"0"' }),
      expectExchange(read, { etag: '"0"' }),
      expectExchange(conflict, { ifMatch: '"0"' }),
    ];
    const err = await gatewayError(meetingsAdapter.update!(h.ctx, uid, patchInput));
    scopes.forEach((s) => s.done());
    expect(err.code).toBe('VERSION_CONFLICT');
    expect(err.status).toBe(409);
    expect((err.details.provider as { code: string }).code).toBe('version_conflict');
  });

  it('If-Match older than the booking: VERSION_CONFLICT after the read, before any write', async () => {
    const scope = expectExchange(read); // ETag "1"
    const err = await gatewayError(meetingsAdapter.update!({ ...h.ctx, ifMatch: '0' }, uid, patchInput));
    scope.done();
    expect(err.code).toBe('VERSION_CONFLICT');
    expect(err.details).toMatchObject({ expectedVersion: '0', currentVersion: '1' });
  });

  it("If-Match goes to 42min as the PATCH's If-Match; its version_conflict is VERSION_CONFLICT, not retried", async () => {
    const scopes = [
      expectExchange(read),
      expectExchange(exchange('meetings-update-conflict'), { ifMatch: '"1"', key: derived(`${CALLER_KEY}:patch`) }),
    ];
    const err = await gatewayError(meetingsAdapter.update!({ ...h.ctx, ifMatch: '1' }, uid, patchInput));
    scopes.forEach((s) => s.done());
    expect(err.code).toBe('VERSION_CONFLICT');
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('a new startTime goes through reschedule; the PATCH then uses the re-read version', async () => {
    const scopes = [
      expectExchange(read),
      expectExchange(exchange('meetings-reschedule'), { key: derived(`${CALLER_KEY}:reschedule`) }),
      expectExchange(exchange('meetings-reschedule-get')),
      expectExchange({ ...exchange('meetings-update'), request: { ...exchange('meetings-update').request } }, { ifMatch: '"3"', key: derived(`${CALLER_KEY}:patch`) }),
    ];
    await meetingsAdapter.update!(h.ctx, uid, { ...patchInput, startTime: '2030-03-04T14:00:00.000Z' });
    scopes.forEach((s) => s.done());
  });

  it('startTime alone is only a reschedule', async () => {
    const scopes = [expectExchange(read), expectExchange(exchange('meetings-reschedule'), { key: derived(`${CALLER_KEY}:reschedule`) })];
    const m = await meetingsAdapter.update!(h.ctx, uid, { startTime: '2030-03-04T14:00:00.000Z' });
    scopes.forEach((s) => s.done());
    expect(m.startTime).toBe('2030-03-04T14:00:00.000Z');
  });

  it('refuses unpatchable fields after the read, before any write', async () => {
    const scope = expectExchange(read);
    const err = await gatewayError(meetingsAdapter.update!(h.ctx, uid, { title: 'New title', endTime: '2030-03-04T12:00:00Z' }));
    scope.done();
    expect(err.code).toBe('INVALID_INPUT');
    expect((err.details.errors as { field: string }[]).map((e) => e.field)).toEqual(['title', 'endTime']);
  });

  it('a missing booking is MEETING_NOT_FOUND', async () => {
    const nf = exchange('meetings-get-not-found');
    const scope = expectExchange(nf);
    const err = await gatewayError(meetingsAdapter.update!(h.ctx, nf.request.path.split('/').pop()!, { description: 'x' }));
    scope.done();
    expect(err.code).toBe('MEETING_NOT_FOUND');
  });
});

describe('delete', () => {
  it('cancels the booking with a derived Idempotency-Key', async () => {
    const scope = expectExchange(exchange('meetings-delete'), { key: derived(`${CALLER_KEY}:cancel`) });
    await expect(meetingsAdapter.delete!(h.ctx, uid)).resolves.toBeUndefined();
    scope.done();
  });

  it('with a stale If-Match: VERSION_CONFLICT after a fresh read, nothing cancelled', async () => {
    const scope = expectExchange(read);
    expect((await gatewayError(meetingsAdapter.delete!({ ...h.ctx, ifMatch: '0' }, uid))).code).toBe('VERSION_CONFLICT');
    scope.done();
  });
});

const providerError = (code: string) => ({ error: { code, message: `42min says ${code}`, details: {}, request_id: 'req_1' } });

describe('cancel', () => {
  it('POSTs the reason with a derived Idempotency-Key and answers the cancelled meeting', async () => {
    const scope = expectExchange(exchange('meetings-cancel'), { key: derived(`${CALLER_KEY}:cancel`) });
    const m = await meetingsAdapter.cancel!(h.ctx, uid, { reason: 'Schedule conflict' });
    scope.done();
    expect(m).toMatchObject({ id: uid, status: 'cancelled', cancellationReason: 'Schedule conflict', version: '4' });
  });

  it('no reason: an empty body', async () => {
    const scope = expectExchange(exchange('meetings-delete'), { key: derived(`${CALLER_KEY}:cancel`) });
    expect((await meetingsAdapter.cancel!(h.ctx, uid, { reason: null })).status).toBe('cancelled');
    scope.done();
  });

  it('booking_already_cancelled → the booking as it is (GET), no error', async () => {
    const cancelled = exchange('meetings-cancel');
    const scopes = [
      nock(HOST).post(cancelled.request.path).reply(409, providerError('booking_already_cancelled')),
      nock(HOST).get(`/v1/bookings/${uid}`).reply(200, cancelled.response.body as nock.Body, { etag: '"4"' }),
    ];
    const m = await meetingsAdapter.cancel!(h.ctx, uid, { reason: 'again' });
    scopes.forEach((s) => s.done());
    expect(m).toMatchObject({ status: 'cancelled', cancellationReason: 'Schedule conflict', version: '4' });
  });

  it('If-Match is checked against a fresh read (42min cancel takes none): stale → VERSION_CONFLICT, nothing cancelled', async () => {
    const scope = expectExchange(read);
    expect((await gatewayError(meetingsAdapter.cancel!({ ...h.ctx, ifMatch: '7' }, uid, { reason: null }))).code).toBe('VERSION_CONFLICT');
    scope.done();
    const scopes = [expectExchange(read), expectExchange(exchange('meetings-delete'))];
    await meetingsAdapter.cancel!({ ...h.ctx, ifMatch: '1' }, uid, { reason: null });
    scopes.forEach((s) => s.done());
  });
});

describe('reschedule', () => {
  const to = { startTime: '2030-03-04T14:00:00.000Z', timezone: 'Europe/Berlin', reason: 'Invitee asked for later' };

  it('moves the booking in place: start, timezone and reason with a derived key; same id, version bumped', async () => {
    const scope = expectExchange(exchange('meetings-reschedule-action'), { key: derived(`${CALLER_KEY}:reschedule`) });
    const m = await meetingsAdapter.reschedule!(h.ctx, uid, to);
    scope.done();
    expect(m).toMatchObject({ id: uid, startTime: to.startTime, timezone: 'Europe/Berlin', rescheduledFromId: null, version: '3', status: 'scheduled' });
  });

  it.each([
    [409, 'slot_unavailable', 'SLOT_UNAVAILABLE'],
    [409, 'booking_already_cancelled', 'PROVIDER_CONFLICT'],
    [409, 'booking_in_past', 'PROVIDER_CONFLICT'],
    [422, 'event_type_disallows_reschedule', 'PROVIDER_CONFLICT'],
    [404, 'booking_not_found', 'MEETING_NOT_FOUND'],
  ])('%i %s → %s with details.provider', async (status, code, expected) => {
    const scope = nock(HOST).post(`/v1/bookings/${uid}/reschedule`, { start: to.startTime }).reply(status, providerError(code));
    const err = await gatewayError(meetingsAdapter.reschedule!(h.ctx, uid, { startTime: to.startTime, timezone: null, reason: null }));
    scope.done();
    expect(err.code).toBe(expected);
    expect(err.status).toBe(status === 404 ? 404 : 409);
    expect(err.details.provider).toMatchObject({ status, code });
  });

  it('a stale If-Match is VERSION_CONFLICT before the move', async () => {
    const scope = expectExchange(read);
    expect((await gatewayError(meetingsAdapter.reschedule!({ ...h.ctx, ifMatch: '0' }, uid, to))).code).toBe('VERSION_CONFLICT');
    scope.done();
  });
});

describe('classifyError', () => {
  it('field_immutable (422) → INVALID_INPUT naming the fields, with details.provider', () => {
    const ex = exchange('meetings-update-invalid');
    const err = adapter.classifyError!({ status: ex.response.status, headers: {}, body: ex.response.body })!;
    expect(err.code).toBe('INVALID_INPUT');
    expect((err.details.errors as { field: string }[]).map((e) => e.field)).toEqual(['providerData.title']);
    expect((err.details.provider as { code: string }).code).toBe('field_immutable');
  });

  it('booking_in_past (409) → PROVIDER_CONFLICT; 401/429/5xx are left to the provider client', () => {
    const body = { error: { code: 'booking_in_past', message: 'This booking has already started or finished.', details: {}, request_id: 'req_1' } };
    expect(adapter.classifyError!({ status: 409, headers: {}, body })!.code).toBe('PROVIDER_CONFLICT');
    for (const status of [401, 429, 500, 503]) expect(adapter.classifyError!({ status, headers: {}, body })).toBeNull();
  });

  it('503 slot_lock_timeout → PROVIDER_UNAVAILABLE, retryable after its Retry-After, not a breaker failure', () => {
    const err = adapter.classifyError!({ status: 503, headers: { 'retry-after': '1' }, body: providerError('slot_lock_timeout') })!;
    expect(err).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', status: 503, retryable: true, countsAsProviderFailure: false, headers: { 'Retry-After': '1' } });
    expect((err.details.provider as { code: string }).code).toBe('slot_lock_timeout');
  });
});
