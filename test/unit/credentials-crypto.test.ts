import { mkdtempSync, statSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createCipher, DecryptionError, loadOrCreateKey, parseKey } from '../../src/connections/credentials-crypto';

describe('credentials crypto (AES-256-GCM)', () => {
  const key = randomBytes(32);

  it('round-trips and uses a fresh IV for every value', () => {
    const c = createCipher(key);
    const a = c.encryptJson({ accessToken: 'at-1' });
    const b = c.encryptJson({ accessToken: 'at-1' });
    expect(a).not.toBe(b);
    expect(a.split('.')[2]).not.toBe(b.split('.')[2]);
    expect(Buffer.from(a.split('.')[2], 'base64url')).toHaveLength(12);
    expect(c.decryptJson(a)).toEqual({ accessToken: 'at-1' });
    expect(a).not.toContain('at-1');
  });

  it('stores the key id with the ciphertext so keys can rotate', () => {
    const old = createCipher(key);
    const sealed = old.encrypt('secret');
    const rotated = createCipher(randomBytes(32), [key]);
    expect(sealed.split('.')[1]).toBe(old.keyId);
    expect(rotated.decrypt(sealed)).toBe('secret');
    expect(rotated.encrypt('x').split('.')[1]).toBe(rotated.keyId);
  });

  it('fails clearly with a wrong key or altered data, never with garbage', () => {
    const sealed = createCipher(key).encrypt('secret');
    expect(() => createCipher(randomBytes(32)).decrypt(sealed)).toThrow(DecryptionError);
    expect(() => createCipher(randomBytes(32)).decrypt(sealed)).toThrow(/wrong ENCRYPTION_KEY/);
    const parts = sealed.split('.');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => createCipher(key).decrypt(parts.join('.'))).toThrow(/could not be decrypted/);
  });

  it('creates a 0600 key file under DATA_DIR on first start and reuses it', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gw-key-'));
    const first = loadOrCreateKey(null, dir);
    const file = path.join(dir, 'encryption.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateKey(null, dir).equals(first)).toBe(true);
    expect(parseKey(readFileSync(file, 'utf8')).equals(first)).toBe(true);
  });

  it('prefers ENCRYPTION_KEY (base64 or hex)', () => {
    expect(loadOrCreateKey(key.toString('base64'), '/nonexistent').equals(key)).toBe(true);
    expect(loadOrCreateKey(key.toString('hex'), '/nonexistent').equals(key)).toBe(true);
  });
});
