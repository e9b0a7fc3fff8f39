import {
  fakeCompanies, fakePerson, fakeTime, sandboxTeam, SEED_EPOCH_MS, teamUuid, workingIntervals, isSlotFree, type FakePerson, type Rng,
} from '../../../src/provider-sdk';
import {
  hostRef, iso, type AccountState, type Attendee, type Booking, type EventType, type Guest, type HostProfile, type Location,
} from './model';
import { SlotLocks } from './slot-lock';
import { rulesOf, scheduleOf } from './slots';

/**
 * Deterministic per-account data: the shared sandbox team as hosts (same names and emails as the
 * CRM sandboxes' owners), their event types and 60 bookings (plus the canceled originals of
 * re-booked ones), drawn from the account's seeded rng. Bookings sit on free slots of their
 * host's working hours (the slot engine's own rule), on days from fakeTime's fixed 2026–2027
 * window, so a restart yields the same records.
 */
export const SEEDED_BOOKINGS = 60;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** "Now" at seeding time, for what is already past (no-shows, created_at); fixed, not Date.now(). */
const SEED_NOW_MS = SEED_EPOCH_MS + 300 * DAY;

const TIMEZONES = ['Europe/London', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'America/Sao_Paulo', 'Africa/Lagos',
  'Australia/Sydney', 'UTC'];
const CANCEL_REASONS = ['Schedule conflict', 'No longer needed', 'Booked by mistake', 'Attendee unavailable', null];
const SYNC = ['synced', 'synced', 'synced', 'synced', 'synced', 'pending', 'failed', 'not_applicable', 'not_applicable'] as const;

/**
 * Event types every account has. Host 0 owns the special ones (reschedule-disabled, inactive);
 * `discovery-call` is round-robin over three hosts in three zones. Buffers, notice and slot
 * intervals vary so that every rule of the slot engine is exercised.
 */
interface EventTypeSeed {
  hosts: number[]; slug: string; title: string; minutes: number; status: 'on' | 'off'; noReschedule: boolean; loc: Location['type'];
  before: number; after: number; notice: number; interval: number;
}
const EVENT_TYPES: EventTypeSeed[] = [
  { hosts: [0], slug: 'intro-call', title: 'Intro call', minutes: 30, status: 'on', noReschedule: false, loc: 'google_meet', before: 0, after: 15, notice: 60, interval: 30 },
  { hosts: [0], slug: 'demo', title: 'Product demo', minutes: 45, status: 'on', noReschedule: false, loc: 'zoom', before: 10, after: 10, notice: 120, interval: 15 },
  { hosts: [0], slug: 'strategy-session', title: 'Strategy session', minutes: 60, status: 'on', noReschedule: true, loc: 'in_person', before: 15, after: 15, notice: 1440, interval: 60 },
  { hosts: [0], slug: 'legacy-consult', title: 'Legacy consult', minutes: 30, status: 'off', noReschedule: false, loc: 'phone', before: 0, after: 0, notice: 0, interval: 30 },
  { hosts: [1], slug: 'intro-call', title: 'Intro call', minutes: 30, status: 'on', noReschedule: false, loc: 'google_meet', before: 5, after: 5, notice: 60, interval: 30 },
  { hosts: [1], slug: 'demo', title: 'Product demo', minutes: 45, status: 'on', noReschedule: false, loc: 'zoom', before: 0, after: 15, notice: 240, interval: 15 },
  { hosts: [2], slug: 'intro-call', title: 'Intro call', minutes: 20, status: 'on', noReschedule: false, loc: 'phone', before: 0, after: 10, notice: 30, interval: 20 },
  { hosts: [3, 4, 5], slug: 'discovery-call', title: 'Discovery call', minutes: 30, status: 'on', noReschedule: false, loc: 'google_meet', before: 5, after: 5, notice: 60, interval: 30 },
];
export const SEEDED_HOSTS = sandboxTeam().length;

