import { propertyDef } from './catalog';
import { associationsOf } from './associations';
import {
  CREATED_PROPERTY, DEFAULT_PROPERTIES, MODIFIED_PROPERTY, resolveObjectType,
  type AccountState, type HsRecord, type ObjectType, type PropertyValue,
} from './state';

/** `properties=a,b&properties=c` (both forms HubSpot accepts) as a flat list. */
export function parseNameList(raw: string | string[] | undefined): string[] {
  const parts = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return parts.flatMap((p) => p.split(',')).map((p) => p.trim()).filter((p) => p.length > 0);
}

export interface ReadOptions {
  /** Property names asked for; empty means the object's default set (§1.3). */
  properties?: string[];
  /** Object types whose associations to include (`associations=contacts`). */
  associations?: string[];
  /** Extra names always included (the properties a write just set). */
  alsoInclude?: string[];
}

/**
 * The SimplePublicObject shape (§1.3): numeric-string id, string-or-null property values, ISO
 * timestamps. Unknown property names are silently ignored, as HubSpot does.
 */
export function toWire(state: AccountState, type: ObjectType, r: HsRecord, opts: ReadOptions = {}): Record<string, unknown> {
  const asked = (opts.properties ?? []).filter((n) => propertyDef(type, n) !== undefined);
  const names = asked.length > 0
    ? [...asked, 'hs_object_id', CREATED_PROPERTY[type], MODIFIED_PROPERTY[type]]
    : [...DEFAULT_PROPERTIES[type]];
  for (const n of opts.alsoInclude ?? []) if (propertyDef(type, n)) names.push(n);
  const properties: Record<string, PropertyValue> = {};
  for (const n of [...new Set(names)].sort()) properties[n] = r.properties[n] ?? null;
  const out: Record<string, unknown> = { id: r.id, properties, createdAt: r.createdAt, updatedAt: r.updatedAt, archived: r.archived };
  if (r.archivedAt) out.archivedAt = r.archivedAt;
  const assoc: Record<string, { results: { id: string; type: string }[] }> = {};
  for (const raw of opts.associations ?? []) {
    const toType = resolveObjectType(raw);
    if (!toType) continue;
    const results = associationsOf(state, type, r, toType);
    if (results.length > 0) assoc[toType] = { results };
  }
  if (Object.keys(assoc).length > 0) out.associations = assoc;
  return out;
}
