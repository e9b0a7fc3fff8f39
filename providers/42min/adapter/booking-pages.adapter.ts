import {
  GatewayError, InvalidInputError, pageOfAll, type AdapterContext, type AvailabilityAdapter, type BookingPagesAdapter,
} from '../../../src/provider-sdk';
import type { Envelope, EventTypeWire, HostUser, SlotWire } from '../mappers/booking.types';
import { toBookingPage, toSlot } from '../mappers/booking-page.mapper';

/**
 * Booking pages = event types (GET /v1/event-types) and availability = GET /v1/slots, both
 * UNCONFIRMED (README § Assumptions: the seeds only name /v1/slots). Slots for a whole range are
 * one call; nothing is cached, so a slot taken a moment ago is never offered.
 */
async function eventTypes(ctx: AdapterContext): Promise<EventTypeWire[]> {
  return (await ctx.http.json<Envelope<EventTypeWire[]>>({ method: 'GET', path: '/v1/event-types' })).data;
}

/** Host names by user id from GET /v1/users; without it (not in the seeds) hosts keep null names. */
async function hostNames(ctx: AdapterContext): Promise<Map<string, string | null>> {
  const res = await ctx.http.request({ method: 'GET', path: '/v1/users' });
  if (res.status < 200 || res.status >= 300) return new Map();
  return new Map((res.body as Envelope<HostUser[]>).data.map((h) => [h.user_id, h.name ?? null]));
}

const hosts = (et: EventTypeWire, email: string): boolean => et.hosts.some((h) => h.email.toLowerCase() === email);

export const bookingPagesAdapter: BookingPagesAdapter = {
  // The event types come whole in one call; host names are asked alongside, not after.
  list: (ctx, params) => pageOfAll(params, async () => {
    const [types, names] = await Promise.all([eventTypes(ctx), hostNames(ctx)]);
    return types.filter((et) => params.hostEmail === undefined || hosts(et, params.hostEmail)).map((et) => toBookingPage(et, names));
  }),
};

const notAPage = (): InvalidInputError => new InvalidInputError([{ field: 'bookingPageId', message: 'names no booking page of this 42min account' }]);

export const availabilityAdapter: AvailabilityAdapter = {
  async list(ctx, q) {
    const query: Record<string, string> = { event_type_id: q.bookingPageId, start: q.startDate, end: q.endDate };
    if (q.timezone !== null) query.timezone = q.timezone;
    if (q.hostEmail !== undefined) {
      // 42min filters by host id: the page's own hosts say which id the email is (one more call).
      const et = (await eventTypes(ctx)).find((e) => e.id === q.bookingPageId.toLowerCase());
      if (!et) throw notAPage();
      const host = et.hosts.find((h) => h.email.toLowerCase() === q.hostEmail);
      if (!host) throw new InvalidInputError([{ field: 'hostEmail', message: 'is not a host of this booking page' }]);
      query.host_user_id = host.user_id;
    }
    try {
      const body = await ctx.http.json<Envelope<SlotWire[]>>({ method: 'GET', path: '/v1/slots', query });
      return body.data.map(toSlot);
    } catch (err) {
      // The event type is the caller's bookingPageId: an unknown or malformed one is named as such.
      if (err instanceof GatewayError && namesEventType(err)) throw notAPage();
      throw err;
    }
  },
};

function namesEventType(err: GatewayError): boolean {
  const provider = err.details.provider as { code?: string | null } | undefined;
  if (provider?.code === 'event_type_not_found') return true;
  const errors = err.details.errors as { field?: string }[] | undefined;
  return err.code === 'INVALID_INPUT' && Array.isArray(errors) && errors.some((e) => e.field === 'providerData.event_type_id');
}
