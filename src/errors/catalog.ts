/**
 * The gateway's error catalog: every stable code with its HTTP status and default message.
 * Source: ../shared/API.md § Errors (which extends seeds/001). Codes are part of the contract.
 */
export const ERROR_CATALOG = {
  INVALID_API_KEY: { status: 401, message: 'Invalid or missing API key' },
  FORBIDDEN: { status: 403, message: 'Insufficient permissions' },
  CONTACT_NOT_FOUND: { status: 404, message: 'Contact does not exist' },
  LEAD_NOT_FOUND: { status: 404, message: 'Lead does not exist' },
  MEETING_NOT_FOUND: { status: 404, message: 'Meeting does not exist' },
  PROVIDER_NOT_FOUND: { status: 404, message: 'Provider does not exist' },
  CONNECTION_NOT_FOUND: { status: 404, message: 'No active connection found' },
  END_USER_NOT_FOUND: { status: 404, message: 'End user does not exist' },
  CONNECTION_ALREADY_EXISTS: { status: 409, message: 'Connection already exists for this provider' },
  INVALID_INPUT: { status: 400, message: 'Validation failed' },
  MISSING_REQUIRED: { status: 400, message: 'Required field is missing' },
  MISSING_PROVIDER: { status: 400, message: 'Query parameter ?provider is required' },
  UNSUPPORTED_RESOURCE: { status: 400, message: 'Provider does not support this resource' },
  INVALID_DATE_RANGE: { status: 400, message: 'End date must be after start' },
  PROVIDER_ERROR: { status: 502, message: 'Provider returned an error' },
  PROVIDER_RATE_LIMITED: { status: 429, message: 'Provider rate limit exceeded' },
  PROVIDER_UNAVAILABLE: { status: 503, message: 'Provider is temporarily unavailable' },
  CIRCUIT_OPEN: { status: 503, message: 'Circuit breaker is open for this provider' },
  PROVIDER_AUTH_FAILED: { status: 502, message: 'Provider authentication failed' },
  NEEDS_REAUTH: { status: 403, message: 'Connection requires re-authentication' },
  INTERNAL_ERROR: { status: 500, message: 'Something went wrong' },
  SERVICE_UNAVAILABLE: { status: 503, message: 'Service temporarily unavailable' },
  RATE_LIMITED: { status: 429, message: 'Rate limit exceeded for this API key' },
  NOT_FOUND: { status: 404, message: 'No such route' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'Method not allowed on this route' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'Request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Request body must be JSON (Content-Type: application/json)' },
  IDEMPOTENCY_KEY_CONFLICT: { status: 409, message: 'Idempotency-Key was already used with a different request' },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, message: 'A request with this Idempotency-Key is still in progress' },
  PROVIDER_CONFLICT: { status: 409, message: 'The provider refused the write as a conflict' },
  SLOT_UNAVAILABLE: { status: 409, message: 'The requested slot is not available' },
  VERSION_CONFLICT: { status: 409, message: 'The record changed since the version given in If-Match' },
  INVALID_CONNECT_TOKEN: { status: 401, message: 'Connect token is missing, unknown, expired or already used' },
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOG;
export const ERROR_CODES = Object.keys(ERROR_CATALOG) as ErrorCode[];
