import { randomBytes } from 'node:crypto';
import { freeIdsAt } from '../../../src/provider-sdk';
import { ApiError, missingField, validationFailed } from './envelope';
import { iso, rulesOf, schedulesOf, type AccountState, type Booking } from './model';
import { isTimeZone, linkOf } from './params';
import { answersRefusal, parseAnswers } from './questions';

/**
 * POST /api/v1/bookings: validation in the seed's order of errors, then check-and-insert under the
 * slot's lock. The check and the insert run synchronously, so two requests can never interleave
 * inside them; the lock (per account, host and start) states the rule and refuses at once with
 * slot_taken ("another booking grabbed the slot") if it is ever held.
 */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const taken = (): ApiError => new ApiError(409, 'slot_taken', 'That slot is no longer available: another booking grabbed it.');

export class SlotLocks {
  private readonly held = new Set<string>();

  withLock<T>(keys: readonly string[], fn: () => T): T {
    if (keys.some((k) => this.held.has(k))) throw taken();
    for (const k of keys) this.held.add(k);
    try { return fn(); } finally { for (const k of keys) this.held.delete(k); }
  }
}

export function createBooking(state: AccountState, accountId: string, body: unknown, nowMs: number, locks: SlotLocks): Booking {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw validationFailed('The request body must be a JSON object.');
  const b = body as Record<string, unknown>;
  const link = linkOf(state, b.booking_link_id, b.slug);
  const missing = ['contact_name', 'contact_email', 'start_time'].filter((f) => typeof b[f] !== 'string' || (b[f] as string).trim() === '');
  if (missing.length > 0) throw missingField(missing);
  const email = (b.contact_email as string).trim();
  if (!EMAIL.test(email)) throw validationFailed('contact_email is not an email address.', ['contact_email']);
  const startMs = Date.parse(b.start_time as string);
  if (Number.isNaN(startMs)) throw validationFailed('start_time must be an ISO 8601 timestamp.', ['start_time']);
  const opt = (name: string): string | null => {
    const v = b[name];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') throw validationFailed(`${name} must be a string.`, [name]);
    return v;
  };
  const timezone = opt('client_timezone');
  if (timezone !== null && !isTimeZone(timezone)) throw validationFailed('client_timezone must be an IANA time zone.', ['client_timezone']);
  const staffId = opt('staff_id');
  if (staffId !== null && !link.hosts.some((h) => h.id === staffId)) throw validationFailed('staff_id is not a host of this booking link.', ['staff_id']);
  const answers = parseAnswers(b.answers);
  const refusal = answersRefusal(link, answers);
  if (refusal) throw refusal;

  const candidates = link.hosts.filter((h) => staffId === null || h.id === staffId).map((h) => h.id);
  return locks.withLock(candidates.map((h) => `${accountId}|${h}@${startMs}`), () => {
    const schedules = schedulesOf(state, link, startMs, startMs + 1).filter((x) => candidates.includes(x.id));
    const free = freeIdsAt(rulesOf(link), schedules, startMs, nowMs);
    if (free.length === 0) throw taken();
    // Round robin: the free host with the fewest upcoming confirmed bookings (team order breaks ties).
    const load = (h: string) => [...state.bookings.values()].filter((x) => x.staff_id === h && x.status === 'confirmed' && Date.parse(x.start_time) > nowMs).length;
    const host = [...free].sort((x, y) => load(x) - load(y))[0];
    const booking: Booking = {
      id: `bkg_${randomBytes(8).toString('hex')}`, booking_link_id: link.id, slug: link.slug,
      contact_name: (b.contact_name as string).trim(), contact_email: email, contact_phone: opt('contact_phone'),
      start_time: iso(startMs), end_time: iso(startMs + link.duration_minutes * 60_000), status: 'confirmed', notes: opt('notes'),
      client_timezone: timezone, staff_id: host, service_id: opt('service_id'), answers, cancellation_reason: null,
      created_at: iso(nowMs), updated_at: iso(nowMs),
    };
    state.bookings.set(booking.id, booking);
    return booking;
  });
}
