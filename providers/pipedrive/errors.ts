import { InvalidInputError, ProviderFailureError } from '../../src/provider-sdk';
import type { GatewayError, ProviderErrorResponse } from '../../src/provider-sdk';

/**
 * Pipedrive bodies the generic factory would misread (reference/providers.md §3.6). Its envelope is
 * `{success:false, error, error_info, errorCode?, code?}`; only `error`, `errorCode`/`code` travel on,
 * as `details.provider`.
 *
 * - 400 on an API path is a validation refusal ("Validation failed: <field>: <reason>", wording ⚠️):
 *   INVALID_INPUT, naming the provider field when the message does.
 * - 400 "Archived leads cannot be updated" (since 2025-07-15, §3.3) refuses a write because of the
 *   record's state: PROVIDER_CONFLICT.
 * Pipedrive has no duplicate detection on persons, leads or activities, so it raises no other conflict.
 */
interface PdErrorBody { success?: boolean; error?: unknown; errorCode?: unknown; code?: unknown }

const MAX_TEXT = 300;

function summary(res: ProviderErrorResponse): { status: number; code: string | null; message: string | null } {
  const b = (typeof res.body === 'object' && res.body !== null ? res.body : {}) as PdErrorBody;
  const code = typeof b.code === 'string' ? b.code : typeof b.errorCode === 'string' || typeof b.errorCode === 'number' ? String(b.errorCode) : null;
  const message = typeof b.error === 'string' ? b.error.slice(0, MAX_TEXT) : null;
  return { status: res.status, code, message };
}

export function classifyError(res: ProviderErrorResponse): GatewayError | null {
  if (res.status !== 400) return null;
  const provider = summary(res);
  // The OAuth proxy's own 400 (malformed Authorization header) is ours to fix, not the caller's.
  if (provider.message === null || /malformed authorization header/i.test(provider.message)) return null;
  if (/archived leads? cannot be (updated|edited)/i.test(provider.message)) {
    return new ProviderFailureError('PROVIDER_CONFLICT', { message: 'Pipedrive does not allow editing an archived lead', details: { providerId: 'pipedrive', provider } });
  }
  const field = /^Validation failed: ([A-Za-z0-9_.[\]]+):/.exec(provider.message)?.[1] ?? 'providerData';
  return new InvalidInputError([{ field, message: provider.message }], `Pipedrive refused the request: ${provider.message}`, { providerId: 'pipedrive', provider });
}
