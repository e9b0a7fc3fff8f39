import { propertyDef } from './catalog';
import type { HubspotErrorDetail } from './errors';
import type { AccountState, ObjectType, PropertyValue } from './state';

/**
 * Validates and coerces the `properties` of a create or update the way HubSpot stores them: every
 * value becomes a string (or null when cleared with ""), datetimes become ISO-8601 UTC, unknown or
 * read-only names and values outside a dropdown's options are rejected (error codes as HubSpot
 * names them; exact texts UNCONFIRMED).
 */
export type WriteResult = { ok: true; values: Record<string, PropertyValue> } | { ok: false; errors: HubspotErrorDetail[] };

const err = (name: string, code: string, message: string): HubspotErrorDetail =>
  ({ message, code, context: { propertyName: [name] } });

function coerce(state: AccountState, type: ObjectType, name: string, raw: unknown): { value: PropertyValue } | { error: HubspotErrorDetail } {
  const def = propertyDef(type, name);
  if (!def) return { error: err(name, 'PROPERTY_DOESNT_EXIST', `Property "${name}" does not exist`) };
  if (def.readOnly) return { error: err(name, 'READ_ONLY_VALUE', `"${name}" is a read only property; its value cannot be set.`) };
  if (raw === null || raw === '') return { value: null };
  if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') {
    return { error: err(name, 'INVALID_PROPERTY_VALUE', `${JSON.stringify(raw)} is not a valid value for ${name}`) };
  }
  const text = String(raw);
  switch (def.type) {
    case 'datetime': {
      const ms = /^-?\d+$/.test(text) ? Number(text) : Date.parse(text);
      if (!Number.isFinite(ms)) return { error: err(name, 'INVALID_DATE', `${text} was not a valid date-time`) };
      return { value: new Date(ms).toISOString() };
    }
    case 'number':
      if (!Number.isFinite(Number(text))) return { error: err(name, 'INVALID_INTEGER', `${text} was not a valid number`) };
      return { value: text };
    case 'enumeration':
      if (name === 'hubspot_owner_id' && !state.owners.some((o) => o.id === text)) {
        return { error: err(name, 'INVALID_OWNER_ID', `No owner with id ${text}`) };
      }
      if (def.options && !def.options.includes(text)) {
        return { error: err(name, 'INVALID_OPTION', `${text} was not one of the allowed options: [${def.options.join(', ')}]`) };
      }
      return { value: text };
    default:
      return { value: text };
  }
}

export function coerceProperties(state: AccountState, type: ObjectType, input: unknown): WriteResult {
  if (input === undefined) return { ok: true, values: {} };
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, errors: [{ message: 'properties must be an object of property names to values', code: 'INVALID_PROPERTY_VALUE' }] };
  }
  const values: Record<string, PropertyValue> = {};
  const errors: HubspotErrorDetail[] = [];
  for (const [name, raw] of Object.entries(input as Record<string, unknown>)) {
    const r = coerce(state, type, name, raw);
    if ('error' in r) errors.push(r.error); else values[name] = r.value;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, values };
}

/** The contact that already holds this email (case-insensitive), for HubSpot's 409 on duplicates. */
export function contactWithEmail(state: AccountState, email: string, exceptId?: string): string | null {
  const wanted = email.toLowerCase();
  for (const c of state.objects.contacts.values()) {
    if (!c.archived && c.id !== exceptId && (c.properties.email ?? '').toLowerCase() === wanted) return c.id;
  }
  return null;
}
