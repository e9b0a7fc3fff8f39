import type Koa from 'koa';

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
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) sendError(ctx, 404, 'not_found', 'Not found.');
    } catch (err) {
      if (err instanceof ApiError) {
        for (const [k, v] of Object.entries(err.headers)) ctx.set(k, v);
        sendError(ctx, err.status, err.code, err.message, err.extra);
      } else if (err instanceof SyntaxError) {
        sendError(ctx, 400, 'validation_failed', 'The request body is not valid JSON.');
      } else if (typeof (err as { status?: unknown }).status === 'number' && (err as { status: number }).status < 500) {
        sendError(ctx, (err as { status: number }).status, 'invalid_request', 'The request could not be processed.');
      } else {
        sendError(ctx, 500, 'internal_error', 'Something went wrong.');
      }
    }
  };
}

export const missingField = (fields: string[]): ApiError =>
  new ApiError(400, 'missing_field', `Missing required field: ${fields.join(', ')}`, { fields });
export const validationFailed = (message: string, fields: string[] = []): ApiError =>
  new ApiError(400, 'validation_failed', message, fields.length > 0 ? { fields } : {});
