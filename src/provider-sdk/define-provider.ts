import type Koa from 'koa';
import type { ProviderManifest, ResourceName } from './manifest';
import type { SandboxKit, SandboxKitOptions } from '../sandbox/kit';

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
 * The adapter: per-resource capabilities, implemented only where the provider has them.
 * Shapes of the operations arrive with the unified-resources work; until then a provider
 * advertises its capabilities in the manifest and nothing routes to it.
 */
export interface ProviderAdapter {
  resources?: Partial<Record<ResourceName, Record<string, unknown>>>;
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
