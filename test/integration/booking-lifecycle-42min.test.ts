import { randomBytes, randomUUID } from 'node:crypto';
import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { seedAccount } from '../../providers/42min/sandbox/seed';

/**
 * The booking lifecycle over real HTTP against the 42min sandbox (issue 13): book a slot that
 * GET /v1/availability offers, with Idempotency-Key; 20 concurrent bookings of one slot; ETag on
 * GET and If-Match on PATCH, cancel and reschedule (stale → 409 VERSION_CONFLICT); reschedule in
 * place (same id, the old slot free again); cancel with a reason, and again (200, unchanged); what
 * each 42min refusal becomes; a held slot lock retried, then 503 PROVIDER_UNAVAILABLE.
 */
jest.setTimeout(60_000);

const PROVIDER = '42min';
const END_USER = 'eu-42min-lifecycle';
const ACCOUNT = `acclc${randomBytes(4).toString('hex')}`;
// A Monday far past the seeded bookings (2026–2027), and the week after it.
const WEEK = { startDate: '2031-06-02T00:00:00.000Z', endDate: '2031-06-09T00:00:00.000Z' };

interface Page { id: string; slug: string; hosts: { id: string; email: string }[] }
interface Slot { start: string; end: string; hostIds: string[] }

let gw: TestGateway;
let key: string;
let demo: Page;
let strategy: Page;

const q = (extra: Record<string, string> = {}) => new URLSearchParams({ provider: PROVIDER, endUserId: END_USER, ...extra }).toString();
// The page that disallows rescheduling has the same host: booked a week later, it takes nothing from the demo's week.
const NEXT_WEEK = { startDate: '2031-06-09T00:00:00.000Z', endDate: '2031-06-16T00:00:00.000Z' };
const starts = async (page: Page = demo, range = WEEK): Promise<string[]> => {
  const res = await gw.call('GET', `/v1/availability?${q({ bookingPageId: page.id, ...range })}`, { key });
  expect(res.status).toBe(200);
  return (res.body.data as Slot[]).map((s) => s.start);
};
const book = (startTime: string, opts: { page?: Page; email?: string; idempotencyKey?: string; includeRaw?: boolean } = {}) => gw.call('POST', `/v1/meetings?${q(opts.includeRaw ? { includeRaw: 'true' } : {})}`, {
  key,
  headers: { 'idempotency-key': opts.idempotencyKey ?? randomUUID() },
  body: {
    bookingPageId: (opts.page ?? demo).id, startTime, timezone: 'Europe/Berlin',
    attendees: [{ email: opts.email ?? 'lea.lead@example.com', name: 'Lea Lead', phone: '+49 30 1234567', timezone: 'Europe/Berlin' }],
    answers: [{ questionId: 'company', answer: 'Acme' }],
  },
});
const action = (id: string, name: 'cancel' | 'reschedule', body: unknown, headers: Record<string, string> = {}) =>
  gw.call('POST', `/v1/meetings/${id}/${name}?${q()}`, { key, body, headers });
const get = (id: string) => gw.call('GET', `/v1/meetings/${id}?${q()}`, { key });
const sandboxState = () => gw.deps.sandboxes!.get(PROVIDER)!.kit.account(ACCOUNT, (rng) => seedAccount(rng));
const createsSeen = (): number => gw.deps.sandboxes!.get(PROVIDER)!.kit.stats.get(ACCOUNT).requests['POST /v1/bookings'] ?? 0;

/** Free starts taken one by one, so no two tests race for the same slot. */
let pool: string[] = [];
const freeStart = (): string => pool.shift()!;

