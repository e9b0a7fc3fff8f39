import { createHash } from 'node:crypto';
import nock from 'nock';
import { GatewayError } from '../../../src/provider-sdk';
import { LIVE_ACCESS_TOKEN, liveAdapterContext, type LiveHarness } from '../../../test/helpers/adapter-harness';
import { exchange, type Exchange } from '../fixtures/load';
import { meetingsAdapter } from './meetings.adapter';

/**
 * Pins every request the meetings adapter sends to the real 42min host, from the recorded
 * exchanges in ../fixtures: method, path, query, Authorization, Idempotency-Key, If-Match, body.
 */
const HOST = 'https://api.42min.us';
const CALLER_KEY = 'caller-key-1';
/** What the provider client sends for a caller key (src/provider-http: sha256(connection:key), 40 hex). */
const derived = (key: string): string => createHash('sha256').update(`conn_live_harness:${key}`).digest('hex').slice(0, 40);
const AUTH = `Bearer ${LIVE_ACCESS_TOKEN}`;

let h: LiveHarness;
let hNoKey: LiveHarness;
beforeAll(async () => {
  nock.disableNetConnect();
  h = await liveAdapterContext('42min', { idempotencyKey: CALLER_KEY });
  hNoKey = await liveAdapterContext('42min');
});
afterEach(() => nock.cleanAll());
afterAll(async () => {
  await h.close();
  await hNoKey.close();
  nock.enableNetConnect();
  nock.restore();
});

/** A scope answering one recorded exchange, pinned on everything the fixture records. */
function expectExchange(ex: Exchange, opts: { key?: string | RegExp; ifMatch?: string; etag?: string; body?: unknown } = {}): nock.Scope {
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

describe('list', () => {
  it('sends limit and sort, and returns the provider cursor while has_more', async () => {
    const ex = exchange('meetings-list');
    const scope = expectExchange(ex);
    const page = await meetingsAdapter.list!(h.ctx, { limit: 3, cursor: null, filters: {} });
    scope.done();
    expect(page.items.map((m) => m.id)).toEqual((ex.response.body as { data: { uid: string }[] }).data.map((b) => b.uid));
    expect(page.nextCursor).toBe((ex.response.body as { meta: { next_cursor: string } }).meta.next_cursor);
  });

  it('passes the cursor back for the next page', async () => {
    const ex = exchange('meetings-list-page2');
    const scope = expectExchange(ex);
    const page = await meetingsAdapter.list!(h.ctx, { limit: 3, cursor: ex.request.query.cursor, filters: {} });
    scope.done();
    expect(page.items).toHaveLength(3);
  });

  it('maps updatedSince/startDate/endDate and sorts by updated_at ascending', async () => {
    const ex = exchange('meetings-list-filters');
    const scope = expectExchange(ex);
    const { query } = ex.request;
    const page = await meetingsAdapter.list!(h.ctx, {
      limit: 2, cursor: null, filters: { updatedSince: query.updated_since, startDate: query.start_date, endDate: query.end_date },
    });
    scope.done();
    expect(page.items).toHaveLength(2);
  });

  it('caps limit at 42min\'s maximum page size (100)', async () => {
    const ex = exchange('meetings-list');
    const scope = expectExchange({ ...ex, request: { ...ex.request, query: { limit: '100', sort: 'start_at_desc' } } });
    await meetingsAdapter.list!(h.ctx, { limit: 200, cursor: null, filters: {} });
    scope.done();
  });

  it('declares the filters it honours (contactId is not one)', () => {
    expect(meetingsAdapter.filters).toEqual(['startDate', 'endDate', 'updatedSince']);
  });
});

describe('get', () => {
  it('reads one booking', async () => {
    const ex = exchange('meetings-get');
    const scope = expectExchange(ex);
    const m = await meetingsAdapter.get!(h.ctx, ex.request.path.split('/').pop()!);
    scope.done();
    expect(m.remoteData).toEqual((ex.response.body as { data: unknown }).data);
  });

  it('booking_not_found → MEETING_NOT_FOUND with the provider summary', async () => {
    const ex = exchange('meetings-get-not-found');
    const scope = expectExchange(ex);
    const err = await gatewayError(meetingsAdapter.get!(h.ctx, ex.request.path.split('/').pop()!));
    scope.done();
    expect(err.code).toBe('MEETING_NOT_FOUND');
    expect(err.details.provider).toEqual({ status: 404, code: 'booking_not_found', message: 'Booking not found.' });
  });
});

describe('create', () => {
  const ex = exchange('meetings-create');
  const body = ex.request.body as { event_type_id: string };
  const input = {
    startTime: '2030-03-04T10:00:00.000Z', timezone: 'Europe/London', description: 'Analytical engine demo',
    attendees: [{ email: 'ada@example.com', name: 'Ada Lovelace' }, { email: 'charles@example.com', name: 'Charles Babbage' }],
    providerData: { event_type_id: body.event_type_id },
  };

  it('POSTs the booking with an Idempotency-Key derived from the caller\'s', async () => {
    const scope = expectExchange(ex, { key: derived(CALLER_KEY) });
    const m = await meetingsAdapter.create!(h.ctx, input);
    scope.done();
    expect(m.status).toBe('scheduled');
    expect(m.description).toBe('Analytical engine demo');
  });

  it('makes a key up when the caller gave none', async () => {
    const scope = expectExchange(ex, { key: /^[0-9a-f]{40}$/ });
    await meetingsAdapter.create!(hNoKey.ctx, input);
    scope.done();
  });

  it('slot_unavailable → SLOT_UNAVAILABLE with details.provider', async () => {
    const conflict = exchange('meetings-create-conflict');
    const scope = expectExchange(conflict, { key: derived(CALLER_KEY) });
    const err = await gatewayError(meetingsAdapter.create!(h.ctx, { ...input, description: null, attendees: [{ email: 'eve@example.com' }] }));
    scope.done();
    expect(err.code).toBe('SLOT_UNAVAILABLE');
    expect(err.status).toBe(409);
    expect((err.details.provider as { code: string }).code).toBe('slot_unavailable');
  });

  it('validation_error → INVALID_INPUT naming the unified field', async () => {
    const invalid = exchange('meetings-create-invalid');
    const scope = expectExchange(invalid, { key: derived(CALLER_KEY) });
    const err = await gatewayError(meetingsAdapter.create!(h.ctx, {
      startTime: '2030-03-05T10:00:00.000Z', timezone: 'Mars/Olympus', attendees: [{ email: 'ada@example.com' }],
      providerData: { event_type_id: body.event_type_id },
    }));
    scope.done();
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.details.errors).toEqual([{ field: 'timezone', message: 'timezone must be an IANA time zone.' }]);
    expect((err.details.provider as { code: string }).code).toBe('validation_error');
  });

  it('refuses a missing event type before calling 42min', async () => {
    const err = await gatewayError(meetingsAdapter.create!(h.ctx, { ...input, providerData: {} }));
    expect(err.code).toBe('INVALID_INPUT');
    expect((err.details.errors as { field: string }[])[0].field).toBe('providerData.event_type_id');
  });
});
