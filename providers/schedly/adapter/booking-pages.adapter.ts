import {
  GatewayError, InvalidInputError, pageOfAll, type AdapterContext, type AvailabilityAdapter, type BookingPagesAdapter, type UsersAdapter,
} from '../../../src/provider-sdk';
import { hostsOf, toBookingPage, toSlot, toUnifiedUser } from '../mappers/service.mapper';
import type { EmployeeWire, ServiceWire, SlotWire, Success } from '../mappers/wire';
import { SERVICES } from './meetings.adapter';
import { listAll } from './records';

/**
 * Booking pages = services (their hosts from the employees list), users = employees, availability
 * = the extension slots endpoint, one call for the whole range (its parameters are the sandbox's
 * choice: README § Wire, unconfirmed). Nothing here is cached: a slot taken a moment ago is never offered.
 */
export const EMPLOYEES = '/api/services/employees';
const SLOTS = '/api/extension/slots';

export const employees = (ctx: AdapterContext): Promise<EmployeeWire[]> => listAll<EmployeeWire>(ctx, EMPLOYEES);

export const usersAdapter: UsersAdapter = {
  list: (ctx, params) => pageOfAll(params, async () => (await employees(ctx)).map(toUnifiedUser)),
};

export const bookingPagesAdapter: BookingPagesAdapter = {
  list: (ctx, params) => pageOfAll(params, async () => {
    const [services, staff] = await Promise.all([listAll<ServiceWire>(ctx, SERVICES), employees(ctx)]);
    return services
      .filter((s) => params.hostEmail === undefined || hostsOf(s, staff).some((h) => h.email?.toLowerCase() === params.hostEmail))
      .map((s) => toBookingPage(s, staff));
  }),
};

const notAService = (): InvalidInputError => new InvalidInputError([{ field: 'bookingPageId', message: 'names no service of this Schedly account' }]);

export const availabilityAdapter: AvailabilityAdapter = {
  async list(ctx, q) {
    const query: Record<string, string> = { serviceId: q.bookingPageId, startDate: q.startDate, endDate: q.endDate };
    if (q.hostEmail !== undefined) {
      // Slots filter by employee id: the employees list says which id the email is (one more call).
      const employee = (await employees(ctx)).find((e) => e.email?.toLowerCase() === q.hostEmail);
      if (!employee) throw new InvalidInputError([{ field: 'hostEmail', message: 'is not an employee of this Schedly account' }]);
      query.employeeId = String(employee.id);
    }
    if (q.timezone !== null) query.timezone = q.timezone;
    try {
      const body = await ctx.http.json<Success<SlotWire[]>>({ method: 'GET', path: SLOTS, query });
      return body.data.map(toSlot);
    } catch (err) {
      // The service is the caller's bookingPageId: an unknown one is named as such.
      if (err instanceof GatewayError && (err.code === 'PROVIDER_ERROR' || err.code === 'INVALID_INPUT') && namesService(err)) throw notAService();
      throw err;
    }
  },
};

function namesService(err: GatewayError): boolean {
  const provider = err.details.provider as { status?: number } | undefined;
  if (provider?.status === 404) return true;
  const errors = err.details.errors as { field?: string }[] | undefined;
  return Array.isArray(errors) && errors.some((e) => e.field === 'bookingPageId');
}