beforeAll(async () => {
  gw = await startTestGateway();
  key = (await gw.newAccount()).testKey;
  gw.deps.providerClient.policies.override(PROVIDER, { rateLimit: { requests: 10_000, intervalMs: 1000 } });
  gw.deps.sandboxes!.get(PROVIDER)!.kit.limits.configure('*', 'burst', { max: 100_000, windowMs: 1000 });
  const issued = await fetch(`${gw.url}/sandbox/42min/v1/personal-access-tokens`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'lifecycle', scopes: ['bookings:read', 'bookings:create', 'bookings:cancel', 'bookings:reschedule', 'bookings:update'], account: ACCOUNT }),
  });
  const pat = ((await issued.json()) as { data: { token: string } }).data.token;
  const conn = await gw.call('POST', '/v1/connections', { key, body: { endUserId: END_USER, provider: PROVIDER, credentials: { apiKey: pat } } });
  expect(conn.status).toBe(201);
  const pages = (await gw.call('GET', `/v1/booking-pages?${q({ limit: '100' })}`, { key })).body.data as Page[];
  demo = pages.find((p) => p.slug === 'demo' && p.hosts.length === 1 && p.hosts[0].email.startsWith('ada'))!;
  strategy = pages.find((p) => p.slug === 'strategy-session')!;
  // Every other offered start: a 45-minute demo with 10-minute buffers on a 15-minute grid blocks its neighbours.
  pool = (await starts()).filter((_, i) => i % 8 === 0);
  expect(pool.length).toBeGreaterThan(10);
});
afterAll(() => gw.stop());

describe('book', () => {
  it('books an offered slot (201, version 1, ETag); the slot leaves availability; the same Idempotency-Key replays it', async () => {
    const at = freeStart();
    const idempotencyKey = randomUUID();
    const res = await book(at, { idempotencyKey, includeRaw: true });
    expect(res.status).toBe(201);
    // The booker's zone and the answers reached 42min (its booking echoes the attendee's zone; responses by question id).
    expect(res.body.data.remoteData).toMatchObject({ attendees: [{ email: 'lea.lead@example.com', timezone: 'Europe/Berlin' }], responses: { company: 'Acme' } });
    expect(res.body.data).toMatchObject({
      startTime: at, status: 'scheduled', bookingPageId: demo.id, hostIds: [demo.hosts[0].id], version: '1',
      rescheduledFromId: null, cancellationReason: null, attendees: [{ email: 'lea.lead@example.com', name: 'Lea Lead' }],
    });
    expect(res.headers.get('etag')).toBe('"1"');
    expect(await starts()).not.toContain(at);
    const replay = await book(at, { idempotencyKey, includeRaw: true });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.data.id).toBe(res.body.data.id);
    const again = await book(at, { email: 'someone.else@example.com' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'SLOT_UNAVAILABLE', details: { provider: { status: 409, code: 'slot_unavailable' } } });
  });

  it('20 concurrent bookings of one free slot, each with its own Idempotency-Key: one 201, 19 SLOT_UNAVAILABLE, no 5xx', async () => {
    const at = freeStart();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => book(at, { email: `racer${i}@example.com` })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 && r.body.error.code === 'SLOT_UNAVAILABLE')).toHaveLength(19);
    expect(results.some((r) => r.status >= 500)).toBe(false);
  });
});

