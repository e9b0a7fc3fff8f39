import { createHash, randomBytes } from 'node:crypto';

/** Random bearer-style secrets with a readable prefix (`ct_…`, `whsec_…`); only their hash is stored where possible. */
export function randomSecret(prefix: string, bytes = 24): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

/** Hex SHA-256, the form in which connect tokens and OAuth states are stored. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function randomId(prefix: string): string {
  return `${prefix}${randomBytes(12).toString('hex')}`;
}
