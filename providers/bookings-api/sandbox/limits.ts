import type Koa from 'koa';
import type { Budget, FaultRenderers, SandboxKit } from '../../../src/provider-sdk';
import { sendError } from './envelope';

/**
 * The seed says nothing about rate limits. ASSUMED (README § Unconfirmed): 10 requests a second
 * per account (availability is one call per day, so a per-minute budget of a few dozen would make
 * a week's slots take seconds), reported in X-RateLimit-Limit / -Remaining / -Reset (Unix seconds), 429
 * `rate_limited` with Retry-After. Tests shrink it with kit.limits.configure(account, 'burst', …).
 */
export const BURST_BUCKET = 'burst';
export const DEFAULT_BURST: Budget = { max: 10, windowMs: 1000 };

function setHeaders(ctx: Koa.Context, limit: number, remaining: number, resetAt: number): void {
  ctx.set('X-RateLimit-Limit', String(limit));
  ctx.set('X-RateLimit-Remaining', String(remaining));
  ctx.set('X-RateLimit-Reset', String(Math.ceil(resetAt / 1000)));
}

function rateLimited(ctx: Koa.Context, retryAfterSeconds: number): void {
  ctx.set('Retry-After', String(retryAfterSeconds));
  sendError(ctx, 429, 'rate_limited', `Too many requests. Retry after ${retryAfterSeconds}s.`);
}

/** Counts the request against the account's budget; answers 429 (and returns false) when it is spent. */
export function takeBudget(kit: SandboxKit, ctx: Koa.Context, accountId: string): boolean {
  const d = kit.limits.take(accountId, BURST_BUCKET, DEFAULT_BURST);
  setHeaders(ctx, d.limit, d.remaining, d.resetAt);
  if (d.allowed) return true;
  kit.stats.rateLimited(kit.callerIn(ctx, accountId));
  rateLimited(ctx, Math.max(1, Math.ceil((d.resetAt - kit.clock.now()) / 1000)));
  return false;
}

/** Queued faults in this API's format (kit.gate). */
export function faultRenderers(kit: SandboxKit, accountId: string): FaultRenderers {
  return {
    rateLimited(ctx, retryAfterSeconds) {
      setHeaders(ctx, kit.limits.budgetOf(accountId, BURST_BUCKET, DEFAULT_BURST).max, 0, kit.clock.now() + retryAfterSeconds * 1000);
      rateLimited(ctx, retryAfterSeconds);
    },
    serverError(ctx) { sendError(ctx, 500, 'internal_error', 'Something went wrong.'); },
  };
}
