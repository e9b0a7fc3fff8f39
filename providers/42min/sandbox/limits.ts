import type Koa from 'koa';
import {
  queuedRateLimitRenderer, takeRateBudget, type Budget, type FaultRenderers, type RateBudget, type RateWindowState, type SandboxKit,
} from '../../../src/provider-sdk';
import { sendError } from './envelope';

/**
 * Seed 000 only says "429 rate_limited — Bucket exhausted. Retry-After header set" and "wait for
 * Retry-After or X-RateLimit-Reset". The numbers and the Limit/Remaining header names are an
 * ASSUMPTION borrowed from the sibling scheduling API (seed 002: 120 per window, X-RateLimit-*,
 * Reset as a Unix timestamp). Tests shrink it with kit.limits.configure(account, 'burst', …).
 * The counting is the sandbox kit's (takeRateBudget); the headers and the 429 are 42min's.
 */
export const BURST_BUCKET = 'burst';
export const DEFAULT_BURST: Budget = { max: 120, windowMs: 60_000 };

const unixSeconds = (ms: number): string => String(Math.ceil(ms / 1000));

export function setRateHeaders(ctx: Koa.Context, d: RateWindowState): void {
  ctx.set('X-RateLimit-Limit', String(d.limit));
  ctx.set('X-RateLimit-Remaining', String(d.remaining));
  ctx.set('X-RateLimit-Reset', unixSeconds(d.resetAt));
}

export function sendRateLimited(ctx: Koa.Context, retryAfterSeconds: number): void {
  ctx.set('Retry-After', String(retryAfterSeconds));
  sendError(ctx, 429, 'rate_limited', `Rate limit exceeded. Retry after ${retryAfterSeconds}s.`);
}

const BURST: RateBudget = { bucket: BURST_BUCKET, defaults: DEFAULT_BURST, setHeaders: setRateHeaders, sendRateLimited };

/**
 * Counts the request against the account's burst bucket, sets the X-RateLimit-* headers and
 * answers 429 when the bucket is empty. Returns false when it answered.
 */
export function takeBudget(kit: SandboxKit, ctx: Koa.Context, accountId: string): boolean {
  return takeRateBudget(kit, ctx, accountId, BURST);
}

/** How queued faults come out in 42min's format (used by kit.gate). */
export function faultRenderers(kit: SandboxKit, accountId: string): FaultRenderers {
  return {
    rateLimited: queuedRateLimitRenderer(kit, accountId, BURST),
    serverError(ctx) {
      sendError(ctx, 500, 'internal_error', 'Something went wrong server-side. Quote request_id to support.');
    },
  };
}
