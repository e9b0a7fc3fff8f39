import { accountsOf, basicAuth, deliveryId, parse, verify } from '.';

/** Pipedrive webhooks v2: HTTP Basic credentials the gateway chose, and meta → changes, as tables. */
const SECRET = 'derived-secret-0123456789';
const body = (meta: Record<string, unknown>, data: Record<string, unknown> | null = { update_time: '2027-03-01T09:00:00Z' }, previous: Record<string, unknown> | null = null) =>
  JSON.stringify({ meta: { id: 'm-1', action: 'change', entity: 'person', entity_id: '5', company_id: '777', timestamp: '2027-03-01T09:00:01Z', ...meta }, data, previous });
const req = (raw: string, authorization?: string) => ({ method: 'POST', url: 'https://gw.example.com/webhooks/providers/pipedrive', headers: authorization === undefined ? {} : { authorization }, rawBody: raw });

describe('Pipedrive basic auth', () => {
  it('is Basic base64(user:password) (a fixed vector)', () => {
    expect(basicAuth('gateway', 'pw')).toBe('Basic Z2F0ZXdheTpwdw==');
  });
  it.each([
    ['the gateway\'s credentials', basicAuth('gateway', SECRET), true],
    ['another password', basicAuth('gateway', 'guess'), false],
    ['another user', basicAuth('admin', SECRET), false],
    ['no header', undefined, false],
    ['a bearer token', `Bearer ${SECRET}`, false],
  ])('verify with %s → %s', (_name, authorization, ok) => {
    expect(verify(req(body({}), authorization), SECRET)).toBe(ok);
  });
});

describe('Pipedrive meta → changes', () => {
  it.each([
    [{ action: 'create' }, { resource: 'contacts', change: 'created' }],
    [{ action: 'change' }, { resource: 'contacts', change: 'updated' }],
    [{ action: 'delete' }, { resource: 'contacts', change: 'deleted' }],
    [{ entity: 'lead', entity_id: 'a1b2' }, { resource: 'leads', change: 'updated', recordId: 'a1b2' }],
  ])('%j', (meta, expected) => {
    const data = (meta as { action?: string }).action === 'delete' ? null : { update_time: '2027-03-01T09:00:00Z' };
    expect(parse(req(body(meta, data)))).toEqual([{ providerAccountId: '777', recordId: '5', occurredAt: '2027-03-01T09:00:01Z', ...expected }]);
  });

  it('meetings are activities of type meeting only; other objects are ignored; reads the company and delivery id', () => {
    expect(parse(req(body({ entity: 'activity' }, { type: 'meeting', update_time: 'x' })))).toHaveLength(1);
    expect(parse(req(body({ entity: 'activity' }, { type: 'call' })))).toEqual([]);
    expect(parse(req(body({ entity: 'activity', action: 'delete' }, null, { type: 'meeting' })))).toEqual([expect.objectContaining({ resource: 'meetings', change: 'deleted' })]);
    expect(parse(req(body({ entity: 'deal' })))).toEqual([]);
    expect(accountsOf(req(body({})))).toEqual(['777']);
    expect(deliveryId(req(body({})))).toBe('m-1');
  });
});
