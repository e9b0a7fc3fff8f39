import type { RateLimitHeaders } from '../provider-sdk/manifest';
import { retryAfterMs } from './retry-rule';

/**
 * The one reader of a provider's rate-limit headers, by what its manifest declares they mean
 * (`rateLimit.headers`): nothing is guessed from a value's size. Pure (the clock is a parameter),
 * so it is table-tested without HTTP.
 */
export interface RateReading {
  /** Requests per window the provider says this caller has (its plan's limit). */
  limit: number | null;
  /** Requests left in the current window. */
  remaining: number | null;
  /** Epoch ms the current window resets. */
  resetAt: number | null;
}

/** A reset further out than this is not a rate window (a misdeclared format, a garbled value): ignored. */
export const MAX_RESET_AHEAD_MS = 24 * 60 * 60 * 1000;

/** A header's value by case-insensitive name. */
export function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const direct = headers[name] ?? headers[name.toLowerCase()];
  if (direct !== undefined) return direct;
  const lower = name.toLowerCase();
  for (const k in headers) if (k.toLowerCase() === lower) return headers[k];
  return undefined;
}

const count = (raw: string | undefined): number | null => {
  const v = raw?.trim();
  return v !== undefined && /^\d{1,15}$/.test(v) ? Number(v) : null;
};

const patterns = new Map<string, RegExp>();
function compiled(pattern: string): RegExp | null {
  let re = patterns.get(pattern);
  if (!re) {
    try { re = new RegExp(pattern); } catch { return null; } // the schema checks it compiles; belt and braces
    patterns.set(pattern, re);
  }
  return re;
}

/** Epoch ms of the declared reset, or null when absent, unreadable or implausibly far. */
export function resetAtOf(raw: string | undefined, format: NonNullable<RateLimitHeaders['reset']>['format'], now: number): number | null {
  const v = raw?.trim();
  if (!v || !/^\d+(\.\d+)?$/.test(v)) return null;
  const n = Number(v);
  const at = format === 'epoch_seconds' ? n * 1000 : format === 'seconds_until' ? now + n * 1000 : now + n;
  if (!Number.isFinite(at) || at - now > MAX_RESET_AHEAD_MS) return null;
  return Math.round(at);
}

export function readRateHeaders(headers: Record<string, string>, spec: RateLimitHeaders | undefined, now: number): RateReading {
  const out: RateReading = { limit: null, remaining: null, resetAt: null };
  if (!spec) return out;
  if (spec.limit) out.limit = count(headerValue(headers, spec.limit.name));
  if (spec.remaining) out.remaining = count(headerValue(headers, spec.remaining.name));
  if (spec.reset) out.resetAt = resetAtOf(headerValue(headers, spec.reset.name), spec.reset.format, now);
  const usage = spec.usage ? headerValue(headers, spec.usage.name) : undefined;
  const groups = usage !== undefined ? compiled(spec.usage!.pattern)?.exec(usage)?.groups : undefined;
  if (groups) {
    const limit = count(groups.limit);
    const used = count(groups.used);
    out.limit ??= limit;
    out.remaining ??= count(groups.remaining) ?? (limit !== null && used !== null ? Math.max(0, limit - used) : null);
  }
  if (out.limit === 0) out.limit = null; // "0 per window" is no budget anyone could keep to
  return out;
}

/**
 * When a provider that answered 429 will take requests again (epoch ms): its `Retry-After` when it
 * sent one, else the declared reset of its window; null when it said neither.
 */
export function retryAtOf(headers: Record<string, string>, spec: RateLimitHeaders | undefined, now: number): number | null {
  const told = retryAfterMs(headers, now);
  if (told !== null) return now + told;
  const { resetAt } = readRateHeaders(headers, spec, now);
  return resetAt === null ? null : Math.max(now, resetAt);
}

const namesCache = new WeakMap<RateLimitHeaders, string[]>();

/** The lower-cased names of the headers a manifest declares its rate-limit reading in (passthrough hands them back). */
export function rateHeaderNames(spec: RateLimitHeaders | undefined): readonly string[] {
  if (!spec) return [];
  let names = namesCache.get(spec);
  if (!names) {
    names = [spec.limit, spec.remaining, spec.reset, spec.usage].flatMap((h) => (h ? [h.name.toLowerCase()] : []));
    namesCache.set(spec, names);
  }
  return names;
}
