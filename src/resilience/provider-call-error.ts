import { ProviderFailureError } from '../errors';

/**
 * A failed provider call as the retry rule and the breaker read it. It lives with them (not with
 * the provider client that raises most of them) because the limiter raises one too: the provider
 * client depends on resilience, never the other way round.
 */
export class ProviderCallError extends ProviderFailureError {
  /** False when the request certainly never reached the provider (so even a write may be repeated). */
  mayHaveReachedProvider = true;
  /** On a provider 429: epoch ms it said it takes requests again (Retry-After or its declared reset), if it said. */
  retryAt: number | null = null;
}

/** 429 PROVIDER_RATE_LIMITED; `retryable` is false for our own limiter's refusals (waiting more would not help). */
export function rateLimitedError(providerId: string, retryAfter: number, extra: Record<string, unknown> = {}, retryable = true): ProviderCallError {
  const seconds = Math.max(1, Math.ceil(retryAfter));
  return new ProviderCallError('PROVIDER_RATE_LIMITED', {
    headers: { 'Retry-After': String(seconds) }, retryable,
    details: { providerId, retryAfterSeconds: seconds, ...extra },
  });
}