function location(rng: Rng, type: Location['type']): Location {
  switch (type) {
    case 'google_meet': return { type, url: `https://meet.google.com/${rng.hex(3)}-${rng.hex(4)}-${rng.hex(3)}`, value: null };
    case 'zoom': return { type, url: `https://zoom.us/j/${rng.int(100000000, 999999999)}`, value: null };
    case 'phone': return { type, url: null, value: `+1 555 ${rng.int(100, 999)} ${rng.int(1000, 9999)}` };
    case 'in_person': return { type, url: null, value: rng.pick(['1 Infinite Loop, Cupertino', 'Friedrichstraße 43, Berlin', '10 Downing St, London']) };
  }
}

/** The shared sandbox team; user ids are stable (the same in every account, as the people are). */
function seedHosts(): HostProfile[] {
  return sandboxTeam().map((m) => ({
    user_id: teamUuid(m, '42min-user'), username: m.key, email: m.email, name: m.name,
    timezone: m.timezone, working_hours: m.workingHours.map((r) => ({ ...r, days: [...r.days] })), active: true,
  }));
}

function attendeeOf(rng: Rng, p: FakePerson): Attendee {
  return { email: p.emails[0], name: `${p.firstName} ${p.lastName}`, timezone: rng.pick(TIMEZONES) };
}

function guestsOf(rng: Rng, i: number, companies: ReturnType<typeof fakeCompanies>): Guest[] {
  if (!rng.chance(0.3)) return [];
  return Array.from({ length: rng.int(1, 2) }, (_, g) => {
    const p = fakePerson(rng, 1000 + i * 10 + g, companies);
    return rng.chance(0.5) ? { email: p.emails[p.emails.length - 1], name: `${p.firstName} ${p.lastName}` } : { email: p.emails[0] };
  });
}

function responsesOf(rng: Rng, p: FakePerson): Record<string, unknown> {
  const r: Record<string, unknown> = {};
  if (p.phone ?? p.mobile) r.phone = p.phone ?? p.mobile;
  if (p.company) r.company = p.company.name;
  if (rng.chance(0.4)) r.notes = rng.pick(['Looking forward to it!', 'Please send the agenda beforehand.', 'Können wir Deutsch sprechen?', '日本語でお願いします']);
  return r;
}

function booking(rng: Rng, i: number, et: EventType, startMs: number, companies: ReturnType<typeof fakeCompanies>): Booking {
  const person = fakePerson(rng, i, companies);
  const createdMs = Math.min(startMs - rng.int(1, 20) * DAY, SEED_EPOCH_MS + rng.int(0, 290) * DAY) - rng.int(0, 23) * HOUR;
  const updatedMs = rng.chance(0.4) ? createdMs + rng.int(1, 72) * HOUR : createdMs;
  const sync = rng.pick(SYNC);
  const metadata: Record<string, unknown> = rng.chance(0.5) ? { crm_id: `C-${rng.int(1, 999)}` } : {};
  if (rng.chance(0.2)) metadata.utm_source = rng.pick(['web', 'newsletter', 'linkedin']);
  return {
    uid: rng.uuid(), version: updatedMs === createdMs ? 1 : rng.int(2, 4),
    event_type_id: et.id, event_type_slug: et.slug, title: et.title, status: 'confirmed',
    start_at: iso(startMs), end_at: iso(startMs + et.duration_minutes * MINUTE),
    timezone: rng.pick(TIMEZONES), host: et.hosts[0], attendees: [attendeeOf(rng, person)], guests: guestsOf(rng, i, companies),
    location: et.location, metadata, responses: responsesOf(rng, person),
    calendar_sync_status: sync, calendar_event_id: sync === 'synced' ? rng.hex(26) : null,
    rescheduled_from_uid: null, cancelled_at: null, cancellation_reason: null, no_show_at: null, no_show_reason: null,
    created_at: iso(createdMs), updated_at: iso(updatedMs),
  };
}

