import type Koa from 'koa';
import type { Budget, BudgetDecision, FaultRenderers, SandboxKit } from '../../../src/provider-sdk';
import { sendError } from './envelope';

/**
 * Seed 000 only says "429 rate_limited — Bucket exhausted. Retry-After header set" and "wait for
 * Retry-After or X-RateLimit-Reset". The numbers and the Limit/Remaining header names are an
 * ASSUMPTION borrowed from the sibling scheduling API (seed 002: 120 per window, X-RateLimit-*,
 * Reset as a Unix timestamp). Tests shrink it with kit.limits.configure(account, 'burst', …).
 */
export const BURST_BUCKET = 'burst';
export const DEFAULT_BURST: Budget = { max: 120, windowMs: 60_000 };

const unixSeconds = (ms: number): string => String(Math.ceil(ms / 1000));

export function setRateHeaders(ctx: Koa.Context, d: Pick<BudgetDecision, 'limit' | 'remaining' | 'resetAt'>): void {
  ctx.set('X-RateLimit-Limit', String(d.limit));
  ctx.set('X-RateLimit-Remaining', String(d.remaining));
  ctx.set('X-RateLimit-Reset', unixSeconds(d.resetAt));
}

export function sendRateLimited(ctx: Koa.Context, retryAfterSeconds: number): void {
  ctx.set('Retry-After', String(retryAfterSeconds));
  sendError(ctx, 429, 'rate_limited', `Rate limit exceeded. Retry after ${retryAfterSeconds}s.`);
}

/**
 * Counts the request against the account's burst bucket, sets the X-RateLimit-* headers and
 * answers 429 when the bucket is empty. Returns false when it answered.
 */
export function takeBudget(kit: SandboxKit, ctx: Koa.Context, accountId: string): boolean {
  const d = kit.limits.take(accountId, BURST_BUCKET, DEFAULT_BURST);
  setRateHeaders(ctx, d);
  if (d.allowed) return true;
  kit.stats.rateLimited(kit.callerIn(ctx, accountId));
  sendRateLimited(ctx, Math.max(1, Math.ceil((d.resetAt - kit.clock.now()) / 1000)));
  return false;
}

/** How queued faults come out in 42min's format (used by kit.gate). */
export function faultRenderers(kit: SandboxKit, accountId: string): FaultRenderers {
  return {
    rateLimited(ctx, retryAfterSeconds) {
      const budget = kit.limits.budgetOf(accountId, BURST_BUCKET, DEFAULT_BURST);
      setRateHeaders(ctx, { limit: budget.max, remaining: 0, resetAt: kit.clock.now() + retryAfterSeconds * 1000 });
      sendRateLimited(ctx, retryAfterSeconds);
    },
    serverError(ctx) {
      sendError(ctx, 500, 'internal_error', 'Something went wrong server-side. Quote request_id to support.');
    },
  };
}
