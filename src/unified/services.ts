import type { AppDeps } from '../app-deps';
import { UnifiedService } from './unified-service';
import { FieldMappingService } from './field-mappings';
import { gatewayWriteEvents } from './write-events';
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
  const mappings = new FieldMappingService(deps);
  // Every confirmed unified write becomes a change event (API.md § Change events, source "gateway").
  const unified = new UnifiedService(deps, gatewayWriteEvents(deps, mappings));
  return {
    unified,
    mappings,
    catalog: new FieldCatalogService(deps, unified, settings.fieldsTtlMs),
    enrich: new EnrichService(deps, unified, mappings, settings),
  };
}
