import type { AppDeps } from '../app-deps';
import { UnifiedService } from './unified-service';
import { FieldMappingService } from './field-mappings';
import { FieldCatalogService } from './field-catalog';
import { EnrichService } from '../enrich/enrich-service';
import { enrichSettings } from '../enrich/enrich-settings';

/** The services behind the unified, enrichment and field routes, built once per app and shared. */
export interface UnifiedServices {
  unified: UnifiedService;
  mappings: FieldMappingService;
  catalog: FieldCatalogService;
  enrich: EnrichService;
}

export function createUnifiedServices(deps: AppDeps): UnifiedServices {
  const settings = enrichSettings(deps.config.env);
  const unified = new UnifiedService(deps);
  const mappings = new FieldMappingService(deps);
  return {
    unified,
    mappings,
    catalog: new FieldCatalogService(deps, unified, settings.fieldsTtlMs),
    enrich: new EnrichService(deps, unified, mappings, settings),
  };
}
