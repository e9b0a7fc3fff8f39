import { freeIdsAt, listFreeSlots, workingIntervals, type FreeSlot, type SlotRules, type SlotSchedule } from '../../../src/provider-sdk';
import { ApiError } from './envelope';
import { bookingEndMs, bookingStartMs, type AccountState, type EventType, type Host } from './model';

/**
 * The account's state seen through the sandbox kit's slot engine (keyed by host user id): the event type's rules, each host's working
 * periods (from the shared sandbox team, in the host's zone) and confirmed bookings with their own
 * types' buffers. Listing (GET /v1/slots) and accepting (create, reschedule) both come through here.
 */
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export function rulesOf(et: EventType, durationMs = et.duration_minutes * MINUTE): SlotRules {
  return {
    durationMs,
    bufferBeforeMs: et.buffer_before_minutes * MINUTE,
    bufferAfterMs: et.buffer_after_minutes * MINUTE,
    minimumNoticeMs: et.minimum_notice_minutes * MINUTE,
    intervalMs: et.slot_interval_minutes * MINUTE,
  };
}

/** One host's schedule around [fromMs, toMs) (a day either side, so whole working periods and nearby buffers count). */
export function scheduleOf(state: AccountState, host: Host, fromMs: number, toMs: number, ignoreUid?: string): SlotSchedule<string> {
  const profile = state.hosts.find((h) => h.user_id === host.user_id);
  const working = profile && profile.active ? workingIntervals(profile.working_hours, profile.timezone, fromMs - DAY, toMs + DAY) : [];
  const busy = [];
  for (const b of state.bookings.values()) {
    if (b.uid === ignoreUid || b.status !== 'confirmed' || b.host.user_id !== host.user_id) continue;
    const startMs = bookingStartMs(b);
    const endMs = bookingEndMs(b);
    if (endMs < fromMs - DAY || startMs > toMs + DAY) continue;
    const et = state.eventTypes.find((e) => e.id === b.event_type_id);
    busy.push({ startMs, endMs, bufferBeforeMs: (et?.buffer_before_minutes ?? 0) * MINUTE, bufferAfterMs: (et?.buffer_after_minutes ?? 0) * MINUTE });
  }
  return { id: host.user_id, working, busy };
}

/** Free slots of an event type in [fromMs, toMs), optionally for one of its hosts. */
export function slotsOf(state: AccountState, et: EventType, fromMs: number, toMs: number, nowMs: number, hostId?: string): FreeSlot<string>[] {
  const hosts = et.hosts.filter((h) => !hostId || h.user_id === hostId).map((h) => scheduleOf(state, h, fromMs, toMs));
  return listFreeSlots(rulesOf(et), hosts, fromMs, toMs, nowMs);
}

const slotUnavailable = (): ApiError => new ApiError(409, 'slot_unavailable', 'The requested slot is no longer available.');

/**
 * The host who gets a booking at `startMs` (the first of `hosts` for whom it is free), or 409
 * slot_unavailable (seed 003: "slot is taken or otherwise blocked"; outside working hours, off
 * the slot grid, inside a buffer or the minimum notice all count as blocked).
 */
export function pickFreeHost(
  state: AccountState, et: EventType, hosts: readonly Host[], startMs: number, nowMs: number,
  opts: { durationMs?: number; ignoreUid?: string } = {},
): Host {
  const schedules = hosts.map((h) => scheduleOf(state, h, startMs, startMs + 1, opts.ignoreUid));
  const [first] = freeIdsAt(rulesOf(et, opts.durationMs), schedules, startMs, nowMs);
  const host = hosts.find((h) => h.user_id === first);
  if (!host) throw slotUnavailable();
  return host;
}

/** Seed 003 POST /v1/bookings: "409 slot_in_past — start is in the past" (also used for a reschedule target). */
export function assertSlotNotPast(startMs: number, nowMs: number): void {
  if (startMs <= nowMs) throw new ApiError(409, 'slot_in_past', 'The requested start time is in the past.');
}

/** Seed 000/003: booking_in_past — the booking starts (or started) in the past. */
export function assertBookingNotStarted(startMs: number, nowMs: number): void {
  if (startMs <= nowMs) throw new ApiError(409, 'booking_in_past', 'This booking has already started or finished.');
}
