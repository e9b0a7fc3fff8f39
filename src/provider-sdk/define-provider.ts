import type Koa from 'koa';
import type { ProviderManifest } from './manifest';
import type { SandboxKit, SandboxKitOptions } from './sandbox-kit/kit';
import type { GatewayError } from '../errors/gateway-error';
import type { ProviderErrorResponse } from './http';
import type { AccountIdentity, AdapterContext, CustomFieldAccess, FieldCatalog, PersonLookup, ResourceAdapters } from './adapter';
import type { ProviderWebhooks } from './webhooks';

export type { ProviderErrorResponse } from './http';

/**
 * A provider's sandbox: an emulator of its real API, built as its own Koa app whose routes are the
 * provider's real paths (the host mounts it under /sandbox/<id> or serves it on its own port).
 */
export interface SandboxDefinition {
  /** Token lifetimes and token look-alike prefixes for this provider's OAuth server. */
  kit: Omit<SandboxKitOptions, 'providerId' | 'secret' | 'clients' | 'clock'>;
  create(kit: SandboxKit): Koa;
}

/**
 * The adapter: per-resource capabilities, implemented only where the provider has them (the
 * registry checks them against the manifest). A provider without an adapter advertises its
 * capabilities but nothing routes to it.
 */
export interface ProviderAdapter {
  resources?: ResourceAdapters;
  /** Person lookup by email for enrichment (providers with contacts and/or leads). */
  lookup?: PersonLookup;
  /** The provider's field catalog, for GET /v1/fields and validating field mappings. */
  fields?: FieldCatalog;
  /** Reading and writing mapped custom fields. */
  customFields?: CustomFieldAccess;
  /**
   * Who this connection is at the provider, asked once after it is made or re-authorized (and
   * again on a later use while it is still unknown). A failure never fails the connection.
   */
  identify?(ctx: AdapterContext): Promise<AccountIdentity>;
  /** The provider's webhooks in (verify, parse, subscribe): changes it reports become record events. */
  webhooks?: ProviderWebhooks;
  /**
   * Optional override of the generic provider-response → error factory for bodies only this
   * provider sends (e.g. a 403 that means "rate limited"). Return null to fall back to the factory.
   */
  classifyError?(response: ProviderErrorResponse): GatewayError | null;
}

export interface ProviderDefinition {
  manifest: ProviderManifest;
  adapter?: ProviderAdapter;
  sandbox?: SandboxDefinition;
}

/** Identity function that gives a provider folder's index.ts its types. */
export function defineProvider(def: ProviderDefinition): ProviderDefinition {
  return def;
}
