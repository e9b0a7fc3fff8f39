import { fakeCompanies, fakePerson, sandboxTeam, SEED_EPOCH_MS, type Rng } from '../../../src/provider-sdk';
import { LEAD_LABELS, LEAD_STAGES, LEAD_TYPES, LIFECYCLE_STAGES } from './catalog';
import { PRIMARY_CONTACT_OF_LEAD } from './associations';
import { hubIdFor, type AccountState, type HsRecord, type ObjectType, type Owner, type PropertyValue } from './state';

/**
 * Deterministic starting data of one sandbox account, derived only from its id (kit.account's rng)
 * and SEED_EPOCH_MS, so a restart yields the same records. Sizes cross several pages of every list.
 */
export const SEED_COUNTS = { contacts: 240, leads: 75, meetings: 50, owners: 8 } as const;
const ID_BASE: Record<ObjectType, number> = { contacts: 1001, leads: 30_000_000_001, meetings: 50_000_000_001 };
const DAY = 86_400_000;
const CITIES: [string, string][] = [['Berlin', 'Germany'], ['Lyon', 'France'], ['Austin', 'United States'], ['Osaka', 'Japan'],
  ['Kraków', 'Poland'], ['São Paulo', 'Brazil'], ['Nairobi', 'Kenya'], ['Malmö', 'Sweden']];
const ACTIVITIES = ['Discovery', 'Demo', 'Follow-up', 'Onboarding'];
const LOCATIONS = ['Remote', 'Zoom', 'Google Meet', 'Head office, room 4', 'Café Müller'];

const iso = (ms: number): string => new Date(ms).toISOString();

function record(id: string, createdMs: number, updatedMs: number, props: Record<string, PropertyValue>, created: string, modified: string): HsRecord {
  const createdAt = iso(createdMs);
  const updatedAt = iso(updatedMs);
  return { id, createdAt, updatedAt, archived: false, properties: { ...props, hs_object_id: id, [created]: createdAt, [modified]: updatedAt } };
}

/** The owners are the shared sandbox team (same names and emails as every other sandbox), with stable ids. */
function seedOwners(): Owner[] {
  return sandboxTeam(SEED_COUNTS.owners).map((m) => ({
    id: String(70_000_101 + m.index * 1_111),
    userId: 9_000_011 + m.index * 137,
    email: m.email,
    firstName: m.firstName,
    lastName: m.lastName,
    createdAt: iso(SEED_EPOCH_MS - 800 * DAY + m.index * DAY),
    updatedAt: iso(SEED_EPOCH_MS - 100 * DAY + m.index * DAY),
  }));
}

