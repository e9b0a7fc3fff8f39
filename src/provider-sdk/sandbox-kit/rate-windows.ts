import type { Clock } from './clock';

/** A budget override for every account of a sandbox (the benchmark's sandbox process); never reachable through the gateway. */
export const ALL_ACCOUNTS = '*';

export interface Budget { max: number; windowMs: number }
export interface BudgetDecision { allowed: boolean; limit: number; remaining: number; resetAt: number; windowMs: number }

/**
 * Fixed-window request budgets per account and bucket (e.g. "burst", "search", "daily").
 * Providers give defaults; tests shrink them per account (or for all accounts) to make limits quick to reach.
 */
export class RateWindows {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private readonly overrides = new Map<string, Budget>();
  constructor(private readonly clock: Clock) {}

  configure(accountId: string, bucket: string, budget: Budget | null): void {
    const key = `${accountId}\u0000${bucket}`;
    if (budget) this.overrides.set(key, budget);
    else this.overrides.delete(key);
  }

  budgetOf(accountId: string, bucket: string, defaults: Budget): Budget {
    return this.overrides.get(`${accountId}\u0000${bucket}`) ?? this.overrides.get(`${ALL_ACCOUNTS}\u0000${bucket}`) ?? defaults;
  }

  /** Counts one request against the bucket and says whether it fits. */
  take(accountId: string, bucket: string, defaults: Budget): BudgetDecision {
    const budget = this.budgetOf(accountId, bucket, defaults);
    const key = `${accountId}\u0000${bucket}`;
    const now = this.clock.now();
    let w = this.windows.get(key);
    if (!w || now >= w.start + budget.windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    const allowed = w.count < budget.max;
    if (allowed) w.count += 1;
    return { allowed, limit: budget.max, remaining: Math.max(0, budget.max - w.count), resetAt: w.start + budget.windowMs, windowMs: budget.windowMs };
  }

  /** How much of the current window is used, without counting a request. */
  peek(accountId: string, bucket: string, defaults: Budget): BudgetDecision {
    const budget = this.budgetOf(accountId, bucket, defaults);
    const w = this.windows.get(`${accountId}\u0000${bucket}`);
    const now = this.clock.now();
    const live = w && now < w.start + budget.windowMs ? w : { start: now, count: 0 };
    return { allowed: live.count < budget.max, limit: budget.max, remaining: Math.max(0, budget.max - live.count), resetAt: live.start + budget.windowMs, windowMs: budget.windowMs };
  }

  reset(): void { this.windows.clear(); this.overrides.clear(); }
}
