import { propertyDef } from './catalog';
import type { HsRecord, ObjectType } from './state';

/**
 * Filter evaluation for POST …/search (reference/providers.md §1.3): filters AND within a group,
 * groups OR'ed. Datetime and number properties compare numerically (a datetime value may be epoch
 * ms or ISO-8601); strings compare case-insensitively, as HubSpot's EQ on email does.
 */
export const OPERATORS = ['EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'BETWEEN', 'IN', 'NOT_IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY',
  'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN'] as const;
export type Operator = (typeof OPERATORS)[number];

export interface Filter { propertyName: string; operator: Operator; value?: unknown; highValue?: unknown; values?: unknown[] }

type Comparable = number | string;

function comparable(type: ObjectType, name: string, value: unknown): Comparable | null {
  if (value === null || value === undefined || value === '') return null;
  const text = String(value);
  const def = propertyDef(type, name);
  if (def?.type === 'datetime') {
    const ms = /^-?\d+$/.test(text) ? Number(text) : Date.parse(text);
    return Number.isFinite(ms) ? ms : null;
  }
  if (def?.type === 'number') return Number(text);
  return text.toLowerCase();
}

const compare = (a: Comparable, b: Comparable): number =>
  typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));

/** CONTAINS_TOKEN matches a whole word, with `*` as a wildcard (e.g. `*@acme.com`). */
function containsToken(haystack: string, token: string): boolean {
  const pattern = token.toLowerCase().split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  if (token.includes('*')) return new RegExp(`^${pattern}$`).test(haystack) || haystack.split(/[\s;,]+/).some((w) => new RegExp(`^${pattern}$`).test(w));
  return haystack.split(/[\s;,@.]+/).includes(token.toLowerCase()) || haystack === token.toLowerCase();
}

export function matchesFilter(type: ObjectType, r: HsRecord, f: Filter): boolean {
  const raw = r.properties[f.propertyName] ?? null;
  const actual = comparable(type, f.propertyName, raw);
  const want = comparable(type, f.propertyName, f.value);
  switch (f.operator) {
    case 'HAS_PROPERTY': return actual !== null;
    case 'NOT_HAS_PROPERTY': return actual === null;
    case 'EQ': return actual !== null && want !== null && compare(actual, want) === 0;
    case 'NEQ': return actual === null || want === null || compare(actual, want) !== 0;
    case 'LT': return actual !== null && want !== null && compare(actual, want) < 0;
    case 'LTE': return actual !== null && want !== null && compare(actual, want) <= 0;
    case 'GT': return actual !== null && want !== null && compare(actual, want) > 0;
    case 'GTE': return actual !== null && want !== null && compare(actual, want) >= 0;
    case 'BETWEEN': {
      const high = comparable(type, f.propertyName, f.highValue);
      return actual !== null && want !== null && high !== null && compare(actual, want) >= 0 && compare(actual, high) <= 0;
    }
    case 'IN':
    case 'NOT_IN': {
      const set = (f.values ?? []).map((v) => comparable(type, f.propertyName, v));
      const hit = actual !== null && set.some((v) => v !== null && compare(actual, v) === 0);
      return f.operator === 'IN' ? hit : !hit;
    }
    case 'CONTAINS_TOKEN': return raw !== null && containsToken(raw.toLowerCase(), String(f.value ?? ''));
    case 'NOT_CONTAINS_TOKEN': return raw === null || !containsToken(raw.toLowerCase(), String(f.value ?? ''));
  }
}

export function sortValue(type: ObjectType, r: HsRecord, name: string): Comparable | null {
  return name === 'hs_object_id' || name === 'id' ? Number(r.id) : comparable(type, name, r.properties[name]);
}
