import { ApiError, type FieldError } from './envelope';
import type { CustomField, JsonObject } from './model';

/** Body checks that collect every failing field, so one 422 lists them all (as the seed's example). */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const isEmail = (v: unknown): v is string => typeof v === 'string' && v.length <= 254 && EMAIL.test(v);
export const isDate = (v: unknown): v is string => typeof v === 'string' && DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class Checks {
  readonly errors: FieldError[] = [];
  fail(field: string, message: string): void { this.errors.push({ field, message }); }
  /** Throws the 422 when any check failed. */
  done(): void {
    if (this.errors.length > 0) throw new ApiError('VALIDATION_ERROR', 'Invalid request parameters', this.errors);
  }
}

export function requireObject(body: unknown): JsonObject {
  if (!isObject(body)) throw ApiError.invalid('body', 'Must be a JSON object');
  return body;
}

/** An optional nullable string of at most `max` characters. */
export function optString(c: Checks, body: JsonObject, field: string, max = 1000): void {
  const v = body[field];
  if (v !== undefined && v !== null && (typeof v !== 'string' || v.length > max)) c.fail(field, `Must be a string of at most ${max} characters`);
}

/** Custom-field values against the catalog; `null` is allowed only where it means "remove" (updates). */
export function checkCustomFields(c: Checks, catalog: readonly CustomField[], v: unknown, allowNull: boolean): void {
  if (v === undefined) return;
  if (!isObject(v)) { c.fail('customFields', 'Must be an object keyed by custom field key'); return; }
  for (const [key, value] of Object.entries(v)) {
    const field = catalog.find((f) => f.key === key);
    const path = `customFields.${key}`;
    if (!field) { c.fail(path, 'Unknown custom field'); continue; }
    if (value === null) { if (!allowNull) c.fail(path, 'Must not be null'); continue; }
    const ok = field.type === 'text' ? typeof value === 'string'
      : field.type === 'number' ? typeof value === 'number' && Number.isFinite(value)
        : field.type === 'boolean' ? typeof value === 'boolean'
          : field.type === 'date' ? isDate(value)
            : typeof value === 'string' && field.options.includes(value);
    if (!ok) c.fail(path, field.type === 'select' ? `Must be one of: ${field.options.join(', ')}` : `Must be a ${field.type === 'date' ? 'date (YYYY-MM-DD)' : field.type}`);
  }
}
