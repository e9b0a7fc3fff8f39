import { InvalidInputError } from '../../src/provider-sdk';

/**
 * The only way caller input enters a SOQL statement. Salesforce's quoted-string escapes
 * (SOQL reference, "Quoted String Escape Sequences"; reference/providers.md §2.3: `'` and `\`
 * must be escaped) are applied to every string; datetimes are validated and written unquoted,
 * as SOQL requires (§2.2). No other interpolation of caller values is allowed.
 */
const STRING_ESCAPES: Record<string, string> = {
  '\\': '\\\\', "'": "\\'", '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f',
};

/** `O'Brien\` → `'O\'Brien\\'`: a SOQL string literal for an `=`/`IN` comparison. */
export function soqlQuote(value: string): string {
  if (typeof value !== 'string') throw new TypeError('soqlQuote takes a string');
  return `'${value.replace(/[\\'"\n\r\t\b\f]/g, (c) => STRING_ESCAPES[c])}'`;
}

/** `('a', 'b')` for `IN`; an empty list is a caller bug (SOQL rejects `IN ()`). */
export function soqlList(values: readonly string[]): string {
  if (values.length === 0) throw new Error('soqlList needs at least one value');
  return `(${values.map(soqlQuote).join(', ')})`;
}

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * An ISO-8601 instant as an unquoted SOQL datetime literal in UTC (`2026-01-01T00:00:00Z`). SOQL
 * literals carry whole seconds, so sub-second input is rounded outward: `floor` for a lower bound
 * and `ceil` for an upper one keep the range inclusive of the caller's instant.
 */
export function soqlDateTime(value: string, field: string, round: 'floor' | 'ceil' = 'floor'): string {
  const ms = ISO_DATETIME.test(value) ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms)) throw new InvalidInputError([{ field, message: 'must be an ISO-8601 date-time with a time zone' }]);
  const seconds = round === 'floor' ? Math.floor(ms / 1000) : Math.ceil(ms / 1000);
  return `${new Date(seconds * 1000).toISOString().slice(0, 19)}Z`;
}

/**
 * A Salesforce record id: 15 case-sensitive or 18 case-safe alphanumerics (§2.2), optionally of
 * one object (key prefix `003` Contact, `00Q` Lead, `00U` Event). Anything else cannot name a
 * record, so adapters answer *_NOT_FOUND without asking Salesforce.
 */
export function isSalesforceId(id: string, keyPrefix?: string): boolean {
  if (!/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(id)) return false;
  return keyPrefix === undefined || id.slice(0, 3).toUpperCase() === keyPrefix.toUpperCase();
}

export const KEY_PREFIX = { Contact: '003', Lead: '00Q', Event: '00U', Account: '001', User: '005' } as const;

/**
 * `SELECT a, b FROM X WHERE c1 AND c2 ORDER BY … LIMIT n`. Field, object and ORDER BY names are the
 * adapter's constants; conditions must be built with the helpers above.
 */
export function soqlSelect(fields: readonly string[], from: string, where: readonly string[], orderBy?: string, limit?: number): string {
  const clauses = [`SELECT ${fields.join(', ')} FROM ${from}`];
  if (where.length > 0) clauses.push(`WHERE ${where.join(' AND ')}`);
  if (orderBy) clauses.push(`ORDER BY ${orderBy}`);
  if (limit !== undefined) clauses.push(`LIMIT ${Math.trunc(limit)}`);
  return clauses.join(' ');
}
