import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { UNIFIED_SCHEMAS } from '../../../src/provider-sdk';
import { exchanges, golden } from '../fixtures/exchanges';
import { toProviderContact, toUnifiedContact } from './contact.mapper';
import { toProviderLeadCreate, toProviderLeadUpdate, toUnifiedLead } from './lead.mapper';
import { toProviderMeetingCreate, toProviderMeetingUpdate, toUnifiedMeeting, type AttendeeContact } from './meeting.mapper';
import type { HubspotObject } from './wire';

/** Fixtures → unified records, checked against UNIFIED_SCHEMAS and the golden files (fixtures/golden). */
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);

const body = (name: string, i = 0): unknown => exchanges(name)[i].response.body;
const resultsOf = (b: unknown): HubspotObject[] => (b as { results: HubspotObject[] }).results;
const results = (name: string): HubspotObject[] => resultsOf(body(name));
const withoutRaw = <T extends { remoteData?: unknown }>(r: T): Omit<T, 'remoteData'> => { const { remoteData: _r, ...rest } = r; return rest; };

/** Attendee details as the meetings adapter builds them from a contacts batch read. */
function attendeeMap(name: string, i: number): Record<string, AttendeeContact> {
  const out: Record<string, AttendeeContact> = {};
  for (const c of resultsOf(body(name, i))) {
    const n = [c.properties.firstname, c.properties.lastname].filter(Boolean).join(' ');
    out[c.id] = { email: c.properties.email ?? null, name: n === '' ? null : n };
  }
  return out;
}

export const mapped = {
  contacts: () => [...results('contacts-list'), body('contacts-get') as HubspotObject].map(toUnifiedContact),
  leads: () => [...results('leads-list'), body('leads-get') as HubspotObject].map((r) => toUnifiedLead(r)),
  meetings: () => [
    ...results('meetings-list').map((r) => toUnifiedMeeting(r, attendeeMap('meetings-list', 1))),
    toUnifiedMeeting(body('meetings-get') as HubspotObject, attendeeMap('meetings-get', 1)),
  ],
};

describe.each(['contacts', 'leads', 'meetings'] as const)('HubSpot %s mapper', (resource) => {
  const records = mapped[resource]();
  it('produces schema-valid records that keep the provider record as remoteData', () => {
    const validate = ajv.compile(UNIFIED_SCHEMAS[resource].record);
    for (const r of records) {
      expect(validate(r) ? null : validate.errors).toBeNull();
      expect(r.remoteData).toBeDefined();
    }
  });
  it('matches the golden file', () => {
    expect(records.map(withoutRaw)).toEqual(golden(resource));
  });
});

describe('HubSpot mappers to the provider', () => {
  it('writes a contact as the recorded create body', () => {
    const sent = exchanges('contacts-create')[0].request.body;
    expect(toProviderContact({ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', phone: '+44 20 7946 0000', company: 'Analytical Engines', title: 'Mathematician' })).toEqual(sent);
  });
  it('clears a contact property with "" and refuses what HubSpot cannot store', () => {
    expect(toProviderContact({ phone: null, title: 'Countess' })).toEqual({ properties: { phone: '', jobtitle: 'Countess' } });
    expect(() => toProviderContact({ companyId: '42' })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => toProviderContact({ emails: [{ value: 'a@x.io', type: null }, { value: 'b@x.io', type: null }] })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(toProviderContact({ phones: [{ value: '1', type: 'work' }, { value: '2', type: 'mobile' }] })).toEqual({ properties: { phone: '1', mobilephone: '2' } });
  });
  it('merges customFields and providerData into the body', () => {
    expect(toProviderContact({ firstName: 'A', customFields: { lifecyclestage: 'lead' }, providerData: { properties: { city: 'Lyon' }, objectWriteTraceId: 't1' } }))
      .toEqual({ objectWriteTraceId: 't1', properties: { firstname: 'A', lifecyclestage: 'lead', city: 'Lyon' } });
  });
  it('adds providerData associations to the ones the mapper builds', () => {
    const extra = { to: { id: '9' }, types: [{ associationCategory: 'HUBSPOT_DEFINED' as const, associationTypeId: 580 }] };
    expect(toProviderLeadCreate({ firstName: 'A', providerData: { associations: [extra] } }, '7').associations).toEqual([
      { to: { id: '7' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 578 }] }, extra,
    ]);
  });
  it('builds a lead with hs_lead_name and the 578 primary-contact association', () => {
    expect(toProviderLeadCreate({ email: 'ada@example.com', status: 'WARM' }, '1241')).toEqual(exchanges('leads-create')[1].request.body);
    expect(toProviderLeadCreate({ firstName: 'Ada', lastName: 'King' }, '7').properties.hs_lead_name).toBe('Ada King');
    expect(toProviderLeadUpdate({ status: 'HOT', firstName: 'Ada', lastName: 'King' })).toEqual(exchanges('leads-update')[0].request.body);
    expect(() => toProviderLeadCreate({ company: 'Acme' }, '1')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => toProviderLeadUpdate({ contactId: '1' })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
  it('builds a meeting with hs_timestamp = start, the outcome and 200 associations', () => {
    const input = { title: 'Intro call', description: 'Pricing', startTime: '2026-12-01T10:00:00Z', endTime: '2026-12-01T10:30:00Z', location: 'Zoom', status: 'scheduled' as const };
    expect(toProviderMeetingCreate(input, ['1241'])).toEqual(exchanges('meetings-create')[1].request.body);
    expect(toProviderMeetingUpdate({ status: 'cancelled' })).toEqual(exchanges('meetings-update')[0].request.body);
    expect(() => toProviderMeetingUpdate({ timezone: 'Europe/Paris' })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
  it('maps every outcome to a unified status', () => {
    const m = (outcome: string | null) => toUnifiedMeeting({ id: '1', properties: { hs_meeting_outcome: outcome } }).status;
    expect([m('SCHEDULED'), m('RESCHEDULED'), m('COMPLETED'), m('NO_SHOW'), m('CANCELED'), m(null)])
      .toEqual(['scheduled', 'scheduled', 'completed', 'completed', 'cancelled', 'scheduled']);
  });
});