function cancel(b: Booking, atMs: number, reason: string | null): void {
  b.status = 'canceled';
  b.cancelled_at = iso(atMs);
  b.cancellation_reason = reason;
  b.updated_at = iso(Math.max(atMs, Date.parse(b.updated_at)));
  b.version += 1;
}

/** A start on a free slot of the type's first host, on the first working day at or after `fromMs`. */
function seededStart(rng: Rng, state: AccountState, et: EventType, fromMs: number): number {
  const host = state.hosts.find((h) => h.user_id === et.hosts[0].user_id)!;
  const rules = rulesOf(et);
  const periods = workingIntervals(host.working_hours, host.timezone, fromMs, fromMs + 14 * DAY).filter((w) => w.startMs >= fromMs);
  for (let attempt = 0; attempt < 8; attempt++) {
    const w = periods[Math.min(attempt, periods.length - 1)];
    const steps = Math.floor((w.endMs - w.startMs - rules.durationMs) / rules.intervalMs);
    const start = w.startMs + rng.int(0, Math.max(0, steps)) * rules.intervalMs;
    if (isSlotFree({ ...rules, minimumNoticeMs: 0 }, scheduleOf(state, et.hosts[0], start, start + 1), start, 0)) return start;
  }
  return periods[periods.length - 1].startMs;
}

export function seedAccount(rng: Rng): AccountState {
  const hosts = seedHosts();
  const eventTypes: EventType[] = EVENT_TYPES.map((e) => {
    const etHosts = e.hosts.map((i) => hostRef(hosts[i]));
    const owner = etHosts[0];
    return {
      id: rng.uuid(), slug: e.slug, title: e.title, duration_minutes: e.minutes, status: e.status,
      disable_rescheduling: e.noReschedule, host: owner, hosts: etHosts,
      buffer_before_minutes: e.before, buffer_after_minutes: e.after, minimum_notice_minutes: e.notice, slot_interval_minutes: e.interval,
      url: `https://42min.us/${owner.username}/${e.slug}`, location: location(rng, e.loc),
    };
  });
  const active = eventTypes.filter((e) => e.status === 'on');
  const inactive = eventTypes.filter((e) => e.status === 'off');
  const companies = fakeCompanies(rng, 12);
  const bookings = new Map<string, Booking>();
  const state: AccountState = { hosts, eventTypes, bookings, idempotency: new Map(), locks: new SlotLocks() };
  for (let i = 0; i < SEEDED_BOOKINGS; i++) {
    const day = fakeTime(rng).getTime();
    // The inactive type only has bookings from before it was switched off.
    const et = day < SEED_NOW_MS && rng.chance(0.1) ? rng.pick(inactive) : rng.pick(active);
    const start = seededStart(rng, state, et, day);
    const b = booking(rng, i, et, start, companies);
    if (rng.chance(0.15)) {
      cancel(b, Math.min(Date.parse(b.created_at) + rng.int(1, 48) * HOUR, start - HOUR), rng.pick(CANCEL_REASONS));
    } else if (start < SEED_NOW_MS && rng.chance(0.1)) {
      b.no_show_at = b.end_at;
      b.no_show_reason = rng.pick(['Attendee did not join', 'Joined too late', null]);
    } else if (rng.chance(0.1)) {
      // Re-booked through the booking page: the original is canceled, this one points back at it.
      const original = booking(rng, i + 500, et, start - rng.int(1, 7) * DAY, companies);
      original.attendees = b.attendees;
      const movedMs = Math.max(Date.parse(original.created_at) + HOUR, Date.parse(b.created_at));
      cancel(original, movedMs, 'Rescheduled by attendee');
      b.created_at = iso(movedMs);
      if (Date.parse(b.updated_at) < movedMs) b.updated_at = b.created_at;
      b.rescheduled_from_uid = original.uid;
      bookings.set(original.uid, original);
    }
    bookings.set(b.uid, b);
  }
  return state;
}
