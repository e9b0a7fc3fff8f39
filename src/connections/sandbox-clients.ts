import { createHmac } from 'node:crypto';
import type { OAuthClient } from '../provider-sdk/sandbox-kit/oauth-tokens';

export { SANDBOX_ACCOUNT_METADATA } from '../store/connection-metadata';

/** The path of the gateway's own OAuth callback (the redirect URI registered everywhere). */
export const OAUTH_CALLBACK_PATH = '/connect/oauth/callback';

/** Where providers send their webhooks to the gateway (API.md § Change events). */
export const providerWebhookPath = (providerId: string): string => `/webhooks/providers/${encodeURIComponent(providerId)}`;

/**
 * The OAuth client the gateway uses against each sandbox in test mode, registered automatically
 * for the gateway's own callback. Its secret derives from the gateway's sandbox secret, so it is
 * stable across restarts and never configured by hand.
 */
export function sandboxClientFor(providerId: string, sandboxSecret: string, publicUrl: string): OAuthClient {
  return {
    clientId: `gateway-test-${providerId}`,
    clientSecret: createHmac('sha256', sandboxSecret).update(`client:${providerId}`).digest('base64url'),
    redirectUris: [`${publicUrl}${OAUTH_CALLBACK_PATH}`],
    appName: 'Gateway (test mode)',
    // Sandboxes of providers with app-level webhooks (signed with the client secret) send them here.
    webhookUrl: `${publicUrl}${providerWebhookPath(providerId)}`,
  };
}
