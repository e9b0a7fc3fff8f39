import { InvalidInputError, type GatewayError, type ProviderErrorResponse } from '../../src/provider-sdk';

/**
 * HubSpot bodies the generic factory cannot read on status alone (DESIGN.md § Errors: "HubSpot
 * `category`"). A 400 `VALIDATION_ERROR` (reference/providers.md §1.7) is the caller's input:
 * INVALID_INPUT with one entry per property HubSpot named (`errors[].context.propertyName`) and
 * `details.provider` from whitelisted fields only. Everything else falls back to the factory.
 */
interface HubspotErrorBody {
  category?: unknown;
  message?: unknown;
  errors?: { message?: unknown; code?: unknown; context?: { propertyName?: unknown } }[];
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.slice(0, 300) : null);

export function classifyHubspotError(response: ProviderErrorResponse): GatewayError | null {
  if (response.status !== 400 || typeof response.body !== 'object' || response.body === null) return null;
  const body = response.body as HubspotErrorBody;
  if (body.category !== 'VALIDATION_ERROR') return null;
  const message = text(body.message);
  const fieldErrors = (Array.isArray(body.errors) ? body.errors : []).map((e) => {
    const names = e.context?.propertyName;
    const field = Array.isArray(names) && typeof names[0] === 'string' ? names[0] : 'body';
    return { field, message: text(e.message) ?? 'was refused by HubSpot' };
  });
  const errors = fieldErrors.length > 0 ? fieldErrors : [{ field: 'body', message: message ?? 'was refused by HubSpot' }];
  return new InvalidInputError(errors, message ?? undefined, {
    provider: { status: response.status, code: 'VALIDATION_ERROR', message },
  });
}
