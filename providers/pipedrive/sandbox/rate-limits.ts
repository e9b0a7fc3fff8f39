import type { Context } from 'koa';
import type { BudgetDecision, FaultRenderers, SandboxKit } from '../../../src/provider-sdk';
import { BURST_BUCKET, BURST_BUDGET, SEARCH_BUCKET, SEARCH_BUDGET } from './constants';
import { sendProxyError } from './envelope';

/**
 * Pipedrive's burst limits (reference/providers.md §3.5): a 2 s window per token reported in
 * `x-ratelimit-limit`, `x-ratelimit-remaining` and `x-ratelimit-reset` (seconds until the window
 * resets) on every API response; the search API has its own, smaller window. Over the limit the
 * real API sends 429 without Retry-After. The daily token budget has no header and is not emulated.
 *
 * The 429 body is UNCONFIRMED (§3.5: the old docs' example only shows `{"succ…`); we answer in the
 * API proxy's envelope.
 */
export const OVER_LIMIT_MESSAGE = 'Request over limit';

function setHeaders(ctx: Context, d: BudgetDecision, now: number): void {
  ctx.set('x-ratelimit-limit', String(d.limit));
  ctx.set('x-ratelimit-remaining', String(d.remaining));
  ctx.set('x-ratelimit-reset', String(Math.max(0, Math.ceil((d.resetAt - now) / 1000))));
}

/**
 * Counts the request against the burst window (and the search window for search endpoints) and
 * sets the headers. Returns false when it already answered 429.
 */
export function takeBudget(kit: SandboxKit, ctx: Context, accountId: string, isSearch: boolean): boolean {
  const burst = kit.limits.take(accountId, BURST_BUCKET, BURST_BUDGET);
  const search = isSearch && burst.allowed ? kit.limits.take(accountId, SEARCH_BUCKET, SEARCH_BUDGET) : null;
  const reported = search ?? burst;
  // Read the clock after the window was opened, so the reset never exceeds the window length.
  setHeaders(ctx, reported, kit.clock.now());
  if (reported.allowed) return true;
  kit.stats.rateLimited(kit.callerIn(ctx, accountId));
  sendProxyError(ctx, 429, OVER_LIMIT_MESSAGE);
  return false;
}

/**
 * How queued faults look on the wire. A fault-injected 429 also carries `Retry-After` (a sandbox
 * extension: the real API is silent, §3.5) so clients can be tested against it.
 */
export function faultRenderers(kit: SandboxKit, accountId: string): FaultRenderers {
  return {
    rateLimited(ctx, retryAfterSeconds) {
      const budget = kit.limits.budgetOf(accountId, BURST_BUCKET, BURST_BUDGET);
      ctx.set('x-ratelimit-limit', String(budget.max));
      ctx.set('x-ratelimit-remaining', '0');
      ctx.set('x-ratelimit-reset', String(retryAfterSeconds));
      ctx.set('Retry-After', String(retryAfterSeconds));
      sendProxyError(ctx, 429, OVER_LIMIT_MESSAGE);
    },
    serverError(ctx) {
      sendProxyError(ctx, 500, 'Internal server error');
    },
  };
}
