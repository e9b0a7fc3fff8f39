import type { Context } from 'koa';
import type { Budget, FaultRenderers, SandboxKit } from '../../../src/provider-sdk';
import { LIMIT_EXCEEDED, sendErrors, unknownException } from './errors';

/**
 * The org's rolling 24 h API allocation (reference/providers.md §2.6): Developer Edition's 15,000 by
 * default, per sandbox account, shrinkable with `kit.limits.configure(account, DAILY_BUCKET, …)`.
 * The sandbox counts in a fixed 24 h window from the first request (close enough for tests).
 */
export const DAILY_BUCKET = 'daily';
export const DAILY_DEFAULT: Budget = { max: 15_000, windowMs: 24 * 60 * 60 * 1000 };

/** §2.6: `Sforce-Limit-Info: api-usage=used/allocation` on every REST response. */
export function setLimitHeader(ctx: Context, kit: SandboxKit, accountId: string): void {
  const d = kit.limits.peek(accountId, DAILY_BUCKET, DAILY_DEFAULT);
  ctx.set('Sforce-Limit-Info', `api-usage=${d.limit - d.remaining}/${d.limit}`);
}

/** Counts the request; when the allocation is spent answers 403 REQUEST_LIMIT_EXCEEDED (no Retry-After) and returns false. */
export function takeDaily(ctx: Context, kit: SandboxKit, accountId: string): boolean {
  const d = kit.limits.take(accountId, DAILY_BUCKET, DAILY_DEFAULT);
  setLimitHeader(ctx, kit, accountId);
  if (d.allowed) return true;
  kit.stats.rateLimited(kit.callerIn(ctx, accountId));
  sendErrors(ctx, 403, LIMIT_EXCEEDED);
  return false;
}

/**
 * How queued faults come out in Salesforce's format. Salesforce does not use 429 for API limits, so
 * a `rate_limit` fault is the same 403 REQUEST_LIMIT_EXCEEDED (no Retry-After, §0 item 5);
 * `server_error` is 500 UNKNOWN_EXCEPTION (§2.7).
 */
export function faultRenderers(kit: SandboxKit, accountId: string): FaultRenderers {
  return {
    rateLimited: (ctx) => {
      setLimitHeader(ctx, kit, accountId);
      sendErrors(ctx, 403, LIMIT_EXCEEDED);
    },
    serverError: (ctx) => {
      setLimitHeader(ctx, kit, accountId);
      sendErrors(ctx, 500, unknownException());
    },
  };
}

/** `GET /limits` (§2.2): the allocation and what is left of it. */
export function limitsBody(kit: SandboxKit, accountId: string): Record<string, { Max: number; Remaining: number }> {
  const d = kit.limits.peek(accountId, DAILY_BUCKET, DAILY_DEFAULT);
  return {
    DailyApiRequests: { Max: d.limit, Remaining: d.remaining },
    DailyBulkApiBatches: { Max: 15_000, Remaining: 15_000 },
    DataStorageMB: { Max: 5, Remaining: 5 },
  };
}
