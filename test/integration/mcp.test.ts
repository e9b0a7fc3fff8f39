import { randomBytes } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { connectOAuth, mintToken } from '../helpers/connect-driver';
import { TOOLS } from '../../src/mcp/tools';

/**
 * The MCP server at /mcp (API.md § MCP), driven by the official SDK client over real HTTP against
 * the HubSpot and 42min sandboxes: the tool list with JSON Schemas taken from the routes, the
 * tools answering what their routes answer, idempotent writes, cursor paging, tool errors with the
 * gateway code, the key's account and mode as the only scope, and the HTTP limits of /v1.
 */
jest.setTimeout(60_000);

const END_USER = 'u-mcp';
const WEEK = { startDate: '2031-06-02T00:00:00.000Z', endDate: '2031-06-09T00:00:00.000Z' };
const EXPECTED_TOOLS = [
  'list_providers', 'list_connections', 'find_person', 'search_contacts', 'get_contact', 'create_contact', 'update_contact',
  'list_leads', 'create_lead', 'list_meetings', 'list_booking_pages', 'find_availability', 'book_meeting', 'reschedule_meeting',
  'cancel_meeting', 'route_and_book',
];

interface Structured { data: any; meta: { requestId: string; nextCursor?: string | null; hasMore?: boolean } }
interface ToolError { code: string; message: string; details: Record<string, any> }

let gw: TestGateway;
let key: string;
let otherKey: string;
const clients: Client[] = [];

async function connectClient(apiKey: string): Promise<Client> {
  const client = new Client({ name: 'gateway-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(`${gw.url}/mcp`), {
    requestInit: { headers: { authorization: `Bearer ${apiKey}` } },
  });
  await client.connect(transport);
  clients.push(client);
  return client;
}

let mcp: Client;
const call = async (name: string, args: Record<string, unknown>, client = mcp): Promise<CallToolResult> =>
  (await client.callTool({ name, arguments: args })) as CallToolResult;
const ok = async (name: string, args: Record<string, unknown>, client = mcp): Promise<Structured> => {
  const r = await call(name, args, client);
  if (r.isError) throw new Error(`${name} failed: ${JSON.stringify(r.structuredContent)}`);
  return r.structuredContent as unknown as Structured;
};
const fails = async (name: string, args: Record<string, unknown>, client = mcp): Promise<ToolError> => {
  const r = await call(name, args, client);
  expect(r.isError).toBe(true);
  return r.structuredContent as unknown as ToolError;
};

const hs = { provider: 'hubspot', endUserId: END_USER };
/** An active page with one host: a booked slot is then gone from its availability (no other host takes it). */
const onePerson = (p: { active: boolean; hosts: unknown[] }): boolean => p.active && p.hosts.length === 1;
const min42 = { provider: '42min', endUserId: END_USER };

beforeAll(async () => {
  gw = await startTestGateway({ RATE_LIMIT_PER_KEY: '100000' });
  ({ testKey: key } = await gw.newAccount('MCP account'));
  ({ testKey: otherKey } = await gw.newAccount('Other account'));
  for (const p of ['hubspot', '42min']) {
    gw.deps.providerClient.policies.override(p, { rateLimit: { requests: 10_000, intervalMs: 1000 } });
    const kit = gw.deps.sandboxes!.get(p)!.kit;
    for (const bucket of ['burst', 'search']) kit.limits.configure('*', bucket, { max: 100_000, windowMs: 1000 });
  }
  const r = await connectOAuth(gw, await mintToken(gw, key, { endUserId: END_USER, providers: ['hubspot'] }), 'hubspot', `mcp${randomBytes(4).toString('hex')}`);
  if (r.type !== 'connected') throw new Error(`not connected: ${JSON.stringify(r)}`);
  const issued = await gw.call('POST', '/v1/sandbox/credentials', { key, body: { provider: '42min' } });
  expect(issued.status).toBe(201);
  const conn = await gw.call('POST', '/v1/connections', { key, body: { endUserId: END_USER, provider: '42min', ...issued.body.data } });
  expect(conn.status).toBe(201);
  mcp = await connectClient(key);
});
afterAll(async () => {
  for (const c of clients) await c.close().catch(() => undefined);
  await gw.stop();
});

