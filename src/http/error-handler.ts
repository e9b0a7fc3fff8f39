import type { Context, Middleware } from 'koa';
import { GatewayError, InternalError, isGatewayError } from '../errors';
import type { Logger } from '../logging/logger';

/**
 * The one place errors become responses: every error is the envelope of API.md, whatever threw it.
 * Unknown errors are INTERNAL_ERROR with a fixed message, and are logged with the request id.
 */
export function errorHandler(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      renderError(ctx, err, logger);
    }
  };
}

/** Writes the error envelope onto the response (also used by middleware that must keep the result). */
export function renderError(ctx: Context, err: unknown, logger: Logger): void {
  const error = toGatewayError(err);
  if (error.code === 'INTERNAL_ERROR') {
    logger.error({ requestId: ctx.state.requestId, err: serializeCause(err) }, 'unhandled error');
  }
  ctx.status = error.status;
  for (const [k, v] of Object.entries(error.headers)) ctx.set(k, v);
  ctx.type = 'application/json';
  ctx.body = { error: { code: error.code, message: error.message, details: error.details, requestId: ctx.state.requestId } };
  ctx.state.errorCode = error.code;
}

function toGatewayError(err: unknown): GatewayError {
  if (isGatewayError(err)) return err;
  return new InternalError(err);
}

/** Logs what went wrong internally, never request data. */
function serializeCause(err: unknown): Record<string, unknown> {
  if (err instanceof Error || (typeof err === 'object' && err !== null && 'message' in err)) {
    const e = err as Error;
    return { type: e.name, message: e.message, stack: e.stack };
  }
  return { value: String(err) };
}
