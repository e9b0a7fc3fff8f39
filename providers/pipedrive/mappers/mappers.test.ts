import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { UNIFIED_SCHEMAS } from '../../../src/provider-sdk';
import { exchanges } from '../fixtures/replay';
import { toProviderContact, toUnifiedContact } from './contact.mapper';
import { toProviderLead, toUnifiedLead, fallbackLeadTitle } from './lead.mapper';
import { toProviderMeeting, toUnifiedMeeting } from './meeting.mapper';
import type { PdActivity, PdLead, PdOrganization, PdPerson } from './wire';

/**
 * The mappers on recorded Pipedrive responses: schema-valid unified records equal to the golden
 * files (fixtures/golden/<resource>.json, without remoteData), and request bodies equal to what
 * the recorded exchanges sent. UPDATE_GOLDEN=1 rewrites the golden files.
 */
const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
const GOLDEN = path.join(__dirname, '..', 'fixtures', 'golden');

const bodies = <T>(name: string, pathPrefix: string): T[] => exchanges(name)
  .filter((e) => e.request.path.startsWith(pathPrefix) && e.response.status < 300)
  .flatMap((e) => { const d = (e.response.body as { data: T | T[] }).data; return Array.isArray(d) ? d : [d]; });
const orgNames = (...names: string[]): Map<number, string> =>
  new Map(names.flatMap((n) => bodies<PdOrganization>(n, '/api/v2/organizations')).map((o) => [o.id, o.name]));
const withoutRaw = (r: { remoteData?: unknown }): Record<string, unknown> => { const { remoteData: _raw, ...rest } = r; return rest; };

function checkGolden(resource: 'contacts' | 'leads' | 'meetings', records: { remoteData?: unknown }[]): void {
  const validate = ajv.compile(UNIFIED_SCHEMAS[resource].record);
  for (const r of records) {
    expect(validate(r) ? [] : validate.errors).toEqual([]);
    expect(r.remoteData).toBeDefined();
  }
  const file = path.join(GOLDEN, `${resource}.json`);
  const plain = records.map(withoutRaw);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, `${JSON.stringify(plain, null, 2)}\n`);
  expect(plain).toEqual(JSON.parse(readFileSync(file, 'utf8')));
}

describe('contact mapper', () => {
  it('maps recorded persons (list, get, create) to schema-valid golden contacts', () => {
    const names = ['contacts-list', 'contacts-get', 'contacts-create'];
    const orgs = orgNames(...names);
    const persons = names.flatMap((n) => bodies<PdPerson>(n, '/api/v2/persons'));
    checkGolden('contacts', persons.map((p) => toUnifiedContact(p, p.org_id === null ? null : orgs.get(p.org_id) ?? null)));
  });

  it('builds the recorded create and update bodies', () => {
    const create = exchanges('contacts-create').find((e) => e.request.method === 'POST')!.request.body;
    expect(toProviderContact({ firstName: 'Jane', lastName: 'Doe', email: 'jane@acme.com', phones: [{ value: '+1 555 0100', type: 'mobile' }] }, { mode: 'create', current: null, orgId: 20 })).toEqual(create);
    const [current, patch] = exchanges('contacts-update');
    expect(toProviderContact({ lastName: 'Smith', email: 'jane.smith@acme.com' }, { mode: 'update', current: (current.response.body as { data: PdPerson }).data })).toEqual(patch.request.body);
  });

  it('refuses a job title and non-numeric owner ids; providerData is merged as-is', () => {
    expect(() => toProviderContact({ title: 'CEO' }, { mode: 'create', current: null })).toThrow(/title/);
    expect(() => toProviderContact({ ownerId: 'abc' }, { mode: 'update', current: null })).toThrow(/ownerId/);
    expect(toProviderContact({ firstName: 'A', providerData: { visible_to: 1 } }, { mode: 'create', current: null })).toEqual({ first_name: 'A', name: 'A', visible_to: 1 });
  });
});

