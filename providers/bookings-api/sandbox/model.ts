import { createHash } from 'node:crypto';
import {
  listFreeSlots, sandboxTeam, teamUuid, workingIntervals, type Rng, type SlotRules, type SlotSchedule, type TeamMember,
} from '../../../src/provider-sdk';

/**
 * The sandbox's records, in the seed's wire shape. Booking links are the sandbox's own invention
 * beyond the fields the seed implies (README § Unconfirmed): hosts from the shared sandbox team,
 * their working hours as the availability windows, durations, buffers, notice, slot interval and
 * qualification questions with routing rules.
 */
export interface StaffWire { id: string; name: string; email: string }
export interface QuestionWire { id: string; label: string; type: 'text' | 'select'; required: boolean; options: string[] | null }
/** A conditional routing rule: an answer equal to `equals` rejects the booking with `reason`. */
export interface RoutingRule { question_id: string; equals: string; action: 'reject'; reason: string }

export interface BookingLink {
  id: string;
  slug: string;
  title: string;
  duration_minutes: number;
  buffer_before_minutes: number;
  buffer_after_minutes: number;
  slot_interval_minutes: number;
  minimum_notice_minutes: number;
  active: boolean;
  url: string;
  hosts: StaffWire[];
  questions: QuestionWire[];
  routing_rules: RoutingRule[];
}

export type BookingStatus = 'confirmed' | 'cancelled' | 'no_show';
export interface Answer { question_id: string; answer: unknown }

