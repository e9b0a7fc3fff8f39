import { createHash } from 'node:crypto';

/**
 * The shared sandbox team: the same people are every sandbox's owners, users, hosts and employees,
 * so that in test mode a CRM record's owner email matches a scheduling host's email (route and book).
 * Pure data: every sandbox maps a member to its own wire shape and id format (`index` and
 * `teamUuid` give stable ids), and takes the working hours, in the member's time zone, as they are.
 */

/** One weekly rule: on these weekdays (0 = Sunday … 6 = Saturday), from `start` to `end` local time ("HH:MM"). */
export interface WorkingHoursRule { days: number[]; start: string; end: string }

export interface TeamMember {
  /** Position in the team (0 is the account's owner/admin); stable, used to derive provider ids. */
  index: number;
  /** Short handle, also the username where a provider has one. */
  key: string;
  firstName: string;
  lastName: string;
  name: string;
  email: string;
  /** IANA time zone the working hours are written in. */
  timezone: string;
  workingHours: WorkingHoursRule[];
  title: string;
}

export const TEAM_EMAIL_DOMAIN = 'team.example.com';

const WEEKDAYS = [1, 2, 3, 4, 5];
const nineToFive: WorkingHoursRule[] = [{ days: WEEKDAYS, start: '09:00', end: '17:00' }];
const withLunch = (start: string, end: string): WorkingHoursRule[] => [
  { days: WEEKDAYS, start, end: '12:00' },
  { days: WEEKDAYS, start: '13:00', end },
];

const MEMBERS: Omit<TeamMember, 'index' | 'name' | 'email'>[] = [
  { key: 'ada', firstName: 'Ada', lastName: 'Lovelace', timezone: 'Europe/London', workingHours: nineToFive, title: 'Head of Sales' },
  { key: 'bjorn', firstName: 'Björn', lastName: 'Øvergaard', timezone: 'Europe/Berlin', workingHours: withLunch('08:00', '16:30'), title: 'Account Executive' },
  { key: 'chloe', firstName: 'Chloé', lastName: 'Dubois', timezone: 'Europe/Paris', workingHours: withLunch('09:30', '18:00'), title: 'Account Executive' },
  { key: 'kwame', firstName: 'Kwame', lastName: 'Mensah', timezone: 'America/New_York', workingHours: nineToFive, title: 'Sales Engineer' },
  { key: 'hiroshi', firstName: 'Hiroshi', lastName: 'Tanaka', timezone: 'Asia/Tokyo', workingHours: withLunch('09:00', '18:00'), title: 'Account Executive' },
  { key: 'priya', firstName: 'Priya', lastName: 'Patel', timezone: 'America/Los_Angeles', workingHours: [{ days: WEEKDAYS, start: '08:00', end: '14:00' }], title: 'Customer Success Manager' },
  { key: 'mateo', firstName: 'Mateo', lastName: 'Fernández', timezone: 'America/Sao_Paulo', workingHours: [{ days: [2, 3, 4, 5, 6], start: '10:00', end: '18:00' }], title: 'Sales Development Rep' },
  { key: 'zoe', firstName: 'Zoë', lastName: 'Nørgaard', timezone: 'Australia/Sydney', workingHours: nineToFive, title: 'Onboarding Specialist' },
];

const ascii = (s: string): string =>
  s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/ø/gi, 'o').replace(/[^a-zA-Z0-9]/g, '').toLowerCase();

export const SANDBOX_TEAM: readonly TeamMember[] = Object.freeze(MEMBERS.map((m, index) => Object.freeze({
  ...m,
  index,
  name: `${m.firstName} ${m.lastName}`,
  email: `${ascii(m.firstName)}.${ascii(m.lastName)}@${TEAM_EMAIL_DOMAIN}`,
})));

/** The first `count` members (all of them by default): a smaller sandbox still has the same people. */
export function sandboxTeam(count = SANDBOX_TEAM.length): TeamMember[] {
  return SANDBOX_TEAM.slice(0, Math.min(count, SANDBOX_TEAM.length));
}

/** A stable UUID (v4-shaped) for a member within a namespace of the caller's choosing (a sandbox's own id space). */
export function teamUuid(member: TeamMember, namespace: string): string {
  const h = createHash('sha256').update(`${namespace}:team:${member.key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16], 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
