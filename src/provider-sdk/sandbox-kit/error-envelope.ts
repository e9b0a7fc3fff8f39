import type { Context, Middleware } from 'koa';

/** An error a sandbox's handlers throw on purpose: rendered in its envelope, with its own headers (e.g. Retry-After). */
export interface SandboxThrownError extends Error { readonly headers: Readonly<Record<string, string>> }

/**
 * How one sandbox writes each kind of failure. The bodies, codes and messages are the provider's
 * own (providers.md); only the order of the checks is shared.
 */
export interface ErrorEnvelope<E extends SandboxThrownError> {
  /** The sandbox's own error class. */
  thrown: abstract new (...args: never[]) => E;
  renderThrown(ctx: Context, err: E): void;
  /** An unknown path (nothing answered). */
  notFound(ctx: Context): void;
  /** A request body that is not valid JSON. */
  invalidJson(ctx: Context): void;
  /** Another client error raised below the handlers (e.g. 413 from the body reader's size cap). */
  clientError(ctx: Context, status: number): void;
  /** Anything else. */
  serverError(ctx: Context): void;
}

/**
 * Outermost middleware: every failure leaves in the provider's envelope, unknown paths included.
 * A thrown error's headers are set before it is rendered.
 */
export function errorEnvelope<E extends SandboxThrownError>(envelope: ErrorEnvelope<E>): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) envelope.notFound(ctx);
    } catch (err) {
      if (err instanceof envelope.thrown) {
        for (const [k, v] of Object.entries(err.headers)) ctx.set(k, v);
        envelope.renderThrown(ctx, err);
      } else if (err instanceof SyntaxError) {
        envelope.invalidJson(ctx);
      } else if (typeof (err as { status?: unknown }).status === 'number' && (err as { status: number }).status < 500) {
        envelope.clientError(ctx, (err as { status: number }).status);
      } else {
        envelope.serverError(ctx);
      }
    }
  };
}
