import { ApiError } from './envelope';
import { bookingEndMs, bookingStartMs, type AccountState, type Host } from './model';

/**
 * The booking engine's slot rules as the sandbox models them: a slot is unavailable when it
 * overlaps a confirmed booking of the same host (seed 003 "slot is taken or otherwise blocked");
 * no working hours or buffers are modelled.
 */
export function assertSlotFree(state: AccountState, host: Host, startMs: number, endMs: number, ignoreUid?: string): void {
  for (const b of state.bookings.values()) {
    if (b.uid === ignoreUid || b.status !== 'confirmed' || b.host.user_id !== host.user_id) continue;
    if (startMs < bookingEndMs(b) && bookingStartMs(b) < endMs) {
      throw new ApiError(409, 'slot_unavailable', 'The requested slot is no longer available.');
    }
  }
}

/** Seed 003 POST /v1/bookings: "409 slot_in_past — start is in the past" (also used for a reschedule target). */
export function assertSlotNotPast(startMs: number, nowMs: number): void {
  if (startMs <= nowMs) throw new ApiError(409, 'slot_in_past', 'The requested start time is in the past.');
}

/** Seed 000/003: booking_in_past — the booking starts (or started) in the past. */
export function assertBookingNotStarted(startMs: number, nowMs: number): void {
  if (startMs <= nowMs) throw new ApiError(409, 'booking_in_past', 'This booking has already started or finished.');
}
