import {
  InvalidInputError, pageOfAll, type AdapterContext, type AvailabilityAdapter, type BookingPagesAdapter, type Slot, type UsersAdapter,
} from '../../../src/provider-sdk';
import type { AvailabilityWire, BookingLinkWire, Paged } from '../mappers/wire.types';
import { toBookingPage, toSlot, usersOfLinks } from '../mappers/booking-link.mapper';
import { daysCovering, mapLimited } from './days';

/**
 * Booking pages ← booking links (GET /api/v1/booking-links: how links are listed is UNCONFIRMED),
 * users ← the hosts on those links (the API has no users endpoint), availability ← GET
 * /api/v1/availability one day at a time. Nothing is cached: a cached slot can be a taken one.
 */
const LINKS_PAGE = 100;
/** A safety stop for a provider that always says hasMore. */
const MAX_LINK_PAGES = 50;
/**
 * Day calls in flight at once: a 31-day range is 31 calls; three at a time finishes quickly and
 * leaves room in the budget (every call also waits for the connection's limiter in ctx.http).
 */
export const DAY_CONCURRENCY = 3;

export async function allLinks(ctx: AdapterContext): Promise<BookingLinkWire[]> {
  const links: BookingLinkWire[] = [];
  for (let page = 1; page <= MAX_LINK_PAGES; page += 1) {
    const body = await ctx.http.json<Paged<BookingLinkWire>>({ method: 'GET', path: '/api/v1/booking-links', query: { page, limit: LINKS_PAGE } });
    links.push(...body.data);
    if (body.pagination?.hasMore !== true || body.data.length === 0) break;
  }
  return links;
}

const hostedBy = (l: BookingLinkWire, email: string): boolean => (l.hosts ?? []).some((h) => h.email?.toLowerCase() === email);

export const bookingPagesAdapter: BookingPagesAdapter = {
  list: (ctx, params) => pageOfAll(params, async () =>
    (await allLinks(ctx)).filter((l) => params.hostEmail === undefined || hostedBy(l, params.hostEmail)).map(toBookingPage)),
};

export const usersAdapter: UsersAdapter = {
  list: (ctx, params) => pageOfAll(params, async () => usersOfLinks(await allLinks(ctx))),
};

/** The staff id of a host of the link, by email (one more read: the link's hosts). */
async function hostIdOf(ctx: AdapterContext, linkId: string, email: string): Promise<string> {
  const link = (await allLinks(ctx)).find((l) => l.id === linkId);
  if (!link) throw new InvalidInputError([{ field: 'bookingPageId', message: 'names no booking link of this account' }]);
  const host = (link.hosts ?? []).find((h) => h.email?.toLowerCase() === email);
  if (!host) throw new InvalidInputError([{ field: 'hostEmail', message: 'is not a host of this booking page' }]);
  return host.id;
}

/** Slots of several days as one list: start in [startMs, endMs), one entry per (start, end), ascending. */
export function mergeSlots(days: Slot[][], startMs: number, endMs: number): Slot[] {
  const byKey = new Map<string, Slot>();
  for (const slot of days.flat()) {
    const t = Date.parse(slot.start);
    if (t < startMs || t >= endMs) continue;
    const key = `${slot.start}|${slot.end}`;
    const seen = byKey.get(key);
    if (seen) seen.hostIds = [...new Set([...seen.hostIds, ...slot.hostIds])];
    else byKey.set(key, { ...slot, hostIds: [...slot.hostIds] });
  }
  return [...byKey.values()].sort((a, b) => a.start.localeCompare(b.start));
}

export const availabilityAdapter: AvailabilityAdapter = {
  async list(ctx, q) {
    const staffId = q.hostEmail !== undefined ? await hostIdOf(ctx, q.bookingPageId, q.hostEmail) : null;
    const days = daysCovering(q.startDate, q.endDate, q.timezone);
    const perDay = await mapLimited(days, DAY_CONCURRENCY, async (date) => {
      const query: Record<string, string> = { booking_link_id: q.bookingPageId, date };
      // `timezone` (which zone `date` is in) and `staff_id` are not in the seed: UNCONFIRMED (README).
      if (q.timezone !== null) query.timezone = q.timezone;
      if (staffId !== null) query.staff_id = staffId;
      const body = await ctx.http.json<AvailabilityWire>({ method: 'GET', path: '/api/v1/availability', query });
      return body.data.slots.map(toSlot);
    });
    const slots = mergeSlots(perDay, Date.parse(q.startDate), Date.parse(q.endDate));
    // Where the API names the staff free at a slot, keep only the asked host's (and name only them).
    return staffId === null ? slots : slots
      .filter((s) => s.hostIds.length === 0 || s.hostIds.includes(staffId))
      .map((s) => ({ ...s, hostIds: [staffId] }));
  },
};
