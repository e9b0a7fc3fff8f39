import { randomUUID } from 'node:crypto';
import type { Context } from 'koa';
import type { Budget, BudgetDecision, FaultRenderers, SandboxKit } from '../../../src/provider-sdk';
import { internalError } from './errors';

/**
 * HubSpot's request budgets (reference/providers.md §1.6) for a publicly distributed OAuth app:
 * 110 requests per 10 s per installing account ("burst"), and 5 req/s for the CRM search API
 * ("search"), which is counted separately. Tests shrink both with kit.limits.configure.
 */
export const BURST_BUCKET = 'burst';
export const SEARCH_BUCKET = 'search';
export const BURST: Budget = { max: 110, windowMs: 10_000 };
export const SEARCH: Budget = { max: 5, windowMs: 1_000 };

/** The OAuth-app header set (§1.6): no Daily pair for OAuth apps. */
function setBurstHeaders(ctx: Context, d: Pick<BudgetDecision, 'limit' | 'remaining' | 'windowMs'>): void {
  ctx.set('X-HubSpot-RateLimit-Interval-Milliseconds', String(d.windowMs));
  ctx.set('X-HubSpot-RateLimit-Max', String(d.limit));
  ctx.set('X-HubSpot-RateLimit-Remaining', String(d.remaining));
}

/** 429 body of §1.6; the burst message text is ⚠️ community, the search one is the SDK's constant. */
function send429(ctx: Context, search: boolean): void {
  ctx.status = 429;
  ctx.body = {
    status: 'error',
    message: search ? 'You have reached your secondly limit.' : 'You have reached your ten_secondly_rolling limit.',
    errorType: 'RATE_LIMIT',
    correlationId: randomUUID(),
    policyName: search ? 'SECONDLY' : 'TEN_SECONDLY_ROLLING',
    requestId: randomUUID(),
  };
}

/**
 * Counts one request against the account's budget. Non-search responses carry the
 * X-HubSpot-RateLimit-* headers; search responses carry none (§1.6). Returns false after answering 429.
 */
export function takeBudget(kit: SandboxKit, ctx: Context, accountId: string, search: boolean): boolean {
  const d = kit.limits.take(accountId, search ? SEARCH_BUCKET : BURST_BUCKET, search ? SEARCH : BURST);
  if (!search) setBurstHeaders(ctx, d);
  if (d.allowed) return true;
  kit.stats.rateLimited(kit.callerIn(ctx, accountId));
  // Retry-After is UNCONFIRMED for HubSpot's REST 429s (§1.6), so a spent budget does not send one.
  send429(ctx, search);
  return false;
}

/** How queued faults look in HubSpot's format; injected 429s add Retry-After so clients can be tested. */
export function faultRenderers(kit: SandboxKit, accountId: string, search: boolean): FaultRenderers {
  return {
    rateLimited(ctx, retryAfterSeconds) {
      if (!search) setBurstHeaders(ctx, { ...kit.limits.peek(accountId, BURST_BUCKET, BURST), remaining: 0 });
      ctx.set('Retry-After', String(retryAfterSeconds));
      send429(ctx, search);
    },
    serverError(ctx) { internalError(ctx); },
  };
}
