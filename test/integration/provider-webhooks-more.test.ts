import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { connectOAuth, mintToken } from '../helpers/connect-driver';
import { connectViaSandbox } from '../helpers/connect-via-sandbox';
import { until } from '../helpers/wait';
import { EVENT_TEST_ENV, eventProbe } from '../helpers/event-probe';
import type { WebhookReceiver } from '../helpers/webhook-receiver';

/**
 * Provider webhooks in for Schedly and Pipedrive beyond provider-webhooks.test.ts, over real HTTP:
 * edits (not only creations) and bookings made straight at the sandbox reach an account's receiver
 * as the right event with the unified record; gateway updates the sandbox also reports are one event.
 */

let gw: TestGateway;
let key: string;
let otherKey: string;
const call = (method: string, path: string, body?: unknown, k = key) => gw.call(method, path, { key: k, body });

const { parsed, receiverFor, eventsFor, duplicates, processed, closeReceivers, connectSandboxKey } = eventProbe(() => gw);

beforeAll(async () => {
  gw = await startTestGateway(EVENT_TEST_ENV);
  ({ testKey: key } = await gw.newAccount('provider-webhooks-more'));
  ({ testKey: otherKey } = await gw.newAccount('provider-webhooks-more-other'));
});
afterAll(async () => {
  await closeReceivers();
  await gw.stop();
});

describe('Schedly webhooks, edits and bookings', () => {
  const END_USER = 'pwm-schedly';
  let apiKey: string;
  let connectionId: string;
  let receiver: WebhookReceiver;
  const schedly = (path: string, init: { method?: string; body?: unknown } = {}) => fetch(`${gw.url}/sandbox/schedly${path}`, {
    method: init.method ?? 'GET', body: init.body === undefined ? undefined : JSON.stringify(init.body),
    headers: { 'cal-api-key': apiKey, 'content-type': 'application/json' },
  });

  beforeAll(async () => {
    ({ apiKey: apiKey, connectionId } = await connectSandboxKey(key, 'schedly', END_USER));
    receiver = await receiverFor(key, ['contact.*', 'meeting.*']);
  });

  it('an appointment edited, then cancelled straight at the sandbox is meeting.updated, then meeting.cancelled with the unified record', async () => {
    // One last changed before now: the sandbox keeps a seeded future updatedAt on an edit (max of the two), so an
    // edit of such a record would carry no new update time and two edits would be one change.
    const list = (await (await schedly('/api/services/appointments?status=approved&limit=100')).json()) as { data: { id: number; updatedAt: string }[] };
    const id = String(list.data.find((a) => Date.parse(a.updatedAt) < Date.now() - 1000)!.id);
    expect((await schedly(`/api/services/appointments?id=${id}`, { method: 'PUT', body: { notes: 'Bring the forms' } })).status).toBe(200);
    const [updated] = await eventsFor(receiver, id, 1);
    expect(updated).toMatchObject({ type: 'meeting.updated', data: { connectionId, provider: 'schedly', resource: 'meetings', source: 'provider_webhook', record: { id } } });
    expect((await schedly(`/api/services/appointments?id=${id}`, { method: 'PUT', body: { status: 'canceled', cancellationReason: 'Ill' } })).status).toBe(200);
    const got = await eventsFor(receiver, id, 2);
    expect(got[1]).toMatchObject({ type: 'meeting.cancelled', data: { source: 'provider_webhook', record: { id, status: 'cancelled' } } });
    await processed();
    expect(parsed(receiver).filter((e) => e.data.recordId === id).map((e) => e.type)).toEqual(['meeting.updated', 'meeting.cancelled']);
  });

  it('a customer deleted straight at the sandbox is contact.deleted without a record', async () => {
    const made = await schedly('/api/services/customers', { method: 'POST', body: { name: 'Del Direct', email: 'pwm-del@example.com' } });
    const id = String(((await made.json()) as { data: { id: number } }).data.id);
    await eventsFor(receiver, id, 1);
    expect((await schedly(`/api/services/customers?id=${id}`, { method: 'DELETE' })).status).toBe(200);
    const got = await eventsFor(receiver, id, 2);
    expect(got[1]).toMatchObject({ type: 'contact.deleted', data: { source: 'provider_webhook', connectionId } });
    expect(got[1]!.data.record).toBeUndefined();
  });

  it('a gateway update gives exactly one contact.updated although the sandbox also sends its webhook', async () => {
    const res = await call('POST', `/v1/contacts?provider=schedly&endUserId=${END_USER}`, { firstName: 'Uma', lastName: 'Update', email: 'pwm-uma@example.com' });
    expect(res.status).toBe(201);
    const id = res.body.data.id as string;
    await eventsFor(receiver, id, 1);
    const seenTwice = await duplicates('contact.updated');
    const patched = await call('PATCH', `/v1/contacts/${id}?provider=schedly&endUserId=${END_USER}`, { phone: '+44 20 7946 0001' });
    expect(patched.status).toBe(200);
    await until(async () => (await duplicates('contact.updated')) > seenTwice);
    await processed();
    expect(parsed(receiver).filter((e) => e.data.recordId === id).map((e) => [e.type, e.data.source])).toEqual([['contact.created', 'gateway'], ['contact.updated', 'gateway']]);
  });
});

