import type Koa from 'koa';
import {
  queuedRateLimitRenderer, takeRateBudget, type Budget, type FaultRenderers, type RateBudget, type RateWindowState, type SandboxKit,
} from '../../../src/provider-sdk';
import { sendError } from './envelope';

/**
 * The seed says nothing about rate limits. ASSUMED (README § Unconfirmed): 10 requests a second
 * per account (availability is one call per day, so a per-minute budget of a few dozen would make
 * a week's slots take seconds), reported in X-RateLimit-Limit / -Remaining / -Reset (Unix seconds), 429
 * `rate_limited` with Retry-After. Tests shrink it with kit.limits.configure(account, 'burst', …).
 * The counting is the sandbox kit's (takeRateBudget); the headers and the 429 are this API's.
 */
export const BURST_BUCKET = 'burst';
export const DEFAULT_BURST: Budget = { max: 10, windowMs: 1000 };

function setHeaders(ctx: Koa.Context, d: RateWindowState): void {
  ctx.set('X-RateLimit-Limit', String(d.limit));
  ctx.set('X-RateLimit-Remaining', String(d.remaining));
  ctx.set('X-RateLimit-Reset', String(Math.ceil(d.resetAt / 1000)));
}

function rateLimited(ctx: Koa.Context, retryAfterSeconds: number): void {
  ctx.set('Retry-After', String(retryAfterSeconds));
  sendError(ctx, 429, 'rate_limited', `Too many requests. Retry after ${retryAfterSeconds}s.`);
}

const BURST: RateBudget = { bucket: BURST_BUCKET, defaults: DEFAULT_BURST, setHeaders, sendRateLimited: rateLimited };

/** Counts the request against the account's budget; answers 429 (and returns false) when it is spent. */
export function takeBudget(kit: SandboxKit, ctx: Koa.Context, accountId: string): boolean {
  return takeRateBudget(kit, ctx, accountId, BURST);
}

/** Queued faults in this API's format (kit.gate). */
export function faultRenderers(kit: SandboxKit, accountId: string): FaultRenderers {
  return {
    rateLimited: queuedRateLimitRenderer(kit, accountId, BURST),
    serverError(ctx) { sendError(ctx, 500, 'internal_error', 'Something went wrong.'); },
  };
}