describe('ETag and If-Match', () => {
  it('GET sets ETag to the version; PATCH with a stale If-Match is 409 VERSION_CONFLICT and changes nothing', async () => {
    const { id } = (await book(freeStart())).body.data;
    const read = await get(id);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe(`"${read.body.data.version}"`);
    const etag = read.headers.get('etag')!;
    const ok = await gw.call('PATCH', `/v1/meetings/${id}?${q()}`, { key, headers: { 'if-match': etag }, body: { description: 'First edit' } });
    expect(ok.status).toBe(200);
    expect(ok.body.data.version).toBe('2');
    expect(ok.headers.get('etag')).toBe('"2"');
    const stale = await gw.call('PATCH', `/v1/meetings/${id}?${q()}`, { key, headers: { 'if-match': etag }, body: { description: 'Lost update' } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    expect((await get(id)).body.data).toMatchObject({ description: 'First edit', version: '2' });
    // Without If-Match the gateway reads the current version and applies the patch.
    const blind = await gw.call('PATCH', `/v1/meetings/${id}?${q()}`, { key, body: { description: 'Blind edit' } });
    expect(blind.body.data).toMatchObject({ description: 'Blind edit', version: '3' });
    const bad = await gw.call('PATCH', `/v1/meetings/${id}?${q()}`, { key, headers: { 'if-match': '"1", "2"' }, body: { description: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].field).toBe('If-Match');
  });

  it('cancel, reschedule and DELETE with a stale If-Match are VERSION_CONFLICT; the meeting stays as it was', async () => {
    const { id } = (await book(freeStart())).body.data;
    await gw.call('PATCH', `/v1/meetings/${id}?${q()}`, { key, body: { description: 'bumps the version' } });
    const cancel = await action(id, 'cancel', { reason: 'stale' }, { 'if-match': '"1"' });
    expect(cancel.status).toBe(409);
    expect(cancel.body.error.code).toBe('VERSION_CONFLICT');
    const move = await action(id, 'reschedule', { startTime: pool[0] }, { 'if-match': '"1"' });
    expect(move.body.error.code).toBe('VERSION_CONFLICT');
    expect((await get(id)).body.data).toMatchObject({ status: 'scheduled', version: '2' });
    const del = await gw.call('DELETE', `/v1/meetings/${id}?${q()}`, { key, headers: { 'if-match': '"1"' } });
    expect(del.status).toBe(409);
    expect(del.body.error.code).toBe('VERSION_CONFLICT');
    const current = await action(id, 'cancel', {}, { 'if-match': '"2"' });
    expect(current.status).toBe(200);
    expect(current.body.data.status).toBe('cancelled');
  });
});

describe('reschedule', () => {
  it('moves the meeting in place: new time, same id, version bumped, rescheduledFromId null; the old slot is free again', async () => {
    const [from, to] = [freeStart(), freeStart()];
    const booked = (await book(from)).body.data;
    const res = await action(booked.id, 'reschedule', { startTime: to, timezone: 'Europe/Paris', reason: 'Later suits me' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: booked.id, startTime: to, timezone: 'Europe/Paris', status: 'scheduled', rescheduledFromId: null, version: '2' });
    expect(Date.parse(res.body.data.endTime) - Date.parse(to)).toBe(45 * 60_000);
    expect(res.headers.get('etag')).toBe('"2"');
    const offered = await starts();
    expect(offered).toContain(from);
    expect(offered).not.toContain(to);
  });

  it('a taken slot is SLOT_UNAVAILABLE; a page that disallows rescheduling and a cancelled meeting are PROVIDER_CONFLICT', async () => {
    const [a, b] = [freeStart(), freeStart()];
    const first = (await book(a)).body.data;
    await book(b);
    const taken = await action(first.id, 'reschedule', { startTime: b });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ code: 'SLOT_UNAVAILABLE', details: { provider: { code: 'slot_unavailable' } } });

    const strategyStarts = await starts(strategy, NEXT_WEEK);
    const fixed = (await book(strategyStarts[0], { page: strategy })).body.data;
    const disallowed = await action(fixed.id, 'reschedule', { startTime: strategyStarts.at(-1) });
    expect(disallowed.status).toBe(409);
    expect(disallowed.body.error).toMatchObject({ code: 'PROVIDER_CONFLICT', details: { provider: { code: 'event_type_disallows_reschedule' } } });

    await action(first.id, 'cancel', {});
    const cancelled = await action(first.id, 'reschedule', { startTime: freeStart() });
    expect(cancelled.status).toBe(409);
    expect(cancelled.body.error).toMatchObject({ code: 'PROVIDER_CONFLICT', details: { provider: { code: 'booking_already_cancelled' } } });
  });

  it('validates its body: startTime required, unknown fields refused', async () => {
    const { id } = (await book(freeStart())).body.data;
    expect((await action(id, 'reschedule', {})).status).toBe(400);
    expect((await action(id, 'reschedule', { startTime: freeStart(), endTime: '2031-06-03T10:00:00Z' })).body.error.code).toBe('INVALID_INPUT');
  });
});

describe('cancel', () => {
  it('cancels with a reason (200, cancelled, the slot free again); cancelling again answers the same meeting, 200', async () => {
    const at = freeStart();
    const { id } = (await book(at)).body.data;
    const res = await action(id, 'cancel', { reason: 'Schedule conflict' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id, status: 'cancelled', cancellationReason: 'Schedule conflict', version: '2' });
    expect(await starts()).toContain(at);
    const again = await action(id, 'cancel', { reason: 'Another reason' });
    expect(again.status).toBe(200);
    expect(again.body.data).toEqual(res.body.data);
  });

  it('Idempotency-Key: the same key replays; the same key with another body is IDEMPOTENCY_KEY_CONFLICT', async () => {
    const { id } = (await book(freeStart())).body.data;
    const idem = { 'idempotency-key': randomUUID() };
    const first = await action(id, 'cancel', { reason: 'once' }, idem);
    const replay = await action(id, 'cancel', { reason: 'once' }, idem);
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect((await action(id, 'cancel', { reason: 'twice' }, idem)).body.error.code).toBe('IDEMPOTENCY_KEY_CONFLICT');
  });

  it('an unknown meeting is MEETING_NOT_FOUND; a provider without cancel is UNSUPPORTED_RESOURCE from its manifest', async () => {
    const missing = await action(randomUUID(), 'cancel', {});
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('MEETING_NOT_FOUND');
    const crm = await gw.call('POST', `/v1/meetings/x/cancel?provider=hubspot&endUserId=${END_USER}`, { key, body: {} });
    expect(crm.status).toBe(400);
    expect(crm.body.error).toMatchObject({ code: 'UNSUPPORTED_RESOURCE', details: { resource: 'meetings', operation: 'cancel' } });
    const crmMove = await gw.call('POST', `/v1/meetings/x/reschedule?provider=hubspot&endUserId=${END_USER}`, { key, body: { startTime: WEEK.startDate } });
    expect(crmMove.body.error).toMatchObject({ code: 'UNSUPPORTED_RESOURCE', details: { operation: 'reschedule' } });
  });
});

describe('slot_lock_timeout (503, Retry-After: 1)', () => {
  afterEach(() => gw.deps.providerClient.policies.override(PROVIDER, { rateLimit: { requests: 10_000, intervalMs: 1000 } }));

  it('is retried with the same Idempotency-Key: the lock released during the wait, the booking succeeds', async () => {
    const at = freeStart();
    const release = sandboxState().locks.hold([demo.hosts[0].id], Date.parse(at));
    const before = createsSeen();
    const pending = book(at);
    // Released once the first attempt has met the lock; the retry waits out its Retry-After (1 s).
    while (createsSeen() === before) await new Promise((r) => setTimeout(r, 10));
    release();
    const res = await pending;
    expect(res.status).toBe(201);
    expect(createsSeen() - before).toBe(2);
  });

  it('still held after the retries: 503 PROVIDER_UNAVAILABLE with Retry-After and the provider error', async () => {
    gw.deps.providerClient.policies.override(PROVIDER, { rateLimit: { requests: 10_000, intervalMs: 1000 }, retry: { retries: 1 } });
    const at = freeStart();
    const release = sandboxState().locks.hold([demo.hosts[0].id], Date.parse(at));
    try {
      const before = createsSeen();
      const res = await book(at);
      expect(res.status).toBe(503);
      expect(res.body.error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', details: { provider: { status: 503, code: 'slot_lock_timeout' } } });
      expect(res.headers.get('retry-after')).toBe('1');
      expect(createsSeen() - before).toBe(2);
    } finally {
      release();
    }
  });
});
