import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/config';
import { createCipher, keyIdOf } from '../../src/connections/credentials-crypto';
import { cipherOf, loadKeyRing } from '../../src/connections/key-ring';

const dirs: string[] = [];
const tmp = (): string => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gw-keys-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => { for (const dir of dirs) rmSync(dir, { recursive: true, force: true }); });
const ids = (keys: Buffer[]): string[] => keys.map(keyIdOf);

describe('encryption keys: where they come from', () => {
  const a = randomBytes(32);
  const b = randomBytes(32);
  const c = randomBytes(32);

  it('reads ENCRYPTION_KEY_FILE (base64 or hex, trailing newline) when ENCRYPTION_KEY is unset', () => {
    const dir = tmp();
    for (const text of [`${a.toString('base64')}\n`, a.toString('hex')]) {
      const file = path.join(dir, 'key');
      writeFileSync(file, text);
      const config = loadConfig({ DATA_DIR: dir, ENCRYPTION_KEY_FILE: file });
      expect(config.encryptionKeyFile).toBe(file);
      const ring = loadKeyRing(config);
      expect(ring.current.equals(a)).toBe(true);
      expect(ring.source).toEqual({ kind: 'file', file, previousFile: `${file}.previous`, variable: 'ENCRYPTION_KEY_FILE' });
    }
  });

  it.each([
    ['a missing file', (dir: string) => path.join(dir, 'nope'), /ENCRYPTION_KEY_FILE: cannot read .*nope \(ENOENT\)/],
    ['a directory', (dir: string) => dir, /ENCRYPTION_KEY_FILE: cannot read/],
    ['a short key', (dir: string) => { const f = path.join(dir, 'short'); writeFileSync(f, 'c2hvcnQ='); return f; }, /ENCRYPTION_KEY_FILE: .*short does not hold a key/],
    ['an empty file', (dir: string) => { const f = path.join(dir, 'empty'); writeFileSync(f, ''); return f; }, /ENCRYPTION_KEY_FILE: .*empty does not hold a key/],
  ])('stops at start on %s, naming ENCRYPTION_KEY_FILE', (_what, fileOf, message) => {
    const dir = tmp();
    const env = { DATA_DIR: dir, ENCRYPTION_KEY_FILE: fileOf(dir) };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('precedence: ENCRYPTION_KEY > ENCRYPTION_KEY_FILE > the generated DATA_DIR/encryption.key', () => {
    const dir = tmp();
    const file = path.join(dir, 'mounted.key');
    writeFileSync(file, b.toString('base64'));
    const both = loadConfig({ DATA_DIR: dir, ENCRYPTION_KEY: a.toString('base64'), ENCRYPTION_KEY_FILE: path.join(dir, 'ignored-missing') });
    expect(loadKeyRing(both)).toMatchObject({ current: a, source: { kind: 'env' } });
    expect(loadKeyRing(loadConfig({ DATA_DIR: dir, ENCRYPTION_KEY_FILE: file })).current.equals(b)).toBe(true);
    const generated = loadKeyRing(loadConfig({ DATA_DIR: dir }));
    const generatedFile = path.join(dir, 'encryption.key');
    expect(generated.source).toMatchObject({ kind: 'file', file: generatedFile, variable: 'DATA_DIR' });
    expect(statSync(generatedFile).mode & 0o777).toBe(0o600);
    expect(loadKeyRing(loadConfig({ DATA_DIR: dir })).current.equals(generated.current)).toBe(true);
  });

  it('previous keys from ENCRYPTION_PREVIOUS_KEYS and the key file sibling open old values; new ones use the current key', () => {
    const dir = tmp();
    const file = path.join(dir, 'key');
    writeFileSync(file, c.toString('base64'));
    writeFileSync(`${file}.previous`, `${b.toString('hex')}\n\n${c.toString('base64')}\n`);
    const ring = loadKeyRing(loadConfig({ DATA_DIR: dir, ENCRYPTION_KEY_FILE: file, ENCRYPTION_PREVIOUS_KEYS: ` ${a.toString('base64')} , ${b.toString('base64')}` }));
    expect(ids(ring.previous)).toEqual(ids([a, b]));
    const cipher = cipherOf(ring);
    expect(cipher.decrypt(createCipher(a).encrypt('from a'))).toBe('from a');
    expect(cipher.decrypt(createCipher(b).encrypt('from b'))).toBe('from b');
    const resealed = cipher.reseal(createCipher(a).encrypt('x'));
    expect(resealed.split('.')[1]).toBe(keyIdOf(c));
    expect(cipher.reseal(resealed)).toBe(resealed);
  });

  it('a bad previous key stops the start, naming where it came from', () => {
    const dir = tmp();
    expect(() => loadConfig({ DATA_DIR: dir, ENCRYPTION_PREVIOUS_KEYS: `${a.toString('base64')},nope` })).toThrow(/ENCRYPTION_PREVIOUS_KEYS:/);
    const file = path.join(dir, 'key');
    writeFileSync(file, a.toString('base64'));
    writeFileSync(`${file}.previous`, 'garbage\n');
    const config = loadConfig({ DATA_DIR: dir, ENCRYPTION_KEY_FILE: file });
    expect(() => loadKeyRing(config)).toThrow(/ENCRYPTION_KEY_FILE: line 1 of .*key\.previous is not a 32-byte key/);
    expect(readFileSync(file, 'utf8')).toBe(a.toString('base64'));
  });
});
