import {
  GatewayError, InvalidInputError, ProviderFailureError, SlotUnavailableError, type ProviderErrorResponse,
} from '../../src/provider-sdk';

/**
 * Schedly's error envelope (seed 002): `{ status: "error", error: CODE, message, details?: [{ field,
 * message }] }`. VALIDATION_ERROR / BAD_REQUEST become INVALID_INPUT naming the unified field the
 * caller sent; CONFLICT is PROVIDER_CONFLICT (the meetings adapter turns it into SLOT_UNAVAILABLE
 * on writes that take a slot). NOT_FOUND, UNAUTHORIZED, RATE_LIMITED and 5xx are left to the
 * provider client: the record's not-found code, auth handling, the epoch-reset 429 wait, retries.
 */
interface ErrorEnvelope { status?: unknown; error?: unknown; message?: unknown; details?: unknown }

const PROVIDER_ID = 'schedly';
const MAX_TEXT = 300;

/** Schedly field names (details[].field) → the unified input field the caller sent. */
const FIELD_NAMES: Record<string, string> = {
  name: 'firstName',
  email: 'email',
  phone: 'phone',
  startTime: 'startTime',
  endTime: 'endTime',
  status: 'status',
  serviceId: 'bookingPageId',
  customerId: 'contactIds',
  employeeId: 'ownerId',
  notes: 'description',
  cancellationReason: 'reason',
  // List filters (a bad query parameter is 400 VALIDATION_ERROR naming it).
  updatedSince: 'updatedSince',
  startDate: 'startDate',
  endDate: 'endDate',
};

export interface ProviderSummary { status: number; code: string | null; message: string | null }

function text(v: unknown): string | null {
  if (typeof v !== 'string' || v === '') return null;
  // Error texts never carry credentials, but never echo anything shaped like one either.
  const clean = v.replace(/Bearer\s+\S+/gi, 'Bearer [redacted]');
  return clean.length > MAX_TEXT ? `${clean.slice(0, MAX_TEXT)}…` : clean;
}

function envelopeOf(res: ProviderErrorResponse): ErrorEnvelope {
  return typeof res.body === 'object' && res.body !== null && !Array.isArray(res.body) ? (res.body as ErrorEnvelope) : {};
}

export function summarize(res: ProviderErrorResponse): ProviderSummary {
  const env = envelopeOf(res);
  return { status: res.status, code: text(env.error), message: text(env.message) };
}

/** details[] → field errors on the unified names; an unknown Schedly field is named under providerData. */
function fieldErrors(env: ErrorEnvelope, fallback: string): { field: string; message: string }[] {
  const details = Array.isArray(env.details) ? env.details : [];
  const out = details
    .filter((d): d is { field?: unknown; message?: unknown } => typeof d === 'object' && d !== null)
    .map((d) => {
      const field = typeof d.field === 'string' && d.field !== '' ? d.field : null;
      return {
        field: field === null ? 'body' : FIELD_NAMES[field] ?? (field.startsWith('customFields.') ? field : `providerData.${field}`),
        message: text(d.message) ?? fallback,
      };
    });
  return out.length > 0 ? out : [{ field: 'body', message: fallback }];
}

export function classifyError(res: ProviderErrorResponse): GatewayError | null {
  const { status } = res;
  if (status === 401 || status === 404 || status === 429 || status >= 500) return null;
  const env = envelopeOf(res);
  const provider = summarize(res);
  const info = { providerId: PROVIDER_ID, provider };
  if (provider.code === 'CONFLICT' || status === 409) {
    return new ProviderFailureError('PROVIDER_CONFLICT', { message: provider.message ?? undefined, details: info });
  }
  if (provider.code === 'VALIDATION_ERROR' || provider.code === 'BAD_REQUEST' || status === 400 || status === 422) {
    const message = provider.message ?? 'rejected by Schedly';
    return new InvalidInputError(fieldErrors(env, message), `Schedly rejected the input: ${message}`, info);
  }
  // FORBIDDEN and anything else: the factory's PROVIDER_ERROR with the summary.
  return null;
}

/** For calls made with ctx.http.request (to tolerate some statuses): the same error json() would throw. */
export function errorOf(res: ProviderErrorResponse): GatewayError {
  return classifyError(res) ?? new ProviderFailureError('PROVIDER_ERROR', {
    message: `The provider answered ${res.status}`, details: { providerId: PROVIDER_ID, provider: summarize(res) },
  });
}

/** A 409 on an appointment write that takes a slot: the slot is taken (double booking, seed § Errors). */
export function asSlotConflict(err: unknown): unknown {
  if (err instanceof GatewayError && err.code === 'PROVIDER_CONFLICT' && err.details.providerId === PROVIDER_ID) {
    const said = (err.details.provider as ProviderSummary | undefined)?.message;
    return new SlotUnavailableError({ message: said ?? undefined, details: err.details });
  }
  return err;
}
