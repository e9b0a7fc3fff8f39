import { SEED_EPOCH_MS, fakeTime, type Rng } from '../../../src/provider-sdk';
import type { Activity, CompanyState, Person } from './model';
import { rfc3339 } from './model';

const DAY = 86_400_000;
const OTHER_TYPES = ['call', 'task', 'deadline', 'email', 'lunch'];
const MEETING_SUBJECTS = ['Intro meeting', 'Discovery call', 'Product demo', 'Quarterly review', 'Contract walkthrough', 'Onboarding kickoff'];
const OTHER_SUBJECTS = ['Follow up', 'Send proposal', 'Check in', 'Prepare quote', 'Lunch catch-up'];
const LOCATIONS = ['Remote', 'Zoom', 'Head office, Room 3', 'Café Müller', '東京オフィス'];

/**
 * 50 meetings and 30 activities of other types, interleaved by id, so a client that wants meetings
 * must filter on `type` itself (v2 has no type filter, §3.4). Due dates run from before the seed
 * epoch to well after it, so there are meetings in the past and in the future.
 */
export function seedActivities(rng: Rng, state: CompanyState): void {
  const types: string[] = [...Array<string>(50).fill('meeting'), ...Array.from({ length: 30 }, () => rng.pick(OTHER_TYPES))];
  for (let i = types.length - 1; i > 0; i -= 1) {
    const j = rng.int(0, i);
    [types[i], types[j]] = [types[j], types[i]];
  }
  const persons = [...state.persons.values()];
  const leads = [...state.leads.values()].filter((l) => !l.is_archived);
  for (const type of types) {
    const id = state.nextIds.activity++;
    state.activities.set(id, type === 'meeting' ? meeting(rng, state, id, persons, leads.map((l) => l.id)) : other(rng, state, id, type, persons));
  }
}

function base(rng: Rng, state: CompanyState, id: number, type: string, person: Person | null): Activity {
  const due = fakeTime(rng, SEED_EPOCH_MS - 90 * DAY, SEED_EPOCH_MS + 700 * DAY);
  const added = Math.min(due.getTime(), SEED_EPOCH_MS) - rng.int(1, 60) * DAY;
  const done = due.getTime() < SEED_EPOCH_MS + 300 * DAY && rng.chance(0.8);
  const owner = rng.pick(state.users).id;
  return {
    id, subject: '', type, owner_id: owner, creator_user_id: owner, is_deleted: false,
    add_time: rfc3339(added), update_time: rfc3339(added + rng.int(0, 30) * DAY),
    deal_id: null, lead_id: null, person_id: person?.id ?? null, org_id: person?.org_id ?? null, project_id: null,
    due_date: due.toISOString().slice(0, 10), due_time: rng.chance(0.9) ? due.toISOString().slice(11, 16) : null,
    duration: null, busy: false, done, marked_as_done_time: done ? rfc3339(due.getTime() + 3_600_000) : null,
    location: null, participants: person ? [{ person_id: person.id, primary: true }] : [], attendees: [],
    public_description: null, priority: null, note: null,
  };
}

function meeting(rng: Rng, state: CompanyState, id: number, persons: Person[], leadIds: string[]): Activity {
  const person = rng.pick(persons);
  const a = base(rng, state, id, 'meeting', person);
  const guest = rng.chance(0.4) ? rng.pick(persons) : null;
  if (guest && guest.id !== person.id) a.participants.push({ person_id: guest.id, primary: false });
  a.subject = `${rng.pick(MEETING_SUBJECTS)} with ${person.name}`;
  a.duration = rng.pick(['00:30', '00:45', '01:00', '01:30']);
  a.busy = true;
  a.location = rng.chance(0.8) ? { value: rng.pick(LOCATIONS) } : null;
  a.public_description = rng.chance(0.5) ? 'Agenda: introductions, goals, next steps.' : null;
  a.note = rng.chance(0.3) ? '<p>Bring the pricing sheet.</p>' : null;
  a.lead_id = rng.chance(0.3) ? rng.pick(leadIds) : null;
  for (const p of [person, guest]) {
    if (!p || a.attendees.some((x) => x.person_id === p.id)) continue;
    const email = p.emails[0]?.value;
    if (email) a.attendees.push({ email, name: p.name, person_id: p.id, status: rng.pick(['accepted', 'noreply', 'tentative']), is_organizer: false, user_id: null });
  }
  return a;
}

function other(rng: Rng, state: CompanyState, id: number, type: string, persons: Person[]): Activity {
  const person = rng.chance(0.8) ? rng.pick(persons) : null;
  const a = base(rng, state, id, type, person);
  a.subject = rng.pick(OTHER_SUBJECTS) + (person ? ` – ${person.name}` : '');
  a.duration = type === 'call' ? '00:15' : null;
  return a;
}
