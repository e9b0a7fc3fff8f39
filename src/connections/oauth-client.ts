import { AuthorizationCode, type ModuleOptions } from 'simple-oauth2';
import type { ProviderManifest, OAuthManifest } from '../provider-sdk/manifest';
import type { Mode } from '../store/types';
import type { ProviderEndpoints } from '../connections/provider-endpoints';
import type { OAuthClientCredentials } from '../connections/oauth-clients';

export interface ProviderOAuth {
  oauth: OAuthManifest;
  client: OAuthClientCredentials;
  authorizeUrl: string;
  tokenUrl: string;
  revokeUrl: string | null;
  grant: AuthorizationCode;
}

/**
 * simple-oauth2 configured from the manifest alone: token/authorize URLs (mapped onto the sandbox
 * in test mode), client authentication style (`basic` → HTTP Basic header, `body` → form fields)
 * and the scope separator. simple-oauth2 wants a host and a path separately.
 */
export function providerOAuth(manifest: ProviderManifest, mode: Mode, endpoints: ProviderEndpoints, client: OAuthClientCredentials): ProviderOAuth {
  const oauth = manifest.oauth as OAuthManifest;
  const authorizeUrl = endpoints.url(manifest, mode, oauth.authorizeUrl);
  const tokenUrl = endpoints.url(manifest, mode, oauth.tokenUrl);
  const token = new URL(tokenUrl);
  const authorize = new URL(authorizeUrl);
  const config: ModuleOptions = {
    client: { id: client.clientId, secret: client.clientSecret },
    auth: {
      tokenHost: token.origin, tokenPath: `${token.pathname}${token.search}`,
      authorizeHost: authorize.origin, authorizePath: `${authorize.pathname}${authorize.search}`,
    },
    options: { authorizationMethod: oauth.clientAuth === 'basic' ? 'header' : 'body', bodyFormat: 'form', scopeSeparator: oauth.scopeSeparator },
    http: { timeout: Math.min(manifest.api.timeoutMs, 30_000) } as ModuleOptions['http'],
  };
  return {
    oauth, client, authorizeUrl, tokenUrl,
    revokeUrl: oauth.revokeUrl ? endpoints.url(manifest, mode, oauth.revokeUrl) : null,
    grant: new AuthorizationCode(config),
  };
}

/**
 * The provider's OAuth error code from a failed exchange (simple-oauth2 raises Boom errors whose
 * payload is the provider's body). Only a short code-like `error` string is kept: never the body.
 */
export function oauthErrorCode(err: unknown): string | null {
  const payload = (err as { data?: { payload?: unknown } } | null)?.data?.payload;
  let body: unknown = payload;
  if (Buffer.isBuffer(payload)) { try { body = JSON.parse(payload.toString('utf8')); } catch { body = null; } }
  const code = (body as { error?: unknown } | null)?.error;
  return typeof code === 'string' && /^[a-z_]{1,64}$/i.test(code) ? code : null;
}
