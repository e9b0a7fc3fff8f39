import { ERROR_CATALOG, type ErrorCode } from './catalog';

export type ErrorDetails = Record<string, unknown>;

export interface GatewayErrorOptions {
  message?: string;
  details?: ErrorDetails;
  headers?: Record<string, string>;
  cause?: unknown;
  /** Worth another attempt (5xx, timeouts, 429): read by the retry rule. */
  retryable?: boolean;
  /** A provider fault that should count against the provider's circuit breaker. */
  countsAsProviderFailure?: boolean;
}

/**
 * The one error type the gateway renders. Koa reads `status`, `expose` and `headers`;
 * the error middleware renders `{ error: { code, message, details, requestId } }`.
 */
export class GatewayError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: ErrorDetails;
  readonly headers: Record<string, string>;
  readonly expose = true;
  readonly retryable: boolean;
  readonly countsAsProviderFailure: boolean;

  constructor(code: ErrorCode, opts: GatewayErrorOptions = {}) {
    super(opts.message ?? ERROR_CATALOG[code].message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = ERROR_CATALOG[code].status;
    this.details = opts.details ?? {};
    this.headers = opts.headers ?? {};
    this.retryable = opts.retryable ?? false;
    this.countsAsProviderFailure = opts.countsAsProviderFailure ?? false;
  }
}

/** Duck-typed check: errors may cross jest's vm realm, where `instanceof` fails. */
export function isGatewayError(err: unknown): err is GatewayError {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code !== undefined
    && typeof (err as { code: unknown }).code === 'string' && (err as { code: string }).code in ERROR_CATALOG
    && typeof (err as { status?: unknown }).status === 'number';
}
