import { createHmac } from 'node:crypto';
import { accountsOf, deliveryId, parse, verify } from '.';
import { parseSignatureHeader, signatureHeader } from './signature';

/** 42min booking webhooks: the (UNCONFIRMED, ../README.md) signature and the booking.* events, as tables. */
const SECRET = 'whsec_0123456789abcdef';
const T = 1_800_000_000;
const body = (type: string, data: Record<string, unknown> = {}) =>
  JSON.stringify({ id: 'evt_1', type, created_at: '2027-01-15T08:00:00.000Z', account_id: 'acc1', data: { uid: 'b-1', version: 3, ...data } });
const req = (raw: string, signature?: string) => ({ method: 'POST', url: 'https://gw.example.com/webhooks/providers/42min', headers: signature === undefined ? {} : { 'x-42min-signature': signature }, rawBody: raw });

describe('42min signature', () => {
  it('is t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body"> (a fixed vector)', () => {
    const raw = body('booking.created');
    const v1 = createHmac('sha256', SECRET).update(`${T}.${raw}`).digest('hex');
    expect(signatureHeader(SECRET, T, raw)).toBe(`t=${T},v1=${v1}`);
    expect(signatureHeader(SECRET, T, '{}')).toBe('t=1800000000,v1=0670c993f4fc178e4a81d2e7c2ccbed77b608e0f2b0d9f417b7283b1c6028934');
  });

  it.each([
    ['t=1,v1=ab', { timestamp: 1, v1: ['ab'] }],
    ['t=1, v1=ab, v1=cd', { timestamp: 1, v1: ['ab', 'cd'] }],
    ['v1=ab', null],
    ['t=x,v1=ab', null],
    ['t=1', null],
    ['', null],
  ])('header %j parses as %j', (header, expected) => {
    expect(parseSignatureHeader(header)).toEqual(expected);
  });

  const raw = body('booking.created');
  const now = new Date(T * 1000 + 30_000);
  it.each([
    ['the right secret', signatureHeader(SECRET, T, raw), raw, now, true],
    ['another secret', signatureHeader('other-secret', T, raw), raw, now, false],
    ['a rotated pair (one v1 matches)', `${signatureHeader('old', T, raw)},v1=${signatureHeader(SECRET, T, raw).split('v1=')[1]}`, raw, now, true],
    ['a changed body', signatureHeader(SECRET, T, raw), raw.replace('b-1', 'b-2'), now, false],
    ['a timestamp more than 5 minutes off', signatureHeader(SECRET, T, raw), raw, new Date((T + 301) * 1000), false],
    ['no header', undefined, raw, now, false],
  ])('verify with %s → %s', (_name, signature, rawBody, at, ok) => {
    expect(verify(req(rawBody, signature), SECRET, at)).toBe(ok);
  });
});

describe('42min booking.* → changes', () => {
  it.each([
    ['booking.created', {}, { change: 'created' }],
    ['booking.updated', { changed_fields: ['attendee_name'] }, { change: 'updated' }],
    ['booking.rescheduled', { rescheduled_from_uid: null }, { change: 'rescheduled', rescheduledFromId: null }],
    ['booking.rescheduled', { rescheduled_from_uid: 'b-0' }, { change: 'rescheduled', rescheduledFromId: 'b-0' }],
    ['booking.canceled', {}, { change: 'cancelled' }],
    ['booking.cancelled', {}, { change: 'cancelled' }],
  ])('%s %j', (type, data, expected) => {
    expect(parse(req(body(type, data)))).toEqual([{
      providerAccountId: 'acc1', resource: 'meetings', recordId: 'b-1', occurredAt: '2027-01-15T08:00:00.000Z', ...expected,
    }]);
  });

  it('ignores other events and bodies without an account or uid; reads the delivery id and account', () => {
    expect(parse(req(body('booking.no_show')))).toEqual([]);
    expect(parse(req(JSON.stringify({ type: 'booking.created', data: { uid: 'b' } })))).toEqual([]);
    expect(parse(req(JSON.stringify({ type: 'booking.created', account_id: 'a', data: {} })))).toEqual([]);
    expect(deliveryId(req(body('booking.created')))).toBe('evt_1');
    expect(accountsOf(req(body('booking.created')))).toEqual(['acc1']);
    expect(accountsOf(req('[]'))).toEqual([]);
  });
});
