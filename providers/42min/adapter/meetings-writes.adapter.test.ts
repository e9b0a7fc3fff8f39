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

  it('a second version_conflict is PROVIDER_CONFLICT', async () => {
    const conflict = exchange('meetings-update-conflict');
    const scopes = [
      expectExchange(read, { etag: '"0"' }),
      expectExchange(conflict, { ifMatch: '"0"' }),
      expectExchange(read, { etag: '"0"' }),
      expectExchange(conflict, { ifMatch: '"0"' }),
    ];
    const err = await gatewayError(meetingsAdapter.update!(h.ctx, uid, patchInput));
    scopes.forEach((s) => s.done());
    expect(err.code).toBe('PROVIDER_CONFLICT');
    expect((err.details.provider as { code: string }).code).toBe('version_conflict');
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
    for (const status of [401, 429, 500]) expect(adapter.classifyError!({ status, headers: {}, body })).toBeNull();
  });
});
