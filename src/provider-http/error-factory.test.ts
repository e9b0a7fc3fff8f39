import { GatewayError } from '../errors';
import { providerError, providerSummary, transportError, type ProviderCallError } from './error-factory';

const res = (status: number, body: unknown, headers: Record<string, string> = {}) => ({ status, body, headers });
const opts = { providerId: 'p1' };

describe('provider error factory', () => {
  it.each<[number, string, boolean, boolean]>([
    [401, 'PROVIDER_AUTH_FAILED', false, false],
    [403, 'PROVIDER_ERROR', false, false],
    [404, 'PROVIDER_ERROR', false, false],
    [409, 'PROVIDER_CONFLICT', false, false],
    [400, 'INVALID_INPUT', false, false],
    [422, 'INVALID_INPUT', false, false],
    [429, 'PROVIDER_RATE_LIMITED', true, false],
    [500, 'PROVIDER_UNAVAILABLE', true, true],
    [503, 'PROVIDER_UNAVAILABLE', true, true],
  ])('%i → %s (retryable %s, breaker %s)', (status, code, retryable, counts) => {
    const err = providerError(res(status, { message: 'nope' }), opts);
    expect(err.code).toBe(code);
    expect(err.retryable).toBe(retryable);
    expect(err.countsAsProviderFailure).toBe(counts);
  });

  it('404 takes the record kind the caller names', () => {
    expect(providerError(res(404, {}), { ...opts, notFoundCode: 'CONTACT_NOT_FOUND' }).code).toBe('CONTACT_NOT_FOUND');
  });

  it('429 carries Retry-After (at least 1 s) as header and detail', () => {
    const err = providerError(res(429, {}, { 'retry-after': '7' }), opts);
    expect(err.headers['Retry-After']).toBe('7');
    expect(err.details.retryAfterSeconds).toBe(7);
    expect(providerError(res(429, {}), opts).headers['Retry-After']).toBe('1');
  });

  it('429 without Retry-After tells the caller the seconds until the declared reset, and keeps the instant', () => {
    const now = 1_700_000_000_200;
    const rateHeaders = { reset: { name: 'X-RateLimit-Reset', format: 'epoch_seconds' as const } };
    const err = providerError(res(429, {}, { 'x-ratelimit-reset': '1700000006' }), { ...opts, rateHeaders, now }) as ProviderCallError;
    expect(err.headers['Retry-After']).toBe('6'); // 5.8 s, rounded up
    expect(err.details.retryAfterSeconds).toBe(6);
    expect(err.retryAt).toBe(1_700_000_006_000);
    // Undeclared, the same header means nothing: 1 s as before.
    expect(providerError(res(429, {}, { 'x-ratelimit-reset': '1700000006' }), { ...opts, now }).headers['Retry-After']).toBe('1');
  });

  it('keeps only whitelisted fields, from objects, nested error objects and arrays', () => {
    expect(providerSummary(res(400, { status: 'error', message: 'Bad', category: 'VALIDATION_ERROR', secretField: 'x' })))
      .toEqual({ status: 400, code: 'VALIDATION_ERROR', message: 'Bad' });
    expect(providerSummary(res(400, [{ errorCode: 'MALFORMED_QUERY', message: 'bad soql' }])))
      .toEqual({ status: 400, code: 'MALFORMED_QUERY', message: 'bad soql' });
    expect(providerSummary(res(400, { success: false, error: 'Request over limit' })))
      .toEqual({ status: 400, code: 'Request over limit', message: 'Request over limit' });
    expect(providerSummary(res(400, '<html>oops</html>'))).toEqual({ status: 400, code: null, message: null });
    const err = providerError(res(400, { message: 'm', extra: { token: 'abc' } }), opts);
    expect(JSON.stringify(err.details)).not.toContain('extra');
  });

  it('never leaks a token', () => {
    const token = 'tok_0123456789abcdef';
    const err = providerError(res(400, { message: `token ${token} is bad; Authorization: Bearer other-secret-value` }), { ...opts, secrets: [token] });
    const text = JSON.stringify(err.details);
    expect(text).not.toContain(token);
    expect(text).not.toContain('other-secret-value');
  });

  it('a provider classifier wins, and falling back is null', () => {
    const custom = new GatewayError('PROVIDER_RATE_LIMITED', { retryable: true });
    const classify = (r: { status: number }) => (r.status === 403 ? custom : null);
    expect(providerError(res(403, {}), { ...opts, classify })).toBe(custom);
    expect(providerError(res(409, {}), { ...opts, classify }).code).toBe('PROVIDER_CONFLICT');
  });

  it('transport failures are retryable provider faults', () => {
    const t = transportError('p1', 'timeout', true);
    expect(t).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true, countsAsProviderFailure: true, mayHaveReachedProvider: true });
    expect(transportError('p1', 'network', false).mayHaveReachedProvider).toBe(false);
  });
});

describe('provider validation errors', () => {
  it('become INVALID_INPUT carrying the provider summary', () => {
    const err = providerError(res(400, { message: 'Email is invalid', category: 'VALIDATION_ERROR' }), opts);
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.status).toBe(400);
    expect(err.details).toMatchObject({
      errors: [{ field: 'provider', message: 'Email is invalid' }],
      provider: { status: 400, code: 'VALIDATION_ERROR', message: 'Email is invalid' },
    });
  });
});
