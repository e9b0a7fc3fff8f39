import type { AuthScheme } from '../provider-sdk/manifest';

/**
 * Puts a connection's credential where its auth scheme says: OAuth access tokens as
 * `Authorization: Bearer <token>`; API keys in the declared header (value template `{key}`) or
 * query parameter. The one place the core knows how a provider authenticates: the provider client
 * and the key verifier both send through it.
 */
export function applyAuth(scheme: AuthScheme, credential: string, url: URL, headers: Record<string, string>): URL {
  if (scheme.type === 'oauth2') {
    headers.authorization = `Bearer ${credential}`;
    return url;
  }
  if (scheme.in === 'query') {
    const u = new URL(url);
    u.searchParams.set(scheme.name, credential);
    return u;
  }
  headers[scheme.name.toLowerCase()] = (scheme.value ?? '{key}').split('{key}').join(credential);
  return url;
}

/** The header a scheme owns, which a caller's passthrough headers may not set (null for query keys). */
export function authHeaderOf(scheme: AuthScheme): string | null {
  if (scheme.type === 'oauth2') return 'authorization';
  return scheme.in === 'header' ? scheme.name.toLowerCase() : null;
}
