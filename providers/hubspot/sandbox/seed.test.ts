import { seededRng } from '../../../src/provider-sdk';
import { validateManifest } from '../../../src/provider-sdk';
import { startSandbox } from '../../../test/helpers/sandbox';
import hubspot from '../index';
import manifest from '../manifest.json';
import { connect, listAll, startHubspot } from '../fixtures/sandbox-client';
import { seedAccount, SEED_COUNTS } from './seed';

// Seeded data: deterministic per account id, varied and realistic (issue item 5).
describe('HubSpot sandbox seeded data', () => {
  it('is the same for the same account id in two independent sandboxes (a restart)', async () => {
    const a = await startHubspot();
    const b = await startSandbox(hubspot);
    try {
      const ta = await connect(a.url, { account: 'same-id' });
      const tb = await connect(b.url, { account: 'same-id' });
      for (const type of ['contacts', 'leads', 'meetings']) {
        const path = `/crm/v3/objects/${type}?associations=contacts&properties=${type === 'contacts' ? 'phone,company,jobtitle,hubspot_owner_id' : 'hubspot_owner_id,hs_timestamp,hs_lead_name'}`;
        const ra = await listAll(a.url, ta.access_token, path);
        const rb = await listAll(b.url, tb.access_token, path);
        expect(ra.records).toEqual(rb.records);
      }
      const other = await connect(a.url, { account: 'another-id' });
      const x = await listAll(a.url, other.access_token, '/crm/v3/objects/contacts');
      const y = await listAll(a.url, ta.access_token, '/crm/v3/objects/contacts');
      expect(x.records.map((r) => r.properties.email)).not.toEqual(y.records.map((r) => r.properties.email));
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('has enough, varied records: unicode names, missing phones, extra emails, owners, past and future meetings', () => {
    const s = seedAccount(seededRng('hubspot:variety:seed'), 'variety');
    const contacts = [...s.objects.contacts.values()];
    const meetings = [...s.objects.meetings.values()];
    expect(contacts.length).toBe(SEED_COUNTS.contacts);
    expect(s.objects.leads.size).toBe(SEED_COUNTS.leads);
    expect(meetings.length).toBe(SEED_COUNTS.meetings);
    expect(contacts.some((c) => /[^\x00-\x7f]/.test(`${c.properties.firstname}${c.properties.lastname}`))).toBe(true);
    expect(contacts.some((c) => c.properties.phone === null)).toBe(true);
    expect(contacts.some((c) => c.properties.hs_additional_emails)).toBe(true);
    expect(new Set(contacts.map((c) => c.properties.hubspot_owner_id).filter(Boolean)).size).toBeGreaterThan(2);
    expect(new Set(contacts.map((c) => c.properties.company)).size).toBeGreaterThan(5);
    expect(new Set(contacts.map((c) => c.properties.email)).size).toBe(contacts.length);
    const outcomes = new Set(meetings.map((m) => m.properties.hs_meeting_outcome));
    for (const o of ['COMPLETED', 'CANCELED', 'SCHEDULED']) expect(outcomes.has(o)).toBe(true);
    const now = Date.UTC(2026, 10, 1);
    expect(meetings.some((m) => Date.parse(m.properties.hs_timestamp!) < now)).toBe(true);
    expect(meetings.some((m) => Date.parse(m.properties.hs_timestamp!) > now)).toBe(true);
    for (const lead of s.objects.leads.values()) {
      expect(lead.properties.hs_lead_name).toBeTruthy();
      expect(s.edges.some((e) => e.fromId === lead.id && e.typeId === 578)).toBe(true);
    }
    for (const m of meetings) expect(s.edges.some((e) => e.fromId === m.id && e.typeId === 200)).toBe(true);
  });

  it('has a manifest that satisfies the provider manifest schema', () => {
    expect(() => validateManifest(manifest)).not.toThrow();
    expect(hubspot.manifest.id).toBe('hubspot');
  });
});
