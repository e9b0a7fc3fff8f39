import {
  GatewayError, InvalidInputError, NotFoundError, ProviderFailureError, SlotUnavailableError, VersionConflictError, type ProviderErrorResponse,
} from '../../src/provider-sdk';

/**
 * 42min's error envelope (seed 000): `{ "error": { code, message, details, request_id } }`.
 * Its codes say more than the status does, so they pick the gateway error here; 401, 429 and 5xx
 * are left to the provider client (auth handling, retries), anything unknown to its factory.
 */
interface ErrorEnvelope { error?: { code?: unknown; message?: unknown; details?: unknown } }

const PROVIDER_ID = '42min';
const MAX_TEXT = 300;

/** 42min field names (validation details.field) → the unified input field the caller sent. */
const FIELD_NAMES: Record<string, string> = {
  start: 'startTime',
  timezone: 'timezone',
  attendee: 'attendees',
  'attendee.email': 'attendees[0].email',
  'attendee.name': 'attendees[0].name',
  attendee_name: 'attendees[0].name',
  guests: 'attendees',
  event_type_id: 'providerData.event_type_id',
};

export interface ProviderSummary { status: number; code: string | null; message: string | null }

function text(v: unknown): string | null {
  if (typeof v !== 'string' || v === '') return null;
  // Error texts never carry credentials, but never echo anything shaped like one either.
  const clean = v.replace(/Bearer\s+\S+/gi, 'Bearer [redacted]');
  return clean.length > MAX_TEXT ? `${clean.slice(0, MAX_TEXT)}…` : clean;
}

export function summarize(res: ProviderErrorResponse): { summary: ProviderSummary; details: Record<string, unknown> } {
  const env = (typeof res.body === 'object' && res.body !== null ? res.body : {}) as ErrorEnvelope;
  const err = env.error ?? {};
  const details = typeof err.details === 'object' && err.details !== null ? (err.details as Record<string, unknown>) : {};
  return { summary: { status: res.status, code: text(err.code), message: text(err.message) }, details };
}

function invalidFields(code: string | null, details: Record<string, unknown>): string[] {
  if (code === 'field_immutable' && Array.isArray(details.fields)) {
    return details.fields.filter((f): f is string => typeof f === 'string').map((f) => FIELD_NAMES[f] ?? `providerData.${f}`);
  }
  const field = typeof details.field === 'string' ? details.field : typeof details.param === 'string' ? details.param : null;
  if (field === null) return ['body'];
  return [FIELD_NAMES[field] ?? `providerData.${field}`];
}

export function classifyError(res: ProviderErrorResponse): GatewayError | null {
  const { status } = res;
  if (status === 503) return slotLockTimeout(res);
  if (status === 401 || status === 429 || status >= 500) return null;
  const { summary: provider, details } = summarize(res);
  const info = { providerId: PROVIDER_ID, provider };
  switch (provider.code) {
    case 'booking_not_found':
      return new NotFoundError('MEETING_NOT_FOUND', info);
    case 'slot_unavailable':
      // Taken, or blocked (buffer, working hours, notice): the caller picks another slot.
      return new SlotUnavailableError({ message: provider.message ?? undefined, details: info });
    case 'version_conflict':
      // PATCH with an If-Match older than the booking (seed 000: re-GET and reapply).
      return new VersionConflictError({ message: provider.message ?? undefined, details: info });
    case 'event_type_disallows_reschedule':
      // A 422 at 42min, but nothing in the request can fix it: the booking's state refuses (API.md § Scheduling).
      return new ProviderFailureError('PROVIDER_CONFLICT', { message: provider.message ?? undefined, details: info });
    case 'event_type_not_found':
      // The caller's providerData named an event type this account does not have.
      return new InvalidInputError([{ field: 'providerData.event_type_id', message: 'names no event type of this 42min account' }], undefined, info);
    default:
      break;
  }
  if (status === 409) {
    // slot_in_past, booking_in_past, event_type_inactive,
    // booking_already_cancelled, idempotency_key_conflict: the provider's state refuses the write.
    return new ProviderFailureError('PROVIDER_CONFLICT', { message: provider.message ?? undefined, details: info });
  }
  if (status === 400 || status === 422) {
    const message = provider.message ?? 'rejected by 42min';
    return new InvalidInputError(invalidFields(provider.code, details).map((field) => ({ field, message })), undefined, info);
  }
  return null;
}

/**
 * A held per-slot lock (seed 000: 503 slot_lock_timeout, Retry-After: 1): retried after the wait
 * 42min names (the retry rule reads this error's Retry-After, which the caller also gets if the
 * retries run out), and not counted towards the breaker: contention on one slot is no outage.
 * Any other 503 is left to the provider client.
 */
function slotLockTimeout(res: ProviderErrorResponse): GatewayError | null {
  const { summary: provider } = summarize(res);
  if (provider.code !== 'slot_lock_timeout') return null;
  const retryAfter = Object.entries(res.headers).find(([k]) => k.toLowerCase() === 'retry-after')?.[1] ?? '1';
  return new ProviderFailureError('PROVIDER_UNAVAILABLE', {
    message: provider.message ?? undefined, details: { providerId: PROVIDER_ID, provider },
    headers: { 'Retry-After': /^\d+$/.test(retryAfter) ? retryAfter : '1' }, retryable: true, countsAsProviderFailure: false,
  });
}

/** For calls made with ctx.http.request (to read headers): the same error json() would throw. */
export function errorOf(res: ProviderErrorResponse): GatewayError {
  return classifyError(res) ?? new ProviderFailureError('PROVIDER_ERROR', {
    message: `The provider answered ${res.status}`, details: { providerId: PROVIDER_ID, provider: summarize(res).summary },
  });
}

/** Whether a gateway error came from this 42min error code. */
export const isProviderCode = (err: unknown, code: string): boolean =>
  err instanceof GatewayError && (err.details.provider as ProviderSummary | undefined)?.code === code;

export const isVersionConflict = (err: unknown): boolean => isProviderCode(err, 'version_conflict');
