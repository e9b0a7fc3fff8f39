/**
 * One small class per kind of failure (Stripe's hierarchy is the model). Each says when it is raised.
 */
import { GatewayError, type ErrorDetails, type GatewayErrorOptions } from './gateway-error';
import type { ErrorCode } from './catalog';

type Opts = Omit<GatewayErrorOptions, 'details'>;

/** The Authorization header is absent, malformed, unknown or revoked. */
export class InvalidApiKeyError extends GatewayError {
  constructor(message?: string) {
    super('INVALID_API_KEY', { message, headers: { 'WWW-Authenticate': 'Bearer realm="gateway", error="invalid_token"' } });
  }
}

/** The key may not do this (e.g. a live key on a test-only route). */
export class ForbiddenError extends GatewayError {
  constructor(message?: string, details?: ErrorDetails) { super('FORBIDDEN', { message, details }); }
}

/** A record or route that does not exist (or belongs to someone else: never a 403). */
export class NotFoundError extends GatewayError {
  constructor(code: Extract<ErrorCode, `${string}NOT_FOUND`>, details?: ErrorDetails, opts: Opts = {}) {
    super(code, { ...opts, details });
  }
}

export interface FieldError { field: string; message: string }

/** Request validation failed; `details.errors` lists the fields. */
export class InvalidInputError extends GatewayError {
  constructor(errors: FieldError[], message?: string, extra: ErrorDetails = {}) {
    super('INVALID_INPUT', { message: message ?? (errors[0] ? `${errors[0].field}: ${errors[0].message}` : undefined), details: { errors, ...extra } });
  }
}

/** Required fields or parameters are absent; `details.fields` names them. */
export class MissingRequiredError extends GatewayError {
  constructor(fields: string[]) {
    super('MISSING_REQUIRED', { message: `Required field is missing: ${fields.join(', ')}`, details: { fields } });
  }
}

/** `?provider=` is absent on a unified route. */
export class MissingProviderError extends GatewayError {
  constructor() { super('MISSING_PROVIDER'); }
}

/** The provider lacks this resource or operation. */
export class UnsupportedResourceError extends GatewayError {
  constructor(details: { provider: string; resource: string; operation?: string }) {
    super('UNSUPPORTED_RESOURCE', {
      message: `Provider ${details.provider} does not support ${details.operation ? `${details.operation} on ` : ''}${details.resource}`,
      details,
    });
  }
}

/** An end date is not after its start date. */
export class InvalidDateRangeError extends GatewayError {
  constructor(details: ErrorDetails) { super('INVALID_DATE_RANGE', { details }); }
}

/** A conflict with existing state on our side (connection exists, idempotency key reuse). */
export class ConflictError extends GatewayError {
  constructor(code: 'CONNECTION_ALREADY_EXISTS' | 'IDEMPOTENCY_KEY_CONFLICT' | 'IDEMPOTENCY_IN_PROGRESS', opts: GatewayErrorOptions = {}) {
    super(code, opts);
  }
}

/** This key exceeded the gateway's own per-key limit. */
export class RateLimitedError extends GatewayError {
  constructor(headers: Record<string, string>, retryAfterSeconds: number) {
    super('RATE_LIMITED', { headers, details: { retryAfterSeconds } });
  }
}

/** No route matches the path. */
export class RouteNotFoundError extends GatewayError {
  constructor(method: string, path: string) { super('NOT_FOUND', { message: `No route for ${method} ${path}` }); }
}

/** The route exists but not with this method. */
export class MethodNotAllowedError extends GatewayError {
  constructor(allowed: string[]) {
    super('METHOD_NOT_ALLOWED', { headers: { Allow: allowed.join(', ') }, details: { allowed } });
  }
}

/** The body exceeds the configured cap. */
export class PayloadTooLargeError extends GatewayError {
  constructor(limitBytes: number) { super('PAYLOAD_TOO_LARGE', { details: { limitBytes } }); }
}

/** A body was sent that is not JSON. */
export class UnsupportedMediaTypeError extends GatewayError {
  constructor(contentType: string) { super('UNSUPPORTED_MEDIA_TYPE', { details: { contentType } }); }
}

/** A connect-widget token that is missing, unknown, expired or used. */
export class InvalidConnectTokenError extends GatewayError {
  constructor(message?: string) { super('INVALID_CONNECT_TOKEN', { message }); }
}

/** The gateway itself cannot serve (store down, shutting down). */
export class ServiceUnavailableError extends GatewayError {
  constructor(message?: string, retryAfterSeconds?: number) {
    super('SERVICE_UNAVAILABLE', { message, headers: retryAfterSeconds ? { 'Retry-After': String(retryAfterSeconds) } : {} });
  }
}

/** Provider-side failures: the provider client's factory raises these. */
export class ProviderFailureError extends GatewayError {
  constructor(code: Extract<ErrorCode, `PROVIDER_${string}` | 'CIRCUIT_OPEN' | 'NEEDS_REAUTH'>, opts: GatewayErrorOptions = {}) {
    super(code, opts);
  }
}

/**
 * The slot asked for (booking, reschedule) is taken or blocked at the provider: booked, inside a
 * buffer, outside working hours, within the notice. `details.provider` says what the provider said.
 */
export class SlotUnavailableError extends GatewayError {
  constructor(opts: GatewayErrorOptions = {}) { super('SLOT_UNAVAILABLE', opts); }
}

/** The record's version moved on since the one the caller's If-Match named (optimistic concurrency). */
export class VersionConflictError extends GatewayError {
  constructor(opts: GatewayErrorOptions = {}) { super('VERSION_CONFLICT', opts); }
}

/** A bug. The message never says what went wrong inside. */
export class InternalError extends GatewayError {
  constructor(cause?: unknown) { super('INTERNAL_ERROR', { cause }); }
}
