import type { BookingPage, Slot, User } from '../../../src/provider-sdk';
import type { BookingLinkWire, SlotWire, StaffWire } from './wire.types';
import { isoUtc } from './meeting.mapper';

/** Booking link → booking page (kind `booking_link`); the seed has no prices. */
export function toBookingPage(link: BookingLinkWire): BookingPage {
  return {
    id: link.id,
    name: link.title ?? link.slug ?? link.id,
    slug: link.slug ?? null,
    durationMinutes: typeof link.duration_minutes === 'number' ? link.duration_minutes : null,
    url: typeof link.url === 'string' && link.url !== '' ? link.url : null,
    active: link.active !== false,
    hosts: (link.hosts ?? []).map((h) => ({ id: h.id, name: h.name ?? null, email: h.email ?? null })),
    kind: 'booking_link',
    priceCents: null,
    currency: null,
    remoteData: link,
  };
}

/** A slot of one day's availability; hosts from `staff_ids` where the API says (a sandbox extension), else none named. */
export function toSlot(s: SlotWire): Slot {
  return { start: isoUtc(s.start) ?? s.start, end: isoUtc(s.end) ?? s.end, hostIds: Array.isArray(s.staff_ids) ? [...s.staff_ids] : [] };
}

/**
 * The API has no users endpoint (API.md § Clarifications): users are the distinct hosts of the
 * booking links, in the order first seen, matched by id. Every one listed is active.
 */
export function usersOfLinks(links: readonly BookingLinkWire[]): User[] {
  const seen = new Map<string, StaffWire>();
  for (const l of links) for (const h of l.hosts ?? []) if (!seen.has(h.id)) seen.set(h.id, h);
  return [...seen.values()].map((h) => ({ id: h.id, name: h.name ?? null, email: h.email ?? null, active: true, remoteData: h }));
}
