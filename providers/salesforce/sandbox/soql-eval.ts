import { fail } from './errors';
import { canonicalId, parseDate, parseDateTime } from './ids';
import { findAny, type OrgState, type SfRecord, type SfValue } from './org-state';
import { fieldDef, objectDef, relationshipField, type FieldDef, type ObjectDef } from './schema';
import { locatedError } from './soql-lexer';
import type { Condition, FieldRef, Literal, SoqlQuery } from './soql-parser';

/**
 * Runs a parsed SOQL query against an org: resolves field paths (relationship fields such as
 * Account.Name or Owner.Email, §2.3), type-checks filter values as Salesforce does (datetimes
 * unquoted, strings quoted, ids well-formed), filters, orders, limits and projects the records.
 * String comparisons are case-insensitive, as in SOQL.
 */
interface Hop { field: FieldDef; targets: ObjectDef[] }
export interface Resolved { ref: FieldRef; hops: Hop[]; leaf: FieldDef; names: string[] }

const NO_COLUMN = (col: string, entity: string): string => `No such column '${col}' on entity '${entity}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`;
const NO_RELATION = (rel: string): string => `Didn't understand relationship '${rel}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`;

export function resolveObject(q: SoqlQuery): ObjectDef {
  const obj = objectDef(q.from.name);
  if (!obj) {
    throw locatedError('INVALID_TYPE', q.text, q.from.pos, `sObject type '${q.from.name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`);
  }
  return obj;
}

export function resolveField(q: SoqlQuery, obj: ObjectDef, ref: FieldRef): Resolved {
  let path = ref.path;
  if (path.length > 1 && path[0].toLowerCase() === obj.name.toLowerCase()) path = path.slice(1);
  const hops: Hop[] = [];
  const names: string[] = [];
  let current: ObjectDef[] = [obj];
  for (let k = 0; k < path.length - 1; k++) {
    const rel = current.map((o) => relationshipField(o, path[k])).find((f) => f !== null) ?? null;
    if (!rel) throw locatedError('INVALID_FIELD', q.text, ref.pos, NO_RELATION(path[k]));
    const targets = (rel.referenceTo ?? []).map((n) => objectDef(n)).filter((o): o is ObjectDef => o !== null);
    hops.push({ field: rel, targets });
    names.push(rel.relationshipName as string);
    current = targets;
  }
  const last = path[path.length - 1];
  const leaf = current.map((o) => fieldDef(o, last)).find((f) => f !== null) ?? null;
  if (!leaf) throw locatedError('INVALID_FIELD', q.text, ref.pos, NO_COLUMN(last, current[0]?.name ?? obj.name));
  names.push(leaf.name);
  return { ref, hops, leaf, names };
}

/** The value at the end of a field path, following references (null when a link is empty). */
export function valueOf(org: OrgState, rec: SfRecord, r: Resolved): SfValue {
  let cur: SfRecord | null = rec;
  for (const hop of r.hops) {
    const id: SfValue | undefined = cur[hop.field.name];
    if (typeof id !== 'string') return null;
    cur = findAny(org, hop.targets, id)?.rec ?? null;
    if (!cur) return null;
  }
  return cur[r.leaf.name] ?? null;
}

const STRINGY = new Set(['string', 'email', 'phone', 'url', 'textarea', 'picklist', 'id', 'reference']);
const TYPE_WORD: Record<string, string> = { datetime: 'dateTime', date: 'date', boolean: 'boolean', int: 'double' };

/** Salesforce's check that a filter value has the field's type (e.g. datetimes are not quoted). */
function checkLiteral(q: SoqlQuery, r: Resolved, lit: Literal): void {
  if (lit.kind === 'null') return;
  const t = r.leaf.type;
  const name = r.leaf.name;
  const ok = STRINGY.has(t) ? lit.kind === 'string'
    : t === 'datetime' ? lit.kind === 'datetime'
      : t === 'date' ? lit.kind === 'date'
        : t === 'boolean' ? lit.kind === 'boolean' : lit.kind === 'number';
  if (!ok) {
    const text = STRINGY.has(t)
      ? `value of filter criterion for field '${name}' must be of type string and should be enclosed in quotes`
      : `value of filter criterion for field '${name}' must be of type ${TYPE_WORD[t]} and should not be enclosed in quotes`;
    throw locatedError('INVALID_FIELD', q.text, lit.pos, text);
  }
  if ((t === 'id' || t === 'reference') && lit.kind === 'string' && canonicalId(lit.value) === null) {
    throw locatedError('INVALID_QUERY_FILTER_OPERATOR', q.text, lit.pos, `invalid ID field: ${lit.value}`);
  }
}

/** Comparable form of a stored value or a literal: lowercased strings, canonical ids, epoch ms. */
function comparable(type: string, v: SfValue | undefined): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (type === 'id' || type === 'reference') return canonicalId(String(v)) ?? String(v);
  if (type === 'datetime') return typeof v === 'number' ? v : parseDateTime(String(v));
  if (type === 'date') return typeof v === 'number' ? v : parseDate(String(v));
  if (typeof v === 'string') return v.toLowerCase();
  return v;
}

