import {
  fakeCompanies, fakePerson, sandboxTeam, SEED_EPOCH_MS, type Rng,
} from '../../../src/provider-sdk';
import type { CompanyState, ContactPoint, Organization, Person, User, LeadLabel } from './model';
import { rfc3339, iso8601 } from './model';
import { seedActivities } from './seed-activities';
import { seedLeads } from './seed-leads';

/**
 * Deterministic company data for one sandbox account, derived only from the account id (through
 * the kit's seeded rng) and SEED_EPOCH_MS, so a restart yields the same records. Sizes make every
 * list cross several pages at the default limit of 100.
 */
export const SEED_COUNTS = { users: 8, organizations: 20, persons: 240, meetings: 50, otherActivities: 30, leads: 75, archivedLeads: 6 } as const;

const DAY = 86_400_000;

export function seedCompany(rng: Rng, accountId: string): CompanyState {
  const companyId = rng.int(1_000_000, 9_999_999);
  const slug = accountId.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 20) || 'sandbox';
  const users = seedUsers(rng);
  const companies = fakeCompanies(rng, SEED_COUNTS.organizations);
  const organizations = new Map<number, Organization>();
  companies.forEach((c, i) => {
    const added = SEED_EPOCH_MS - rng.int(200, 400) * DAY;
    organizations.set(i + 1, {
      id: i + 1, name: c.name, owner_id: rng.pick(users).id, add_time: rfc3339(added), update_time: rfc3339(added + rng.int(0, 150) * DAY),
      is_deleted: false, visible_to: 3, address: rng.chance(0.5) ? { value: `${rng.int(1, 200)} Market Street, Springfield` } : null,
      label_ids: [], custom_fields: {},
    });
  });
  const customFields = { personLinkedIn: rng.hex(40), personSource: rng.hex(40), dealChannel: rng.hex(40) };
  const persons = new Map<number, Person>();
  for (let i = 1; i <= SEED_COUNTS.persons; i += 1) {
    const p = fakePerson(rng, i, companies);
    const orgIndex = p.company ? companies.indexOf(p.company) : -1;
    const added = SEED_EPOCH_MS - rng.int(1, 365) * DAY - rng.int(0, 1439) * 60_000;
    const updated = added + rng.int(0, 90) * DAY + rng.int(0, 1439) * 60_000;
    const emails: ContactPoint[] = p.emails.map((value, k) => ({ value, primary: k === 0, label: k === 0 ? 'work' : k === 1 ? 'home' : 'other' }));
    const phones: ContactPoint[] = [];
    if (p.phone) phones.push({ value: p.phone, primary: true, label: 'work' });
    if (p.mobile) phones.push({ value: p.mobile, primary: phones.length === 0, label: 'mobile' });
    const custom: Record<string, unknown> = {};
    if (rng.chance(0.4)) custom[customFields.personLinkedIn] = `https://www.linkedin.com/in/${p.emails[0].split('@')[0]}`;
    if (rng.chance(0.6)) custom[customFields.personSource] = rng.int(1, 3);
    persons.set(i, {
      id: i, name: `${p.firstName} ${p.lastName}`, first_name: p.firstName, last_name: p.lastName,
      owner_id: rng.pick(users).id, org_id: orgIndex >= 0 ? orgIndex + 1 : null,
      add_time: rfc3339(added), update_time: rfc3339(updated), emails, phones,
      is_deleted: false, visible_to: 3, label_ids: [], picture_id: null, custom_fields: custom,
    });
  }
  const leadLabels = seedLeadLabels(rng);
  const state: CompanyState = {
    companyId, companyName: `${companies[0].name} (sandbox ${slug})`, companyDomain: `sandbox-${slug}`,
    users, organizations, persons, activities: new Map(), leads: new Map(), leadLabels, customFields,
    nextIds: { organization: SEED_COUNTS.organizations + 1, person: SEED_COUNTS.persons + 1, activity: 1 },
  };
  seedLeads(rng, state);
  seedActivities(rng, state);
  return state;
}

/** The users are the shared sandbox team (same names and emails as every other sandbox); ids per company. */
function seedUsers(rng: Rng): User[] {
  const base = rng.int(10_000_000, 19_000_000);
  return sandboxTeam(SEED_COUNTS.users).map((m) => ({
    id: base + m.index * 17, name: m.name, email: m.email, is_admin: m.index === 0, active_flag: true,
  }));
}

function seedLeadLabels(rng: Rng): LeadLabel[] {
  const t = iso8601(SEED_EPOCH_MS - 400 * DAY);
  return [['Hot', 'red'], ['Warm', 'yellow'], ['Cold', 'blue']].map(([name, color]) => ({ id: rng.uuid(), name, color, add_time: t, update_time: t }));
}
