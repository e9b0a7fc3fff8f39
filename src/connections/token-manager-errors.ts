import { ProviderFailureError } from '../errors';

/**
 * What a failed refresh means. simple-oauth2 rejects with a Boom error carrying the token
 * endpoint's status and parsed body (toolchain.md §3); anything else is a transport failure.
 * Checked by shape, not instanceof: errors may come from another realm under jest.
 */
export type RefreshFailure =
  | { kind: 'invalid_grant'; error: null }
  | { kind: 'rejected' | 'unavailable'; error: ProviderFailureError };

export function refreshFailure(err: unknown, providerId: string): RefreshFailure {
  const e = err as { output?: { statusCode?: number }; data?: { payload?: unknown } } | null;
  const status = e?.output?.statusCode;
  let payload = e?.data?.payload;
  if (Buffer.isBuffer(payload)) payload = payload.toString('utf8');
  if (typeof payload === 'string') { try { payload = JSON.parse(payload); } catch { /* not JSON */ } }
  const code = typeof payload === 'object' && payload !== null ? (payload as { error?: unknown }).error : undefined;
  if (status !== undefined && status >= 400 && status < 500 && code === 'invalid_grant') return { kind: 'invalid_grant', error: null };
  if (status !== undefined && status >= 400 && status < 500) {
    // Our client was refused (invalid_client, …): a configuration problem, not the end user's.
    return { kind: 'rejected', error: new ProviderFailureError('PROVIDER_AUTH_FAILED', {
      message: 'The provider refused the token refresh', details: { providerId, provider: { status, code: typeof code === 'string' ? code : null, message: null } },
    }) };
  }
  return { kind: 'unavailable', error: new ProviderFailureError('PROVIDER_UNAVAILABLE', {
    message: 'The provider\'s token endpoint could not be reached', details: { providerId, reason: 'token_refresh', status: status ?? null },
    retryable: true, countsAsProviderFailure: true,
  }) };
}