export function seedAccount(rng: Rng, accountId: string): AccountState {
  const owners = seedOwners();
  const ownerOf = (p: number): string | null => (rng.chance(p) ? rng.pick(owners).id : null);
  const companies = fakeCompanies(rng, 28);
  const state: AccountState = {
    hubId: hubIdFor(accountId),
    portalName: `${companies[0].name} (sandbox)`,
    owners,
    objects: { contacts: new Map(), leads: new Map(), meetings: new Map() },
    edges: [],
    nextId: { contacts: ID_BASE.contacts + SEED_COUNTS.contacts, leads: ID_BASE.leads + SEED_COUNTS.leads, meetings: ID_BASE.meetings + SEED_COUNTS.meetings },
  };

  const contacts: HsRecord[] = [];
  for (let i = 0; i < SEED_COUNTS.contacts; i++) {
    const person = fakePerson(rng, i, companies);
    const created = SEED_EPOCH_MS - 400 * DAY + Math.floor(i * 1.5 * DAY) + rng.int(0, DAY - 1);
    const [city, country] = rng.pick(CITIES);
    const c = record(String(ID_BASE.contacts + i), created, created + rng.int(0, 60 * DAY), {
      email: person.emails[0],
      hs_additional_emails: person.emails.length > 1 ? person.emails.slice(1).join(';') : null,
      firstname: person.firstName,
      lastname: person.lastName,
      phone: person.phone,
      mobilephone: person.mobile,
      company: person.company?.name ?? null,
      website: person.company ? `http://www.${person.company.domain}` : null,
      jobtitle: person.title,
      hubspot_owner_id: ownerOf(0.85),
      lifecyclestage: rng.pick(LIFECYCLE_STAGES),
      city: rng.chance(0.8) ? city : null,
      country: rng.chance(0.8) ? country : null,
    }, 'createdate', 'lastmodifieddate');
    contacts.push(c);
    state.objects.contacts.set(c.id, c);
  }

  const leads: HsRecord[] = [];
  for (let i = 0; i < SEED_COUNTS.leads; i++) {
    const contact = contacts[i * 3];
    const cp = contact.properties;
    const created = Date.parse(contact.createdAt) + rng.int(DAY, 20 * DAY);
    const name = `${cp.firstname ?? ''} ${cp.lastname ?? ''}`.trim();
    const lead = record(String(ID_BASE.leads + i), created, created + rng.int(0, 30 * DAY), {
      hs_lead_name: cp.company && rng.chance(0.4) ? `${cp.company} – ${name}` : name,
      hs_lead_type: rng.pick(LEAD_TYPES),
      hs_lead_label: rng.chance(0.9) ? rng.pick(LEAD_LABELS) : null,
      hs_pipeline: 'lead-pipeline-id',
      hs_pipeline_stage: rng.pick(LEAD_STAGES),
      hubspot_owner_id: ownerOf(0.9),
      hs_associated_contact_email: cp.email,
    }, 'createdate', 'hs_lastmodifieddate');
    leads.push(lead);
    state.objects.leads.set(lead.id, lead);
    state.edges.push({ fromType: 'leads', fromId: lead.id, toType: 'contacts', toId: contact.id, typeId: PRIMARY_CONTACT_OF_LEAD });
  }

  for (let i = 0; i < SEED_COUNTS.meetings; i++) {
    const start = SEED_EPOCH_MS - 90 * DAY + i * 14 * DAY + rng.int(8, 17) * 3_600_000 + rng.pick([0, 15, 30, 45]) * 60_000;
    const end = start + rng.pick([30, 45, 60]) * 60_000;
    // Meetings before ~2026-10 are in the past when seeded; later ones are upcoming (deterministic, not Date.now()).
    const past = start < SEED_EPOCH_MS + 300 * DAY;
    const outcome = i % 7 === 3 ? 'CANCELED'
      : past ? rng.pick(['COMPLETED', 'COMPLETED', 'COMPLETED', 'NO_SHOW', 'RESCHEDULED', 'CANCELED']) : rng.pick(['SCHEDULED', 'SCHEDULED', 'SCHEDULED', 'CANCELED']);
    const contact = contacts[(i * 5 + 1) % contacts.length];
    const activity = rng.pick(ACTIVITIES);
    const created = Math.min(start, SEED_EPOCH_MS) - rng.int(1, 14) * DAY;
    const m = record(String(ID_BASE.meetings + i), created, Math.max(created, Math.min(end, SEED_EPOCH_MS + 300 * DAY)), {
      hs_timestamp: iso(start),
      hs_meeting_title: `${activity} with ${contact.properties.firstname ?? ''} ${contact.properties.lastname ?? ''}`.trim(),
      hs_meeting_body: rng.chance(0.7) ? `Agenda: ${activity.toLowerCase()} – pricing, timeline, next steps.` : null,
      hs_internal_meeting_notes: rng.chance(0.3) ? 'Prefers e-mail over phone.' : null,
      hs_meeting_external_url: rng.chance(0.5) ? `https://meet.example.com/${rng.hex(10)}` : null,
      hs_meeting_location: rng.pick(LOCATIONS),
      hs_meeting_start_time: iso(start),
      hs_meeting_end_time: iso(end),
      hs_meeting_outcome: outcome,
      hs_activity_type: activity,
      hubspot_owner_id: ownerOf(0.95),
    }, 'hs_createdate', 'hs_lastmodifieddate');
    state.objects.meetings.set(m.id, m);
    state.edges.push({ fromType: 'meetings', fromId: m.id, toType: 'contacts', toId: contact.id, typeId: 200 });
    if (i % 4 === 0) {
      const second = contacts[(i * 11 + 7) % contacts.length];
      if (second.id !== contact.id) state.edges.push({ fromType: 'meetings', fromId: m.id, toType: 'contacts', toId: second.id, typeId: 200 });
    }
    if (i % 5 === 0) state.edges.push({ fromType: 'meetings', fromId: m.id, toType: 'leads', toId: leads[i % leads.length].id, typeId: 601 });
  }
  return state;
}
