import type Koa from 'koa';
import { errorEnvelope } from '../../../src/provider-sdk';

/**
 * Schedly's wire envelopes (seed 002 "Errors"):
 *   success → { "status": "success", "data": … } (lists add "pagination")
 *   error   → { "status": "error", "error": CODE, "message": …, "details"?: [{ field, message }] }
 * with the seed's HTTP status per code.
 */
export type ErrorCode =
  | 'BAD_REQUEST' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT'
  | 'VALIDATION_ERROR' | 'RATE_LIMITED' | 'INTERNAL_ERROR';

export interface FieldError { field: string; message: string }
export interface Pagination { page: number; limit: number; total: number; hasMore: boolean }

/** The seed's table "Status | Error Code". VALIDATION_ERROR of a query parameter is sent as 400 (see ApiError.query). */
export const STATUS_OF: Record<ErrorCode, number> = {
  BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409,
  VALIDATION_ERROR: 422, RATE_LIMITED: 429, INTERNAL_ERROR: 500,
};

/** Thrown by handlers; the outermost middleware renders it in the envelope. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldError[],
    readonly status: number = STATUS_OF[code],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  /** A body field that failed validation (422). */
  static invalid(field: string, message: string): ApiError {
    return new ApiError('VALIDATION_ERROR', 'Invalid request parameters', [{ field, message }]);
  }

  /** A query parameter that failed validation (400: the seed's "Bad Request — Invalid parameters"). */
  static query(field: string, message: string): ApiError {
    return new ApiError('VALIDATION_ERROR', 'Invalid request parameters', [{ field, message }], 400);
  }

  static notFound(): ApiError { return new ApiError('NOT_FOUND', 'The requested resource was not found.'); }
}

export function sendError(ctx: Koa.Context, status: number, code: ErrorCode, message: string, details?: FieldError[]): void {
  ctx.status = status;
  ctx.body = details ? { status: 'error', error: code, message, details } : { status: 'error', error: code, message };
}

export function sendData(ctx: Koa.Context, data: unknown, status = 200): void {
  ctx.status = status;
  ctx.body = { status: 'success', data };
}

export function sendList(ctx: Koa.Context, data: unknown[], pagination: Pagination): void {
  ctx.status = 200;
  ctx.body = { status: 'success', data, pagination };
}

/** Outermost middleware: every failure leaves in the envelope, unknown paths included. */
export function envelopeErrors(): Koa.Middleware {
  return errorEnvelope({
    thrown: ApiError,
    renderThrown: (ctx, err) => sendError(ctx, err.status, err.code, err.message, err.details),
    notFound: (ctx) => sendError(ctx, 404, 'NOT_FOUND', 'The requested resource was not found.'),
    invalidJson: (ctx) => sendError(ctx, 400, 'BAD_REQUEST', 'The request body is not valid JSON.'),
    clientError: (ctx, status) => sendError(ctx, status, 'BAD_REQUEST', 'The request could not be processed.'),
    serverError: (ctx) => sendError(ctx, 500, 'INTERNAL_ERROR', 'An unexpected error occurred on the server.'),
  });
}
