import type { OAuthManifest } from '../provider-sdk/manifest';
import type { OAuthCredentials } from '../connections/credentials';

export type TokenResponse = Record<string, unknown>;

/** The secret part of a token response, as stored (encrypted) on the connection. */
export function credentialsFromToken(token: TokenResponse, oauth: OAuthManifest, now: number): OAuthCredentials {
  const expiresIn = Number(token.expires_in);
  const lifetime = Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : oauth.defaultTokenLifetimeSeconds;
  return {
    type: 'oauth2',
    accessToken: String(token.access_token ?? ''),
    refreshToken: typeof token.refresh_token === 'string' && token.refresh_token ? token.refresh_token : null,
    expiresAt: lifetime ? new Date(now + lifetime * 1000).toISOString() : null,
    tokenType: typeof token.token_type === 'string' ? token.token_type : 'bearer',
    obtainedAt: new Date(now).toISOString(),
  };
}

/** The non-secret fields the manifest names (instance_url, api_domain, …), as strings. */
export function metadataFromToken(token: TokenResponse, oauth: OAuthManifest): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const field of oauth.tokenMetadata) {
    const v = token[field];
    if (typeof v === 'string') metadata[field] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') metadata[field] = String(v);
    else if (Array.isArray(v)) metadata[field] = v.map(String).join(oauth.scopeSeparator);
  }
  return metadata;
}

/** Granted scopes: the response's `scope`/`scopes` when present, else what was asked for. */
export function scopesFromToken(token: TokenResponse, oauth: OAuthManifest): string[] {
  const raw = token.scope ?? token.scopes;
  if (Array.isArray(raw)) return raw.map(String);
  if (typeof raw === 'string' && raw.trim()) return raw.split(/[\s,]+/).filter(Boolean);
  return [...oauth.scopes];
}
