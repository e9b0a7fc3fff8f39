import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { connectOAuth, mintToken } from '../helpers/connect-driver';
import { changeMarker, recordEventId } from '../../src/events/event-id';
import type { RecordEvent } from '../../src/store/types';

/**
 * The event id (src/events/event-id.ts) is the change's update time plus the unified record's
 * content, so a gateway write and the same change read back by a provider webhook (the adapter's
 * get, shaped like GET /v1/<resource>/:id) or by a poll (a list row, shaped like GET /v1/<resource>)
 * must give the same content. Per provider with webhooks or polling, for each resource it writes:
 * the gateway's event of a create and of an update has the same id as the record read back by
 * GET and as its list row; and a create and an update within one second (Pipedrive's and
 * Salesforce's whole-second clocks) are two events.
 */
let gw: TestGateway;
let key: string;
const call = (method: string, path: string, body?: unknown) => gw.call(method, path, { key, body });
const END_USER = 'eid-user';
const connections: Record<string, string> = {};

beforeAll(async () => {
  gw = await startTestGateway({});
  key = (await gw.newAccount('event-id-sources')).testKey;
  for (const provider of ['hubspot', 'pipedrive', 'salesforce']) {
    gw.deps.providerClient.policies.override(provider, { rateLimit: { requests: 10_000, intervalMs: 1000 } });
    const r = await connectOAuth(gw, await mintToken(gw, key, { endUserId: END_USER, providers: [provider] }), provider, `eid-${provider}`);
    expect(r.type).toBe('connected');
    connections[provider] = r.connectionId!;
  }
  gw.deps.providerClient.policies.override('schedly', { rateLimit: { requests: 10_000, intervalMs: 1000 } });
  const issued = await call('POST', '/v1/sandbox/credentials', { provider: 'schedly', endUserId: END_USER });
  expect(issued.status).toBe(201);
  const conn = await call('POST', '/v1/connections', { endUserId: END_USER, provider: 'schedly', ...issued.body.data });
  expect(conn.status).toBe(201);
  connections.schedly = conn.body.data.id;
  await gw.deps.events.settled();
});
afterAll(() => gw.stop());

const q = (provider: string, extra = ''): string => `provider=${provider}&endUserId=${END_USER}${extra}`;

async function gatewayEvents(provider: string, recordId: string): Promise<RecordEvent[]> {
  const scope = { accountId: (await gw.deps.auth.authenticate(`Bearer ${key}`)).accountId, mode: 'test' as const };
  const all = await gw.deps.store.events.list(scope, { connectionId: connections[provider] }, 1000);
  return all.filter((e) => e.recordId === recordId);
}

/** The ids the three sources give the record as it is now: GET (a webhook's read-back) and its list row (a poll). */
async function readBackIds(provider: string, resource: string, id: string, updatedAt: string): Promise<{ get: string; list: string }> {
  const got = await call('GET', `/v1/${resource}/${id}?${q(provider)}`);
  expect(got.status).toBe(200);
  const since = new Date(Date.parse(updatedAt) - 60_000).toISOString();
  let row: Record<string, unknown> | undefined;
  let cursor: string | null = null;
  do {
    const page = await call('GET', `/v1/${resource}?${q(provider, `&limit=100&updatedSince=${encodeURIComponent(since)}`)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(page.status).toBe(200);
    row = (page.body.data as Record<string, unknown>[]).find((r) => r.id === id);
    cursor = page.body.meta?.nextCursor ?? null;
  } while (!row && cursor);
  expect(row).toBeDefined();
  const conn = connections[provider]!;
  return { get: recordEventId(conn, resource, id, changeMarker(got.body.data)), list: recordEventId(conn, resource, id, changeMarker(row!)) };
}

type Case = { provider: string; resource: string; create: () => Promise<Record<string, unknown>>; update: Record<string, unknown> };

const cases: Case[] = [
  ...['hubspot', 'pipedrive', 'salesforce', 'schedly'].map((provider, i): Case => ({
    provider, resource: 'contacts', update: { phone: `+44 20 7946 010${i}` },
    create: async () => ({ firstName: 'Ida', lastName: `Same${i}`, email: `eid-${provider}-${Date.now()}@example.com` }),
  })),
  {
    // A HubSpot lead belongs to an existing contact.
    provider: 'hubspot', resource: 'leads', update: { status: 'COLD' },
    create: async () => ({ email: ((await call('GET', `/v1/contacts?${q('hubspot', '&limit=1')}`)).body.data[0] as { email: string }).email, status: 'WARM' }),
  },
  ...['pipedrive', 'salesforce'].map((provider): Case => ({
    provider, resource: 'leads', update: { title: 'Director' },
    create: async () => ({ firstName: 'Lee', lastName: 'Lead', email: `eid-lead-${provider}-${Date.now()}@example.com`, company: 'Acme', title: 'Head' }),
  })),
  ...['hubspot', 'pipedrive', 'salesforce'].map((provider): Case => ({
    provider, resource: 'meetings', update: { title: 'Renamed' },
    create: async () => {
      const people = (await call('GET', `/v1/contacts?${q(provider, '&limit=1')}`)).body.data as { id: string; email?: string | null }[];
      return { title: 'Intro', description: 'Agenda', startTime: '2027-03-01T10:00:00Z', endTime: '2027-03-01T10:30:00Z', contactIds: [people[0]!.id],
        ...(provider === 'hubspot' ? { attendees: [{ email: people[0]!.email }] } : {}) };
    },
  })),
];

describe.each(cases)('$provider $resource: the gateway write, the read-back and the list row meet on one id', ({ provider, resource, create, update }) => {
  it('a create and an update right after it are two events, each with the id the other sources give that state', async () => {
    const created = await call('POST', `/v1/${resource}?${q(provider)}`, await create());
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;
    const [createdEvent] = await gatewayEvents(provider, id);
    expect(createdEvent).toBeDefined();
    const afterCreate = await readBackIds(provider, resource, id, created.body.data.updatedAt);
    expect(afterCreate).toEqual({ get: createdEvent!.id, list: createdEvent!.id });

    // Within the same second on a whole-second clock: still a change of its own.
    const updated = await call('PATCH', `/v1/${resource}/${id}?${q(provider)}`, update);
    expect(updated.status).toBe(200);
    const events = await gatewayEvents(provider, id);
    expect(events.map((e) => e.type)).toEqual([`${resource === 'contacts' ? 'contact' : resource === 'leads' ? 'lead' : 'meeting'}.created`, expect.stringMatching(/\.updated$/)]);
    const afterUpdate = await readBackIds(provider, resource, id, updated.body.data.updatedAt);
    expect(afterUpdate).toEqual({ get: events[1]!.id, list: events[1]!.id });
  });
});
