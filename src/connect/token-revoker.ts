import type { Logger } from '../logging/logger';
import { authSchemeOf, type ProviderManifest } from '../provider-sdk/manifest';
import type { Mode } from '../store/types';
import type { ProviderEndpoints } from '../connections/provider-endpoints';
import type { OAuthClients } from '../connections/oauth-clients';
import type { Credentials } from '../connections/credentials';

/**
 * Revokes a connection's grant at the provider where the manifest names a revoke URL (RFC 7009
 * form post, client authenticated the way the token endpoint wants). Best effort: deleting a
 * connection must not fail because the provider is down, so failures are logged (without the
 * token) and swallowed.
 */
export class TokenRevoker {
  constructor(private readonly endpoints: ProviderEndpoints, private readonly clients: OAuthClients, private readonly logger: Logger) {}

  async revoke(manifest: ProviderManifest, mode: Mode, credentials: Credentials): Promise<boolean> {
    const oauth = authSchemeOf(manifest, 'oauth2');
    if (credentials.type !== 'oauth2' || !oauth?.revokeUrl) return false;
    const client = this.clients.for(manifest, mode);
    if (!client) return false;
    const form = new URLSearchParams({ token: credentials.refreshToken ?? credentials.accessToken });
    form.set('token_type_hint', credentials.refreshToken ? 'refresh_token' : 'access_token');
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    if (oauth.clientAuth === 'basic') {
      headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString('base64')}`;
    } else {
      form.set('client_id', client.clientId);
      form.set('client_secret', client.clientSecret);
    }
    try {
      const res = await fetch(this.endpoints.url(manifest, mode, oauth.revokeUrl), {
        method: 'POST', headers, body: form.toString(), signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer();
      if (!res.ok) this.logger.warn({ provider: manifest.id, status: res.status }, 'token revocation refused by provider');
      return res.ok;
    } catch (err) {
      this.logger.warn({ provider: manifest.id, reason: (err as Error).name }, 'token revocation failed');
      return false;
    }
  }
}
