import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { connectOAuth, mintToken } from '../helpers/connect-driver';

/**
 * Meetings carry the booking-engine fields (API.md § Scheduling) whichever provider answers: a
 * CRM's meetings have them as null, and booking fields are refused where the provider declares no
 * booking pages (never dropped). The provider is chosen by what its manifest declares.
 */
let gw: TestGateway;
let key: string;
let crm: string;
const endUserId = 'u-meeting-fields';
const SCHEDULING_FIELDS = ['bookingPageId', 'hostIds', 'cancellationReason', 'rescheduledFromId', 'version'];

beforeAll(async () => {
  gw = await startTestGateway();
  ({ testKey: key } = await gw.newAccount());
  // A provider with meetings but no booking pages, connected through its sandbox's OAuth flow.
  crm = gw.deps.registry.list().find((d) => d.manifest.resources.meetings?.includes('create') && !d.manifest.resources.bookingPages
    && d.manifest.auth[0].type === 'oauth2')!.manifest.id;
  gw.deps.providerClient.policies.override(crm, { rateLimit: { requests: 10_000, intervalMs: 1000 } });
  const r = await connectOAuth(gw, await mintToken(gw, key, { endUserId, providers: [crm] }), crm, 'meeting-fields');
  if (r.type !== 'connected') throw new Error(`not connected: ${JSON.stringify(r)}`);
});
afterAll(async () => { await gw.stop(); });

const url = (extra: Record<string, string> = {}) => `/v1/meetings?${new URLSearchParams({ provider: crm, endUserId, ...extra })}`;

it("answers a CRM's meetings with the scheduling fields as null", async () => {
  const res = await gw.call('GET', url({ limit: '5' }), { key });
  expect(res.status).toBe(200);
  expect(res.body.data.length).toBeGreaterThan(0);
  for (const meeting of res.body.data) {
    for (const field of SCHEDULING_FIELDS) expect(meeting).toHaveProperty(field, null);
  }
});

it("refuses bookingPageId, answers and the booker's phone and zone for a provider without booking pages, naming them", async () => {
  const res = await gw.call('POST', url(), {
    key, body: {
      startTime: '2030-01-07T10:00:00Z', title: 'x', bookingPageId: 'bp_1', answers: [{ questionId: 'q', answer: 'a' }],
      attendees: [{ email: 'lea@example.com', phone: '+1 555 0100', timezone: 'Europe/Berlin' }],
    },
  });
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('INVALID_INPUT');
  expect(res.body.error.details.errors.map((f: { field: string }) => f.field).sort())
    .toEqual(['answers', 'attendees[0].phone', 'attendees[0].timezone', 'bookingPageId']);
});

it('sets no ETag, and refuses If-Match naming it, where the provider does not version records', async () => {
  const list = await gw.call('GET', url({ limit: '1' }), { key });
  const id = list.body.data[0].id as string;
  const item = `/v1/meetings/${id}?${new URLSearchParams({ provider: crm, endUserId })}`;
  const read = await gw.call('GET', item, { key });
  expect(read.status).toBe(200);
  expect(read.headers.get('etag')).toBeNull();
  const res = await gw.call('PATCH', item, { key, headers: { 'if-match': '"1"' }, body: { description: 'x' } });
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('INVALID_INPUT');
  expect(res.body.error.details.errors[0].field).toBe('If-Match');
});
