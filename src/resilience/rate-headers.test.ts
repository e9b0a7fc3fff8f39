import type { RateLimitHeaders } from '../provider-sdk/manifest';
import { readRateHeaders, retryAtOf, type RateReading } from './rate-headers';

const NOW = 1_700_000_000_500; // half a second past a whole epoch second
const EPOCH: RateLimitHeaders = {
  limit: { name: 'X-RateLimit-Limit' }, remaining: { name: 'X-RateLimit-Remaining' },
  reset: { name: 'X-RateLimit-Reset', format: 'epoch_seconds' },
};
const SECONDS: RateLimitHeaders = { ...EPOCH, reset: { name: 'x-ratelimit-reset', format: 'seconds_until' } };
const MS: RateLimitHeaders = { ...EPOCH, reset: { name: 'X-Reset-Ms', format: 'ms_until' } };
// A usage header as one CRM's manifest declares it: the org's count, not a per-app one that may follow it.
const USAGE: RateLimitHeaders = { usage: { name: 'Sforce-Limit-Info', pattern: '(?:^|[;,\\s])api-usage=(?<used>\\d+)/(?<limit>\\d+)' } };
const REMAINING_USAGE: RateLimitHeaders = { usage: { name: 'X-Budget', pattern: '(?<remaining>\\d+) of (?<limit>\\d+)' } };
const none: RateReading = { limit: null, remaining: null, resetAt: null };

describe('readRateHeaders: each header read as its manifest declares it', () => {
  it.each<[string, RateLimitHeaders | undefined, Record<string, string>, RateReading]>([
    ['nothing declared', undefined, { 'x-ratelimit-limit': '10' }, none],
    ['epoch seconds, any header case', EPOCH, { 'x-ratelimit-limit': '600', 'x-ratelimit-remaining': '12', 'x-ratelimit-reset': '1700000003' },
      { limit: 600, remaining: 12, resetAt: 1_700_000_003_000 }],
    // The old size guess read a small value as seconds-until: a declared epoch is an epoch, whatever its size.
    ['a small epoch is still an epoch', EPOCH, { 'X-RateLimit-Reset': '30' }, { ...none, resetAt: 30_000 }],
    ['fractional epoch seconds', EPOCH, { 'X-RateLimit-Reset': '1700000001.25' }, { ...none, resetAt: 1_700_000_001_250 }],
    ['seconds until', SECONDS, { 'x-ratelimit-reset': '2' }, { ...none, resetAt: NOW + 2000 }],
    // …and a declared seconds-until is a delay, even one that looks like an epoch (then too far: ignored).
    ['a huge seconds-until is not an epoch', SECONDS, { 'x-ratelimit-reset': '1700000003' }, none],
    ['milliseconds until', MS, { 'x-reset-ms': '250' }, { ...none, resetAt: NOW + 250 }],
    ['an epoch more than a day ahead is ignored', EPOCH, { 'X-RateLimit-Reset': String(Math.floor(NOW / 1000) + 90_000) }, none],
    ['unreadable values are null', EPOCH, { 'X-RateLimit-Limit': 'many', 'X-RateLimit-Remaining': '-1', 'X-RateLimit-Reset': 'soon' }, none],
    ['a limit of 0 is no limit to keep to', EPOCH, { 'X-RateLimit-Limit': '0', 'X-RateLimit-Remaining': '0' }, { ...none, remaining: 0 }],
    ['usage pattern: used/limit gives limit and remaining', USAGE, { 'sforce-limit-info': 'api-usage=18/5000' }, { ...none, limit: 5000, remaining: 4982 }],
    ['usage pattern: more used than allowed leaves 0', USAGE, { 'Sforce-Limit-Info': 'api-usage=5003/5000' }, { ...none, limit: 5000, remaining: 0 }],
    ['usage pattern: remaining group', REMAINING_USAGE, { 'x-budget': '7 of 20' }, { ...none, limit: 20, remaining: 7 }],
    ['usage pattern: the org\'s count beside a per-app one', USAGE, { 'Sforce-Limit-Info': 'api-usage=18/5000; per-app-api-usage=17/250(appName=x)' },
      { ...none, limit: 5000, remaining: 4982 }],
    ['usage header that does not match', USAGE, { 'Sforce-Limit-Info': 'per-app-api-usage=1/2(appName=x)' }, none],
  ])('%s', (_name, spec, headers, expected) => {
    expect(readRateHeaders(headers, spec, NOW)).toEqual(expected);
  });
});

describe('retryAtOf: when a provider that answered 429 takes requests again', () => {
  it.each<[string, RateLimitHeaders | undefined, Record<string, string>, number | null]>([
    ['Retry-After wins over the reset', EPOCH, { 'retry-after': '1', 'x-ratelimit-reset': '1700000009' }, NOW + 1000],
    ['no Retry-After: the declared epoch reset', EPOCH, { 'X-RateLimit-Reset': '1700000004' }, 1_700_000_004_000],
    ['no Retry-After: the declared seconds-until reset', SECONDS, { 'x-ratelimit-reset': '3' }, NOW + 3000],
    ['a reset already past means now', EPOCH, { 'X-RateLimit-Reset': '1699999990' }, NOW],
    ['neither: unknown', EPOCH, { 'X-RateLimit-Remaining': '0' }, null],
    ['no reset declared: unknown', USAGE, { 'X-RateLimit-Reset': '1700000004' }, null],
  ])('%s', (_name, spec, headers, expected) => {
    expect(retryAtOf(headers, spec, NOW)).toBe(expected);
  });
});
