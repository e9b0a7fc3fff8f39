import type { OAuth2Scheme } from '../provider-sdk/manifest';
import type { OAuthCredentials } from './credentials';

export type TokenResponse = Record<string, unknown>;

/** What a token response becomes on the connection: the sealed secret part, and the non-secret rest. */
export interface TokenGrant {
  credentials: OAuthCredentials;
  /** The token metadata the scheme names (instance_url, api_domain, …), as strings. */
  metadata: Record<string, string>;
  scopes: string[];
}

/**
 * The one reading of a token response, for the code exchange (no `previous`) and for a refresh
 * (`previous` = what the connection held): expiry from expires_in or the scheme's assumed lifetime,
 * the refresh token as the scheme's rotation rule says, metadata merged over the previous.
 */
export function grantFromToken(token: TokenResponse, oauth: OAuth2Scheme, now: number,
  previous?: { credentials: OAuthCredentials; metadata: Record<string, string> }): TokenGrant {
  const expiresIn = Number(token.expires_in);
  const lifetime = Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : oauth.defaultTokenLifetimeSeconds;
  const issued = typeof token.refresh_token === 'string' && token.refresh_token ? token.refresh_token : null;
  // simple-oauth2 5.1.0 drops the old refresh token when the response has none (toolchain.md §3): keep ours.
  const refreshToken = previous && (oauth.refreshTokenRotation === 'never' || !issued) ? previous.credentials.refreshToken : issued;
  const credentials: OAuthCredentials = {
    type: 'oauth2',
    accessToken: String(token.access_token ?? ''),
    refreshToken,
    expiresAt: lifetime ? new Date(now + lifetime * 1000).toISOString() : null,
    tokenType: typeof token.token_type === 'string' ? token.token_type : previous?.credentials.tokenType ?? 'bearer',
    obtainedAt: new Date(now).toISOString(),
  };
  return { credentials, metadata: { ...previous?.metadata, ...metadataFromToken(token, oauth) }, scopes: scopesFromToken(token, oauth) };
}

/** True when a refresh under a rotating scheme came back without the new refresh token it promised. */
export function missedRotation(token: TokenResponse, oauth: OAuth2Scheme): boolean {
  return oauth.refreshTokenRotation === 'always' && !(typeof token.refresh_token === 'string' && token.refresh_token);
}

function metadataFromToken(token: TokenResponse, oauth: OAuth2Scheme): Record<string, string> {
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
function scopesFromToken(token: TokenResponse, oauth: OAuth2Scheme): string[] {
  const raw = token.scope ?? token.scopes;
  if (Array.isArray(raw)) return raw.map(String);
  if (typeof raw === 'string' && raw.trim()) return raw.split(/[\s,]+/).filter(Boolean);
  return [...oauth.scopes];
}
