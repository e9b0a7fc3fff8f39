import type Koa from 'koa';
import { ApiError, missingField, validationFailed } from './envelope';
import type { AccountState, Booking, BookingLink } from './model';

/** Reading the requests' parameters and the records they name, in the API's own errors. */
export const MAX_LIMIT = 100;
const DEFAULT_LIMIT = 50;

export function single(ctx: Koa.Context, name: string): string | undefined {
  const v = ctx.query[name];
  return Array.isArray(v) ? v[v.length - 1] : v;
}

/** `page` (default 1) and `limit` (default 50, max 100: seed "Pagination"). */
export function paging(ctx: Koa.Context): { page: number; limit: number } {
  const num = (name: string, fallback: number, max: number): number => {
    const raw = single(ctx, name);
    if (raw === undefined) return fallback;
    if (!/^\d{1,7}$/.test(raw) || Number(raw) < 1 || Number(raw) > max) throw validationFailed(`${name} must be an integer from 1 to ${max}.`, [name]);
    return Number(raw);
  };
  return { page: num('page', 1, 1_000_000), limit: num('limit', DEFAULT_LIMIT, MAX_LIMIT) };
}

export function pageOf<T>(items: T[], page: number, limit: number): { data: T[]; pagination: { page: number; limit: number; total: number; hasMore: boolean } } {
  const start = (page - 1) * limit;
  return { data: items.slice(start, start + limit), pagination: { page, limit, total: items.length, hasMore: start + limit < items.length } };
}

/** `booking_link_id` or `slug` (seed: "Either … must be supplied"), from the query or a body. */
export function linkOf(state: AccountState, id: unknown, slug: unknown): BookingLink {
  if ((typeof id !== 'string' || id === '') && (typeof slug !== 'string' || slug === '')) throw missingField(['booking_link_id']);
  const link = typeof id === 'string' && id !== '' ? state.links.find((l) => l.id === id) : state.links.find((l) => l.slug === slug);
  if (!link || !link.active) throw new ApiError(404, 'booking_link_not_found', 'No matching booking link in this entity.');
  return link;
}

export function bookingOf(state: AccountState, id: string): Booking {
  const b = state.bookings.get(id);
  if (!b) throw new ApiError(404, 'not_found', 'No such booking in this entity.');
  return b;
}

/** Seed "Get a single booking": the parent link's title and duration joined in. */
export const withLink = (state: AccountState, b: Booking) => {
  const link = state.links.find((l) => l.id === b.booking_link_id);
  return { ...b, link_title: link?.title ?? null, duration_minutes: link?.duration_minutes ?? null };
};

export const isTimeZone = (zone: string): boolean => {
  try { new Intl.DateTimeFormat('en-US', { timeZone: zone }); return true; } catch { return false; }
};