describe('tools/list', () => {
  it('lists every tool of the contract with a JSON Schema input taken from its route', async () => {
    const { tools } = await mcp.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([...EXPECTED_TOOLS].sort());
    expect(TOOLS.map((t) => t.name).sort()).toEqual([...EXPECTED_TOOLS].sort());
    for (const t of tools) {
      expect(t.inputSchema.type).toBe('object');
      expect(t.description!.length).toBeGreaterThan(60);
    }
    const byName = new Map(tools.map((t) => [t.name, t]));
    // The same schema objects that validate the REST routes.
    const spec = (op: string) => gw.app.routes.specs.find((s) => s.operationId === op)!;
    const create = byName.get('create_contact')!.inputSchema as { properties: Record<string, unknown> };
    expect(create.properties.email).toEqual((spec('createContacts').body as { properties: Record<string, unknown> }).properties.email);
    expect(create.properties.provider).toEqual((spec('createContacts').query as { properties: Record<string, unknown> }).properties.provider);
    expect(create.properties.idempotencyKey).toMatchObject({ type: 'string' });
    expect(byName.get('search_contacts')!.inputSchema.properties).not.toHaveProperty('idempotencyKey');
    expect(byName.get('find_availability')!.inputSchema.required).toEqual(expect.arrayContaining(['bookingPageId', 'startDate', 'endDate']));
    expect(byName.get('get_contact')!.inputSchema.required).toEqual(['id']);
    expect(byName.get('find_person')!.inputSchema.required).toEqual(expect.arrayContaining(['provider', 'endUserId', 'emails']));
    expect(byName.get('search_contacts')!.annotations).toMatchObject({ readOnlyHint: true });
  });

  it('list_providers and list_connections answer what their routes answer', async () => {
    const providers = await ok('list_providers', {});
    expect(providers.data.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining(['hubspot', '42min']));
    const rest = await gw.call('GET', '/v1/providers', { key });
    expect(providers.data).toEqual(rest.body.data);
    const conns = await ok('list_connections', { endUserId: END_USER });
    expect(conns.data.map((c: { provider: string }) => c.provider).sort()).toEqual(['42min', 'hubspot']);
    expect(JSON.stringify(conns)).not.toMatch(/apiKey|accessToken/);
  });
});

describe('CRM tools against the HubSpot sandbox', () => {
  it('search_contacts pages by cursor, and filters by email', async () => {
    const first = await ok('search_contacts', { ...hs, limit: 5 });
    expect(first.data).toHaveLength(5);
    expect(first.meta.hasMore).toBe(true);
    const r = await call('search_contacts', { ...hs, limit: 5, cursor: first.meta.nextCursor });
    expect((r.content as { text: string }[])[0].text).toMatch(/5 results; more: call search_contacts again with cursor/);
    const second = r.structuredContent as unknown as Structured;
    const ids = new Set(first.data.map((c: { id: string }) => c.id));
    expect(second.data.some((c: { id: string }) => ids.has(c.id))).toBe(false);
    const withEmail = first.data.find((c: { email: string | null }) => c.email)!;
    const found = await ok('search_contacts', { ...hs, email: withEmail.email.toUpperCase() });
    expect(found.data.map((c: { id: string }) => c.id)).toEqual([withEmail.id]);
    // Each tool call has its log line, without its arguments.
    const toolLines = gw.logs.lines.filter((l) => l.includes('"mcp tool"'));
    expect(toolLines.some((l) => l.includes('"tool":"search_contacts"'))).toBe(true);
    expect(toolLines.some((l) => l.includes(withEmail.email))).toBe(false);
    // A cursor of another list is the REST error, as a tool error.
    const bad = await fails('search_contacts', { ...hs, email: withEmail.email, cursor: first.meta.nextCursor });
    expect(bad).toMatchObject({ code: 'INVALID_INPUT', details: { field: 'cursor' } });
  });

  it('find_person finds the contact, its owner and company; get_contact reads it', async () => {
    const page = await ok('search_contacts', { ...hs, limit: 50 });
    const contact = page.data.find((c: { email: string | null; ownerId: string | null }) => c.email && c.ownerId)!;
    const found = await ok('find_person', { ...hs, emails: [contact.email, 'nobody-here@nowhere.example'] });
    expect(found.data).toHaveLength(2);
    expect(found.data[0]).toMatchObject({ match: 'contact', contact: { id: contact.id }, owner: { id: contact.ownerId } });
    expect(found.data[1]).toMatchObject({ match: null, contact: null });
    const got = await ok('get_contact', { ...hs, id: contact.id });
    expect(got.data).toEqual((await gw.call('GET', `/v1/contacts/${contact.id}?provider=hubspot&endUserId=${END_USER}`, { key })).body.data);
    expect((await fails('get_contact', { ...hs, id: '999999999999' })).code).toBe('CONTACT_NOT_FOUND');
  });

  it('create_contact with an idempotencyKey: a repeated call answers the first contact, not a second one', async () => {
    const email = `mcp-${randomBytes(4).toString('hex')}@example.com`;
    const args = { ...hs, email, firstName: 'Mia', lastName: 'Model', idempotencyKey: `mcp-create-${email}` };
    const first = await ok('create_contact', args);
    const stats = async (): Promise<number> => (await gw.call('GET', `/v1/sandbox/stats?provider=hubspot&endUserId=${END_USER}`, { key })).body.data.totalRequests;
    const before = await stats();
    const again = await call('create_contact', args);
    // Replayed from the idempotency store: the sandbox saw no second request.
    expect(await stats()).toBe(before);
    expect((again.structuredContent as unknown as Structured).data).toEqual(first.data);
    expect((await ok('search_contacts', { ...hs, email })).data).toHaveLength(1);
    // The same key with other arguments is the REST conflict.
    const conflict = await fails('create_contact', { ...args, firstName: 'Other' });
    expect(conflict.code).toBe('IDEMPOTENCY_KEY_CONFLICT');
    const updated = await ok('update_contact', { ...hs, id: first.data.id, title: 'Chief Agent', idempotencyKey: `mcp-update-${email}` });
    expect(updated.data).toMatchObject({ id: first.data.id, title: 'Chief Agent' });
  });

  it('arguments the route refuses are tool errors with the gateway code, naming the field', async () => {
    const unknown = await fails('create_contact', { ...hs, email: 'x@example.com', favouriteColour: 'blue' });
    expect(unknown.code).toBe('INVALID_INPUT');
    expect(unknown.details.errors).toEqual([{ field: 'favouriteColour', message: 'is not a known field' }]);
    expect((await fails('find_person', { ...hs })).code).toBe('MISSING_REQUIRED');
    expect((await fails('search_contacts', { endUserId: END_USER })).code).toBe('MISSING_PROVIDER');
  });

  it('another account\'s end user is not found', async () => {
    const other = await connectClient(otherKey);
    const err = await fails('search_contacts', hs, other);
    expect(err.code).toBe('END_USER_NOT_FOUND');
    expect(err.message).not.toMatch(/u-mcp/);
    expect((await ok('list_connections', {}, other)).data).toEqual([]);
  });

  it('an unknown tool is a JSON-RPC error, not a tool result', async () => {
    await expect(mcp.callTool({ name: 'drop_database', arguments: {} })).rejects.toThrow(/Unknown tool: drop_database/);
  });
});

