import { createHash, randomInt, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Mode } from '../store/types';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const KEY_FORMAT = /^sk_(live|test)_[0-9A-Za-z]{32,128}$/;

/** `length` characters drawn uniformly from base62 (randomInt avoids modulo bias). */
export function randomBase62(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += BASE62[randomInt(62)];
  return out;
}

export function generateApiKey(mode: Mode): string {
  return `sk_${mode}_${randomBase62(40)}`;
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** The mode a well-formed key belongs to, or null when it is malformed. */
export function modeOfKey(key: string): Mode | null {
  const m = KEY_FORMAT.exec(key);
  return m ? (m[1] as Mode) : null;
}

export function constantTimeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Prefixed random id for records (`key_…`, `conn_…`); sortable by nothing, unique by 96 random bits. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
}
