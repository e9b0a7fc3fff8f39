import type { ProviderManifest } from '../provider-sdk/manifest';
import { sandboxUrlFor } from '../provider-sdk/manifest';
import { SANDBOX_MOUNT } from '../sandbox/host';
import type { Mode } from '../store/types';
import { ProviderFailureError } from '../errors';

/**
 * Where a provider lives for a given mode: live mode uses the manifest's real URLs; test mode maps
 * each of them onto the provider's sandbox under the gateway (`<publicUrl>/sandbox/<id>` + real path).
 */
export class ProviderEndpoints {
  /**
   * `sandboxBaseUrl`: a template with `{provider}` for sandboxes served outside the gateway
   * (SANDBOX_BASE_URL); null for the gateway's own mount.
   */
  constructor(private readonly publicUrl: () => string, private readonly sandboxBaseUrl: string | null = null) {}

  sandboxBase(manifest: ProviderManifest): string {
    if (this.sandboxBaseUrl) return this.sandboxBaseUrl.split('{provider}').join(encodeURIComponent(manifest.id));
    return `${this.publicUrl()}${SANDBOX_MOUNT}/${manifest.id}`;
  }

  /** Any live URL of the provider (authorize, token, revoke, API) as seen in `mode`. */
  url(manifest: ProviderManifest, mode: Mode, liveUrl: string): string {
    return mode === 'live' ? liveUrl : sandboxUrlFor(liveUrl, this.sandboxBase(manifest));
  }

  /**
   * The API base for a connection: the token metadata the manifest names (instance_url,
   * api_domain) wins, since the provider told us where this account lives; a base URL template
   * (`{config.baseUrl}/api`) is filled from the connection's config as given, in both modes (the
   * config was validated for the mode: the sandbox mount in test mode, an https host in live).
   */
  apiBase(manifest: ProviderManifest, mode: Mode, metadata: Record<string, string>, config: Record<string, string> = {}): string {
    const fromMetadata = manifest.api.baseUrlFromMetadata ? metadata[manifest.api.baseUrlFromMetadata] : undefined;
    if (fromMetadata) return fromMetadata.replace(/\/$/, '');
    if (manifest.api.baseUrl.startsWith('{')) return fillConfigTemplate(manifest.api.baseUrl, config).replace(/\/$/, '');
    return this.url(manifest, mode, manifest.api.baseUrl).replace(/\/$/, '');
  }
}

/** `{config.baseUrl}/api` with config.baseUrl = `https://x.example/` → `https://x.example/api`. */
export function fillConfigTemplate(template: string, config: Record<string, string>): string {
  return template.replace(/\{config\.([^}]+)\}/g, (_, name: string) => {
    const value = config[name];
    if (!value) throw new ProviderFailureError('PROVIDER_ERROR', { message: `The connection has no config.${name}; reconnect it with one` });
    return value.replace(/\/$/, '');
  });
}
