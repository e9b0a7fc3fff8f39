import type { CredentialsCipher } from '../connections/credentials-crypto';
import { InvalidInputError } from '../errors';

/**
 * Opaque list cursors: the last id seen plus the filter they were issued for, sealed with the
 * gateway's AES-GCM key, so an altered cursor or one reused with other filters is refused
 * (API.md § Conventions: 400 INVALID_INPUT, field "cursor").
 */
export function encodeCursor(cipher: CredentialsCipher, afterId: string, bindTo: string): string {
  return cipher.encryptJson({ a: afterId, b: bindTo });
}

export function decodeCursor(cipher: CredentialsCipher, cursor: string, bindTo: string): string {
  try {
    const v = cipher.decryptJson<{ a?: unknown; b?: unknown }>(cursor);
    if (typeof v.a === 'string' && v.b === bindTo) return v.a;
  } catch { /* falls through to the error */ }
  throw new InvalidInputError([{ field: 'cursor', message: 'is not a cursor issued for this list' }], undefined, { field: 'cursor' });
}
