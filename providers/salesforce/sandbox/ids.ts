import { createHash } from 'node:crypto';

/**
 * Salesforce record ids (reference/providers.md §2.2): a 3-char key prefix, 12 base-62 chars, and
 * (in responses) a 3-char case-safe suffix. The suffix encodes which of the first 15 characters
 * are upper case, so an 18-char id survives case-insensitive handling; 15-char ids are accepted.
 */
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

export const KEY_PREFIX = {
  Contact: '003', Lead: '00Q', Event: '00U', Account: '001', User: '005', EventRelation: '0RE', Organization: '00D', QueryLocator: '01g',
} as const;

function base62(n: number, width: number): string {
  let s = '';
  let v = n;
  for (let i = 0; i < width; i++) { s = BASE62[v % 62] + s; v = Math.floor(v / 62); }
  return s;
}

function suffixOf(id15: string): string {
  let out = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15[chunk * 5 + i];
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    out += SUFFIX[bits];
  }
  return out;
}

export function to18(id15: string): string { return id15 + suffixOf(id15); }

/**
 * Canonical 15-char id of a 15- or 18-char input, or null when it is not a well-formed id. An
 * 18-char id in any letter case is restored from its suffix, as Salesforce does.
 */
export function canonicalId(input: string): string | null {
  if (/^[a-zA-Z0-9]{15}$/.test(input)) return input;
  if (!/^[a-zA-Z0-9]{18}$/.test(input)) return null;
  let restored = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    const bits = SUFFIX.indexOf(input[15 + chunk].toUpperCase());
    if (bits < 0) return null;
    for (let i = 0; i < 5; i++) {
      const c = input[chunk * 5 + i];
      restored += bits & (1 << i) ? c.toUpperCase() : c.toLowerCase();
    }
  }
  return restored;
}

/** Two base-62 "pod" characters derived from the account, so ids differ between sandbox orgs. */
export function podOf(accountId: string): string {
  const h = createHash('sha256').update(`pod:${accountId}`).digest();
  return BASE62[h[0] % 62] + BASE62[h[1] % 62];
}

/** The 18-char id of the n-th record (1-based) of a key prefix in an account. */
export function recordId(prefix: string, pod: string, seq: number): string {
  return to18(`${prefix}${pod}0${base62(seq, 9)}`);
}

/** The org id of an account ("00D…", 18 chars), derived from its id. */
export function orgIdOf(accountId: string): string {
  const h = createHash('sha256').update(`org:${accountId}`).digest();
  let body = '';
  for (let i = 0; i < 12; i++) body += BASE62[h[i] % 62];
  return to18(`${KEY_PREFIX.Organization}${body}`);
}

/** Salesforce's response datetime format: `2024-01-01T00:00:00.000+0000` (§2.2). */
export function sfDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

export function sfDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Accepts ISO 8601 datetimes with Z or a ±hh[:]mm offset, with or without milliseconds. */
export function parseDateTime(s: string): number | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)(Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (!m) return null;
  const zone = m[3] === undefined || m[3] === 'Z' ? 'Z' : `${m[3].slice(0, 3)}:${m[3].slice(-2)}`;
  const t = Date.parse(`${m[1]}T${m[2]}${zone}`);
  return Number.isNaN(t) ? null : t;
}

export function parseDate(s: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return null;
  const t = Date.parse(`${s}T00:00:00Z`);
  return Number.isNaN(t) ? null : t;
}
