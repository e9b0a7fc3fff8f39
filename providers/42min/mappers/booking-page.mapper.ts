import type { BookingPage, Slot } from '../../../src/provider-sdk';
import type { EventTypeWire, SlotWire } from './booking.types';
import { isoUtc } from './meeting.mapper';

/**
 * Event type → booking page. The event type lists its hosts without names; `names` (user id →
 * name, from GET /v1/users) fills them where known. 42min event types carry no price.
 */
export function toBookingPage(et: EventTypeWire, names: ReadonlyMap<string, string | null> = new Map()): BookingPage {
  return {
    id: et.id,
    name: et.title,
    slug: et.slug,
    durationMinutes: et.duration_minutes,
    url: typeof et.url === 'string' && et.url !== '' ? et.url : null,
    active: et.status === 'on',
    hosts: et.hosts.map((h) => ({ id: h.user_id, name: names.get(h.user_id) ?? null, email: h.email ?? null })),
    kind: 'event_type',
    priceCents: null,
    currency: null,
    remoteData: et,
  };
}

export function toSlot(s: SlotWire): Slot {
  return { start: isoUtc(s.start) ?? s.start, end: isoUtc(s.end) ?? s.end, hostIds: [...s.host_user_ids] };
}