describe('lead mapper', () => {
  it('maps recorded leads with their persons and organizations to schema-valid golden leads', () => {
    const names = ['leads-list', 'leads-create', 'leads-update'];
    const orgs = orgNames(...names);
    const persons = new Map(names.flatMap((n) => bodies<PdPerson>(n, '/api/v2/persons')).map((p) => [p.id, p]));
    // The listed leads, and the lead as created and as updated (archived).
    const isLeadAnswer = (n: string, method: string, p: string): boolean => p.startsWith('/api/v1/leads') && (method !== 'GET' || n === 'leads-list');
    const raw = names.flatMap((n) => exchanges(n).filter((e) => isLeadAnswer(n, e.request.method, e.request.path)))
      .flatMap((e) => { const d = (e.response.body as { data: PdLead | PdLead[] }).data; return Array.isArray(d) ? d : [d]; });
    const mapped = raw.map((l) => toUnifiedLead(l, l.person_id === null ? null : persons.get(l.person_id) ?? null, l.organization_id === null ? null : orgs.get(l.organization_id) ?? null));
    expect(mapped.some((l) => l.status === 'archived')).toBe(true);
    checkGolden('leads', mapped);
  });

  it('builds the recorded create and update bodies; refuses unknown statuses and a source', () => {
    const create = exchanges('leads-create').find((e) => e.request.path === '/api/v1/leads')!.request.body;
    const input = { firstName: 'Lea', lastName: 'Lead', email: 'lea@newco.example', company: 'NewCo' };
    expect(toProviderLead(input, { personId: 242, organizationId: 21, title: fallbackLeadTitle(input) })).toEqual(create);
    expect(toProviderLead({ title: 'NewCo – renewal', status: 'archived' }, {})).toEqual(exchanges('leads-update')[1].request.body);
    expect(() => toProviderLead({ status: 'hot' }, {})).toThrow(/status/);
    expect(() => toProviderLead({ source: 'Web' }, {})).toThrow(/source/);
    expect(fallbackLeadTitle({ company: 'Acme' })).toBe('Acme');
    expect(fallbackLeadTitle({ email: 'a@b.co' })).toBe('a@b.co');
  });
});

describe('meeting mapper', () => {
  it('maps recorded meeting activities to schema-valid golden meetings', () => {
    const activities = ['meetings-list', 'meetings-create', 'meetings-update'].flatMap((n) => bodies<PdActivity>(n, '/api/v2/activities'))
      .filter((a, i, all) => a.type === 'meeting' && all.findIndex((b) => b.id === a.id && b.update_time === a.update_time && b.done === a.done) === i);
    const mapped = activities.map(toUnifiedMeeting);
    expect(mapped.some((m) => m.status === 'completed') && mapped.some((m) => m.status === 'scheduled')).toBe(true);
    checkGolden('meetings', mapped);
  });

  it('builds the recorded create and update bodies', () => {
    const create = exchanges('meetings-create')[0].request.body;
    expect(toProviderMeeting({
      title: 'Intro meeting', startTime: '2026-03-23T14:00:00Z', endTime: '2026-03-23T14:50:00Z', location: 'Remote',
      contactIds: ['1', '2'], attendees: [{ email: 'bob@acme.com', name: 'Bob', contactId: '2' }],
    }, null)).toEqual(create);
    const [current, patch] = exchanges('meetings-update');
    expect(toProviderMeeting({ startTime: '2026-03-24T09:00:00Z', status: 'completed' }, (current.response.body as { data: PdActivity }).data)).toEqual(patch.request.body);
  });

  it('an end keeps the start (duration from it); cancelled is refused; times without a due time start at 00:00 UTC', () => {
    const current = { due_date: '2026-03-24', due_time: '09:00', duration: '00:30' } as PdActivity;
    expect(toProviderMeeting({ endTime: '2026-03-24T11:15:00Z' }, current)).toEqual({ duration: '02:15' });
    expect(() => toProviderMeeting({ endTime: '2026-03-24T08:00:00Z' }, current)).toThrow(/endTime/);
    expect(() => toProviderMeeting({ status: 'cancelled' }, current)).toThrow(/status/);
    const m = toUnifiedMeeting({ ...current, id: 1, subject: 'x', type: 'meeting', owner_id: 1, person_id: null, done: false, location: null,
      participants: [], public_description: null, add_time: null, update_time: null, due_time: null });
    expect(m).toMatchObject({ startTime: '2026-03-24T00:00:00.000Z', endTime: '2026-03-24T00:30:00.000Z', timezone: null, attendees: [], contactIds: [] });
  });
});