describe('Pipedrive webhooks, edits and leads', () => {
  const company = 'pwm-company-a';
  const END_USER = 'pwm-pd';
  let connectionId: string;
  let direct: string;
  let receiver: WebhookReceiver;
  const pipedrive = (path: string, init: { method?: string; body?: unknown } = {}) => fetch(`${gw.url}/sandbox/pipedrive${path}`, {
    method: init.method ?? 'GET', body: init.body === undefined ? undefined : JSON.stringify(init.body),
    headers: { authorization: `Bearer ${direct}`, 'content-type': 'application/json' },
  });

  beforeAll(async () => {
    gw.deps.providerClient.policies.override('pipedrive', { rateLimit: { requests: 10_000, intervalMs: 1000 } });
    const r = await connectOAuth(gw, await mintToken(gw, key, { endUserId: END_USER, providers: ['pipedrive'] }), 'pipedrive', company);
    expect(r.type).toBe('connected');
    connectionId = r.connectionId!;
    await gw.deps.events.settled();
    // A token of the same company that is not the gateway's: "someone edited the CRM".
    const scope = { accountId: (await gw.deps.auth.authenticate(`Bearer ${otherKey}`)).accountId, mode: 'test' as const };
    direct = (await connectViaSandbox(gw, scope, 'pwm-pd-direct', 'pipedrive', { account: company })).accessToken;
    receiver = await receiverFor(key, ['contact.*', 'lead.*']);
  });

  it('a seeded person edited straight at the sandbox is contact.updated with the unified record', async () => {
    const persons = (await (await pipedrive('/api/v2/persons?limit=2')).json()) as { data: { id: number }[] };
    const id = String(persons.data[0]!.id);
    const patched = await pipedrive(`/api/v2/persons/${id}`, { method: 'PATCH', body: { first_name: 'Edith', last_name: 'Edited', emails: [{ value: 'pwm-edith@example.com', primary: true, label: 'work' }] } });
    expect(patched.status).toBe(200);
    const [updated] = await eventsFor(receiver, id, 1);
    expect(updated).toMatchObject({
      type: 'contact.updated',
      data: { connectionId, provider: 'pipedrive', resource: 'contacts', source: 'provider_webhook', record: { id, firstName: 'Edith', lastName: 'Edited', email: 'pwm-edith@example.com' } },
    });
  });

  it('a lead created straight at the sandbox is lead.created with the unified record', async () => {
    const persons = (await (await pipedrive('/api/v2/persons?limit=1')).json()) as { data: { id: number }[] };
    const made = await pipedrive('/api/v1/leads', { method: 'POST', body: { title: 'Direct inbound', person_id: persons.data[0]!.id } });
    expect(made.status).toBe(201);
    const id = String(((await made.json()) as { data: { id: string } }).data.id);
    const [created] = await eventsFor(receiver, id, 1);
    expect(created).toMatchObject({ type: 'lead.created', data: { connectionId, resource: 'leads', source: 'provider_webhook', record: { id } } });
  });

  it('a gateway update gives exactly one contact.updated although the sandbox also sends its webhook', async () => {
    // A seeded person, last changed long ago. (A person created and updated within one second would not do:
    // Pipedrive's update_time has whole seconds, so both carry one update time and make one event id.)
    const persons = (await (await pipedrive('/api/v2/persons?limit=2')).json()) as { data: { id: number }[] };
    const id = String(persons.data[1]!.id);
    const seenTwice = await duplicates('contact.updated');
    const patched = await call('PATCH', `/v1/contacts/${id}?provider=pipedrive&endUserId=${END_USER}`, { lastName: 'Patched' });
    expect(patched.status).toBe(200);
    await until(async () => (await duplicates('contact.updated')) > seenTwice);
    await processed();
    const got = parsed(receiver).filter((e) => e.data.recordId === id);
    expect(got.map((e) => [e.type, e.data.source])).toEqual([['contact.updated', 'gateway']]);
    expect(got[0]!.data.record).toMatchObject({ id, lastName: 'Patched' });
  });
});
