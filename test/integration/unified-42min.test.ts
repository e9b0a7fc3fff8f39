import { randomBytes } from 'node:crypto';
import { startTestGateway, type TestGateway } from '../helpers/gateway';

/**
 * Unified meetings over 42min bookings, through the gateway with an sk_test_ key against the
 * sandbox: a PAT issued by the sandbox, connected with POST /v1/connections, then every operation
 * the manifest declares, their errors, and contacts/leads as UNSUPPORTED_RESOURCE.
 */
jest.setTimeout(60_000);

const PROVIDER = '42min';
const END_USER = 'eu-42min';
const ACCOUNT = `acc42${randomBytes(4).toString('hex')}`;

let gw: TestGateway;
let key: string;
let pat: string;
let eventTypeId: string;
let eventTypeMinutes: number;
const q = (extra = ''): string => `provider=${PROVIDER}&endUserId=${END_USER}${extra ? `&${extra}` : ''}`;

/** Straight to the sandbox (not through the gateway), to know what the provider really holds. */
async function sandbox(path: string): Promise<any> {
  const res = await fetch(`${gw.url}/sandbox/42min${path}`, { headers: { authorization: `Bearer ${pat}` } });
  expect(res.status).toBe(200);
  return res.json();
}

async function sandboxAll(query: string): Promise<any[]> {
  const out: any[] = [];
  let cursor: string | null = null;
  do {
    const body: any = await sandbox(`/v1/bookings?limit=100${query ? `&${query}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    out.push(...body.data);
    cursor = body.meta.next_cursor;
  } while (cursor);
  return out;
}

async function gatewayAll(extra: string, limit: number): Promise<{ items: any[]; pages: number }> {
  const items: any[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await gw.call('GET', `/v1/meetings?${q(`limit=${limit}${extra ? `&${extra}` : ''}`)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { key });
    expect(res.status).toBe(200);
    items.push(...res.body.data);
    cursor = res.body.meta.nextCursor;
    pages += 1;
  } while (cursor);
  return { items, pages };
}

let slotN = 0;
/**
 * A free future slot, far past the seeded 2026–2027 window (the sandbox refuses past slots), inside
 * the demo host's working hours (Europe/London Mon–Fri 09:00–17:00 = 08:00–16:00 UTC in May) and
 * on its 15-minute grid: 08:00, 11:00 and 14:00 UTC of successive weekdays from Monday 5 May 2031.
 */
const freeSlot = (): string => {
  const n = slotN++;
  const weekday = Math.floor(n / 3);
  return new Date(Date.UTC(2031, 4, 5 + Math.floor(weekday / 5) * 7 + (weekday % 5), 8 + (n % 3) * 3)).toISOString();
};

function createBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    startTime: freeSlot(), timezone: 'Europe/Berlin', description: 'Kick-off',
    attendees: [{ email: 'ada@example.com', name: 'Ada Lovelace' }, { email: 'charles@example.com', name: 'Charles Babbage' }],
    providerData: { event_type_id: eventTypeId },
    ...extra,
  };
}

async function create(extra: Record<string, unknown> = {}): Promise<any> {
  const res = await gw.call('POST', `/v1/meetings?${q()}`, { key, body: createBody(extra) });
  expect(res.status).toBe(201);
  return res.body.data;
}

beforeAll(async () => {
  gw = await startTestGateway();
  key = (await gw.newAccount()).testKey;
  gw.deps.providerClient.policies.override(PROVIDER, { rateLimit: { requests: 10000, intervalMs: 1000 } });
  gw.deps.sandboxes!.get(PROVIDER)!.kit.limits.configure('*', 'burst', { max: 100000, windowMs: 1000 });
  const issued = await fetch(`${gw.url}/sandbox/42min/v1/personal-access-tokens`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'unified-test', scopes: ['bookings:read', 'bookings:create', 'bookings:cancel', 'bookings:reschedule', 'bookings:update'], account: ACCOUNT }),
  });
  pat = ((await issued.json()) as { data: { token: string } }).data.token;
  const conn = await gw.call('POST', '/v1/connections', { key, body: { endUserId: END_USER, provider: PROVIDER, credentials: { apiKey: pat } } });
  expect(conn.status).toBe(201);
  const types = (await sandbox('/v1/event-types')).data as { id: string; slug: string; status: string; disable_rescheduling: boolean; duration_minutes: number }[];
  const bookable = types.find((t) => t.status === 'on' && !t.disable_rescheduling && t.slug === 'demo')!;
  eventTypeId = bookable.id;
  eventTypeMinutes = bookable.duration_minutes;
});
afterAll(() => gw.stop());

describe('list', () => {
  it('walks every page to the end: no booking missed or repeated', async () => {
    const seeded = await sandboxAll('');
    expect(seeded.length).toBeGreaterThanOrEqual(60); // 60 seeded + the canceled originals of re-booked ones
    const { items, pages } = await gatewayAll('', 7);
    expect(pages).toBe(Math.ceil(seeded.length / 7));
    const ids = items.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(seeded.map((b) => b.uid).sort());
    expect(items.every((m) => m.remoteData === undefined)).toBe(true);
    expect(items.some((m) => m.status === 'cancelled')).toBe(true);
    expect(items.some((m) => m.status === 'completed')).toBe(true);
  });

  it('updatedSince: changes since a time, oldest first', async () => {
    const since = '2026-06-01T00:00:00.000Z';
    const { items } = await gatewayAll(`updatedSince=${since}`, 10);
    const expected = await sandboxAll(`updated_since=${since}`);
    expect(items.length).toBeGreaterThan(0);
    expect(items.map((m) => m.id).sort()).toEqual(expected.map((b) => b.uid).sort());
    const updated = items.map((m) => m.updatedAt);
    expect(updated).toEqual([...updated].sort());
    expect(updated.every((u) => u >= since)).toBe(true);
  });

  it('startDate/endDate: meetings starting in the range', async () => {
    const [from, to] = ['2027-01-01T00:00:00.000Z', '2027-06-30T23:59:59.000Z'];
    const { items } = await gatewayAll(`startDate=${from}&endDate=${to}`, 10);
    const expected = await sandboxAll(`start_date=${from}&end_date=${to}`);
    expect(items.length).toBeGreaterThan(0);
    expect(items.map((m) => m.id).sort()).toEqual(expected.map((b) => b.uid).sort());
    expect(items.every((m) => m.startTime >= from && m.startTime <= to)).toBe(true);
  });

  it('contactId is not supported by 42min → INVALID_INPUT', async () => {
    const res = await gw.call('GET', `/v1/meetings?${q('contactId=123')}`, { key });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_INPUT');
    expect(res.body.error.details.errors[0].field).toBe('contactId');
  });

  it('a tampered cursor → INVALID_INPUT field cursor', async () => {
    const first = await gw.call('GET', `/v1/meetings?${q('limit=5')}`, { key });
    const cursor: string = first.body.meta.nextCursor;
    const tampered = `${cursor.slice(0, -2)}${cursor.endsWith('AA') ? 'BB' : 'AA'}`;
    const res = await gw.call('GET', `/v1/meetings?${q('limit=5')}&cursor=${encodeURIComponent(tampered)}`, { key });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_INPUT');
    expect(res.body.error.details.errors[0].field).toBe('cursor');
  });

  it('includeRaw=true adds remoteData: the booking as 42min sent it', async () => {
    const res = await gw.call('GET', `/v1/meetings?${q('limit=2&includeRaw=true')}`, { key });
    expect(res.body.data[0].remoteData.uid).toBe(res.body.data[0].id);
  });
});

describe('get / create / update / delete', () => {
  it('create then get returns the same meeting', async () => {
    const created = await create();
    expect(created).toMatchObject({
      status: 'scheduled', description: 'Kick-off', timezone: 'Europe/Berlin', title: 'Product demo', contactIds: [],
      attendees: [
        { email: 'ada@example.com', name: 'Ada Lovelace', contactId: null },
        { email: 'charles@example.com', name: 'Charles Babbage', contactId: null },
      ],
    });
    expect(Date.parse(created.endTime) - Date.parse(created.startTime)).toBe(eventTypeMinutes * 60_000);
    const got = await gw.call('GET', `/v1/meetings/${created.id}?${q()}`, { key });
    expect(got.status).toBe(200);
    expect(got.body.data).toEqual(created);
    const raw = await gw.call('GET', `/v1/meetings/${created.id}?${q('includeRaw=true')}`, { key });
    expect(raw.body.data.remoteData.metadata).toEqual({ description: 'Kick-off' });
  });

  it('create with the same Idempotency-Key books once', async () => {
    const body = createBody();
    const headers = { 'idempotency-key': `idem-${randomBytes(4).toString('hex')}` };
    const a = await gw.call('POST', `/v1/meetings?${q()}`, { key, body, headers });
    const b = await gw.call('POST', `/v1/meetings?${q()}`, { key, body, headers });
    expect(a.status).toBe(201);
    expect(b.body.data.id).toBe(a.body.data.id);
  });

  it('update: description and attendees[0].name by PATCH, startTime by reschedule', async () => {
    const created = await create();
    const start = freeSlot();
    const res = await gw.call('PATCH', `/v1/meetings/${created.id}?${q()}`, {
      key, headers: { 'idempotency-key': `upd-${randomBytes(4).toString('hex')}` },
      body: { startTime: start, description: 'Moved', attendees: [{ email: 'ada@example.com', name: 'Ada King' }, { email: 'charles@example.com' }] },
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ startTime: start, description: 'Moved', status: 'scheduled' });
    expect(res.body.data.attendees[0].name).toBe('Ada King');
    expect(Date.parse(res.body.data.endTime) - Date.parse(start)).toBe(eventTypeMinutes * 60_000);
    const got = await gw.call('GET', `/v1/meetings/${created.id}?${q()}`, { key });
    expect(got.body.data).toEqual(res.body.data);
  });

  it('update of a field 42min cannot change → INVALID_INPUT naming it', async () => {
    const created = await create();
    const res = await gw.call('PATCH', `/v1/meetings/${created.id}?${q()}`, { key, body: { title: 'Renamed', description: 'x' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_INPUT');
    expect(res.body.error.details.errors.map((e: { field: string }) => e.field)).toEqual(['title']);
    const got = await gw.call('GET', `/v1/meetings/${created.id}?${q()}`, { key });
    expect(got.body.data.description).toBe('Kick-off'); // nothing half-applied
  });

  it('delete cancels (idempotently); the meeting then reads as cancelled', async () => {
    const created = await create();
    expect((await gw.call('DELETE', `/v1/meetings/${created.id}?${q()}`, { key })).status).toBe(204);
    expect((await gw.call('DELETE', `/v1/meetings/${created.id}?${q()}`, { key })).status).toBe(204);
    const got = await gw.call('GET', `/v1/meetings/${created.id}?${q()}`, { key });
    expect(got.body.data.status).toBe('cancelled');
  });

  it('an unknown id → MEETING_NOT_FOUND on get, update and delete', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    for (const [method, body] of [['GET', undefined], ['PATCH', { description: 'x' }], ['DELETE', undefined]] as const) {
      const res = await gw.call(method, `/v1/meetings/${id}?${q()}`, { key, body });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('MEETING_NOT_FOUND');
    }
  });
});

describe('errors', () => {
  it('a create without an event type → INVALID_INPUT naming providerData.event_type_id', async () => {
    const res = await gw.call('POST', `/v1/meetings?${q()}`, { key, body: createBody({ providerData: {} }) });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].field).toBe('providerData.event_type_id');
  });

  it('a 42min validation error → INVALID_INPUT with details.provider', async () => {
    const res = await gw.call('POST', `/v1/meetings?${q()}`, { key, body: createBody({ timezone: 'Mars/Olympus' }) });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_INPUT');
    expect(res.body.error.details.errors[0].field).toBe('timezone');
    expect(res.body.error.details.provider.code).toBe('validation_error');
  });

  it('a taken slot → SLOT_UNAVAILABLE (slot_unavailable)', async () => {
    const created = await create();
    const res = await gw.call('POST', `/v1/meetings?${q()}`, { key, body: createBody({ startTime: created.startTime }) });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('SLOT_UNAVAILABLE');
    expect(res.body.error.details.provider.code).toBe('slot_unavailable');
  });

  it('cancelling a meeting in the past → PROVIDER_CONFLICT (booking_in_past)', async () => {
    const past = (await sandboxAll(`status=confirmed&end_date=${new Date(Date.now() - 86_400_000).toISOString()}`))[0];
    expect(past).toBeDefined();
    const res = await gw.call('DELETE', `/v1/meetings/${past.uid}?${q()}`, { key });
    expect(res.status).toBe(409);
    expect(res.body.error.details.provider.code).toBe('booking_in_past');
  });

  it.each(['contacts', 'leads'])('%s → UNSUPPORTED_RESOURCE', async (resource) => {
    const list = await gw.call('GET', `/v1/${resource}?${q()}`, { key });
    expect(list.body.error.code).toBe('UNSUPPORTED_RESOURCE');
    const post = await gw.call('POST', `/v1/${resource}?${q()}`, { key, body: { email: 'a@example.com' } });
    expect(post.body.error.code).toBe('UNSUPPORTED_RESOURCE');
  });
});
