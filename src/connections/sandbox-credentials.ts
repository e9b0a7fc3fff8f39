import { randomBytes } from 'node:crypto';
import { authSchemeOf, type ProviderManifest } from '../provider-sdk/manifest';
import { ProviderFailureError } from '../errors';
import type { ProviderEndpoints } from './provider-endpoints';

/**
 * An API key issued by a provider's sandbox for a sandbox account, through the api_key scheme's
 * `sandboxIssuePath` (SDK contract: `POST { name, scopes, account }` answers 2xx with the key at
 * `data.token` or `token`). Works whether the sandbox is mounted in the gateway or runs elsewhere
 * (SANDBOX_BASE_URL), since it goes over HTTP.
 */
export async function issueSandboxApiKey(endpoints: ProviderEndpoints, manifest: ProviderManifest, account: string): Promise<string> {
  const scheme = authSchemeOf(manifest, 'api_key');
  if (!scheme?.sandboxIssuePath) throw new ProviderFailureError('PROVIDER_ERROR', { message: `The ${manifest.name} sandbox issues no API keys` });
  let res: Response;
  let body: unknown;
  try {
    res = await fetch(`${endpoints.sandboxBase(manifest)}${scheme.sandboxIssuePath}`, {
      method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ name: `gateway-${randomBytes(4).toString('hex')}`, scopes: scheme.scopes ?? [], account }),
      signal: AbortSignal.timeout(10_000),
    });
    body = await res.json().catch(() => null);
  } catch {
    throw new ProviderFailureError('PROVIDER_UNAVAILABLE', { details: { provider: manifest.id }, retryable: true });
  }
  const answer = body as { data?: { token?: unknown }; token?: unknown } | null;
  const key = answer?.data?.token ?? answer?.token;
  if (!res.ok || typeof key !== 'string' || !key) {
    throw new ProviderFailureError('PROVIDER_ERROR', { message: `The ${manifest.name} sandbox did not issue a key`, details: { provider: { status: res.status } } });
  }
  return key;
}

/**
 * The connectionConfig a test-mode connection of this provider needs: a `uri` field named in the
 * base URL template points at the sandbox mount (plus nothing: the template adds any path).
 */
export function sandboxConfig(endpoints: ProviderEndpoints, manifest: ProviderManifest): Record<string, string> {
  const config: Record<string, string> = {};
  for (const [, name] of manifest.api.baseUrl.matchAll(/\{config\.([^}]+)\}/g)) config[name] = endpoints.sandboxBase(manifest);
  return config;
}
