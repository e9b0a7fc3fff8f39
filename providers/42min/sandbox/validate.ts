import { ApiError, type Details } from './envelope';
import type { JsonObject } from './model';

/** Small input checks shared by the booking endpoints, each raising the seed's error code. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
/** "RFC-shaped" (seed 003): one @, no spaces, a dot in the domain. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const isUuid = (s: unknown): s is string => typeof s === 'string' && UUID.test(s);

export function isPlainObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Milliseconds of an ISO 8601 timestamp, or null when it is not one. */
export function parseIso(v: unknown): number | null {
  if (typeof v !== 'string' || !ISO_8601.test(v)) return null;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? null : ms;
}

export function isTimezone(v: unknown): v is string {
  if (typeof v !== 'string' || v === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: v });
    return true;
  } catch {
    return false;
  }
}

export const isEmail = (v: unknown): v is string => typeof v === 'string' && v.length <= 254 && EMAIL.test(v);

export function validationError(message: string, details: Details = {}): ApiError {
  return new ApiError(400, 'validation_error', message, details);
}

/** An optional string field with a maximum length (seed 003 field tables). */
export function optionalString(body: JsonObject, field: string, max: number, label = field): string | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || v.length > max) throw validationError(`${label} must be a string of at most ${max} characters.`, { field: label });
  return v;
}

export function bookingNotFound(): ApiError {
  return new ApiError(404, 'booking_not_found', 'Booking not found.');
}
