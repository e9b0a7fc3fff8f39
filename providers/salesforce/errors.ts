import { GatewayError, InvalidInputError, ProviderFailureError, type ProviderErrorResponse } from '../../src/provider-sdk';

/**
 * Salesforce's error bodies (reference/providers.md §2.7): a JSON array `[{message, errorCode, fields?}]`.
 * The generic factory reads the status; these codes mean something the status does not say.
 */
interface SfError { message: string; errorCode: string; fields?: string[] }

const PROVIDER_ID = 'salesforce';

export function firstSfError(body: unknown): SfError | null {
  const first: unknown = Array.isArray(body) ? body[0] : null;
  if (typeof first !== 'object' || first === null) return null;
  const { message, errorCode, fields } = first as Record<string, unknown>;
  if (typeof errorCode !== 'string') return null;
  return {
    errorCode, message: typeof message === 'string' ? message.slice(0, 300) : '',
    fields: Array.isArray(fields) ? fields.filter((f): f is string => typeof f === 'string') : undefined,
  };
}

/** Salesforce field names in error `fields` → the unified field the caller sent. */
const UNIFIED_FIELD: Record<string, string> = {
  FirstName: 'firstName', LastName: 'lastName', Email: 'email', Phone: 'phone', MobilePhone: 'phones', Title: 'title',
  AccountId: 'companyId', OwnerId: 'ownerId', Company: 'company', Status: 'status', LeadSource: 'source',
  Subject: 'title', Description: 'description', Location: 'location', StartDateTime: 'startTime',
  EndDateTime: 'endTime', DurationInMinutes: 'endTime', WhoId: 'contactIds', RelationId: 'contactIds',
};

/** Codes for a write Salesforce rejected as invalid (§2.7 400 table and the sObject write errors). */
const VALIDATION = new Set([
  'REQUIRED_FIELD_MISSING', 'INVALID_FIELD', 'INVALID_FIELD_FOR_INSERT_UPDATE', 'INVALID_EMAIL_ADDRESS', 'STRING_TOO_LONG',
  'JSON_PARSER_ERROR', 'MALFORMED_ID', 'FIELD_INTEGRITY_EXCEPTION', 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
  'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', 'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY', 'INVALID_ID_FIELD',
  'INVALID_TYPE_ON_FIELD_IN_RECORD', 'NUMBER_OUTSIDE_VALID_RANGE',
]);

/** How long to tell callers to wait: the daily allocation is a rolling 24 h window (§2.6), so minutes, not seconds. */
const DAILY_LIMIT_RETRY_AFTER_SECONDS = 300;

export function classifyError(response: ProviderErrorResponse): GatewayError | null {
  const err = firstSfError(response.body);
  if (!err) return null;
  const provider = { status: response.status, code: err.errorCode, message: err.message };
  const details = { providerId: PROVIDER_ID, provider };
  const { status } = response;
  // §2.7 / §0 item 6: a token without the `api` scope. Refreshing gives the same token scope, so no refresh loop.
  if (status === 401 && err.errorCode === 'INVALID_SESSION_ID' && /not valid for use with the REST API/i.test(err.message)) {
    return new ProviderFailureError('PROVIDER_AUTH_FAILED', { details, message: 'The Salesforce token is not valid for the REST API (missing the api scope or blocked by policy)' });
  }
  // §2.6: Salesforce signals its limits with 403, never 429, and sends no Retry-After.
  if (status === 403 && err.errorCode === 'REQUEST_LIMIT_EXCEEDED') {
    const seconds = DAILY_LIMIT_RETRY_AFTER_SECONDS;
    return new ProviderFailureError('PROVIDER_RATE_LIMITED', {
      headers: { 'Retry-After': String(seconds) }, details: { ...details, retryAfterSeconds: seconds },
      // Retrying inside this request cannot outlast a daily allocation.
      retryable: false,
    });
  }
  if (err.errorCode === 'DUPLICATES_DETECTED' || err.errorCode === 'CANNOT_UPDATE_CONVERTED_LEAD') {
    return new ProviderFailureError('PROVIDER_CONFLICT', { details });
  }
  if (status === 400 && err.errorCode === 'INVALID_QUERY_LOCATOR') {
    // §2.3: query locators expire; the caller's cursor is stale, not the gateway broken.
    return new InvalidInputError([{ field: 'cursor', message: 'has expired at Salesforce; start the listing again' }], undefined, details);
  }
  if (status === 400 && VALIDATION.has(err.errorCode)) {
    const fields = err.fields && err.fields.length > 0 ? err.fields : ['body'];
    const errors = fields.map((f) => ({ field: UNIFIED_FIELD[f] ?? f, message: err.message }));
    return new InvalidInputError(errors, `Salesforce rejected the input: ${err.message}`, details);
  }
  return null;
}
