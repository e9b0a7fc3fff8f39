/**
 * The pure retry rule (DESIGN.md § Resilience): given what failed, which attempt it was and the
 * policy, says whether to try again and after how long. No I/O and no clock of its own, so it is
 * table-tested without HTTP.
 */
export interface RetryCandidate {
  /** The gateway error code the failure was classified as. */
  code: string;
  /** Worth another attempt in principle (5xx, timeouts, network errors, 429). */
  retryable: boolean;
  /** Response headers of the failure; `Retry-After` is honoured. */
  headers?: Record<string, string>;
  /**
   * Epoch ms the provider said it takes requests again (its Retry-After, or the declared reset of
   * its window on a 429 without one); waited for to the millisecond, ahead of `headers`.
   */
  retryAt?: number | null;
  /** Whether the provider could have acted on the request before failing (5xx/timeout on a write). */
  mayHaveReachedProvider?: boolean;
}

export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  minTimeoutMs: number;
  maxTimeoutMs: number;
  /** The request may be repeated without harm: an idempotent method, or a write with an idempotency key the provider honours. */
  repeatable: boolean;
  /** Epoch ms the caller's overall deadline ends; no wait may cross it. */
  deadlineAt?: number;
  /** Epoch ms "now", injected for purity. */
  now: number;
  /** [0, 1) source for jitter, injected for purity (tests pass a constant). */
  random?: () => number;
}

export interface RetryDecision { retry: boolean; waitMs: number; reason: string }

const stop = (reason: string): RetryDecision => ({ retry: false, waitMs: 0, reason });

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(headers: Record<string, string> | undefined, now: number): number | null {
  if (!headers) return null;
  const raw = Object.entries(headers).find(([k]) => k.toLowerCase() === 'retry-after')?.[1]?.trim();
  if (!raw) return null;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * Capped exponential backoff with "equal jitter": half the step is fixed, half random, so retries
 * of many callers spread out without ever collapsing to zero.
 */
export function backoffMs(attempt: number, policy: Pick<RetryPolicy, 'minTimeoutMs' | 'maxTimeoutMs' | 'random'>): number {
  const step = Math.min(policy.maxTimeoutMs, policy.minTimeoutMs * 2 ** Math.max(0, attempt - 1));
  const r = (policy.random ?? Math.random)();
  return Math.round(step / 2 + (step / 2) * r);
}

/**
 * `attempt` is the number of the attempt that just failed (1 = the first call).
 * A 429 is always safe to repeat: the provider refused the request before acting on it.
 */
export function decideRetry(error: RetryCandidate, attempt: number, policy: RetryPolicy): RetryDecision {
  if (error.code === 'CIRCUIT_OPEN') return stop('circuit open');
  if (!error.retryable) return stop('not retryable');
  if (attempt > policy.retries) return stop('retries exhausted');
  const rateLimited = error.code === 'PROVIDER_RATE_LIMITED';
  if (!rateLimited && !policy.repeatable && error.mayHaveReachedProvider !== false) return stop('unsafe to repeat');
  const told = error.retryAt != null ? Math.max(0, error.retryAt - policy.now) : retryAfterMs(error.headers, policy.now);
  const waitMs = told ?? backoffMs(attempt, policy);
  if (policy.deadlineAt !== undefined && policy.now + waitMs >= policy.deadlineAt) return stop('deadline');
  return { retry: true, waitMs, reason: told !== null ? 'retry-after' : rateLimited ? 'rate limited' : 'backoff' };
}