function literalValue(lit: Literal): SfValue {
  return lit.kind === 'null' ? null : lit.value;
}

function likeRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && (pattern[i + 1] === '%' || pattern[i + 1] === '_')) { re += `\\${pattern[++i]}`; continue; }
    re += c === '%' ? '[\\s\\S]*' : c === '_' ? '[\\s\\S]' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'i');
}

export type Predicate = (rec: SfRecord) => boolean;

export function compileWhere(q: SoqlQuery, obj: ObjectDef, org: OrgState, c: Condition): Predicate {
  switch (c.kind) {
    case 'and': { const ps = c.items.map((x) => compileWhere(q, obj, org, x)); return (r) => ps.every((p) => p(r)); }
    case 'or': { const ps = c.items.map((x) => compileWhere(q, obj, org, x)); return (r) => ps.some((p) => p(r)); }
    case 'not': { const p = compileWhere(q, obj, org, c.item); return (r) => !p(r); }
    case 'in': {
      const f = filterable(q, obj, c.field);
      c.values.forEach((v) => checkLiteral(q, f, v));
      const wanted = c.values.map((v) => comparable(f.leaf.type, literalValue(v)));
      return (r) => wanted.includes(comparable(f.leaf.type, valueOf(org, r, f))) !== c.negate;
    }
    case 'cmp': {
      const f = filterable(q, obj, c.field);
      checkLiteral(q, f, c.value);
      if (c.op === 'like') {
        if (!STRINGY.has(f.leaf.type) || c.value.kind !== 'string') throw locatedError('INVALID_FIELD', q.text, c.field.pos, `invalid operator on field '${f.leaf.name}'`);
        const re = likeRegex(c.value.like);
        return (r) => { const v = valueOf(org, r, f); return typeof v === 'string' && re.test(v); };
      }
      const want = comparable(f.leaf.type, literalValue(c.value));
      const op = c.op;
      return (r) => {
        const have = comparable(f.leaf.type, valueOf(org, r, f));
        // SOQL: `= null` / `!= null` test for emptiness; a null field never satisfies an ordering operator.
        if (op === '=') return have === want;
        if (op === '!=') return have !== want;
        if (have === null || want === null) return false;
        return op === '<' ? have < want : op === '<=' ? have <= want : op === '>' ? have > want : have >= want;
      };
    }
  }
}

function filterable(q: SoqlQuery, obj: ObjectDef, ref: FieldRef): Resolved {
  const r = resolveField(q, obj, ref);
  if (r.leaf.type === 'textarea') throw locatedError('INVALID_FIELD', q.text, ref.pos, `field '${r.leaf.name}' can not be filtered in a query call`);
  return r;
}

export function compareBy(org: OrgState, keys: { r: Resolved; desc: boolean; nullsLast: boolean }[]): (a: SfRecord, b: SfRecord) => number {
  return (a, b) => {
    for (const k of keys) {
      const x = comparable(k.r.leaf.type, valueOf(org, a, k.r));
      const y = comparable(k.r.leaf.type, valueOf(org, b, k.r));
      if (x === y) continue;
      if (x === null) return k.nullsLast ? 1 : -1;
      if (y === null) return k.nullsLast ? -1 : 1;
      const d = x < y ? -1 : 1;
      return k.desc ? -d : d;
    }
    return 0;
  };
}

export function sortable(q: SoqlQuery, obj: ObjectDef, ref: FieldRef): Resolved {
  const r = resolveField(q, obj, ref);
  if (r.leaf.type === 'textarea') throw locatedError('INVALID_FIELD', q.text, ref.pos, `field '${r.leaf.name}' can not be sorted in a query call`);
  return r;
}

/** §2.3 query record shape: `attributes`, fields in select order, relationships as nested records or null. */
export function project(org: OrgState, obj: ObjectDef, rec: SfRecord, fields: Resolved[], version: string): Record<string, unknown> {
  const out: Record<string, unknown> = { attributes: attributes(obj.name, rec.Id as string, version) };
  for (const f of fields) {
    let target = out;
    let cur: SfRecord | null = rec;
    for (const [k, hop] of f.hops.entries()) {
      const name = f.names[k];
      const id: SfValue = cur ? cur[hop.field.name] ?? null : null;
      const found: { obj: ObjectDef; rec: SfRecord } | null = typeof id === 'string' ? findAny(org, hop.targets, id) : null;
      if (!found) { if (!(name in target)) target[name] = null; cur = null; break; }
      if (!target[name]) target[name] = { attributes: attributes(found.obj.name, found.rec.Id as string, version) };
      target = target[name] as Record<string, unknown>;
      cur = found.rec;
    }
    if (cur) target[f.leaf.name] = cur[f.leaf.name] ?? null;
  }
  return out;
}

export function attributes(type: string, id: string, version: string): { type: string; url: string } {
  return { type, url: `/services/data/${version}/sobjects/${type}/${id}` };
}

/** OFFSET is capped at 2,000 (§2.3). */
export function checkOffset(offset: number | null): void {
  if (offset !== null && offset > 2000) throw fail(400, 'NUMBER_OUTSIDE_VALID_RANGE', 'Maximum SOQL offset allowed is 2000');
}
