import {
  GatewayError, InvalidInputError, ProviderFailureError, type AdapterContext, type Meeting, type MeetingsAdapter, type Page,
} from '../../../src/provider-sdk';
import type { ProviderSummary } from '../errors';
import type { BookingCreateBody, BookingWire, Paged } from '../mappers/wire.types';
import { toProviderBooking, toUnifiedMeeting } from '../mappers/meeting.mapper';

/**
 * Meetings ← bookings (/api/v1/bookings, seed 004). The API has no update, delete or reschedule:
 * update and delete are not declared (UNSUPPORTED_RESOURCE), reschedule is create + cancel.
 */
const MAX_LIMIT = 100; // seed: "limit … max 100"
const NOT_FOUND = 'MEETING_NOT_FOUND' as const;

/** The API answers a created booking as `{ data: booking }` (assumed) or the bare booking (the seed's words). */
const unwrap = (body: unknown): BookingWire => {
  const b = body as { data?: BookingWire } & BookingWire;
  return b.data !== undefined && typeof b.data === 'object' ? b.data : b;
};

async function getBooking(ctx: AdapterContext, id: string): Promise<BookingWire> {
  return unwrap(await ctx.http.json<unknown>({ method: 'GET', path: '/api/v1/bookings/:id', params: { id }, notFoundCode: NOT_FOUND }));
}

async function createBooking(ctx: AdapterContext, body: BookingCreateBody): Promise<BookingWire> {
  return unwrap(await ctx.http.json<unknown>({ method: 'POST', path: '/api/v1/bookings', body }));
}

/**
 * PATCH …/cancel. `already_cancelled` counts as done (cancel is idempotent at the gateway); true
 * when this call cancelled it.
 */
async function cancelBooking(ctx: AdapterContext, id: string, reason: string | null): Promise<boolean> {
  try {
    await ctx.http.json<unknown>({
      method: 'PATCH', path: '/api/v1/bookings/:id/cancel', params: { id }, body: reason === null ? {} : { reason }, notFoundCode: NOT_FOUND,
    });
    return true;
  } catch (err) {
    if (isAlreadyCancelled(err)) return false;
    throw err;
  }
}

/** Duck-typed: errors may cross jest's vm realm, where instanceof fails. */
const isAlreadyCancelled = (err: unknown): boolean => {
  const e = err as { code?: unknown; details?: { provider?: ProviderSummary } } | null;
  return e?.code === 'PROVIDER_CONFLICT' && e.details?.provider?.code === 'already_cancelled';
};

function pageNumber(cursor: string | null): number {
  if (cursor === null) return 1;
  if (!/^\d{1,6}$/.test(cursor) || Number(cursor) < 1) throw new InvalidInputError([{ field: 'cursor', message: 'is not a cursor of this listing' }]);
  return Number(cursor);
}

/** What a rebooking keeps of the old booking: link, contact, notes, zone, answers (and any extra field the caller adds). */
export function rebookBody(old: BookingWire, startTime: string, timezone: string | null): BookingCreateBody {
  const body: BookingCreateBody = {
    booking_link_id: old.booking_link_id ?? undefined, contact_name: old.contact_name ?? '', contact_email: old.contact_email ?? '', start_time: startTime,
  };
  if (!body.booking_link_id) { delete body.booking_link_id; if (old.slug) body.slug = old.slug; }
  if (old.contact_phone) body.contact_phone = old.contact_phone;
  if (old.notes) body.notes = old.notes;
  const zone = timezone ?? old.client_timezone ?? null;
  if (zone) body.client_timezone = zone;
  if (old.service_id) body.service_id = old.service_id;
  if (Array.isArray(old.answers) && old.answers.length > 0) body.answers = old.answers.map((a) => ({ question_id: a.question_id, answer: a.answer }));
  return body;
}

export const meetingsAdapter: MeetingsAdapter = {
  // `from`/`to` filter by start_time; the seed's status filter has no unified list filter yet.
  filters: ['startDate', 'endDate'],

  async list(ctx, params): Promise<Page<Meeting>> {
    const page = pageNumber(params.cursor);
    const query: Record<string, string | number> = { page, limit: Math.min(params.limit, MAX_LIMIT) };
    if (params.filters.startDate !== undefined) query.from = params.filters.startDate;
    if (params.filters.endDate !== undefined) query.to = params.filters.endDate;
    const body = await ctx.http.json<Paged<BookingWire>>({ method: 'GET', path: '/api/v1/bookings', query });
    return { items: body.data.map((b) => toUnifiedMeeting(b)), nextCursor: body.pagination?.hasMore === true ? String(page + 1) : null };
  },

  async get(ctx, id) {
    return toUnifiedMeeting(await getBooking(ctx, id));
  },

  async create(ctx, input) {
    return toUnifiedMeeting(await createBooking(ctx, toProviderBooking(input)));
  },

  async cancel(ctx, id, input) {
    await cancelBooking(ctx, id, input.reason);
    // The cancel answer is only { id, status, reason }: the meeting is read back whole.
    return toUnifiedMeeting(await getBooking(ctx, id));
  },

  /**
   * The API cannot move a booking: the new one is created FIRST, then the old one cancelled, so a
   * refused slot (409 SLOT_UNAVAILABLE, 422 routing…) loses nothing. If the cancel then fails, both
   * bookings exist: the error says so and names both (cancel the old one to finish).
   */
  async reschedule(ctx, id, input) {
    const old = await getBooking(ctx, id);
    if (old.status === 'cancelled' || old.status === 'canceled') {
      throw new ProviderFailureError('PROVIDER_CONFLICT', {
        message: 'The booking is cancelled and cannot be rescheduled', details: { providerId: 'bookings-api', provider: { status: 409, code: 'already_cancelled', message: null } },
      });
    }
    const created = await createBooking(ctx, rebookBody(old, input.startTime, input.timezone));
    try {
      await cancelBooking(ctx, id, input.reason ?? `Rescheduled to ${input.startTime} (booking ${created.id})`);
    } catch (err) {
      throw new ProviderFailureError('PROVIDER_ERROR', {
        message: `Rebooked as ${created.id}, but the old booking ${id} could not be cancelled: cancel it to finish the reschedule`,
        details: { providerId: 'bookings-api', newMeetingId: created.id, oldMeetingId: id, cause: typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : 'UNKNOWN' },
      });
    }
    return { ...toUnifiedMeeting(created), rescheduledFromId: id };
  },
};
