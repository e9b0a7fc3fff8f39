import { fail, jsonParserError, requiredMissing } from './errors';
import { canonicalId, parseDate, parseDateTime, sfDateTime, to18 } from './ids';
import { findAny, type OrgState, type SfRecord, type SfValue } from './org-state';
import { fieldDef, objectDef, type FieldDef, type ObjectDef } from './schema';

/**
 * Checks and converts a create/update body the way Salesforce does (reference/providers.md §2.7):
 * unknown fields are INVALID_FIELD, read-only ones INVALID_FIELD_FOR_INSERT_UPDATE, values are
 * coerced by field type (datetimes stored as `…000+0000`, ids as 18 chars), empty strings become
 * null, and required fields are REQUIRED_FIELD_MISSING. Returns the changes keyed by canonical name.
 */
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Restricted picklists (values outside the list are rejected); the others accept any value. */
const RESTRICTED = new Set(['Lead.Status', 'EventRelation.Status', 'Event.ShowAs']);

export type WriteMode = 'create' | 'update';

export function parseBody(raw: unknown): Record<string, unknown> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw jsonParserError('Cannot deserialize instance of sObject from non-object value at [line:1, column:1]');
  }
  return raw as Record<string, unknown>;
}

export function validateWrite(org: OrgState, obj: ObjectDef, body: Record<string, unknown>, mode: WriteMode): SfRecord {
  const out: SfRecord = {};
  const readOnly: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (key === 'attributes') continue;
    const f = fieldDef(obj, key);
    if (!f) throw fail(400, 'INVALID_FIELD', `No such column '${key}' on sobject of type ${obj.name}`);
    if (mode === 'create' ? !f.createable : !f.updateable) { readOnly.push(f.name); continue; }
    out[f.name] = coerce(org, obj, f, value);
  }
  if (readOnly.length) {
    throw fail(400, 'INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`, readOnly);
  }
  const missing = obj.fields
    .filter((f) => (mode === 'create' ? f.required && (out[f.name] === undefined || out[f.name] === null) : !f.nillable && out[f.name] === null))
    .map((f) => f.name);
  if (missing.length) throw requiredMissing(missing);
  return out;
}

function coerce(org: OrgState, obj: ObjectDef, f: FieldDef, value: unknown): SfValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') throw jsonParserError(`Cannot deserialize instance of ${f.type} from START_OBJECT value [line:1] for field ${f.name}`);
  switch (f.type) {
    case 'boolean':
      if (typeof value !== 'boolean') throw jsonParserError(`Cannot deserialize instance of boolean from VALUE_STRING value ${String(value)} or request may be missing a required field`);
      return value;
    case 'int': {
      const n = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(n) || String(value).trim() === '') throw jsonParserError(`Cannot deserialize instance of int from VALUE_STRING value ${String(value)} or request may be missing a required field`);
      return Math.trunc(n);
    }
    case 'datetime': {
      const ms = typeof value === 'string' ? parseDateTime(value) : null;
      if (ms === null) throw jsonParserError(`Cannot deserialize instance of datetime from VALUE_STRING value ${String(value)} or request may be missing a required field`);
      return sfDateTime(ms);
    }
    case 'date': {
      const ms = typeof value === 'string' ? parseDate(value) ?? parseDateTime(value) : null;
      if (ms === null) throw jsonParserError(`Cannot deserialize instance of date from VALUE_STRING value ${String(value)} or request may be missing a required field`);
      return new Date(ms).toISOString().slice(0, 10);
    }
    case 'reference': return reference(org, f, String(value));
    default: return text(obj, f, String(value));
  }
}

function text(obj: ObjectDef, f: FieldDef, s: string): SfValue {
  if (s === '') return null;
  if (f.length && s.length > f.length) {
    throw fail(400, 'STRING_TOO_LONG', `${f.label}: data value too large: ${s} (max length=${f.length})`, [f.name]);
  }
  if (f.type === 'email' && !EMAIL_RE.test(s)) throw fail(400, 'INVALID_EMAIL_ADDRESS', `${f.label}: invalid email address: ${s}`, [f.name]);
  if (f.type === 'picklist' && RESTRICTED.has(`${obj.name}.${f.name}`) && !(f.picklist ?? []).includes(s)) {
    throw fail(400, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${f.label}: bad value for restricted picklist field: ${s}`, [f.name]);
  }
  return s;
}

/** A lookup must be a well-formed id of a referenced type that exists (and is not deleted) in the org. */
function reference(org: OrgState, f: FieldDef, s: string): SfValue {
  if (s === '') return null;
  const id = canonicalId(s);
  if (!id) throw fail(400, 'MALFORMED_ID', `${f.label}: id value of incorrect type: ${s}`, [f.name]);
  const targets = (f.referenceTo ?? []).map((n) => objectDef(n)).filter((o): o is ObjectDef => o !== null);
  if (!targets.some((t) => id.startsWith(t.keyPrefix))) {
    throw fail(400, 'FIELD_INTEGRITY_EXCEPTION', `${f.label}: id value of incorrect type: ${s}`, [f.name]);
  }
  const found = findAny(org, targets, id);
  if (!found || found.rec.IsDeleted === true) {
    throw fail(400, 'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY', 'insufficient access rights on cross-reference id', []);
  }
  return to18(id);
}

/** Values a new record gets when the body leaves them out: defaults, false booleans, the session user as owner. */
export function defaultsFor(obj: ObjectDef, userId: string): SfRecord {
  const out: SfRecord = {};
  for (const f of obj.fields) {
    if (f.name === 'Id' || f.name === 'Name') continue;
    if (f.name === 'OwnerId') out.OwnerId = userId;
    else if (f.defaultValue !== undefined) out[f.name] = f.defaultValue;
    else if (f.type === 'boolean') out[f.name] = false;
    else out[f.name] = null;
  }
  delete out.CreatedDate;
  delete out.LastModifiedDate;
  delete out.SystemModstamp;
  return out;
}
