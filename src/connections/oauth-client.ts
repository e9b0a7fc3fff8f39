import { AuthorizationCode, type ModuleOptions } from 'simple-oauth2';
import type { ProviderManifest, OAuth2Scheme } from '../provider-sdk/manifest';
import { authSchemeOf } from '../provider-sdk/manifest';
import type { Mode } from '../store/types';
import type { ProviderEndpoints } from './provider-endpoints';
import type { OAuthClientCredentials } from './oauth-clients';

export interface ProviderOAuth {
  oauth: OAuth2Scheme;
  client: OAuthClientCredentials;
  authorizeUrl: string;
  tokenUrl: string;
  /** The scheme's refreshUrl, or tokenUrl where it has none. */
  refreshUrl: string;
  revokeUrl: string | null;
  /** Authorize URL and code exchange. */
  grant: AuthorizationCode;
  /** Refresh-token grants: the same client, aimed at refreshUrl. */
  refresher: AuthorizationCode;
}

/**
 * The one place simple-oauth2 is configured, from the manifest's oauth2 scheme alone: authorize,
 * token and refresh URLs (mapped onto the sandbox in test mode), client authentication style
 * (`basic` → HTTP Basic header, `body` → form fields) and the scope separator. simple-oauth2
 * wants a host and a path separately.
 */
export function providerOAuth(manifest: ProviderManifest, mode: Mode, endpoints: ProviderEndpoints, client: OAuthClientCredentials): ProviderOAuth {
  const oauth = authSchemeOf(manifest, 'oauth2');
  if (!oauth) throw new Error(`${manifest.id} offers no oauth2 scheme`);
  const authorizeUrl = endpoints.url(manifest, mode, oauth.authorizeUrl);
  const tokenUrl = endpoints.url(manifest, mode, oauth.tokenUrl);
  const refreshUrl = oauth.refreshUrl ? endpoints.url(manifest, mode, oauth.refreshUrl) : tokenUrl;
  const configured = (tokenAt: string): AuthorizationCode => {
    const token = new URL(tokenAt);
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
    return new AuthorizationCode(config);
  };
  const grant = configured(tokenUrl);
  return {
    oauth, client, authorizeUrl, tokenUrl, refreshUrl,
    revokeUrl: oauth.revokeUrl ? endpoints.url(manifest, mode, oauth.revokeUrl) : null,
    grant, refresher: refreshUrl === tokenUrl ? grant : configured(refreshUrl),
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
