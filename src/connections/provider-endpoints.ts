import type { ProviderManifest } from '../provider-sdk/manifest';
import { sandboxUrlFor } from '../provider-sdk/manifest';
import { SANDBOX_MOUNT } from '../sandbox/host';
import type { Mode } from '../store/types';

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
   * api_domain) wins, since the provider told us where this account lives.
   */
  apiBase(manifest: ProviderManifest, mode: Mode, metadata: Record<string, string>): string {
    const fromMetadata = manifest.api.baseUrlFromMetadata ? metadata[manifest.api.baseUrlFromMetadata] : undefined;
    if (fromMetadata) return fromMetadata.replace(/\/$/, '');
    return this.url(manifest, mode, manifest.api.baseUrl).replace(/\/$/, '');
  }
}
