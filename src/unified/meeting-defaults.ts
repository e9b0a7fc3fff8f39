import type { Meeting } from '../provider-sdk/unified-models';

/**
 * The booking-engine fields of a meeting, null where the adapter left them out (CRMs have no
 * booking pages or versions): every meeting on the wire has the same keys, whichever provider.
 */
export function withSchedulingDefaults<M extends Meeting>(meeting: M): M {
  return {
    ...meeting,
    bookingPageId: meeting.bookingPageId ?? null,
    hostIds: meeting.hostIds ?? null,
    cancellationReason: meeting.cancellationReason ?? null,
    rescheduledFromId: meeting.rescheduledFromId ?? null,
    version: meeting.version ?? null,
  };
}
