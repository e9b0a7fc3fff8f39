import type { AppDeps } from '../../app-deps';
import { scopeOf } from '../../app-deps';
import type { UnifiedServices } from '../../unified/services';
import { bookingPageSchema, slotSchema } from '../../provider-sdk/unified-schemas';
import { InvalidDateRangeError, InvalidInputError } from '../../errors';
import { decodeCursor, encodeCursor } from '../list-cursor';
import { sendData, sendList, withoutRaw } from '../respond';
import type { RouteSpec } from '../route-table';
import { dataEnvelope, listEnvelope } from '../../openapi/schemas';

/** The longest availability range one call may ask (API.md § Scheduling). */
export const MAX_AVAILABILITY_DAYS = 31;
const DAY_MS = 86_400_000;

const common = {
  provider: { type: 'string', description: 'Provider id (MISSING_PROVIDER when absent)' },
  endUserId: { type: 'string', description: 'Your end user id (MISSING_REQUIRED when absent)' },
};
const hostEmail = { type: 'string', minLength: 3, maxLength: 254, description: 'Only this host (case-insensitive)' };

interface PagesQuery { provider?: string; endUserId?: string; includeRaw?: boolean; limit?: number; cursor?: string; hostEmail?: string }
interface AvailabilityQuery {
  provider?: string; endUserId?: string; bookingPageId: string; startDate: string; endDate: string; timezone?: string; hostEmail?: string;
}

/**
 * GET /v1/booking-pages (what can be booked) and GET /v1/availability (its free slots, computed by
 * the provider and never cached: a cached slot can be a taken one). Resolution order and errors as
 * for the unified resources; UNSUPPORTED_RESOURCE from the manifest.
 */
export function schedulingRoutes(deps: AppDeps, services: UnifiedServices): RouteSpec[] {
  const { unified } = services;
  return [
    {
      method: 'get', path: '/v1/booking-pages', operationId: 'listBookingPages', tag: 'Scheduling', auth: 'apiKey',
      summary: 'List booking pages (event types, booking links, services)',
      query: {
        type: 'object', additionalProperties: false,
        properties: {
          ...common,
          includeRaw: { type: 'boolean', default: false, description: 'Add remoteData: the provider record as it came' },
          hostEmail,
          limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
          cursor: { type: 'string', minLength: 1 },
        },
      },
      responses: { 200: { description: 'Booking pages', schema: listEnvelope(bookingPageSchema) } },
      handler: async (ctx) => {
        const q = ctx.state.query as PagesQuery;
        const resolved = await unified.resolveList(scopeOf(ctx.state), 'bookingPages', q.provider, q.endUserId);
        const email = q.hostEmail?.trim().toLowerCase();
        const binding = `${resolved.connection.id}|bookingPages|${email ?? ''}`;
        const cursor = q.cursor ? decodeCursor(deps.cipher, q.cursor, binding) : null;
        const page = await resolved.adapter.list(unified.context(resolved, null), {
          limit: q.limit ?? 50, cursor, ...(email !== undefined ? { hostEmail: email } : {}),
        });
        const items = page.items.map((p) => {
          const withDefaults = { ...p, priceCents: p.priceCents ?? null, currency: p.currency ?? null };
          return q.includeRaw === true ? withDefaults : withoutRaw(withDefaults);
        });
        sendList(ctx, items, page.nextCursor ? encodeCursor(deps.cipher, page.nextCursor, binding) : null);
      },
    },
    {
      method: 'get', path: '/v1/availability', operationId: 'getAvailability', tag: 'Scheduling', auth: 'apiKey',
      summary: `Free slots of a booking page, in UTC (range at most ${MAX_AVAILABILITY_DAYS} days)`,
      query: {
        type: 'object', additionalProperties: false, required: ['bookingPageId', 'startDate', 'endDate'],
        properties: {
          ...common,
          bookingPageId: { type: 'string', minLength: 1, maxLength: 200 },
          startDate: { type: 'string', format: 'date-time' },
          endDate: { type: 'string', format: 'date-time', description: `After startDate (INVALID_DATE_RANGE), at most ${MAX_AVAILABILITY_DAYS} days later` },
          timezone: { type: 'string', minLength: 1, maxLength: 64, description: 'IANA zone: day boundaries for providers that answer per day' },
          hostEmail,
        },
      },
      responses: { 200: { description: 'Free slots, ascending', schema: dataEnvelope({ type: 'array', items: slotSchema }) } },
      handler: async (ctx) => {
        const q = ctx.state.query as AvailabilityQuery;
        const resolved = await unified.resolveList(scopeOf(ctx.state), 'availability', q.provider, q.endUserId);
        const range = checkRange(q.startDate, q.endDate);
        if (q.timezone !== undefined && !isTimeZone(q.timezone)) {
          throw new InvalidInputError([{ field: 'timezone', message: 'is not an IANA time zone' }]);
        }
        const email = q.hostEmail?.trim().toLowerCase();
        const slots = await resolved.adapter.list(unified.context(resolved, null), {
          bookingPageId: q.bookingPageId, ...range, timezone: q.timezone ?? null, ...(email !== undefined ? { hostEmail: email } : {}),
        });
        sendData(ctx, slots);
      },
    },
  ];
}

/** end after start (INVALID_DATE_RANGE), at most 31 days apart (INVALID_INPUT on endDate); both as UTC ISO. */
export function checkRange(startDate: string, endDate: string): { startDate: string; endDate: string } {
  const start = Date.parse(startDate);
  const end = Date.parse(endDate);
  if (end <= start) throw new InvalidDateRangeError({ startDate, endDate });
  if (end - start > MAX_AVAILABILITY_DAYS * DAY_MS) {
    throw new InvalidInputError([{ field: 'endDate', message: `is more than ${MAX_AVAILABILITY_DAYS} days after startDate` }]);
  }
  return { startDate: new Date(start).toISOString(), endDate: new Date(end).toISOString() };
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
