import { sameSignature, type CredentialsCipher } from '../connections/credentials-crypto';
import { InvalidInputError } from '../errors';

/**
 * List cursors (API.md § Conventions): the position plus what the cursor was issued for (connection,
 * resource, filters), signed with an HMAC of the gateway's key. An altered cursor, or one reused
 * with another connection or other filters, is 400 INVALID_INPUT with field "cursor", and never
 * reaches a provider. Signed rather than encrypted: a position is no secret, and signing is cheap.
 */
export function encodeCursor(cipher: CredentialsCipher, position: string, bindTo: string): string {
  const body = Buffer.from(JSON.stringify({ p: position })).toString('base64url');
  return `${body}.${cipher.sign(`${body}|${bindTo}`)}`;
}

export function decodeCursor(cipher: CredentialsCipher, cursor: string, bindTo: string): string {
  const dot = cursor.lastIndexOf('.');
  if (dot > 0 && sameSignature(cursor.slice(dot + 1), cipher.sign(`${cursor.slice(0, dot)}|${bindTo}`))) {
    try {
      const v = JSON.parse(Buffer.from(cursor.slice(0, dot), 'base64url').toString('utf8')) as { p?: unknown };
      if (typeof v.p === 'string') return v.p;
    } catch { /* falls through to the error */ }
  }
  throw new InvalidInputError([{ field: 'cursor', message: 'is not a cursor issued for this list' }], undefined, { field: 'cursor' });
}
