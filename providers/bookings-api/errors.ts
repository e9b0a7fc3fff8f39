import {
  GatewayError, InvalidInputError, NotFoundError, ProviderFailureError, SlotUnavailableError, type ProviderErrorResponse,
} from '../../src/provider-sdk';

/**
 * The bookings API's error codes (seed 004) → gateway errors. The error body is not in the seed:
 * `{ error: { code, message } }` is ASSUMED (README § Unconfirmed); a bare `{ code, message }` is
 * read too. 401, 429 and 5xx are left to the provider client (auth, retries), anything unknown to
 * its factory.
 */
const PROVIDER_ID = 'bookings-api';
const MAX_TEXT = 300;

export interface ProviderSummary { status: number; code: string | null; message: string | null }

function text(v: unknown): string | null {
  if (typeof v !== 'string' || v === '') return null;
  const clean = v.replace(/Bearer\s+\S+/gi, 'Bearer [redacted]');
  return clean.length > MAX_TEXT ? `${clean.slice(0, MAX_TEXT)}…` : clean;
}

export function summarize(res: ProviderErrorResponse): { summary: ProviderSummary; fields: string[] } {
  const body = (typeof res.body === 'object' && res.body !== null ? res.body : {}) as Record<string, unknown>;
  const err = (typeof body.error === 'object' && body.error !== null ? body.error : body) as Record<string, unknown>;
  const fields = Array.isArray(err.fields) ? err.fields.filter((f): f is string => typeof f === 'string') : [];
  return { summary: { status: res.status, code: text(err.code), message: text(err.message) }, fields };
}

/** Provider field names → the unified input field the caller sent. */
const FIELD_NAMES: Record<string, string> = {
  booking_link_id: 'bookingPageId',
  slug: 'bookingPageId',
  contact_name: 'attendees[0].name',
  contact_email: 'attendees[0].email',
  contact_phone: 'providerData.contact_phone',
  start_time: 'startTime',
  client_timezone: 'timezone',
  notes: 'description',
  date: 'startDate',
  timezone: 'timezone',
  reason: 'reason',
};
const unified = (f: string): string => FIELD_NAMES[f] ?? (f.startsWith('answers.') ? `answers[${f.slice(8)}]` : `providerData.${f}`);

/**
 * `routing_rejected` (the provider's 403) is the caller's answers refused by a routing rule: API.md
 * says `422 INVALID_INPUT` with the provider's reason. The catalog fixes INVALID_INPUT at 400, so
 * this subclass answers 422 (the envelope reads `status` from the error).
 */
export class RoutingRejectedError extends InvalidInputError {
  override readonly status: number = 422;
}

export function classifyError(res: ProviderErrorResponse): GatewayError | null {
  const { status } = res;
  if (status === 401 || status === 429 || status >= 500) return null;
  const { summary: provider, fields } = summarize(res);
  const info = { providerId: PROVIDER_ID, provider };
  const message = provider.message ?? `rejected by the bookings API (${status})`;
  switch (provider.code) {
    case 'booking_link_not_found':
      // The gateway has no booking-page not-found code: the caller's bookingPageId is what is wrong.
      return new InvalidInputError([{ field: 'bookingPageId', message: 'names no booking link of this account' }], undefined, info);
    case 'not_found':
      return new NotFoundError('MEETING_NOT_FOUND', info);
    case 'slot_taken':
      return new SlotUnavailableError({ message: provider.message ?? undefined, details: info });
    case 'missing_field': {
      const named = fields.length > 0 ? fields.map(unified) : ['body'];
      return new GatewayError('MISSING_REQUIRED', { message: `Required field is missing: ${named.join(', ')}`, details: { fields: named, ...info } });
    }
    case 'routing_rejected':
      return new RoutingRejectedError([{ field: 'answers', message }], `Rejected by a routing rule: ${message}`, { reason: provider.message, ...info });
    case 'validation_failed':
      return new InvalidInputError((fields.length > 0 ? fields.map(unified) : ['body']).map((field) => ({ field, message })), undefined, info);
    case 'already_cancelled':
      // Only a reschedule of a cancelled booking gets here (cancel itself treats it as done).
      return new ProviderFailureError('PROVIDER_CONFLICT', { message, details: info });
    default:
      return null;
  }
}

/** For calls made with ctx.http.request: the same error json() would throw. */
export function errorOf(res: ProviderErrorResponse): GatewayError {
  return classifyError(res) ?? new ProviderFailureError('PROVIDER_ERROR', {
    message: `The provider answered ${res.status}`, details: { providerId: PROVIDER_ID, provider: summarize(res).summary },
  });
}
