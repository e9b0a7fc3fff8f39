import type { Scope, FieldMapping } from '../store/types';
import type { AppDeps } from '../app-deps';
import type { ResourceName } from '../provider-sdk/manifest';
import type { ProviderDefinition } from '../provider-sdk/define-provider';
import { InvalidInputError } from '../errors';
import { TtlCache } from '../shared/ttl-cache';

/** How long another process's mapping change may take to be seen here. */
const MAPPING_CACHE_MS = 5_000;

type WithCustom = { customFields?: Record<string, unknown>; providerData?: Record<string, unknown> };

/**
 * Account-wide field mappings (`customFields` key → provider field): read on every unified read and
 * write, so they are cached briefly; this process drops its copy as soon as it changes one.
 */
export class FieldMappingService {
  private readonly cache = new TtlCache<Record<string, string>>(10_000);

  constructor(private readonly deps: AppDeps) {}

  async mappings(scope: Scope, provider: string, resource: ResourceName): Promise<Record<string, string>> {
    const key = this.key(scope, provider, resource);
    const hit = this.cache.get(key);
    if (hit) return hit;
    const found = (await this.deps.store.fieldMappings.get(scope, provider, resource))?.mappings ?? {};
    this.cache.set(key, found, MAPPING_CACHE_MS);
    return found;
  }

  async put(scope: Scope, provider: string, resource: ResourceName, mappings: Record<string, string>): Promise<FieldMapping> {
    const saved = await this.deps.store.fieldMappings.put({ ...scope, provider, resource, mappings, updatedAt: new Date().toISOString() });
    this.cache.delete(this.key(scope, provider, resource));
    return saved;
  }

  async delete(scope: Scope, provider: string, resource: ResourceName): Promise<boolean> {
    this.cache.delete(this.key(scope, provider, resource));
    return this.deps.store.fieldMappings.delete(scope, provider, resource);
  }

  /** Fills `customFields` of a record from its remoteData through the mapping. */
  readInto<R extends { customFields: Record<string, unknown>; remoteData?: unknown }>(
    definition: ProviderDefinition, resource: ResourceName, mappings: Record<string, string>, record: R,
  ): R {
    const access = definition.adapter?.customFields;
    const entries = Object.entries(mappings);
    if (!access || entries.length === 0) return record;
    const customFields: Record<string, unknown> = {};
    for (const [key, field] of entries) customFields[key] = access.read(resource, record.remoteData, field) ?? null;
    return { ...record, customFields };
  }

  /**
   * Turns an input's `customFields` into the provider's fields, merged into `providerData` (the
   * adapter already sends providerData). An unmapped key is INVALID_INPUT naming it.
   */
  writeInput<I extends WithCustom>(definition: ProviderDefinition, resource: ResourceName, mappings: Record<string, string>, input: I): I {
    const { customFields, ...rest } = input;
    if (!customFields || Object.keys(customFields).length === 0) return rest as I;
    const access = definition.adapter?.customFields;
    const unmapped = Object.keys(customFields).filter((k) => !(k in mappings));
    if (unmapped.length > 0 || !access) {
      const keys = unmapped.length > 0 ? unmapped : Object.keys(customFields);
      throw new InvalidInputError(keys.map((k) => ({ field: `customFields.${k}`, message: `has no field mapping for ${definition.manifest.id} ${resource}` })));
    }
    const values: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(customFields)) values[mappings[key]] = value;
    return { ...rest, providerData: deepMerge(rest.providerData ?? {}, access.write(resource, values)) } as I;
  }

  private key(scope: Scope, provider: string, resource: string): string {
    return `${scope.accountId}|${scope.mode}|${provider}|${resource}`;
  }
}

/** Objects merge key by key; anything else from `b` replaces `a`. */
export function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] = isPlainObject(prev) && isPlainObject(v) ? deepMerge(prev, v) : v;
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
