import { authSchemeOf, type ProviderManifest } from '../provider-sdk/manifest';
import { applyAuth } from '../provider-http/auth-scheme';
import type { Mode } from '../store/types';
import type { ProviderEndpoints } from '../connections/provider-endpoints';
import { InvalidInputError, ProviderFailureError } from '../errors';
import { retryAtOf } from '../resilience/rate-headers';

/**
 * Checks an API key against the provider before it is stored: one cheap authenticated GET on the
 * api_key scheme's verifyPath, the key sent the way the scheme says, against the API base the
 * connection's config gives. A 401/403 means the key is wrong (the caller's mistake, 400); anything
 * else unexpected is the provider's problem.
 */
export async function verifyApiKey(manifest: ProviderManifest, mode: Mode, endpoints: ProviderEndpoints, apiKey: string,
  config: Record<string, string> = {}): Promise<void> {
  const scheme = authSchemeOf(manifest, 'api_key');
  if (!scheme) throw new ProviderFailureError('PROVIDER_ERROR', { message: 'Provider declares no way to verify an API key' });
  const headers: Record<string, string> = { accept: 'application/json' };
  const verifyPath = scheme.verifyPath;
  const url = applyAuth(scheme, apiKey, new URL(`${endpoints.apiBase(manifest, mode, {}, config)}${verifyPath.startsWith('/') ? '' : '/'}${verifyPath}`), headers);
  let res: Response;
  try {
    res = await fetch(url, {
      headers,
      signal: AbortSignal.timeout(Math.min(manifest.api.timeoutMs, 15_000)),
    });
    await res.arrayBuffer();
  } catch {
    throw new ProviderFailureError('PROVIDER_UNAVAILABLE', { details: { provider: manifest.id }, retryable: true });
  }
  if (res.ok) return;
  if (res.status === 401 || res.status === 403) {
    throw new InvalidInputError([{ field: 'credentials.apiKey', message: 'was rejected by the provider' }]);
  }
  if (res.status === 429) {
    // As for any provider 429: its Retry-After, else the seconds until its declared reset, else 1.
    const now = Date.now();
    const at = retryAtOf(Object.fromEntries(res.headers), manifest.rateLimit.headers, now);
    const seconds = at === null ? 1 : Math.max(1, Math.ceil((at - now) / 1000));
    throw new ProviderFailureError('PROVIDER_RATE_LIMITED', { headers: { 'Retry-After': String(seconds) }, details: { provider: { status: 429 } } });
  }
  throw new ProviderFailureError(res.status >= 500 ? 'PROVIDER_UNAVAILABLE' : 'PROVIDER_ERROR', { details: { provider: { status: res.status } } });
}
