import { backoffMs, decideRetry, retryAfterMs, type RetryCandidate, type RetryPolicy } from '../../src/resilience/retry-rule';

const NOW = 1_700_000_000_000;
const policy: RetryPolicy = { retries: 3, minTimeoutMs: 100, maxTimeoutMs: 1000, repeatable: true, now: NOW, random: () => 0.5 };
const err = (code: string, retryable: boolean, extra: Partial<RetryCandidate> = {}): RetryCandidate => ({ code, retryable, ...extra });

describe('decideRetry', () => {
  it.each<[string, RetryCandidate, number, Partial<RetryPolicy>, { retry: boolean; waitMs?: number; reason: string }]>([
    ['5xx, first failure: backoff', err('PROVIDER_UNAVAILABLE', true), 1, {}, { retry: true, waitMs: 75, reason: 'backoff' }],
    ['5xx, second failure doubles', err('PROVIDER_UNAVAILABLE', true), 2, {}, { retry: true, waitMs: 150, reason: 'backoff' }],
    ['backoff is capped', err('PROVIDER_UNAVAILABLE', true), 3, { maxTimeoutMs: 200 }, { retry: true, waitMs: 150, reason: 'backoff' }],
    ['retries exhausted', err('PROVIDER_UNAVAILABLE', true), 4, {}, { retry: false, reason: 'retries exhausted' }],
    ['no retries configured', err('PROVIDER_UNAVAILABLE', true), 1, { retries: 0 }, { retry: false, reason: 'retries exhausted' }],
    ['4xx never', err('PROVIDER_ERROR', false), 1, {}, { retry: false, reason: 'not retryable' }],
    ['conflict never', err('PROVIDER_CONFLICT', false), 1, {}, { retry: false, reason: 'not retryable' }],
    ['circuit open never', err('CIRCUIT_OPEN', true), 1, {}, { retry: false, reason: 'circuit open' }],
    ['429 honours Retry-After seconds', err('PROVIDER_RATE_LIMITED', true, { headers: { 'Retry-After': '2' } }), 1, {}, { retry: true, waitMs: 2000, reason: 'retry-after' }],
    ['429 without Retry-After: backoff', err('PROVIDER_RATE_LIMITED', true), 1, {}, { retry: true, waitMs: 75, reason: 'rate limited' }],
    ['429 on a non-idempotent write is still safe', err('PROVIDER_RATE_LIMITED', true), 1, { repeatable: false }, { retry: true, waitMs: 75, reason: 'rate limited' }],
    ['5xx on a non-idempotent write: never', err('PROVIDER_UNAVAILABLE', true), 1, { repeatable: false }, { retry: false, reason: 'unsafe to repeat' }],
    ['timeout on a write without idempotency key: never', err('PROVIDER_UNAVAILABLE', true), 1, { repeatable: false }, { retry: false, reason: 'unsafe to repeat' }],
    ['a failure that never reached the provider is safe', err('PROVIDER_UNAVAILABLE', true, { mayHaveReachedProvider: false }), 1, { repeatable: false }, { retry: true, waitMs: 75, reason: 'backoff' }],
    ['Retry-After past the deadline: stop', err('PROVIDER_RATE_LIMITED', true, { headers: { 'retry-after': '5' } }), 1, { deadlineAt: NOW + 3000 }, { retry: false, reason: 'deadline' }],
    ['backoff past the deadline: stop', err('PROVIDER_UNAVAILABLE', true), 1, { deadlineAt: NOW + 50 }, { retry: false, reason: 'deadline' }],
    ['within the deadline: go', err('PROVIDER_UNAVAILABLE', true), 1, { deadlineAt: NOW + 5000 }, { retry: true, waitMs: 75, reason: 'backoff' }],
    ['Retry-After as an HTTP date', err('PROVIDER_RATE_LIMITED', true, { headers: { 'Retry-After': new Date(NOW + 3000).toUTCString() } }), 1, {}, { retry: true, waitMs: 3000, reason: 'retry-after' }],
    ['Retry-After 0 retries at once', err('PROVIDER_RATE_LIMITED', true, { headers: { 'Retry-After': '0' } }), 1, {}, { retry: true, waitMs: 0, reason: 'retry-after' }],
    // A 429 whose provider declared when its window resets: waited for to the millisecond, ahead of the rounded header.
    ['429 waits until the provider\'s reset', err('PROVIDER_RATE_LIMITED', true, { retryAt: NOW + 400, headers: { 'Retry-After': '1' } }), 1, {}, { retry: true, waitMs: 400, reason: 'retry-after' }],
    ['a reset already past retries at once', err('PROVIDER_RATE_LIMITED', true, { retryAt: NOW - 5 }), 1, {}, { retry: true, waitMs: 0, reason: 'retry-after' }],
    ['a reset past the deadline: stop', err('PROVIDER_RATE_LIMITED', true, { retryAt: NOW + 4000 }), 1, { deadlineAt: NOW + 3000 }, { retry: false, reason: 'deadline' }],
  ])('%s', (_name, error, attempt, overrides, expected) => {
    const d = decideRetry(error, attempt, { ...policy, ...overrides });
    expect(d.retry).toBe(expected.retry);
    expect(d.reason).toBe(expected.reason);
    if (expected.waitMs !== undefined) expect(d.waitMs).toBe(expected.waitMs);
  });
});

describe('backoffMs', () => {
  it('stays within [step/2, step] whatever the jitter', () => {
    for (const r of [0, 0.25, 0.999]) {
      const ms = backoffMs(3, { minTimeoutMs: 100, maxTimeoutMs: 10_000, random: () => r });
      expect(ms).toBeGreaterThanOrEqual(200);
      expect(ms).toBeLessThanOrEqual(400);
    }
  });
});

describe('retryAfterMs', () => {
  it.each([[{}, null], [{ 'Retry-After': 'soon' }, null], [{ 'Retry-After': '1.5' }, 1500], [{ 'RETRY-AFTER': '3' }, 3000]])('%j → %s', (h, ms) => {
    expect(retryAfterMs(h as Record<string, string>, NOW)).toBe(ms);
  });
});
