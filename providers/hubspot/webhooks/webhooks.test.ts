import { createHmac } from 'node:crypto';
import { deliveryId, parse, verify } from '.';
import { hubspotUri, signV3 } from './signature';

/** HubSpot v3 signatures and event parsing (reference/providers.md §1.8), as tables of known values. */
const SECRET = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const URL = 'https://gateway.example.com/webhooks/providers/hubspot';
const BODY = '[{"eventId":1,"portalId":62515,"objectId":123,"subscriptionType":"contact.creation","occurredAt":1700000000000}]';
const TS = '1700000000000';
const req = (headers: Record<string, string>, body = BODY, url = URL) => ({ method: 'POST', url, headers, rawBody: body });

describe('HubSpot v3 signature', () => {
  it('is base64 HMAC-SHA256 of method + URI + body + timestamp (a fixed vector)', () => {
    const expected = createHmac('sha256', SECRET).update(`POST${URL}${BODY}${TS}`).digest('base64');
    expect(signV3(SECRET, { method: 'post', url: URL, rawBody: BODY, timestamp: TS })).toBe(expected);
    expect(expected).toBe('WiA6Ha5DxV9YeGuHZm0hjcBsO7HZxtTpOgr8JQfH81U=');
  });

  it.each([
    ['https://h.example.com/a%3Ab%2Fc%3Fd%40e', 'https://h.example.com/a:b/c?d@e'],
    ['https://h.example.com/x?q=%21%24%27%28%29%2A%2C%3B', "https://h.example.com/x?q=!$'()*,;"],
    ['https://h.example.com/x?q=%20%26', 'https://h.example.com/x?q=%20%26'],
    ['https://h.example.com/x?q=%3a', 'https://h.example.com/x?q=:'],
  ])('signs %s as %s', (given, signed) => {
    expect(hubspotUri(given)).toBe(signed);
  });

  const now = new Date(Number(TS) + 60_000);
  const good = { 'x-hubspot-signature-v3': signV3(SECRET, { method: 'POST', url: URL, rawBody: BODY, timestamp: TS }), 'x-hubspot-request-timestamp': TS };
  it.each([
    ['the right secret', good, BODY, SECRET, now, true],
    ['another secret', good, BODY, 'other', now, false],
    ['a changed body', good, BODY.replace('123', '124'), SECRET, now, false],
    ['no signature', { 'x-hubspot-request-timestamp': TS }, BODY, SECRET, now, false],
    ['no timestamp', { 'x-hubspot-signature-v3': good['x-hubspot-signature-v3'] }, BODY, SECRET, now, false],
    ['a timestamp more than 5 minutes old', good, BODY, SECRET, new Date(Number(TS) + 5 * 60_000 + 1), false],
    ['a non-numeric timestamp', { ...good, 'x-hubspot-request-timestamp': 'soon' }, BODY, SECRET, now, false],
  ])('verify with %s → %s', (_name, headers, body, secret, at, ok) => {
    expect(verify(req(headers, body), secret, at)).toBe(ok);
  });
});

describe('HubSpot events → changes', () => {
  it.each([
    ['contact.creation', {}, [{ resource: 'contacts', recordId: '7', change: 'created' }]],
    ['contact.propertyChange', { propertyName: 'city' }, [{ resource: 'contacts', recordId: '7', change: 'updated' }]],
    ['contact.deletion', {}, [{ resource: 'contacts', recordId: '7', change: 'deleted' }]],
    ['contact.privacyDeletion', {}, [{ resource: 'contacts', recordId: '7', change: 'deleted' }]],
    ['contact.merge', { mergedObjectIds: [7, 8] }, [{ recordId: '7', change: 'updated' }, { recordId: '8', change: 'deleted' }]],
    ['object.creation', { objectTypeId: '0-136' }, [{ resource: 'leads', recordId: '7', change: 'created' }]],
    ['object.propertyChange', { objectTypeId: '0-47' }, [{ resource: 'meetings', recordId: '7', change: 'updated' }]],
    ['object.creation', { objectTypeId: '0-3' }, []],
    ['company.creation', {}, []],
  ])('%s %j', (subscriptionType, extra, expected) => {
    const body = JSON.stringify([{ eventId: 1, portalId: 62515, objectId: 7, subscriptionType, occurredAt: 1700000000000, ...extra }]);
    const changes = parse(req({}, body));
    expect(changes).toEqual(expected.map((e) => expect.objectContaining({ providerAccountId: '62515', occurredAt: '2023-11-14T22:13:20.000Z', ...e })));
  });

  it('folds several property changes of one record into one change, and names the delivery by its event ids', () => {
    const events = [3, 1, 2].map((eventId) => ({ eventId, portalId: 1, objectId: 9, subscriptionType: 'contact.propertyChange', occurredAt: 1 }));
    const r = req({}, JSON.stringify(events));
    expect(parse(r)).toHaveLength(1);
    expect(deliveryId(r)).toBe('1,2,3');
  });
});
