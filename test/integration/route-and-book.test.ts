import { randomBytes, randomUUID } from 'node:crypto';
import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { connectOAuth, mintToken } from '../helpers/connect-driver';
import { listAllPages } from '../helpers/list-all';

/**
 * POST /v1/route-and-book over real HTTP in test mode (API.md § Route and book): a CRM and a
 * scheduler of one end user, both sandboxes serving the shared sandbox team, so a CRM contact's
 * owner is a scheduling host. Provider requests are counted with the sandboxes' stats.
 */
jest.setTimeout(120_000);

interface Host { id: string; name: string | null; email: string | null }
interface Page { id: string; name: string; active: boolean; hosts: Host[] }
interface Slot { start: string; end: string; hostIds: string[] }
interface Person { id: string; email: string | null; ownerId: string | null; contactId?: string | null }
interface User { id: string; email: string | null }

// A Monday far past the seeded bookings, and the week after it.
const WINDOW = { startDate: '2031-09-01T00:00:00.000Z', endDate: '2031-09-08T00:00:00.000Z' };

let gw: TestGateway;
let key: string;

beforeAll(async () => {
  gw = await startTestGateway({ RATE_LIMIT_PER_KEY: '100000', WRITE_BACK_INTERVAL_MS: '3600000' });
  ({ testKey: key } = await gw.newAccount());
  // The real budgets would pace these files for seconds; the limiters have their own tests.
  for (const p of ['hubspot', '42min', 'salesforce', 'schedly', 'pipedrive', 'bookings-api']) {
    gw.deps.providerClient.policies.override(p, { rateLimit: { requests: 10_000, intervalMs: 1000 } });
    const kit = gw.deps.sandboxes!.get(p)!.kit;
    for (const bucket of ['burst', 'search', 'minute', 'second', 'daily']) kit.limits.configure('*', bucket, { max: 100_000, windowMs: 1000 });
  }
});
afterAll(async () => { await gw.stop(); });

interface Pair {
  crm: string;
  scheduler: string;
  endUserId: string;
  /** The CRM requests that create a meeting, as the sandbox's stats name them. */
  crmMeetingCreate: RegExp;
  schedulerBookingCreate: RegExp;
  /** Answers the scheduler's pages ask for when booking. */
  answers?: { questionId: string; answer: unknown }[];
  connect(): Promise<void>;
}

async function connect42min(endUserId: string): Promise<void> {
  const issued = await fetch(`${gw.url}/sandbox/42min/v1/personal-access-tokens`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'rab', scopes: ['bookings:read', 'bookings:create', 'bookings:cancel', 'bookings:reschedule', 'bookings:update'], account: `rab${randomBytes(4).toString('hex')}` }),
  });
  const pat = ((await issued.json()) as { data: { token: string } }).data.token;
  const conn = await gw.call('POST', '/v1/connections', { key, body: { endUserId, provider: '42min', credentials: { apiKey: pat } } });
  expect(conn.status).toBe(201);
}

async function connectCrm(provider: string, endUserId: string): Promise<void> {
  const r = await connectOAuth(gw, await mintToken(gw, key, { endUserId, providers: [provider] }), provider, `rab${randomBytes(4).toString('hex')}`);
  if (r.type !== 'connected') throw new Error(`not connected: ${JSON.stringify(r)}`);
}

/** api_key schedulers: a key issued by the sandbox for this account (POST /v1/sandbox/credentials). */
async function connectIssued(provider: string, endUserId: string): Promise<void> {
  const issued = await gw.call('POST', '/v1/sandbox/credentials', { key, body: { provider, endUserId } });
  expect(issued.status).toBe(201);
  const conn = await gw.call('POST', '/v1/connections', { key, body: { endUserId, provider, ...issued.body.data } });
  expect(conn.status).toBe(201);
}

