import type { Config } from '../config/config';
import { authSchemeOf, type ProviderManifest } from '../provider-sdk/manifest';
import type { Mode } from '../store/types';
import { sandboxClientFor, OAUTH_CALLBACK_PATH } from './sandbox-clients';

export interface OAuthClientCredentials { clientId: string; clientSecret: string; redirectUri: string }

/**
 * The OAuth client the gateway presents to a provider: live mode reads the env names the manifest
 * declares; test mode uses the client registered automatically in the provider's sandbox.
 */
export class OAuthClients {
  constructor(private readonly config: Config, private readonly sandboxSecret: string) {}

  /** Null when live credentials are not configured for this provider. */
  for(manifest: ProviderManifest, mode: Mode): OAuthClientCredentials | null {
    const redirectUri = `${this.config.publicUrl}${OAUTH_CALLBACK_PATH}`;
    if (mode === 'test') {
      const c = sandboxClientFor(manifest.id, this.sandboxSecret, this.config.publicUrl);
      return { clientId: c.clientId, clientSecret: c.clientSecret, redirectUri };
    }
    const oauth = authSchemeOf(manifest, 'oauth2');
    if (!oauth) return null;
    const clientId = this.config.env[oauth.clientIdEnv];
    const clientSecret = this.config.env[oauth.clientSecretEnv];
    return clientId && clientSecret ? { clientId, clientSecret, redirectUri } : null;
  }
}
