import type Koa from 'koa';
import {
  queuedRateLimitRenderer, takeRateBudget, type Budget, type FaultRenderers, type RateBudget, type RateWindowState, type SandboxKit,
} from '../../../src/provider-sdk';
import { sendError } from './envelope';

/**
 * Seed 002 "Rate limits": per plan, 60 (Free) / 120 (Pro) / 600 (Enterprise) requests per minute;
 * every answer carries X-RateLimit-Limit, -Remaining and -Reset (a Unix timestamp, seconds); a 429
 * has Retry-After. A sandbox account is on Pro unless a test moves it (setPlan, or PUT
 * /api/sandbox/plan with the account's own credential). The counting is the sandbox kit's
 * (takeRateBudget); the headers and the 429 are Schedly's.
 */
export const PLANS = { free: 60, pro: 120, enterprise: 600 } as const;
export type Plan = keyof typeof PLANS;
export const isPlan = (v: unknown): v is Plan => typeof v === 'string' && Object.hasOwn(PLANS, v);

export const MINUTE_BUCKET = 'minute';
export const DEFAULT_BUDGET: Budget = { max: PLANS.pro, windowMs: 60_000 };

export function setPlan(kit: SandboxKit, accountId: string, plan: Plan): void {
  kit.limits.configure(accountId, MINUTE_BUCKET, plan === 'pro' ? null : { max: PLANS[plan], windowMs: 60_000 });
}

export function setRateHeaders(ctx: Koa.Context, d: RateWindowState): void {
  ctx.set('X-RateLimit-Limit', String(d.limit));
  ctx.set('X-RateLimit-Remaining', String(d.remaining));
  ctx.set('X-RateLimit-Reset', String(Math.ceil(d.resetAt / 1000)));
}

/** The seed's 429 body, word for word but for the number. */
export function sendRateLimited(ctx: Koa.Context, retryAfterSeconds: number): void {
  ctx.set('Retry-After', String(retryAfterSeconds));
  sendError(ctx, 429, 'RATE_LIMITED', `Rate limit exceeded. Retry after ${retryAfterSeconds}s.`);
}

const MINUTE: RateBudget = { bucket: MINUTE_BUCKET, defaults: DEFAULT_BUDGET, setHeaders: setRateHeaders, sendRateLimited };

/** Counts the request in the account's minute window; answers 429 (and returns false) when it is full. */
export function takeBudget(kit: SandboxKit, ctx: Koa.Context, accountId: string): boolean {
  return takeRateBudget(kit, ctx, accountId, MINUTE);
}

/** Queued faults in Schedly's format: a rate_limit fault's reset is its Retry-After from now. */
export function faultRenderers(kit: SandboxKit, accountId: string): FaultRenderers {
  return {
    rateLimited: queuedRateLimitRenderer(kit, accountId, MINUTE),
    serverError(ctx) {
      setRateHeaders(ctx, kit.limits.peek(accountId, MINUTE_BUCKET, DEFAULT_BUDGET));
      sendError(ctx, 500, 'INTERNAL_ERROR', 'An unexpected error occurred on the server.');
    },
  };
}
