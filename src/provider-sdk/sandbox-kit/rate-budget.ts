import type { Context } from 'koa';
import type { FaultRenderers, SandboxKit } from './kit';
import type { Budget, BudgetDecision } from './rate-windows';

/** What a sandbox reports about a request window: its limit, what is left, and when it resets (UTC ms). */
export type RateWindowState = Pick<BudgetDecision, 'limit' | 'remaining' | 'resetAt'>;

/**
 * One provider's request budget as its sandbox enforces it: the bucket and default window, and the
 * wire shape, which stays the provider's own (header names and units, the 429's status, headers
 * and body, as providers.md documents them).
 */
export interface RateBudget {
  bucket: string;
  defaults: Budget;
  setHeaders(ctx: Context, window: RateWindowState): void;
  sendRateLimited(ctx: Context, retryAfterSeconds: number): void;
}

/**
 * Counts the request against the account's bucket, writes the provider's rate headers and answers
 * its 429 (Retry-After: whole seconds to the window's reset, at least 1) when the bucket is spent.
 * Returns false when it answered.
 */
export function takeRateBudget(kit: SandboxKit, ctx: Context, accountId: string, budget: RateBudget): boolean {
  const d = kit.limits.take(accountId, budget.bucket, budget.defaults);
  budget.setHeaders(ctx, d);
  if (d.allowed) return true;
  kit.stats.rateLimited(kit.callerIn(ctx, accountId));
  budget.sendRateLimited(ctx, Math.max(1, Math.ceil((d.resetAt - kit.clock.now()) / 1000)));
  return false;
}

/**
 * A queued rate_limit fault (kit.gate) in the provider's format: the window looks spent (remaining
 * 0, the account's limit) and resets when the fault's Retry-After says.
 */
export function queuedRateLimitRenderer(kit: SandboxKit, accountId: string, budget: RateBudget): FaultRenderers['rateLimited'] {
  return (ctx, retryAfterSeconds) => {
    const { max } = kit.limits.budgetOf(accountId, budget.bucket, budget.defaults);
    budget.setHeaders(ctx, { limit: max, remaining: 0, resetAt: kit.clock.now() + retryAfterSeconds * 1000 });
    budget.sendRateLimited(ctx, retryAfterSeconds);
  };
}