export interface Booking {
  id: string;
  booking_link_id: string;
  slug: string;
  contact_name: string;
  contact_email: string;
  contact_phone: string | null;
  start_time: string;
  end_time: string;
  status: BookingStatus;
  notes: string | null;
  client_timezone: string | null;
  staff_id: string;
  service_id: string | null;
  answers: Answer[];
  cancellation_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface AccountState { links: BookingLink[]; bookings: Map<string, Booking> }

const MINUTE = 60_000;
const DAY = 86_400_000;
export const iso = (ms: number): string => new Date(ms).toISOString();
const shortHash = (s: string, n = 12): string => createHash('sha256').update(s).digest('hex').slice(0, n);

export const staffId = (m: TeamMember): string => `stf_${teamUuid(m, 'bookings-api').replace(/-/g, '').slice(0, 12)}`;
const TEAM = sandboxTeam();
const member = (key: string): TeamMember => TEAM.find((m) => m.key === key)!;
const staff = (key: string): StaffWire => { const m = member(key); return { id: staffId(m), name: m.name, email: m.email }; };

export const DISCOVERY_REJECT_REASON = 'Discovery calls are for teams of more than 10 people: our self-serve guides are a better start.';

function seedLinks(accountId: string): BookingLink[] {
  const link = (slug: string, rest: Omit<BookingLink, 'id' | 'slug' | 'url' | 'active'>): BookingLink =>
    ({ id: `link_${shortHash(`${accountId}:${slug}`)}`, slug, url: `https://book.example.com/${accountId}/${slug}`, active: true, ...rest });
  return [
    link('30min-discovery', {
      title: 'Discovery call', duration_minutes: 30, buffer_before_minutes: 0, buffer_after_minutes: 10, slot_interval_minutes: 30,
      minimum_notice_minutes: 60, hosts: [staff('ada'), staff('bjorn'), staff('chloe')],
      questions: [
        { id: 'q_company_size', label: 'How many people work at your company?', type: 'select', required: true, options: ['1-10', '11-50', '51-200', '201+'] },
        { id: 'q_topic', label: 'What would you like to talk about?', type: 'text', required: false, options: null },
      ],
      routing_rules: [{ question_id: 'q_company_size', equals: '1-10', action: 'reject', reason: DISCOVERY_REJECT_REASON }],
    }),
    link('product-demo', {
      title: 'Product demo', duration_minutes: 45, buffer_before_minutes: 15, buffer_after_minutes: 15, slot_interval_minutes: 15,
      minimum_notice_minutes: 120, hosts: [staff('kwame')], questions: [], routing_rules: [],
    }),
    link('onboarding-session', {
      title: 'Onboarding session', duration_minutes: 60, buffer_before_minutes: 0, buffer_after_minutes: 0, slot_interval_minutes: 60,
      minimum_notice_minutes: 24 * 60, hosts: [staff('priya'), staff('zoe')],
      questions: [{ id: 'q_account_ref', label: 'Your account reference', type: 'text', required: true, options: null }],
      routing_rules: [],
    }),
  ];
}

export function rulesOf(link: BookingLink): SlotRules {
  return {
    durationMs: link.duration_minutes * MINUTE,
    bufferBeforeMs: link.buffer_before_minutes * MINUTE,
    bufferAfterMs: link.buffer_after_minutes * MINUTE,
    intervalMs: link.slot_interval_minutes * MINUTE,
    minimumNoticeMs: link.minimum_notice_minutes * MINUTE,
  };
}

/** One host's windows and confirmed bookings (with their own links' buffers) around [fromMs, toMs). */
export function scheduleOf(state: AccountState, hostId: string, fromMs: number, toMs: number): SlotSchedule<string> {
  const m = TEAM.find((t) => staffId(t) === hostId);
  const working = m ? workingIntervals(m.workingHours, m.timezone, fromMs - DAY, toMs + DAY) : [];
  const busy = [];
  for (const b of state.bookings.values()) {
    if (b.status !== 'confirmed' || b.staff_id !== hostId) continue;
    const startMs = Date.parse(b.start_time);
    const endMs = Date.parse(b.end_time);
    if (endMs < fromMs - DAY || startMs > toMs + DAY) continue;
    const own = state.links.find((l) => l.id === b.booking_link_id);
    busy.push({ startMs, endMs, bufferBeforeMs: (own?.buffer_before_minutes ?? 0) * MINUTE, bufferAfterMs: (own?.buffer_after_minutes ?? 0) * MINUTE });
  }
  return { id: hostId, working, busy };
}

export const schedulesOf = (state: AccountState, link: BookingLink, fromMs: number, toMs: number): SlotSchedule<string>[] =>
  link.hosts.map((h) => scheduleOf(state, h.id, fromMs, toMs));

const CONTACTS = [
  ['Alice Example', 'alice@example.com'], ['Bruno Díaz', 'bruno@example.org'], ['Chen Wei', 'chen.wei@example.net'],
  ['Dana Okafor', 'dana@example.com'], ['Emil Berg', 'emil@example.org'], ['Fatima Zahra', 'fatima@example.net'],
] as const;

/**
 * An account's seeded state: the three links and a dozen bookings (past ones with every status,
 * upcoming ones on slots the engine offers at seeding time), deterministic per account.
 */
export function seedAccount(accountId: string, rng: Rng, nowMs: number): AccountState {
  const state: AccountState = { links: seedLinks(accountId), bookings: new Map() };
  const add = (link: BookingLink, startMs: number, hostId: string, status: BookingStatus, i: number): void => {
    const [name, email] = CONTACTS[i % CONTACTS.length];
    const created = Math.min(startMs, nowMs) - 3 * DAY;
    const b: Booking = {
      id: `bkg_${shortHash(`${accountId}:seed:${i}`, 16)}`, booking_link_id: link.id, slug: link.slug, contact_name: name, contact_email: email,
      contact_phone: i % 2 === 0 ? `+1555010${String(i).padStart(4, '0')}` : null, start_time: iso(startMs),
      end_time: iso(startMs + link.duration_minutes * MINUTE), status, notes: i % 3 === 0 ? 'Seeded booking' : null,
      client_timezone: i % 2 === 0 ? 'Europe/London' : null, staff_id: hostId, service_id: null,
      answers: link.questions.filter((q) => q.required).map((q) => ({ question_id: q.id, answer: q.options ? q.options[1] : 'ACME-1' })),
      cancellation_reason: status === 'cancelled' ? 'Seeded cancellation' : null, created_at: iso(created), updated_at: iso(created),
    };
    state.bookings.set(b.id, b);
  };
  let i = 0;
  const statuses: BookingStatus[] = ['confirmed', 'no_show', 'cancelled', 'confirmed'];
  for (const link of state.links) {
    // Past: a whole day of each of the last four weeks, status by turn.
    for (let w = 1; w <= 4; w += 1) {
      const from = nowMs - w * 7 * DAY;
      const slot = listFreeSlots({ ...rulesOf(link), minimumNoticeMs: 0 }, schedulesOf(state, link, from, from + 3 * DAY), from, from + 3 * DAY, from - DAY)[0];
      if (slot) add(link, slot.startMs, slot.ids[0], statuses[(w + i) % statuses.length], i++);
    }
    // Upcoming: one confirmed booking on a free slot some days ahead.
    const from = nowMs + rng.int(2, 5) * DAY;
    const free = listFreeSlots(rulesOf(link), schedulesOf(state, link, from, from + 3 * DAY), from, from + 3 * DAY, nowMs);
    if (free.length > 0) {
      const slot = rng.pick(free);
      add(link, slot.startMs, slot.ids[0], 'confirmed', i++);
    }
  }
  return state;
}
