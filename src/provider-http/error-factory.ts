import { GatewayError, InvalidInputError, NotFoundError } from '../errors';
import type { NotFoundCode, ProviderErrorResponse } from '../provider-sdk/http';
import { ProviderCallError, rateLimitedError } from '../resilience/provider-call-error';
import type { RateLimitHeaders } from '../provider-sdk/manifest';
import { retryAtOf } from '../resilience/rate-headers';

export type { NotFoundCode };
export { ProviderCallError, rateLimitedError };

/**
 * The one place a provider's answer becomes a gateway error (DESIGN.md § Errors). The status picks
 * the class; only whitelisted fields of the body travel on, as `details.provider = { status, code,
 * message }`, with every secret the caller names (access token, API key) blanked out.
 */
export interface FactoryOptions {
  providerId: string;
  /** The 404 code for the record being asked for (CONTACT_NOT_FOUND, …); PROVIDER_ERROR otherwise. */
  notFoundCode?: NotFoundCode;
  /** Strings that must never appear in an error (tokens, keys). */
  secrets?: string[];
  classify?: (response: ProviderErrorResponse) => GatewayError | null;
  /** What the provider's rate-limit headers mean (its manifest), for a 429 without Retry-After. */
  rateHeaders?: RateLimitHeaders;
  /** Epoch ms "now" (injected in tests). */
  now?: number;
}

const MAX_TEXT = 300;
const CODE_FIELDS = ['code', 'errorCode', 'error_code', 'category', 'errorType', 'error'] as const;
const MESSAGE_FIELDS = ['message', 'error_description', 'error_info', 'detail', 'error'] as const;

function pick(obj: Record<string, unknown>, fields: readonly string[]): string | null {
  for (const f of fields) {
    const v = obj[f];
    if (typeof v === 'string' && v.trim() !== '') return v;
  }
  return null;
}

function scrub(text: string | null, secrets: string[]): string | null {
  if (text === null) return null;
  let out = text;
  for (const s of secrets) if (s.length >= 8) out = out.split(s).join('[redacted]');
  // Anything shaped like a bearer credential goes too, whoever's it is.
  out = out.replace(/Bearer\s+\S+/gi, 'Bearer [redacted]');
  return out.length > MAX_TEXT ? `${out.slice(0, MAX_TEXT)}…` : out;
}

/** `{ status, code, message }` from the body: an object, or the first element of an array of them. */
export function providerSummary(response: ProviderErrorResponse, secrets: string[] = []): { status: number; code: string | null; message: string | null } {
  let body = response.body;
  if (Array.isArray(body)) body = body[0];
  if (typeof body === 'object' && body !== null) {
    const obj = body as Record<string, unknown>;
    // An `error` object nested one level (common envelope) is read too.
    const inner = typeof obj.error === 'object' && obj.error !== null ? (obj.error as Record<string, unknown>) : null;
    const code = pick(obj, CODE_FIELDS) ?? (inner ? pick(inner, CODE_FIELDS) : null);
    const message = pick(obj, MESSAGE_FIELDS) ?? (inner ? pick(inner, MESSAGE_FIELDS) : null);
    return { status: response.status, code: scrub(code, secrets), message: scrub(message, secrets) };
  }
  return { status: response.status, code: null, message: null };
}

export function providerError(response: ProviderErrorResponse, opts: FactoryOptions): GatewayError {
  const custom = opts.classify?.(response);
  if (custom) return custom;
  const provider = providerSummary(response, opts.secrets);
  const details = { providerId: opts.providerId, provider };
  const { status } = response;
  if (status === 401) return new ProviderCallError('PROVIDER_AUTH_FAILED', { details });
  if (status === 404 && opts.notFoundCode) return new NotFoundError(opts.notFoundCode, details);
  if (status === 409) return new ProviderCallError('PROVIDER_CONFLICT', { details });
  if (status === 400 || status === 422) {
    // The provider refused what we sent as invalid: the caller's input, not a provider fault.
    const message = provider.message ?? `The provider rejected the request (${status})`;
    return new InvalidInputError([{ field: 'provider', message }], `The provider rejected the input: ${message}`, details);
  }
  if (status === 429) {
    // The caller is told what the provider said (its Retry-After, else its window's declared reset), else 1 s.
    const now = opts.now ?? Date.now();
    const retryAt = retryAtOf(response.headers, opts.rateHeaders, now);
    const err = rateLimitedError(opts.providerId, retryAt === null ? 1 : (retryAt - now) / 1000, { provider });
    err.retryAt = retryAt;
    return err;
  }
  if (status >= 500) {
    return new ProviderCallError('PROVIDER_UNAVAILABLE', { details, retryable: true, countsAsProviderFailure: true });
  }
  // 403 (scope), 404 without a record kind, other 4xx: the provider refused something we sent.
  return new ProviderCallError('PROVIDER_ERROR', { details, message: `The provider answered ${status}` });
}

/** A request that never got an answer: timed out, or the connection failed. */
export function transportError(providerId: string, reason: 'timeout' | 'network', reachedProvider: boolean): ProviderCallError {
  const err = new ProviderCallError('PROVIDER_UNAVAILABLE', {
    message: reason === 'timeout' ? 'The provider did not answer in time' : 'The provider could not be reached',
    details: { providerId, reason }, retryable: true, countsAsProviderFailure: true,
  });
  err.mayHaveReachedProvider = reachedProvider;
  return err;
}