const HUBSPOT_42MIN: Pair = {
  crm: 'hubspot', scheduler: '42min', endUserId: 'u-rab-hs',
  crmMeetingCreate: /^POST \/crm\/v3\/objects\/meetings$/, schedulerBookingCreate: /^POST \/v1\/bookings$/,
  async connect() { await connectCrm('hubspot', this.endUserId); await connect42min(this.endUserId); },
};
const SALESFORCE_SCHEDLY: Pair = {
  crm: 'salesforce', scheduler: 'schedly', endUserId: 'u-rab-sf',
  crmMeetingCreate: /^POST .*\/sobjects\/Event\/?$/, schedulerBookingCreate: /^POST .*appointments/,
  async connect() { await connectCrm('salesforce', this.endUserId); await connectIssued('schedly', this.endUserId); },
};
const PIPEDRIVE_BOOKINGS_API: Pair = {
  crm: 'pipedrive', scheduler: 'bookings-api', endUserId: 'u-rab-pd',
  crmMeetingCreate: /^POST .*\/activities$/, schedulerBookingCreate: /^POST .*\/bookings$/,
  answers: [{ questionId: 'q_company_size', answer: '51-200' }],
  async connect() { await connectCrm('pipedrive', this.endUserId); await connectIssued('bookings-api', this.endUserId); },
};
const count = (requests: Record<string, number>, pattern: RegExp): number =>
  Object.entries(requests).filter(([k]) => pattern.test(k)).reduce((n, [, v]) => n + v, 0);

