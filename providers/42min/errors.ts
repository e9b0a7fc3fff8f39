import {
  GatewayError, InvalidInputError, NotFoundError, ProviderFailureError, SlotUnavailableError, type ProviderErrorResponse,
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
  if (status === 401 || status === 429 || status >= 500) return null;
  const { summary: provider, details } = summarize(res);
  const info = { providerId: PROVIDER_ID, provider };
  switch (provider.code) {
    case 'booking_not_found':
      return new NotFoundError('MEETING_NOT_FOUND', info);
    case 'slot_unavailable':
      // Taken, or blocked (buffer, working hours, notice): the caller picks another slot.
      return new SlotUnavailableError({ message: provider.message ?? undefined, details: info });
    case 'event_type_not_found':
      // The caller's providerData named an event type this account does not have.
      return new InvalidInputError([{ field: 'providerData.event_type_id', message: 'names no event type of this 42min account' }], undefined, info);
    default:
      break;
  }
  if (status === 409) {
    // slot_in_past, booking_in_past, version_conflict, event_type_inactive,
    // booking_already_cancelled, idempotency_key_conflict: the provider's state refuses the write.
    return new ProviderFailureError('PROVIDER_CONFLICT', { message: provider.message ?? undefined, details: info });
  }
  if (status === 400 || status === 422) {
    const message = provider.message ?? 'rejected by 42min';
    return new InvalidInputError(invalidFields(provider.code, details).map((field) => ({ field, message })), undefined, info);
  }
  return null;
}

/** For calls made with ctx.http.request (to read headers): the same error json() would throw. */
export function errorOf(res: ProviderErrorResponse): GatewayError {
  return classifyError(res) ?? new ProviderFailureError('PROVIDER_ERROR', {
    message: `The provider answered ${res.status}`, details: { providerId: PROVIDER_ID, provider: summarize(res).summary },
  });
}

export const isVersionConflict = (err: unknown): boolean =>
  err instanceof GatewayError && err.code === 'PROVIDER_CONFLICT'
  && (err.details.provider as ProviderSummary | undefined)?.code === 'version_conflict';
