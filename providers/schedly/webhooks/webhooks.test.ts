import { createHmac } from 'node:crypto';
import { accountsOf, parse, signBody, verify } from '.';

/** Schedly webhooks: the seed's signature (hex HMAC-SHA256 of the raw body) and the events the gateway reads, as tables. */
const SECRET = 'schedly-secret-0123456789';
const URL = 'https://gw.example.com/webhooks/providers/schedly?account=ada';
const body = (triggerEvent: string, payload: Record<string, unknown> = { id: 42, updatedAt: '2027-02-01T10:00:00.000Z' }) =>
  JSON.stringify({ triggerEvent, createdAt: '2027-02-01T10:00:01.000Z', payload });
const req = (raw: string, signature?: string, url = URL) => ({ method: 'POST', url, headers: signature === undefined ? {} : { 'x-schedly-signature': signature }, rawBody: raw });

describe('Schedly signature', () => {
  it('is the seed snippet: hex HMAC-SHA256 of the raw body (a fixed vector)', () => {
    expect(signBody('{}', SECRET)).toBe(createHmac('sha256', SECRET).update('{}').digest('hex'));
    expect(signBody('{}', 'k')).toBe('add853b103fbcc936a194f9eb15e29c4ff08af6e47d5d1bca4f20218e31e4fff');
  });

  const raw = body('CUSTOMER_CREATED');
  it.each([
    ['the right secret', signBody(raw, SECRET), raw, true],
    ['upper-case hex', signBody(raw, SECRET).toUpperCase(), raw, true],
    ['another secret', signBody(raw, 'other'), raw, false],
    ['a changed body', signBody(raw, SECRET), raw.replace('42', '43'), false],
    ['no header', undefined, raw, false],
  ])('verify with %s → %s', (_name, signature, rawBody, ok) => {
    expect(verify(req(rawBody, signature), SECRET)).toBe(ok);
  });

  it('reads the account from the URL the gateway registered', () => {
    expect(accountsOf(req(raw))).toEqual(['ada']);
    expect(accountsOf(req(raw, undefined, 'https://gw.example.com/webhooks/providers/schedly'))).toEqual([]);
  });
});

describe('Schedly events → changes', () => {
  it.each([
    ['CUSTOMER_CREATED', { resource: 'contacts', change: 'created' }],
    ['CUSTOMER_UPDATED', { resource: 'contacts', change: 'updated' }],
    ['CUSTOMER_DELETED', { resource: 'contacts', change: 'deleted' }],
    ['SERVICE_BOOKING_CREATED', { resource: 'meetings', change: 'created' }],
    ['SERVICE_BOOKING_COMPLETED', { resource: 'meetings', change: 'updated' }],
    ['SERVICE_BOOKING_CANCELLED', { resource: 'meetings', change: 'cancelled' }],
  ])('%s', (event, expected) => {
    expect(parse(req(body(event)))).toEqual([{ providerAccountId: 'ada', recordId: '42', occurredAt: '2027-02-01T10:00:01.000Z', ...expected }]);
  });

  it('ignores events it does not model and payloads without an id', () => {
    expect(parse(req(body('MEETING_ENDED')))).toEqual([]);
    expect(parse(req(body('CUSTOMER_CREATED', {})))).toEqual([]);
  });
});
