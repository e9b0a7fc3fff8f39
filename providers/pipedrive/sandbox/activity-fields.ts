import { body, invalid, matchOrThrow } from './input';
import type { Activity, Attendee, CompanyState, Participant } from './model';
import { rfc3339 } from './model';

/**
 * Writing an AddActivityRequest / UpdateActivityRequest body (SDK v2, reference/providers.md §3.4)
 * onto an activity: `due_date` YYYY-MM-DD, `due_time` and `duration` HH:MM, `location {value}`,
 * `participants [{person_id, primary}]`, `attendees [{email, name, person_id}]`.
 */
export const ACTIVITY_TYPES = ['call', 'meeting', 'task', 'deadline', 'email', 'lunch'];

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const HHMM = /^\d{2}:\d{2}$/;

export function applyActivityFields(company: CompanyState, a: Activity, b: Record<string, unknown>, now: number): void {
  const subject = body.string(b, 'subject');
  if (subject !== undefined && subject !== null) a.subject = subject;
  if (b.type !== undefined) {
    if (typeof b.type !== 'string' || !ACTIVITY_TYPES.includes(b.type)) throw invalid('type', `Parameter 'type' must be one of ${ACTIVITY_TYPES.join(', ')}`);
    a.type = b.type;
  }
  const owner = body.int(b, 'owner_id');
  if (owner !== undefined && owner !== null) {
    if (!company.users.some((u) => u.id === owner)) throw invalid('owner_id', 'User not found');
    a.owner_id = owner;
  }
  const person = body.int(b, 'person_id', true);
  if (person !== undefined) {
    if (person !== null && !company.persons.has(person)) throw invalid('person_id', 'Person not found');
    a.person_id = person;
    if (person !== null && b.participants === undefined && !a.participants.some((p) => p.person_id === person)) {
      a.participants = [{ person_id: person, primary: true }, ...a.participants.map((p) => ({ ...p, primary: false }))];
    }
  }
  const org = body.int(b, 'org_id', true);
  if (org !== undefined) {
    if (org !== null && !company.organizations.has(org)) throw invalid('org_id', 'Organization not found');
    a.org_id = org;
  }
  const lead = body.string(b, 'lead_id', true);
  if (lead !== undefined) {
    if (lead !== null && !company.leads.has(lead)) throw invalid('lead_id', 'Lead not found');
    a.lead_id = lead;
  }
  const deal = body.int(b, 'deal_id', true);
  if (deal !== undefined) a.deal_id = deal;
  const dueDate = body.string(b, 'due_date', true);
  matchOrThrow(dueDate, 'due_date', DATE, 'YYYY-MM-DD');
  if (dueDate !== undefined) a.due_date = dueDate;
  const dueTime = body.string(b, 'due_time', true);
  matchOrThrow(dueTime, 'due_time', HHMM, 'HH:MM');
  if (dueTime !== undefined) a.due_time = dueTime;
  const duration = body.string(b, 'duration', true);
  matchOrThrow(duration, 'duration', HHMM, 'HH:MM');
  if (duration !== undefined) a.duration = duration;
  const busy = body.bool(b, 'busy');
  if (busy !== undefined) a.busy = busy;
  const done = body.bool(b, 'done');
  if (done !== undefined && done !== a.done) {
    a.done = done;
    a.marked_as_done_time = done ? rfc3339(now) : null;
  }
  const location = body.object(b, 'location', true);
  if (location !== undefined) {
    if (location !== null && typeof location.value !== 'string') throw invalid('location', "Parameter 'location.value' must be a string");
    a.location = location === null ? null : { value: location.value as string };
  }
  for (const key of ['public_description', 'note'] as const) {
    const v = body.string(b, key, true);
    if (v !== undefined) a[key] = v;
  }
  const priority = body.int(b, 'priority', true);
  if (priority !== undefined) a.priority = priority;
  const participants = body.array(b, 'participants');
  if (participants) a.participants = participants.map((p) => participant(company, p));
  const attendees = body.array(b, 'attendees');
  if (attendees) a.attendees = attendees.map((x) => attendee(x));
}

function participant(company: CompanyState, raw: unknown): Participant {
  const p = raw as { person_id?: unknown; primary?: unknown } | null;
  if (!p || typeof p !== 'object' || !Number.isInteger(p.person_id)) throw invalid('participants', "Parameter 'participants[].person_id' must be an integer");
  if (!company.persons.has(p.person_id as number)) throw invalid('participants', 'Person not found');
  if (p.primary !== undefined && typeof p.primary !== 'boolean') throw invalid('participants', "Parameter 'participants[].primary' must be a boolean");
  return { person_id: p.person_id as number, primary: p.primary === true };
}

function attendee(raw: unknown): Attendee {
  const x = raw as { email?: unknown; name?: unknown; person_id?: unknown } | null;
  if (!x || typeof x !== 'object' || typeof x.email !== 'string') throw invalid('attendees', "Parameter 'attendees[].email' must be a string");
  return {
    email: x.email, name: typeof x.name === 'string' ? x.name : null,
    person_id: Number.isInteger(x.person_id) ? (x.person_id as number) : null, status: null, is_organizer: false, user_id: null,
  };
}
