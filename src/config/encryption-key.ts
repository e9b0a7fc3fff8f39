/**
 * The format of an encryption key as configured (ENCRYPTION_KEY, key files): 32 bytes, written as
 * 64 hex digits or as base64. Here, below both the configuration check and the cipher, so that
 * config never imports the connections layer that uses the key.
 */
export function decodeKey(text: string): Buffer | null {
  const trimmed = text.trim();
  const key = /^[A-Fa-f0-9]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  return key.length === 32 ? key : null;
}
