import { fakeCompanies, fakePerson, fakeTime, sandboxTeam, SEED_EPOCH_MS, type Rng, type SandboxKit } from '../../../src/provider-sdk';
import { sfDate, sfDateTime } from './ids';
import { emptyOrg, insert, type OrgState, type SfRecord } from './org-state';
import { objectDef, LEAD_SOURCES, LEAD_STATUSES, type ObjectDef } from './schema';

/**
 * Deterministic seed of one org, derived only from the account id: users (owners), accounts,
 * 240 contacts, 80 leads (some converted), 50 events in the past and future, and EventRelation
 * rows for events with several attendees. Timestamps come from SEED_EPOCH_MS, never the clock.
 */
export const SEED_COUNTS = { users: 8, accounts: 20, contacts: 240, leads: 80, events: 50 } as const;

const DAY = 86_400_000;
const CITIES = ['Berlin', 'São Paulo', 'Zürich', 'Kraków', 'Tokyo', 'Montréal', 'Austin', 'Reykjavík', 'Lagos', 'Chennai', null];
const COUNTRIES = ['Germany', 'Brazil', 'Switzerland', 'Poland', 'Japan', 'Canada', 'United States', 'Iceland', 'Nigeria', 'India'];
const SUBJECTS = ['Intro call', 'Product demo', 'Quarterly business review', 'Onboarding session', 'Contract negotiation',
  'Kick-off', 'Follow-up', 'Technical deep dive', 'Renewal discussion', 'Lunch & learn'];
const LOCATIONS = ['Zoom', 'Google Meet', 'Microsoft Teams', 'HQ – Room 4.02', 'Café Müller, Hauptstraße 12', 'Phone', null, null];
const DURATIONS = [15, 30, 30, 45, 60, 60, 90, 120];

const obj = (name: string): ObjectDef => objectDef(name) as ObjectDef;

/** created ≤ modified ≤ SEED_EPOCH_MS, a year or so back. */
function stamps(rng: Rng): { created: number; values: SfRecord } {
  const created = fakeTime(rng, SEED_EPOCH_MS - 400 * DAY, SEED_EPOCH_MS - DAY).getTime();
  const modified = fakeTime(rng, created, SEED_EPOCH_MS).getTime();
  return { created, values: { LastModifiedDate: sfDateTime(modified), SystemModstamp: sfDateTime(modified) } };
}

