import { existsSync } from 'node:fs';
import path from 'node:path';
import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { connectViaSandbox } from '../helpers/connect-via-sandbox';
import { listAllPages } from '../helpers/list-all';
import type * as ClientModule from '../../clients/typescript/src/index';

/**
 * The built TypeScript client (clients/typescript/dist, compiled by `npm run build`) against a real
 * gateway and its sandboxes: `for await` through every contact, an automatic Idempotency-Key that a
 * retry after a lost answer reuses (one contact, the answer replayed), an injected provider 429
 * waited out as its Retry-After says, and a taken 42min slot as a typed SLOT_UNAVAILABLE error.
 * Waits are recorded by an injected sleep, not slept.
 */
jest.setTimeout(60_000);

const DIST = path.resolve(__dirname, '../../clients/typescript/dist/index.js');
if (!existsSync(DIST)) throw new Error(`${DIST} is missing: run npm run build first`);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdk = require(DIST) as typeof ClientModule;

const END_USER = 'eu-ts-client';
let gw: TestGateway;
let key: string;
let account: string;
let accountId: string;
let client: ClientModule.GatewayClient;
const q = { provider: 'hubspot', endUserId: END_USER };
const hubspotStats = () => gw.deps.sandboxes!.get('hubspot')!.kit.stats.get(account);
const posts = (): number => Object.entries(hubspotStats().requests).filter(([k]) => k.startsWith('POST ')).reduce((n, [, v]) => n + v, 0);

beforeAll(async () => {
  gw = await startTestGateway();
  ({ accountId, testKey: key } = await gw.newAccount());
  ({ account } = await connectViaSandbox(gw, { accountId, mode: 'test' }, END_USER, 'hubspot'));
  client = sdk.createGatewayClient({ baseUrl: gw.url, apiKey: key });
});
afterAll(() => gw?.stop());

it('pages through every contact of the end user with for await over meta.nextCursor', async () => {
  const tag = Date.now().toString(36);
  const created: string[] = [];
  for (let i = 0; i < 3; i++) {
    const contact = await sdk.unwrap(client.POST('/v1/contacts', { params: { query: q }, body: { email: `page${i}.${tag}@example.com`, firstName: `P${i}` } }));
    created.push(contact.data.id);
  }
  let pages = 0;
  const ids: string[] = [];
  for await (const contact of sdk.paginate((cursor) => {
    pages += 1;
    return client.GET('/v1/contacts', { params: { query: { ...q, limit: 50, cursor } } });
  })) {
    ids.push(contact.id); // typed: the contact of the OpenAPI document
  }
  const raw = await listAllPages<{ id: string }>((query) => gw.call('GET', `/v1/contacts?${new URLSearchParams({ ...q, ...query })}`, { key }), 50);
  expect(ids).toEqual(raw.records.map((r) => r.id));
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids).toEqual(expect.arrayContaining(created));
  expect(pages).toBe(raw.pages);
  expect(pages).toBeGreaterThanOrEqual(3);
});

it('a create whose answer is lost is retried with the same automatic Idempotency-Key: one contact, the answer replayed', async () => {
  const keys: (string | null)[] = [];
  let lost = false;
  // Sends for real, then drops the first write's answer as a reset connection would.
  const lossy: ClientModule.FetchLike = async (request, init) => {
    keys.push(request.headers.get('idempotency-key'));
    const res = await fetch(request, init);
    if (request.method === 'POST' && !lost) {
      lost = true;
      await res.arrayBuffer();
      throw new TypeError('fetch failed (connection reset before the answer)');
    }
    return res;
  };
  const waits: number[] = [];
  const flaky = sdk.createGatewayClient({ baseUrl: gw.url, apiKey: key, fetch: lossy, retry: { sleep: async (ms) => { waits.push(ms); } } });
  const email = `once.${Date.now().toString(36)}@example.com`;
  const before = posts();
  const { data, response } = await flaky.POST('/v1/contacts', { params: { query: q }, body: { email, firstName: 'Once' } });
  expect(response.status).toBe(201);
  expect(response.headers.get('idempotent-replayed')).toBe('true');
  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
  expect(keys[1]).toBe(keys[0]);
  expect(waits).toHaveLength(1);
  expect(posts() - before).toBe(1);
  const same = await sdk.unwrap(client.GET('/v1/contacts', { params: { query: { ...q, email } } }));
  expect(same.data.map((c) => c.id)).toEqual([data!.data.id]);
});

