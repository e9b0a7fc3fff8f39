import type { Context } from 'koa';
import { readJson } from '../../../src/provider-sdk';
import { badRequest } from './envelope';

/**
 * Query and body parsing with Pipedrive's validation answers. v2 is strict (booleans are
 * `true/false`, numbers are not coerced from other types, §3.2). The exact wording of Pipedrive's
 * validation messages is not documented; ours follow `Validation failed: <field>: <reason>`.
 */
export type Query = Record<string, string | string[] | undefined>;

export const invalid = (field: string, reason: string): Error => badRequest(`Validation failed: ${field}: ${reason}`);

export function stringParam(q: Query, name: string): string | undefined {
  const v = q[name];
  return Array.isArray(v) ? v[v.length - 1] : v;
}

export function intParam(q: Query, name: string, min = 0): number | undefined {
  const raw = stringParam(q, name);
  if (raw === undefined || raw === '') return undefined;
  if (!/^-?\d+$/.test(raw) || Number(raw) < min) throw invalid(name, `Parameter '${name}' must be an integer >= ${min}`);
  return Number(raw);
}

export function boolParam(q: Query, name: string): boolean | undefined {
  const raw = stringParam(q, name);
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw invalid(name, `Parameter '${name}' must be a boolean`);
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** v2 `updated_since` / `updated_until` (RFC 3339, §3.2). */
export function rfc3339Param(q: Query, name: string): number | undefined {
  const raw = stringParam(q, name);
  if (raw === undefined || raw === '') return undefined;
  if (!RFC3339.test(raw) || Number.isNaN(Date.parse(raw))) throw invalid(name, `Parameter '${name}' must be an RFC 3339 date-time`);
  return Date.parse(raw);
}

/** v1 leads `updated_since` is ISO 8601 (§3.3); the space-separated `YYYY-MM-DD HH:MM:SS` form is accepted as UTC. */
export function iso8601Param(q: Query, name: string): number | undefined {
  const raw = stringParam(q, name);
  if (raw === undefined || raw === '') return undefined;
  const normalized = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(raw) ? `${raw.replace(' ', 'T')}Z` : raw;
  const t = Date.parse(normalized);
  if (Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}/.test(raw)) throw invalid(name, `Parameter '${name}' must be an ISO 8601 date-time`);
  return t;
}

export function enumParam<T extends string>(q: Query, name: string, allowed: readonly T[]): T | undefined {
  const raw = stringParam(q, name);
  if (raw === undefined || raw === '') return undefined;
  if (!(allowed as readonly string[]).includes(raw)) throw invalid(name, `Parameter '${name}' must be one of ${allowed.join(', ')}`);
  return raw as T;
}

/** A JSON object body; anything else is a 400 in the API envelope. */
export async function readBody(ctx: Context): Promise<Record<string, unknown>> {
  let parsed: unknown;
  try { parsed = await readJson(ctx); } catch { throw badRequest('Invalid JSON in request body'); }
  if (parsed === undefined) return {};
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw badRequest('Request body must be a JSON object');
  return parsed as Record<string, unknown>;
}

/** Typed readers for body fields: `undefined` when absent, a 400 when present with the wrong type. */
export const body = {
  string(b: Record<string, unknown>, key: string, nullable = false): string | null | undefined {
    const v = b[key];
    if (v === undefined || (nullable && v === null)) return v as undefined | null;
    if (typeof v !== 'string') throw invalid(key, `Parameter '${key}' must be a string`);
    return v;
  },
  int(b: Record<string, unknown>, key: string, nullable = false): number | null | undefined {
    const v = b[key];
    if (v === undefined || (nullable && v === null)) return v as undefined | null;
    if (typeof v !== 'number' || !Number.isInteger(v)) throw invalid(key, `Parameter '${key}' must be an integer`);
    return v;
  },
  bool(b: Record<string, unknown>, key: string): boolean | undefined {
    const v = b[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') throw invalid(key, `Parameter '${key}' must be a boolean`);
    return v;
  },
  array(b: Record<string, unknown>, key: string): unknown[] | undefined {
    const v = b[key];
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) throw invalid(key, `Parameter '${key}' must be an array`);
    return v;
  },
  object(b: Record<string, unknown>, key: string, nullable = false): Record<string, unknown> | null | undefined {
    const v = b[key];
    if (v === undefined || (nullable && v === null)) return v as undefined | null;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw invalid(key, `Parameter '${key}' must be an object`);
    return v as Record<string, unknown>;
  },
};

/** Rejects a body field whose value does not match a pattern (dates, times). */
export function matchOrThrow(value: string | null | undefined, key: string, pattern: RegExp, format: string): void {
  if (typeof value === 'string' && !pattern.test(value)) throw invalid(key, `Parameter '${key}' must be in ${format} format`);
}
