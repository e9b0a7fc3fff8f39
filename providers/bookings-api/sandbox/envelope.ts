import type Koa from 'koa';
import { errorEnvelope } from '../../../src/provider-sdk';

/**
 * The bookings API's wire envelopes. Success bodies are `{ data, … }` as the seed shows them; the
 * error body is NOT in the seed: `{ error: { code, message } }` is an assumption (README §
 * Unconfirmed), with `fields` added on missing_field / validation_failed.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function sendError(ctx: Koa.Context, status: number, code: string, message: string, extra: Record<string, unknown> = {}): void {
  ctx.status = status;
  ctx.body = { error: { code, message, ...extra } };
}

/** Outermost middleware: every failure leaves in the error envelope, unknown paths included. */
export function envelopeErrors(): Koa.Middleware {
  return errorEnvelope({
    thrown: ApiError,
    renderThrown: (ctx, err) => sendError(ctx, err.status, err.code, err.message, err.extra),
    notFound: (ctx) => sendError(ctx, 404, 'not_found', 'Not found.'),
    invalidJson: (ctx) => sendError(ctx, 400, 'validation_failed', 'The request body is not valid JSON.'),
    clientError: (ctx, status) => sendError(ctx, status, 'invalid_request', 'The request could not be processed.'),
    serverError: (ctx) => sendError(ctx, 500, 'internal_error', 'Something went wrong.'),
  });
}

export const missingField = (fields: string[]): ApiError =>
  new ApiError(400, 'missing_field', `Missing required field: ${fields.join(', ')}`, { fields });
export const validationFailed = (message: string, fields: string[] = []): ApiError =>
  new ApiError(400, 'validation_failed', message, fields.length > 0 ? { fields } : {});