describe('scheduling tools against the 42min sandbox', () => {
  it('find_availability → book_meeting → the slot is taken (SLOT_UNAVAILABLE) → cancel_meeting', async () => {
    const pages = await ok('list_booking_pages', { ...min42 });
    const page = pages.data.find(onePerson)!;
    const slots = (await ok('find_availability', { ...min42, bookingPageId: page.id, ...WEEK })).data as { start: string; end: string }[];
    expect(slots.length).toBeGreaterThan(5);
    const slot = slots[2];
    const attendee = { email: 'ada.agent@example.com', name: 'Ada Agent' };
    const booked = await ok('book_meeting', {
      ...min42, bookingPageId: page.id, startTime: slot.start, attendees: [attendee], idempotencyKey: `mcp-book-${slot.start}`,
    });
    expect(booked.data).toMatchObject({ startTime: slot.start, bookingPageId: page.id, status: 'scheduled' });
    const after = (await ok('find_availability', { ...min42, bookingPageId: page.id, ...WEEK })).data as { start: string }[];
    expect(after.map((s) => s.start)).not.toContain(slot.start);

    const taken = await fails('book_meeting', { ...min42, bookingPageId: page.id, startTime: slot.start, attendees: [{ email: 'late@example.com', name: 'Late' }] });
    expect(taken.code).toBe('SLOT_UNAVAILABLE');
    expect(taken.message).toEqual(expect.any(String));

    const cancelled = await ok('cancel_meeting', { ...min42, id: booked.data.id, reason: 'Agent changed its mind', idempotencyKey: `mcp-cancel-${booked.data.id}` });
    expect(cancelled.data).toMatchObject({ id: booked.data.id, status: 'cancelled', cancellationReason: 'Agent changed its mind' });
    const freed = (await ok('find_availability', { ...min42, bookingPageId: page.id, ...WEEK })).data as { start: string }[];
    expect(freed.map((s) => s.start)).toContain(slot.start);
  });

  it('reschedule_meeting moves a booking; list_meetings sees it; route_and_book routes an email to a host with slots', async () => {
    const pages = await ok('list_booking_pages', { ...min42 });
    const page = pages.data.find(onePerson)!;
    const slots = (await ok('find_availability', { ...min42, bookingPageId: page.id, ...WEEK })).data as { start: string }[];
    const [from, to] = [slots[slots.length - 1], slots[slots.length - 3]];
    const booked = await ok('book_meeting', { ...min42, bookingPageId: page.id, startTime: from.start, attendees: [{ email: 'rex@example.com', name: 'Rex' }] });
    const moved = await ok('reschedule_meeting', { ...min42, id: booked.data.id, startTime: to.start, reason: 'earlier', idempotencyKey: `mcp-move-${booked.data.id}` });
    expect(moved.data).toMatchObject({ startTime: to.start, status: 'scheduled' });
    const listed = await ok('list_meetings', { ...min42, startDate: WEEK.startDate, endDate: WEEK.endDate, limit: 200 });
    expect(listed.data.map((m: { id: string }) => m.id)).toContain(moved.data.id);

    const contact = (await ok('search_contacts', { ...hs, limit: 20 })).data.find((c: { email: string | null }) => c.email)!;
    const routed = await ok('route_and_book', { email: contact.email, crm: hs, scheduler: { ...min42, bookingPageId: page.id }, window: WEEK });
    expect(routed.data.routing).toMatchObject({ match: 'contact', bookingPage: { id: page.id } });
    expect(routed.data.slots.length).toBeGreaterThan(0);
  });

  it('a reversed range is INVALID_DATE_RANGE; route_and_book without idempotencyKey names it', async () => {
    const pages = await ok('list_booking_pages', { ...min42, limit: 1 });
    const err = await fails('find_availability', { ...min42, bookingPageId: pages.data[0].id, startDate: WEEK.endDate, endDate: WEEK.startDate });
    expect(err.code).toBe('INVALID_DATE_RANGE');
    const rab = await fails('route_and_book', {
      email: 'someone@example.com', crm: hs, scheduler: min42, window: WEEK, startTime: WEEK.startDate,
    });
    expect(rab).toMatchObject({ code: 'MISSING_REQUIRED', details: { fields: ['idempotencyKey'] } });
  });
});

