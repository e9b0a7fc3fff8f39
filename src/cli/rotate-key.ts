import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import type { Config } from '../config/config';
import { createCipher, keyIdOf, parseKey } from '../connections/credentials-crypto';
import { cipherOf, dedupe, loadKeyRing, readKeys, writeKeyFile, type KeyRing } from '../connections/key-ring';
import { resealStore, type ResealCounts } from '../connections/key-rotation';
import type { Store } from '../store';

export interface RotateKeyOptions {
  /** `--finish`: re-seal what is still under a previous key, then retire the previous keys. */
  finish: boolean;
  /** `--print`: print the new key instead of writing it to the key file (a read-only mounted secret). */
  print: boolean;
  /** `--new-key-file <path>`: the new key, instead of a generated one. */
  newKey: Buffer | null;
}

export function parseRotateKeyArgs(args: string[]): RotateKeyOptions {
  const options: RotateKeyOptions = { finish: false, print: false, newKey: null };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--finish') options.finish = true;
    else if (arg === '--print') options.print = true;
    else if (arg === '--new-key-file' && args[i + 1]) options.newKey = readNewKey(args[++i]);
    else throw new Error(`rotate-key: unknown argument ${arg}`);
  }
  if (options.finish && (options.print || options.newKey)) throw new Error('rotate-key: --finish takes no other option');
  return options;
}

function readNewKey(file: string): Buffer {
  try {
    return parseKey(readFileSync(file, 'utf8'));
  } catch {
    throw new Error(`rotate-key: --new-key-file ${file} must hold one 32-byte key (base64 or hex)`);
  }
}

const summary = (counts: ResealCounts): string =>
  Object.entries(counts).map(([name, n]) => `${name} ${n}`).join(', ');

/**
 * `rotate-key`: a new current key, the old one kept as a previous key, and every stored sealed
 * value re-sealed under the new one. Where the key lives decides where the new one goes:
 * - a key file (ENCRYPTION_KEY_FILE, or the generated DATA_DIR/encryption.key): the old key is
 *   added to `<file>.previous` first, then the new key replaces the file (each written atomically),
 *   so a crash at any point leaves a key set that opens everything;
 * - ENCRYPTION_KEY (or --print): nothing to write; the new key is printed before any value is
 *   re-sealed, for the operator to put in the environment (old key in ENCRYPTION_PREVIOUS_KEYS).
 * `rotate-key --finish` (once every gateway runs with the new key) re-seals whatever a gateway still
 * on the old key wrote meanwhile, and removes `<file>.previous`.
 */
export async function rotateKey(config: Config, store: Store, options: RotateKeyOptions, out: (line: string) => void): Promise<void> {
  const ring = loadKeyRing(config);
  if (options.finish) return finish(config, store, ring, out);

  const next = options.newKey ?? randomBytes(32);
  if (keyIdOf(next) === keyIdOf(ring.current)) throw new Error('rotate-key: the new key is the current key');
  const oldId = keyIdOf(ring.current);
  const source = ring.source;
  if (source.kind === 'file' && !options.print) {
    const kept = existsSync(source.previousFile) ? readKeys(source.previousFile, source.variable) : [];
    try {
      writeKeyFile(source.previousFile, dedupe(next, [ring.current, ...kept]));
      writeKeyFile(source.file, [next]);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      throw new Error(`rotate-key: cannot write ${source.file} or ${source.previousFile} (${code}); nothing was re-sealed. For a read-only secret, run rotate-key --print and update the secret yourself.`);
    }
    out(`New key ${keyIdOf(next)} written to ${source.file}; the old key ${oldId} is kept in ${source.previousFile}.`);
  } else {
    out(`New key ${keyIdOf(next)} (shown once):`);
    out(next.toString('base64'));
    out(source.kind === 'file'
      ? `Put it in ${source.file} and the old key ${oldId} in ENCRYPTION_PREVIOUS_KEYS before restarting the gateway.`
      : `Set ENCRYPTION_KEY to it, and the old key ${oldId} in ENCRYPTION_PREVIOUS_KEYS, before restarting the gateway.`);
  }

  const counts = await resealStore(store, createCipher(next, dedupe(next, [ring.current, ...ring.previous])));
  out(`Re-sealed under ${keyIdOf(next)}: ${summary(counts)}.`);
  out('Restart every gateway, then run `npm run admin -- rotate-key --finish` to retire the old key.');
}

async function finish(config: Config, store: Store, ring: KeyRing, out: (line: string) => void): Promise<void> {
  const counts = await resealStore(store, cipherOf(ring));
  out(`Every stored value is sealed under ${keyIdOf(ring.current)} (re-sealed now: ${summary(counts)}).`);
  if (ring.source.kind === 'file' && existsSync(ring.source.previousFile)) {
    rmSync(ring.source.previousFile);
    out(`Removed ${ring.source.previousFile}: the old keys are retired.`);
  }
  if (config.encryptionPreviousKeys.length > 0) out('Remove ENCRYPTION_PREVIOUS_KEYS from the environment: no stored value needs it.');
}