export function seedOrg(rng: Rng, accountId: string): OrgState {
  const org = emptyOrg(accountId);
  const add = (name: string, values: SfRecord): SfRecord => {
    const s = stamps(rng);
    return insert(org, obj(name), { ...values, ...s.values }, SEED_EPOCH_MS, s.created);
  };

  // The shared sandbox team (same names and emails as every other sandbox); inserted first, so their Ids are stable.
  const users = sandboxTeam(SEED_COUNTS.users).map((m) => add('User', {
    FirstName: m.firstName, LastName: m.lastName, Email: m.email, Username: `${m.email}.sandbox`, IsActive: true,
  }));
  org.userId = users[0].Id as string;
  const userId = (): string => rng.pick(users).Id as string;

  const companies = fakeCompanies(rng, SEED_COUNTS.accounts);
  const accounts = new Map(companies.map((c) => [c.name, add('Account', {
    Name: c.name, Website: `https://www.${c.domain}`, Phone: rng.chance(0.6) ? `+1 555 ${rng.int(100, 999)} ${rng.int(1000, 9999)}` : null,
    Industry: rng.pick(['Technology', 'Healthcare', 'Retail', 'Manufacturing', 'Finance', 'Other']), OwnerId: userId(),
  })]));

  const contacts = Array.from({ length: SEED_COUNTS.contacts }, (_, i) => {
    const p = fakePerson(rng, i, companies);
    return add('Contact', {
      FirstName: rng.chance(0.04) ? null : p.firstName, LastName: p.lastName,
      Salutation: rng.chance(0.2) ? rng.pick(['Mr.', 'Ms.', 'Dr.', 'Mx.']) : null,
      Email: rng.chance(0.05) ? null : p.emails[0], Phone: p.phone, MobilePhone: p.mobile, Title: p.title,
      Department: rng.chance(0.3) ? rng.pick(['Sales', 'Finance', 'IT', 'Operations']) : null,
      AccountId: p.company ? (accounts.get(p.company.name)?.Id as string) : null,
      MailingCity: rng.pick(CITIES), MailingCountry: rng.chance(0.7) ? rng.pick(COUNTRIES) : null,
      LeadSource: rng.chance(0.6) ? rng.pick(LEAD_SOURCES) : null,
      Description: p.emails.length > 1 ? `Also reachable at ${p.emails.slice(1).join(', ')}` : null,
      OwnerId: userId(),
    });
  });

  for (let i = 0; i < SEED_COUNTS.leads; i++) {
    // Every 13th lead is converted into an existing contact (§2.4 ConvertedContactId).
    const converted = i % 13 === 5 ? contacts[(i * 7) % contacts.length] : null;
    const p = fakePerson(rng, 1000 + i, companies);
    const status = converted ? LEAD_STATUSES[2] : rng.pick([LEAD_STATUSES[0], LEAD_STATUSES[0], LEAD_STATUSES[1], LEAD_STATUSES[3]]);
    add('Lead', {
      FirstName: converted ? converted.FirstName : p.firstName, LastName: converted ? converted.LastName : p.lastName,
      Email: converted ? converted.Email : p.emails[0], Phone: p.phone, MobilePhone: p.mobile, Title: p.title,
      Company: p.company ? p.company.name : `${p.lastName} Consulting`,
      City: rng.pick(CITIES), Country: rng.chance(0.6) ? rng.pick(COUNTRIES) : null,
      Website: p.company && rng.chance(0.5) ? `https://${p.company.domain}` : null,
      LeadSource: rng.pick(LEAD_SOURCES), Status: status, OwnerId: userId(), Description: null,
      IsConverted: converted !== null,
      ConvertedContactId: converted ? (converted.Id as string) : null,
      ConvertedAccountId: converted ? converted.AccountId : null,
      ConvertedDate: converted ? sfDate(SEED_EPOCH_MS - rng.int(1, 60) * DAY) : null,
    });
  }
  const leads = [...org.tables.Lead.values()];

  for (let i = 0; i < SEED_COUNTS.events; i++) {
    const who = rng.chance(0.8) ? rng.pick(contacts) : rng.pick(leads);
    const allDay = i % 17 === 3;
    const t = fakeTime(rng).getTime();
    const start = allDay ? Math.floor(t / DAY) * DAY : t - (t % (15 * 60000));
    const duration = allDay ? 1440 : rng.pick(DURATIONS);
    const whatId = (who.AccountId as string | undefined) ?? null;
    const ev = add('Event', {
      Subject: `${rng.pick(SUBJECTS)}${who.LastName ? ` – ${String(who.LastName)}` : ''}`,
      StartDateTime: sfDateTime(start), EndDateTime: sfDateTime(start + duration * 60000), ActivityDateTime: sfDateTime(start),
      ActivityDate: sfDate(start), DurationInMinutes: duration, IsAllDayEvent: allDay,
      WhoId: who.Id as string, WhatId: whatId, AccountId: whatId,
      Location: rng.pick(LOCATIONS), Description: rng.chance(0.4) ? 'Agenda: introductions, needs, next steps.' : null,
      IsPrivate: false, ShowAs: 'Busy', OwnerId: userId(),
    });
    if (i % 3 === 0) seedAttendees(rng, ev, who, contacts, users, add);
  }
  return org;
}

/** EventRelation rows (§2.5 Shared Activities): the Who as parent, plus 1–3 invitees. */
function seedAttendees(rng: Rng, ev: SfRecord, who: SfRecord, contacts: SfRecord[], users: SfRecord[],
  add: (name: string, values: SfRecord) => SfRecord): void {
  add('EventRelation', {
    EventId: ev.Id, RelationId: who.Id, Status: null, IsInvitee: false, IsParent: true, IsWhat: false, RespondedDate: null, Response: null,
  });
  const invitees = rng.int(1, 3);
  for (let k = 0; k < invitees; k++) {
    const person = k === 0 ? rng.pick(users) : rng.pick(contacts);
    const status = rng.pick(['New', 'Accepted', 'Accepted', 'Declined']);
    add('EventRelation', {
      EventId: ev.Id, RelationId: person.Id, Status: status, IsInvitee: true, IsParent: false, IsWhat: false,
      RespondedDate: status === 'New' ? null : ev.CreatedDate, Response: status === 'Declined' ? 'Conflict, sorry' : null,
    });
  }
}

/** The org behind a sandbox account, seeded on first use. */
export function orgOf(kit: SandboxKit, accountId: string): OrgState {
  return kit.account(accountId, seedOrg);
}