describe('HTTP: keys and limits as for /v1', () => {
  it('a bad key is refused with 401 INVALID_API_KEY before any MCP message', async () => {
    const client = new Client({ name: 'gateway-test', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL(`${gw.url}/mcp`), {
      requestInit: { headers: { authorization: `Bearer sk_test_${'x'.repeat(40)}` } },
    });
    const err = await client.connect(transport).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(StreamableHTTPError);
    expect((err as StreamableHTTPError).code).toBe(401);
    expect((err as Error).message).toMatch(/INVALID_API_KEY/);
    const raw = await fetch(`${gw.url}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: '{}' });
    expect(raw.status).toBe(401);
    expect(raw.headers.get('www-authenticate')).toMatch(/invalid_token/);
    expect(((await raw.json()) as { error: { code: string } }).error.code).toBe('INVALID_API_KEY');
  });

  it('a body over the limit is 413, a batch 400, and GET /mcp is 405 (stateless: no stream)', async () => {
    const big = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { pad: 'x'.repeat(1_100_000) } });
    const res = await gw.call('POST', '/mcp', { key, body: big, headers: { accept: 'application/json, text/event-stream' } });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    // One message per request: a batch would carry many tool calls past the per-key rate limit.
    const batch = [1, 2].map((id) => ({ jsonrpc: '2.0', id, method: 'tools/list', params: {} }));
    const batched = await gw.call('POST', '/mcp', { key, body: batch, headers: { accept: 'application/json, text/event-stream' } });
    expect(batched.status).toBe(400);
    expect(batched.body.error.code).toBe('INVALID_INPUT');
    const get = await gw.call('GET', '/mcp', { key, headers: { accept: 'text/event-stream' } });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toContain('POST');
  });
});

describe('per-key rate limit shared with /v1', () => {
  let small: TestGateway;
  beforeAll(async () => { small = await startTestGateway({ RATE_LIMIT_PER_KEY: '3', RATE_LIMIT_WINDOW_SECONDS: '3600' }); });
  afterAll(async () => { await small.stop(); });

  it('REST calls and MCP messages draw on one budget; over it is 429 RATE_LIMITED with Retry-After', async () => {
    const { testKey } = await small.newAccount();
    const msg = (id: number) => ({ jsonrpc: '2.0', id, method: 'tools/list', params: {} });
    const headers = { accept: 'application/json, text/event-stream' };
    expect((await small.call('GET', '/v1/providers', { key: testKey })).status).toBe(200);
    expect((await small.call('POST', '/mcp', { key: testKey, body: msg(1), headers })).status).toBe(200);
    expect((await small.call('POST', '/mcp', { key: testKey, body: msg(2), headers })).status).toBe(200);
    const over = await small.call('POST', '/mcp', { key: testKey, body: msg(3), headers });
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('RATE_LIMITED');
    expect(over.headers.get('retry-after')).toBeTruthy();
  });
});
