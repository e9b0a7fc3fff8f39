import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, type Config } from '../config/config';
import { createCipher, keyIdOf, parseKey, type CredentialsCipher } from './credentials-crypto';

/**
 * Which keys the gateway holds: the current one seals, every one opens. Precedence for the current
 * key: ENCRYPTION_KEY > ENCRYPTION_KEY_FILE > `<dataDir>/encryption.key` (created on first start).
 * Previous keys come from ENCRYPTION_PREVIOUS_KEYS and, for a key file, from its sibling
 * `<key file>.previous` (one key a line), which `rotate-key` writes and `rotate-key --finish` removes.
 */
export type KeySource =
  | { kind: 'env' }
  | { kind: 'file'; file: string; previousFile: string; variable: 'ENCRYPTION_KEY_FILE' | 'DATA_DIR' };

export interface KeyRing {
  current: Buffer;
  previous: Buffer[];
  source: KeySource;
}

export const GENERATED_KEY_FILE = 'encryption.key';

export const previousKeysFileOf = (keyFile: string): string => `${keyFile}.previous`;

export function keySourceOf(config: Config): KeySource {
  if (config.encryptionKey) return { kind: 'env' };
  const file = config.encryptionKeyFile ?? path.join(config.dataDir, GENERATED_KEY_FILE);
  return { kind: 'file', file, previousFile: previousKeysFileOf(file), variable: config.encryptionKeyFile ? 'ENCRYPTION_KEY_FILE' : 'DATA_DIR' };
}

/** Reads (or, for the generated file, creates) the keys. A malformed file stops the start, naming it. */
export function loadKeyRing(config: Config): KeyRing {
  const source = keySourceOf(config);
  const previous = config.encryptionPreviousKeys.map(parseKey);
  if (source.kind === 'env') {
    const current = parseKey(config.encryptionKey!);
    return { current, previous: dedupe(current, previous), source };
  }
  if (!existsSync(source.file)) {
    if (source.variable === 'ENCRYPTION_KEY_FILE') throw new ConfigError(`Invalid configuration: ENCRYPTION_KEY_FILE: ${source.file} does not exist`);
    writeKeyFile(source.file, [randomBytes(32)]);
  }
  const current = readKeys(source.file, source.variable)[0];
  if (!current) throw new ConfigError(`Invalid configuration: ${source.variable}: ${source.file} holds no key`);
  const fromSibling = existsSync(source.previousFile) ? readKeys(source.previousFile, source.variable) : [];
  return { current, previous: dedupe(current, [...previous, ...fromSibling]), source };
}

export const cipherOf = (ring: KeyRing): CredentialsCipher => createCipher(ring.current, ring.previous);

/**
 * Writes keys (one a line, base64) through a temporary file and a rename, mode 0600: a crash
 * leaves the old file or the new one, never half of one.
 */
export function writeKeyFile(file: string, keys: Buffer[]): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, keys.map((k) => `${k.toString('base64')}\n`).join(''), { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** Every key except the current one, each once, in the order given. */
export function dedupe(current: Buffer, keys: Buffer[]): Buffer[] {
  const seen = new Set([keyIdOf(current)]);
  return keys.filter((k) => !seen.has(keyIdOf(k)) && seen.add(keyIdOf(k)));
}

/** The keys of a key file, one a line; a malformed line stops with a message naming the variable. */
export function readKeys(file: string, variable: string): Buffer[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`Invalid configuration: ${variable}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return text.split('\n').map((line) => line.trim()).filter(Boolean).map((line, i) => {
    try {
      return parseKey(line);
    } catch {
      throw new ConfigError(`Invalid configuration: ${variable}: line ${i + 1} of ${file} is not a 32-byte key (base64 or hex)`);
    }
  });
}
