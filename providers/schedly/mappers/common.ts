import { InvalidInputError } from '../../../src/provider-sdk';
import type { WireId } from './wire';

/** Small pure helpers the mappers share. */

/** Any parseable time → ISO-8601 UTC with milliseconds; null for none or garbage. */
export function isoUtc(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined || raw === '') return null;
  const t = Date.parse(raw);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

export const idString = (id: WireId | null | undefined): string | null =>
  id === null || id === undefined || id === '' ? null : String(id);

export const nonEmpty = (s: string | null | undefined): string | null =>
  typeof s === 'string' && s.trim() !== '' ? s : null;

/**
 * Schedly keeps one `name` per customer. Split as a person's display name usually reads: the
 * first word is the first name, the rest the last name ("Mary Ann van Dyke" → "Mary",
 * "Ann van Dyke"); one word is a first name only.
 */
export function splitName(name: string | null | undefined): { firstName: string | null; lastName: string | null } {
  const clean = (name ?? '').trim().replace(/\s+/g, ' ');
  if (clean === '') return { firstName: null, lastName: null };
  const space = clean.indexOf(' ');
  return space < 0 ? { firstName: clean, lastName: null } : { firstName: clean.slice(0, space), lastName: clean.slice(space + 1) };
}

export function joinName(first: string | null | undefined, last: string | null | undefined): string | null {
  const joined = [first, last].filter((s): s is string => typeof s === 'string' && s.trim() !== '').map((s) => s.trim()).join(' ');
  return joined === '' ? null : joined;
}

/** Unified fields Schedly cannot store are refused rather than dropped (README § Mapping). */
export function refuse(field: string, message: string): never {
  throw new InvalidInputError([{ field, message }]);
}

/** The `providerData` of an input, merged last into the body (the caller's provider-specific fields). */
export function withProviderData(body: Record<string, unknown>, providerData: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!providerData) return body;
  const out = { ...body, ...providerData };
  // customFields from field mappings and from providerData merge key by key, not one replacing the other.
  if (isObject(body.customFields) && isObject(providerData.customFields)) out.customFields = { ...body.customFields, ...providerData.customFields };
  return out;
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * An id sent in a body or filter: Schedly ids are positive integers (README § Wire), sent as
 * numbers; anything else names no Schedly record and is the caller's input error.
 */
export function wireId(value: string, field: string, what: string): number {
  if (!/^[1-9]\d{0,15}$/.test(value)) refuse(field, `must be a Schedly ${what} id (a positive integer)`);
  return Number(value);
}

export const isWireId = (value: string): boolean => /^[1-9]\d{0,15}$/.test(value);
