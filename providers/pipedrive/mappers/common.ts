import { InvalidInputError, NotFoundError, type ErrorCode } from '../../../src/provider-sdk';

type NotFoundCode = Extract<ErrorCode, 'CONTACT_NOT_FOUND' | 'LEAD_NOT_FOUND' | 'MEETING_NOT_FOUND'>;
import type { LabeledValue } from '../../../src/provider-sdk';
import type { PdContactPoint } from './wire';

/**
 * Small pure helpers the mappers share: times to ISO-8601 UTC, Pipedrive's integer ids, contact
 * points, and the refusals for unified fields Pipedrive cannot store.
 */

/** v2 sends RFC 3339, v1 ISO 8601 with ms, legacy v1 `YYYY-MM-DD HH:MM:SS` in UTC (§3.2): all become `…Z`. */
export function utc(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined || raw === '') return null;
  const normalized = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(raw) ? `${raw.replace(' ', 'T')}Z` : raw;
  const t = Date.parse(normalized);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

export const idString = (id: number | string | null | undefined): string | null =>
  id === null || id === undefined ? null : String(id);

/** A record id from a URL: Pipedrive ids are integers, so anything else names no record (a not-found). */
export function recordId(id: string, notFound: NotFoundCode): number {
  if (!/^[1-9]\d{0,15}$/.test(id)) throw new NotFoundError(notFound, { id });
  return Number(id);
}

/** Person, organization, user and activity ids are integers in Pipedrive; v2 does not coerce strings (§3.2). */
export function pdId(value: string, field: string): number {
  if (!/^[1-9]\d{0,15}$/.test(value)) throw new InvalidInputError([{ field, message: 'must be a Pipedrive id (a positive integer)' }]);
  return Number(value);
}

/** The primary entry's value, else the first one's (Pipedrive marks one entry primary, §3.2). */
export function primaryValue(points: PdContactPoint[] | null | undefined): string | null {
  const list = points ?? [];
  return (list.find((p) => p.primary) ?? list[0])?.value ?? null;
}

/** Primary first, then the rest in the provider's order; `label` becomes `type`. */
export function labeled(points: PdContactPoint[] | null | undefined): LabeledValue[] {
  const list = points ?? [];
  const ordered = [...list.filter((p) => p.primary), ...list.filter((p) => !p.primary)];
  return ordered.map((p) => ({ value: p.value, type: p.label ?? null }));
}

/** Unified fields with no Pipedrive counterpart are refused rather than dropped (README § Mapping). */
export function refuse(field: string, message: string): never {
  throw new InvalidInputError([{ field, message }]);
}

/**
 * The core turns `customFields` into a providerData fragment through the account's field mappings
 * (adapter/custom-fields.ts) and removes it from the input; one that still arrives here was not
 * mapped, and is refused rather than dropped.
 */
export function refuseCustomFields(customFields: Record<string, unknown> | undefined): void {
  if (customFields && Object.keys(customFields).length > 0) {
    refuse('customFields', 'unmapped custom fields: map them with PUT /v1/field-mappings, or send custom_fields through providerData');
  }
}