it('keeps an Idempotency-Key the caller gives: the same key and body twice is one contact', async () => {
  const email = `mine.${Date.now().toString(36)}@example.com`;
  const create = () => client.POST('/v1/contacts', { params: { query: q, header: { 'Idempotency-Key': `mine-${email}` } }, body: { email } });
  const first = await create();
  const second = await create();
  expect(second.response.headers.get('idempotent-replayed')).toBe('true');
  expect(second.data!.data.id).toBe(first.data!.data.id);
});

it('waits out an injected provider 429 for its Retry-After and succeeds; a wait over the cap is thrown at once', async () => {
  // A connection of its own that nothing else uses: no background read (e.g. of a provider webhook) takes the one 429.
  const quiet = { provider: 'hubspot', endUserId: 'eu-ts-client-429' };
  const { account: quietAccount } = await connectViaSandbox(gw, { accountId, mode: 'test' }, quiet.endUserId, 'hubspot');
  const stats = () => gw.deps.sandboxes!.get('hubspot')!.kit.stats.get(quietAccount);
  const list = (c: ClientModule.GatewayClient) => c.GET('/v1/contacts', { params: { query: { ...quiet, limit: 1 } } });
  await list(client); // the first call also reads the account's details
  // 45 s is past the gateway's own 30 s deadline: it answers 429 PROVIDER_RATE_LIMITED at once, with Retry-After.
  const inject = () => client.POST('/v1/sandbox/faults', { body: { ...quiet, fault: 'rate_limit', count: 1, retryAfterSeconds: 45 } });

  await inject();
  const capped = sdk.createGatewayClient({ baseUrl: gw.url, apiKey: key, retry: { sleep: async () => { throw new Error('must not wait'); } } });
  const err = await list(capped).catch((e: unknown) => e);
  expect(sdk.isGatewayError(err, 'PROVIDER_RATE_LIMITED')).toBe(true);
  expect(err).toMatchObject({ status: 429, retryAfterSeconds: expect.any(Number) });
  // The seconds left of the provider's 45 when the gateway answered.
  expect((err as ClientModule.GatewayError).retryAfterSeconds).toBeGreaterThanOrEqual(44);

  await inject();
  const waits: number[] = [];
  const patient = sdk.createGatewayClient({ baseUrl: gw.url, apiKey: key, retry: { maxDelayMs: 60_000, sleep: async (ms) => { waits.push(ms); } } });
  const limitedBefore = stats().rateLimited;
  const { response } = await list(patient);
  expect(response.status).toBe(200);
  expect(waits).toHaveLength(1);
  expect(waits[0]).toBeGreaterThanOrEqual(44_000);
  expect(waits[0]).toBeLessThanOrEqual(45_000);
  expect(stats().rateLimited - limitedBefore).toBe(1);
});

describe('42min', () => {
  const END_USER_42 = 'eu-ts-client-42min';
  const q42 = { provider: '42min', endUserId: END_USER_42 };

  it('a slot booked twice is a GatewayError with code SLOT_UNAVAILABLE', async () => {
    gw.deps.sandboxes!.get('42min')!.kit.limits.configure('*', 'burst', { max: 100_000, windowMs: 1000 });
    const issued = await sdk.unwrap(client.POST('/v1/sandbox/credentials', { body: { provider: '42min' } }));
    // (The issuing route's schema leaves apiKey optional.)
    const { credentials: { apiKey }, config } = issued.data;
    await client.POST('/v1/connections', { body: { endUserId: END_USER_42, provider: '42min', credentials: { apiKey: apiKey! }, config } });
    const pages = await sdk.unwrap(client.GET('/v1/booking-pages', { params: { query: q42 } }));
    const page = pages.data.find((p) => p.active)!;
    const slots = await sdk.unwrap(client.GET('/v1/availability', {
      params: { query: { ...q42, bookingPageId: page.id, startDate: '2031-06-02T00:00:00.000Z', endDate: '2031-06-09T00:00:00.000Z' } },
    }));
    const book = (email: string) => client.POST('/v1/meetings', {
      params: { query: q42 },
      body: { bookingPageId: page.id, startTime: slots.data[2].start, attendees: [{ email, name: 'Lea Lead' }] },
    });
    expect((await book('lea@example.com')).response.status).toBe(201);

    const err = await book('someone.else@example.com').then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(sdk.GatewayError);
    if (!(err instanceof sdk.GatewayError)) throw err;
    // `code` is the union of the catalog's codes: a misspelt one does not compile.
    // @ts-expect-error 'SLOT_TAKEN' is not a gateway error code
    expect(err.code === 'SLOT_TAKEN').toBe(false);
    expect(err.code === 'SLOT_UNAVAILABLE').toBe(true);
    expect(err).toMatchObject({ status: 409, message: expect.any(String), requestId: expect.stringMatching(/^req_/) });
    expect((err.details.provider as { code: string }).code).toBe('slot_unavailable');
  });
});
