import type { AppDeps } from '../app-deps';
import type { Connection } from '../store/types';
import type { ResourceName } from '../provider-sdk/manifest';
import type { FieldInfo } from '../provider-sdk/adapter';
import type { ProviderDefinition } from '../provider-sdk/define-provider';
import { UnsupportedResourceError } from '../errors';
import { TtlCache } from '../shared/ttl-cache';
import type { UnifiedService } from './unified-service';

/** The provider's field catalog per connection and resource, cached (it changes rarely). */
export class FieldCatalogService {
  private readonly cache = new TtlCache<FieldInfo[]>(5_000);

  constructor(private readonly deps: AppDeps, private readonly unified: UnifiedService, private readonly ttlMs: number) {}

  async fields(definition: ProviderDefinition, connection: Connection, resource: ResourceName): Promise<FieldInfo[]> {
    const catalog = definition.adapter?.fields;
    if (!catalog || !definition.manifest.resources[resource]) {
      throw new UnsupportedResourceError({ provider: definition.manifest.id, resource, operation: 'fields' });
    }
    const key = `${connection.id}|${resource}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const fields = await catalog.fields(this.unified.context({ definition, connection }, null), resource);
    this.cache.set(key, fields, this.ttlMs);
    return fields;
  }
}
