import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { decodeKey } from '../config/encryption-key';

/**
 * AES-256-GCM for credentials at rest. Each value gets a fresh 12-byte IV; the key id travels with
 * the ciphertext (`v1.<kid>.<iv>.<tag>.<data>`) so keys can rotate: old values stay readable while
 * the old key is still configured as a previous key.
 */
export class DecryptionError extends Error {}

export interface CredentialsCipher {
  encrypt(plaintext: string): string;
  decrypt(sealed: string): string;
  encryptJson(value: unknown): string;
  decryptJson<T>(sealed: string): T;
  /**
   * The same plaintext sealed under the current key (key rotation); a value already under the
   * current key comes back unchanged, so callers write only what differs.
   */
  reseal(sealed: string): string;
  /** HMAC-SHA256 (hex) under a key derived from the current key: for signed, readable tokens such as cursors. */
  sign(data: string): string;
  readonly keyId: string;
}

export const keyIdOf = (key: Buffer): string => createHash('sha256').update(key).digest('hex').slice(0, 8);

/** The key id a sealed value names (`v1.<kid>.…`), or null when it is not one of ours. */
export function sealedKeyId(sealed: string): string | null {
  const [version, kid] = sealed.split('.', 2);
  return version === 'v1' && kid ? kid : null;
}

export function parseKey(text: string): Buffer {
  const key = decodeKey(text);
  if (key === null) throw new DecryptionError('ENCRYPTION_KEY must be 32 bytes (base64 or hex)');
  return key;
}

export function createCipher(current: Buffer, previous: Buffer[] = []): CredentialsCipher {
  const keys = new Map<string, Buffer>([[keyIdOf(current), current], ...previous.map((k) => [keyIdOf(k), k] as [string, Buffer])]);
  const keyId = keyIdOf(current);
  const encrypt = (plaintext: string): string => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', current, iv);
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', keyId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  };
  const decrypt = (sealed: string): string => {
    const [version, kid, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !kid || !iv || !tag || data === undefined) throw new DecryptionError('credentials blob is not in a known format');
    const key = keys.get(kid);
    if (!key) throw new DecryptionError(`credentials were encrypted with key ${kid}, which is not configured (wrong ENCRYPTION_KEY?)`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new DecryptionError('credentials could not be decrypted: the key does not match or the data was altered');
    }
  };
  const macKey = createHmac('sha256', current).update('gateway:signing').digest();
  return {
    keyId,
    sign: (data) => createHmac('sha256', macKey).update(data).digest('base64url'),
    encrypt,
    decrypt,
    encryptJson: (value) => encrypt(JSON.stringify(value)),
    decryptJson: <T>(sealed: string) => JSON.parse(decrypt(sealed)) as T,
    reseal: (sealed) => (sealedKeyId(sealed) === keyId ? sealed : encrypt(decrypt(sealed))),
  };
}

/**
 * The key from ENCRYPTION_KEY, or (embedded default) from `<dataDir>/encryption.key`, created with
 * mode 0600 on first start.
 */
export function loadOrCreateKey(configured: string | null, dataDir: string): Buffer {
  if (configured) return parseKey(configured);
  const file = path.join(dataDir, 'encryption.key');
  if (existsSync(file)) return parseKey(readFileSync(file, 'utf8'));
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return key;
}

/** Constant-time comparison of two signatures. */
export function sameSignature(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