describe.each([HUBSPOT_42MIN, SALESFORCE_SCHEDLY, PIPEDRIVE_BOOKINGS_API])('route and book: $crm + $scheduler', (pair) => {
  const q = (provider: string, extra: Record<string, string> = {}): string => new URLSearchParams({ provider, endUserId: pair.endUserId, ...extra }).toString();
  const stats = async (provider: string): Promise<Record<string, number>> =>
    ((await gw.call('GET', `/v1/sandbox/stats?${q(provider)}`, { key })).body.data as { requests: Record<string, number> }).requests;
  const body = (email: string, extra: Record<string, unknown> = {}) => ({
    email, name: 'Lea Lead', crm: { provider: pair.crm, endUserId: pair.endUserId }, scheduler: { provider: pair.scheduler, endUserId: pair.endUserId },
    window: WINDOW, ...('startTime' in extra && pair.answers ? { answers: pair.answers } : {}), ...extra,
  });
  const rab = (b: unknown, idempotencyKey?: string) => gw.call('POST', '/v1/route-and-book', { key, body: b, headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {} });

  let known: Person;
  let owner: User;
  let pages: Page[];

  beforeAll(async () => {
    await pair.connect();
    pages = (await listAllPages<Page>((p) => gw.call('GET', `/v1/booking-pages?${q(pair.scheduler, p)}`, { key }), 100)).records;
    const owners = (await listAllPages<User>((p) => gw.call('GET', `/v1/users?${q(pair.crm, p)}`, { key }), 100)).records;
    // A host of some active page (alone where the scheduler has such pages, so the test is the same for all).
    const alone = pages.filter((p) => p.active && p.hosts.length === 1);
    const soleHosts = new Set((alone.length > 0 ? alone : pages.filter((p) => p.active)).flatMap((p) => p.hosts.map((h) => h.email!.toLowerCase())));
    const contacts = (await gw.call('GET', `/v1/contacts?${q(pair.crm, { limit: '100' })}`, { key })).body.data as Person[];
    known = contacts.find((c) => {
      const o = owners.find((u) => u.id === c.ownerId);
      return c.email && o?.email && soleHosts.has(o.email.toLowerCase());
    })!;
    expect(known).toBeDefined();
    owner = owners.find((u) => u.id === known.ownerId)!;
  });

  it('a known contact routes to the host who owns it, with that host\'s slots (200)', async () => {
    const res = await rab(body(known.email!));
    expect(res.status).toBe(200);
    const { routing, slots } = res.body.data as { routing: Record<string, any>; slots: Slot[] };
    expect(routing).toMatchObject({ match: 'contact', reason: 'owner_match', owner: { id: owner.id } });
    expect(routing.record.id).toBe(known.id);
    expect(routing.host.email.toLowerCase()).toBe(owner.email!.toLowerCase());
    expect(routing.bookingPage.hosts.map((h: Host) => h.id)).toContain(routing.host.id);
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.every((s) => s.hostIds.includes(routing.host.id) && s.start >= WINDOW.startDate && s.start < WINDOW.endDate)).toBe(true);
  });

  it('each step fails with its own error and details.step', async () => {
    const noCrm = await rab({ ...body(known.email!), crm: { provider: pair.crm, endUserId: 'nobody-connected' } });
    expect(noCrm.status).toBe(404);
    expect(noCrm.body.error).toMatchObject({ code: 'END_USER_NOT_FOUND', details: { step: 'enrich' } });
    const badPage = await rab({ ...body(known.email!), scheduler: { provider: pair.scheduler, endUserId: pair.endUserId, bookingPageId: 'no-such-page' } });
    expect(badPage.status).toBe(400);
    expect(badPage.body.error).toMatchObject({ code: 'INVALID_INPUT', details: { step: 'host', errors: [{ field: 'scheduler.bookingPageId' }] } });
    const range = await rab({ ...body(known.email!), window: { startDate: WINDOW.endDate, endDate: WINDOW.startDate } });
    expect(range.body.error).toMatchObject({ code: 'INVALID_DATE_RANGE' });
  });

  it('startTime without Idempotency-Key is 400 MISSING_REQUIRED naming the header', async () => {
    const res = await rab(body(known.email!, { startTime: WINDOW.startDate }));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'MISSING_REQUIRED', details: { fields: ['Idempotency-Key'] } });
  });

  let booked: { slot: string; hostId: string };

  it('books with that host and writes the meeting onto the contact; the same key replays (no second booking or CRM meeting)', async () => {
    const routed = (await rab(body(known.email!))).body.data as { routing: { host: Host }; slots: Slot[] };
    const slot = routed.slots[0].start;
    const idempotencyKey = randomUUID();
    const [crmBefore, schedBefore] = [await stats(pair.crm), await stats(pair.scheduler)];
    const res = await rab(body(known.email!, { startTime: slot, writeBack: true }), idempotencyKey);
    expect(res.status).toBe(201);
    const data = res.body.data as Record<string, any>;
    expect(data.meeting).toMatchObject({ startTime: slot, hostIds: [routed.routing.host.id] });
    expect(data.crmMeeting).toMatchObject({ startTime: slot, contactIds: expect.arrayContaining([known.id]) });
    expect(data.crmMeeting.description).toContain(data.meeting.id);
    expect(data.writeBack).toMatchObject({ status: 'done' });
    booked = { slot, hostId: routed.routing.host.id };
    const [crmAfter, schedAfter] = [await stats(pair.crm), await stats(pair.scheduler)];
    expect(count(schedAfter, pair.schedulerBookingCreate) - count(schedBefore, pair.schedulerBookingCreate)).toBe(1);
    expect(count(crmAfter, pair.crmMeetingCreate) - count(crmBefore, pair.crmMeetingCreate)).toBe(1);

    const replay = await rab(body(known.email!, { startTime: slot, writeBack: true }), idempotencyKey);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.data.meeting.id).toBe(data.meeting.id);
    expect(count(await stats(pair.scheduler), pair.schedulerBookingCreate)).toBe(count(schedAfter, pair.schedulerBookingCreate));
    expect(count(await stats(pair.crm), pair.crmMeetingCreate)).toBe(count(crmAfter, pair.crmMeetingCreate));
  });

  it('a taken slot is 409 SLOT_UNAVAILABLE (step book) with at most 5 fresh slots of that host', async () => {
    const res = await rab(body(known.email!, { startTime: booked.slot }), randomUUID());
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'SLOT_UNAVAILABLE', details: { step: 'book' } });
    const alternatives = res.body.error.details.alternatives as Slot[];
    expect(alternatives.length).toBeGreaterThan(0);
    expect(alternatives.length).toBeLessThanOrEqual(5);
    expect(alternatives.every((s) => s.start !== booked.slot && s.hostIds.includes(booked.hostId))).toBe(true);
  });

  it('an unknown email: a page host takes it, and the write-back creates a lead to tie the meeting to', async () => {
    const email = `new-${randomBytes(4).toString('hex')}@prospect.example`;
    const routed = await rab(body(email));
    expect(routed.status).toBe(200);
    const { routing, slots } = routed.body.data as { routing: Record<string, any>; slots: Slot[] };
    expect(routing).toMatchObject({ match: null, record: null, owner: null, host: null, reason: 'page_hosts' });
    const slot = slots[slots.length - 1].start;
    const res = await rab(body(email, { startTime: slot, writeBack: true }), randomUUID());
    expect(res.status).toBe(201);
    expect(res.body.data.writeBack).toMatchObject({ status: 'done' });
    const enriched = (await gw.call('POST', '/v1/enrich', { key, body: { provider: pair.crm, endUserId: pair.endUserId, emails: [email] } })).body.data[0];
    expect(enriched.lead).toMatchObject({ email: expect.any(String) });
    const stored = await gw.deps.store.writeBacks.get(res.body.data.writeBack.id);
    expect(stored!.leadId).toBe(`lead:${enriched.lead.id}`);
    expect(res.body.data.crmMeeting.description).toContain(res.body.data.meeting.id);
    // A lead that hangs off a contact has the meeting on that contact; a lead of its own is the meeting's person (WhoId).
    if (enriched.lead.contactId) expect(res.body.data.crmMeeting.contactIds).toContain(enriched.lead.contactId);
  });

  it('a write-back failing after the booking: 201 pending, retried from the store after the fault clears, one CRM meeting', async () => {
    // The routing answer is cached (enrichment), so the booking request's first CRM call is the write-back's.
    const routed = (await rab(body(known.email!))).body.data as { slots: Slot[] };
    const slot = routed.slots[routed.slots.length - 1].start;
    const fault = await gw.call('POST', '/v1/sandbox/faults', { key, body: { provider: pair.crm, endUserId: pair.endUserId, fault: 'server_error', count: 1 } });
    expect(fault.status).toBe(201);
    const res = await rab(body(known.email!, { startTime: slot, writeBack: true }), randomUUID());
    expect(res.status).toBe(201);
    expect(res.body.data.crmMeeting).toBeNull();
    expect(res.body.data.writeBack).toMatchObject({ status: 'pending', error: { code: expect.stringMatching(/^PROVIDER_/), details: { step: 'write_back' } } });
    const before = count(await stats(pair.crm), pair.crmMeetingCreate);
    expect(await gw.app.writeBacks.retryNow()).toBe(1);
    expect(await gw.app.writeBacks.retryNow()).toBe(0);
    expect(count(await stats(pair.crm), pair.crmMeetingCreate)).toBe(before + 1);
    const stored = await gw.deps.store.writeBacks.get(res.body.data.writeBack.id);
    expect(stored).toMatchObject({ status: 'done', attempts: 1 });
    const crmMeeting = JSON.parse(stored!.crmMeeting!) as { id: string; contactIds: string[]; description: string };
    expect(crmMeeting.contactIds).toContain(known.id);
    expect(crmMeeting.description).toContain(res.body.data.meeting.id);
  });

  it('a retry adopts the CRM meeting an earlier attempt made but never heard back about (found by the booking id)', async () => {
    const routed = (await rab(body(known.email!))).body.data as { slots: Slot[] };
    const slot = routed.slots[Math.floor(routed.slots.length / 2)].start;
    await gw.call('POST', '/v1/sandbox/faults', { key, body: { provider: pair.crm, endUserId: pair.endUserId, fault: 'server_error', count: 1 } });
    const res = await rab(body(known.email!, { startTime: slot, writeBack: true }), randomUUID());
    expect(res.body.data.writeBack).toMatchObject({ status: 'pending' });
    const { meeting } = res.body.data as { meeting: { id: string; startTime: string; endTime: string } };
    // What the lost attempt had made: the booking's time, on the contact, the booking id in the description.
    const made = await gw.call('POST', `/v1/meetings?${q(pair.crm)}`, {
      key, headers: { 'idempotency-key': randomUUID() },
      body: { title: 'Booked', description: `Booked elsewhere (booking ${meeting.id})`, startTime: meeting.startTime, endTime: meeting.endTime, contactIds: [known.id] },
    });
    expect(made.status).toBe(201);
    const before = count(await stats(pair.crm), pair.crmMeetingCreate);
    expect(await gw.app.writeBacks.retryNow()).toBe(1);
    expect(count(await stats(pair.crm), pair.crmMeetingCreate)).toBe(before);
    expect(await gw.deps.store.writeBacks.get(res.body.data.writeBack.id)).toMatchObject({ status: 'done', crmMeetingId: made.body.data.id });
  });
});
